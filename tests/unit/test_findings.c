/*
 * test_findings.c: every input a fuzzer once crashed on is analysed again
 * here (tests/fuzz/corpus/<target>/regress-*), whole and in the thirds
 * fuzz_match cuts it into, so that make test (and its ASan and UBSan run)
 * catches a regression without a fuzzing run: a quote that ends the text
 * (name_age read the token past the last), a participle opening the text
 * (participle_speaker walked back from token 0).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static void analyse(const char *text, size_t len)
{
    analysis *a = NULL;
    assert_int_equal(analysis_run(text, len, &a), 0);
    analysis_free(a);
}

static size_t analyse_dir(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
        if (strncmp(e->d_name, "regress-", 8) != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *text = slurp(path, &len);
        assert_non_null(text);
        analyse(text, len);
        analyse(text, len / 3);
        analyse(text + len / 3, 2 * len / 3 - len / 3);
        analyse(text + 2 * len / 3, len - 2 * len / 3);
        free(text);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

static void findings_analyse_cleanly(void **state)
{
    (void)state;
    size_t n = analyse_dir("tests/fuzz/corpus/analysis") + analyse_dir("tests/fuzz/corpus/match");
    assert_true(n >= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(findings_analyse_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
