/*
 * test_match.c: the variations issue 3 names, one alignment each, on quotes
 * written for the test: spelling rules beyond -our/-or and -ise/-ize,
 * dashes and marks, an ellipsis cut, [bracketed] words at an end,
 * overlapping cuts, sentences that merely open alike, a few re-translated
 * words, and the rule that short partial quotes never link to each other.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>

#include "match.h"
#include "norm.h"

static norm_words words_of(const char *s)
{
    norm_words w = {0};
    assert_int_equal(norm_quote(s, 0, strlen(s), &w), 0);
    return w;
}

static bool same_words(const char *a, const char *b)
{
    norm_words x = words_of(a), y = words_of(b);
    bool same = x.n == y.n;
    for (size_t i = 0; same && i < x.n; i++)
        same = norm_same_word(&x.v[i], &y.v[i]);
    norm_words_free(&x);
    norm_words_free(&y);
    return same;
}

static match_result align(const char *a, const char *b)
{
    norm_words x = words_of(a), y = words_of(b);
    match_result r;
    assert_int_equal(match_align(a, &x, b, &y, &r), 0);
    norm_words_free(&x);
    norm_words_free(&y);
    return r;
}

static void spelling_rules(void **state)
{
    (void)state;
    assert_true(same_words("we analyse the catalogue", "we analyze the catalog"));
    assert_true(same_words("the centre of the theatre", "the center of the theater"));
    assert_true(same_words("they apologised", "they apologized"));
    assert_false(same_words("the centre", "the cent"));
}

static void marks_and_dashes(void **state)
{
    (void)state;
    assert_true(same_words("it’s over — for now", "it's over - for now"));
    match_result r = align("Nobody on the quay believes it — not the crews, not the owners",
                           "Nobody on the quay believes it, not the crews, not the owners");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_SAME);
    match_result_free(&r);
}

static void ellipsis_cut(void **state)
{
    (void)state;
    match_result r = align("We will keep the harbour open through the winter and we will pay every crew on time",
                           "We will keep the harbour open … and we will pay every crew on time");
    assert_true(r.linked);
    assert_true(r.classes & DIFF_EDITORIAL);
    assert_false(r.classes & DIFF_WORDING);
    match_result_free(&r);
}

static void bracketed_ends(void **state)
{
    (void)state;
    match_result r = align("[The new pier] has cost this town more than any of us expected",
                           "It has cost this town more than any of us expected");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_VARIANT);
    assert_true(r.classes & DIFF_EDITORIAL);
    assert_false(r.classes & (DIFF_TRIMMED | DIFF_WORDING));
    match_result_free(&r);
}

static void overlapping_cuts(void **state)
{
    (void)state;
    match_result r = align("The tariffs hurt the fishing towns first and the shipyards next",
                           "the fishing towns first and the shipyards next, and nobody in the capital listened");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_OVERLAP);
    assert_true(r.classes & DIFF_TRIMMED);
    match_result_free(&r);
}

static void forks(void **state)
{
    (void)state;
    match_result r = align("We want a fair deal for every coastal family in the country",
                           "We want a fair deal that respects the treaties");
    assert_false(r.linked); /* two sentences that open alike */
    match_result_free(&r);
    r = align("The crews have waited three winters for the new breakwater. They are tired.",
              "The crews have waited three winters for the new breakwater. Nobody listens.");
    assert_true(r.linked); /* one sentence, joined to two different next ones */
    assert_int_equal(r.relation, REL_OVERLAP);
    match_result_free(&r);
}

static void retranslated_words(void **state)
{
    (void)state;
    match_result r = align("Our country will never accept pressure from outside on questions of the coast",
                           "Our country will never accept coercion from abroad on questions of the coast");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_VARIANT);
    assert_true(r.classes & DIFF_WORDING);
    assert_true(r.similarity < 1.0f);
    match_result_free(&r);
}

static void short_partials_do_not_pair(void **state)
{
    (void)state;
    match_result r = align("every berth", "every berth");
    assert_false(r.linked);
    match_result_free(&r);
    r = align("mutual respect", "respect");
    assert_false(r.linked);
    match_result_free(&r);
    r = align("a fair deal", "a fair deal");
    assert_false(r.linked);
    match_result_free(&r);
    r = align("a fair deal", "We want a fair deal for every family on this coast");
    assert_true(r.linked); /* three words with a function word: held whole */
    assert_int_equal(r.relation, REL_WITHIN);
    match_result_free(&r);
    r = align("a fair deal", "We want a fair and lasting deal for every family");
    assert_false(r.linked); /* not held whole, in order */
    match_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spelling_rules),
        cmocka_unit_test(marks_and_dashes),
        cmocka_unit_test(ellipsis_cut),
        cmocka_unit_test(bracketed_ends),
        cmocka_unit_test(overlapping_cuts),
        cmocka_unit_test(forks),
        cmocka_unit_test(retranslated_words),
        cmocka_unit_test(short_partials_do_not_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
