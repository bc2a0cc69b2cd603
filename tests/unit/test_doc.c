/*
 * test_doc.c: the buffer copy against a plain model under the edits Neovim
 * sends, and the edits it must refuse.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"

static void apply(doc *d, int64_t first, int64_t last, const char *const *lines, size_t n, int want)
{
    size_t len[8];
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(lines[i]);
    assert_int_equal(doc_apply(d, first, last, lines, len, n), want);
}

static void expect_text(doc *d, const char *want)
{
    size_t n;
    assert_int_equal(doc_bytes(d), strlen(want)); /* the size the limit reads */
    const char *t = doc_text(d, &n);
    assert_non_null(t);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(t, want, n);
}

static void whole_buffer_then_edits(void **state)
{
    (void)state;
    doc *d = doc_new();
    const char *all[] = {"“One,” she said.", "", "Two."};
    apply(d, 0, -1, all, 3, 0);
    expect_text(d, "“One,” she said.\n\nTwo.");
    const char *typed[] = {"“One more,” she said."};
    apply(d, 0, 1, typed, 1, 0);
    expect_text(d, "“One more,” she said.\n\nTwo.");
    const char *added[] = {"", "Three."};
    apply(d, 3, 3, added, 2, 0);
    expect_text(d, "“One more,” she said.\n\nTwo.\n\nThree.");
    apply(d, 1, 3, NULL, 0, 0);
    expect_text(d, "“One more,” she said.\n\nThree.");
    assert_int_equal(doc_line_count(d), 3);
    doc_free(d);
}

static void impossible_ranges_are_refused(void **state)
{
    (void)state;
    doc *d = doc_new();
    const char *one[] = {"x"};
    apply(d, 0, -1, one, 1, 0);
    apply(d, 2, 3, one, 1, -ERANGE);
    apply(d, 1, 0, one, 1, -ERANGE);
    apply(d, -1, 0, one, 1, -ERANGE);
    expect_text(d, "x");
    doc_free(d);
}

/* Found by fuzz_doc: deleting nothing from an empty copy once did pointer
 * arithmetic on NULL. */
static void empty_copy_edits(void **state)
{
    (void)state;
    doc *d = doc_new();
    apply(d, 0, 0, NULL, 0, 0);
    apply(d, 0, -1, NULL, 0, 0);
    expect_text(d, "");
    doc_free(d);
}

static void random_edits_match_a_model(void **state)
{
    (void)state;
    doc *d = doc_new();
    char *model[200];
    size_t n = 0;
    srand(7);
    for (int step = 0; step < 2000; step++) {
        size_t a = n ? (size_t)rand() % (n + 1) : 0, b = a + (n > a ? (size_t)rand() % (n - a + 1) : 0);
        size_t k = (size_t)rand() % 3;
        if (n - (b - a) + k > 200)
            continue;
        char buf[3][16];
        const char *lines[3];
        size_t len[3];
        for (size_t i = 0; i < k; i++) {
            snprintf(buf[i], sizeof buf[i], "l%d.%zu “q”", step, i);
            lines[i] = buf[i];
            len[i] = strlen(buf[i]);
        }
        assert_int_equal(doc_apply(d, (int64_t)a, (int64_t)b, lines, len, k), 0);
        for (size_t i = a; i < b; i++)
            free(model[i]);
        memmove(model + a + k, model + b, (n - b) * sizeof *model);
        for (size_t i = 0; i < k; i++)
            model[a + i] = strdup(buf[i]);
        n = n - (b - a) + k;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(model[i]) + 1;
    char *want = malloc(total + 1), *p = want;
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "%s%s", model[i], i + 1 < n ? "\n" : "");
        free(model[i]);
    }
    expect_text(d, want);
    free(want);
    doc_free(d);
}

/* What doc_unchanged promises must hold: the bytes it calls unchanged at
 * either end equal the text as it was seen. */
static void unchanged_ends(void **state)
{
    (void)state;
    doc *d = doc_new();
    const char *all[] = {"one", "two", "three", "four"};
    apply(d, 0, -1, all, 4, 0);
    size_t head, tail, len;
    doc_unchanged(d, &head, &tail);
    assert_int_equal(head, 0); /* never seen: all of it may have changed */
    doc_seen(d);
    const char *text = doc_text(d, &len);
    char seen[64];
    memcpy(seen, text, len);
    size_t seen_len = len;
    const char *typed[] = {"twoo"};
    apply(d, 1, 2, typed, 1, 0);
    const char *added[] = {"", "3.5"};
    apply(d, 3, 3, added, 2, 0);
    text = doc_text(d, &len);
    doc_unchanged(d, &head, &tail);
    assert_int_equal(head, strlen("one\n"));
    assert_int_equal(tail, strlen("four"));
    assert_memory_equal(text, seen, head);
    assert_memory_equal(text + len - tail, seen + seen_len - tail, tail);
    const char *last[] = {"four!"};
    apply(d, 5, 6, last, 1, 0);
    doc_unchanged(d, &head, &tail);
    assert_int_equal(tail, 0);
    doc_seen(d);
    doc_unchanged(d, &head, &tail);
    text = doc_text(d, &len);
    assert_int_equal(head, len);
    assert_int_equal(tail, len);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_buffer_then_edits),
        cmocka_unit_test(unchanged_ends),
        cmocka_unit_test(impossible_ranges_are_refused),
        cmocka_unit_test(empty_copy_edits),
        cmocka_unit_test(random_edits_match_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
