/*
 * test_fileid.c: the set of file identities. A pair is new once and known
 * after, however many pairs share a device or an inode number; the set
 * grows past many doublings without losing one; and real paths that name
 * one file (a symbolic link, "dir/../file") give one identity through
 * source_load.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileid.h"
#include "source.h"

static void new_once_then_known(void **state)
{
    (void)state;
    fileid_set s = {0};
    assert_int_equal(fileid_add(&s, 1, 7), 1);
    assert_int_equal(fileid_add(&s, 1, 7), 0);
    assert_int_equal(fileid_add(&s, 2, 7), 1); /* same inode, other device */
    assert_int_equal(fileid_add(&s, 1, 8), 1);
    assert_int_equal(s.n, 3);
    fileid_set_free(&s);
    assert_int_equal(fileid_add(&s, 1, 7), 1); /* a freed set is empty and usable */
    fileid_set_free(&s);
}

static void grows_without_loss(void **state)
{
    (void)state;
    fileid_set s = {0};
    for (ino_t i = 0; i < 100000; i++)
        assert_int_equal(fileid_add(&s, (dev_t)(i % 3), i), 1);
    for (ino_t i = 0; i < 100000; i++)
        assert_int_equal(fileid_add(&s, (dev_t)(i % 3), i), 0);
    assert_int_equal(s.n, 100000);
    fileid_set_free(&s);
}

static void spellings_of_one_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/ql-fileid-XXXXXX", path[64], link[64], dotted[96];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.txt", dir);
    snprintf(link, sizeof link, "%s/b.txt", dir);
    snprintf(dotted, sizeof dotted, "%s/../%s/a.txt", dir, strrchr(dir, '/') + 1);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("Text.\n", fp);
    fclose(fp);
    assert_int_equal(symlink(path, link), 0);
    fileid_set s = {0};
    const char *names[] = {path, link, dotted};
    for (int i = 0; i < 3; i++) {
        source *src;
        assert_int_equal(source_load(names[i], &src), 0);
        assert_int_equal(fileid_add(&s, src->dev, src->ino), i == 0);
        source_free(src);
    }
    fileid_set_free(&s);
    unlink(link);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(new_once_then_known),
        cmocka_unit_test(grows_without_loss),
        cmocka_unit_test(spellings_of_one_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
