/*
 * test_xref.c: folding, alignment and the corpus, on quotes written for the
 * test; among them the variations issue 3 names, one alignment each:
 * spelling rules, contractions, dashes and marks, an ellipsis cut, [bracketed] words at an
 * end, overlapping cuts, sentences that merely open alike, re-translated
 * words, and short partial quotes that never link to each other.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "corpus.h"
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

static void folding(void **state)
{
    (void)state;
    assert_true(same_words("The U.K. behaviour", "the UK behavior"));
    assert_true(same_words("strong-arming, organised", "strong arming organized"));
    assert_true(same_words("we’ve", "we've"));
    assert_true(same_words("CAFÉ", "cafe"));
    /* Contractions are their two words; a possessive is not a contraction. */
    assert_true(same_words("We’ll rebuild it, and we won’t stop", "we will rebuild it and we will not stop"));
    assert_true(same_words("there's no question, let's see", "there is no question let us see"));
    assert_true(same_words("I'm sure they've gone and I'd say it's over",
                           "I am sure they have gone and I would say it is over"));
    assert_false(same_words("Ruiz's plan", "Ruiz is plan"));
    assert_false(same_words("our values", "or values"));
    norm_words w = words_of("keep [the] port … open");
    assert_int_equal(w.n, 4);
    assert_true(w.v[1].flags & NORM_BRACKETED);
    assert_true(w.v[3].flags & NORM_AFTER_GAP);
    norm_words_free(&w);
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

static void relations_and_classes(void **state)
{
    (void)state;
    match_result r = align("We will keep every berth of this port open for the fishing fleet",
                           "We will keep every berth of this port open");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_CONTAINS);
    assert_true(r.classes & DIFF_TRIMMED);
    match_result_free(&r);
    r = align("The minister has been really clear about the future of the harbour",
              "The minister has been very clear about the future of the harbor");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_VARIANT);
    assert_true(r.classes & DIFF_WORDING);
    assert_true(r.classes & DIFF_SPELLING);
    match_result_free(&r);
    /* A contraction weighs as the word it was written as: "there's" and the
     * whole phrase after it link despite the one word changed. */
    r = align("Still I don't believe there's any chance of closing the north pier",
              "There's no chance of closing the north pier");
    assert_true(r.linked);
    assert_true(r.classes & DIFF_WORDING);
    match_result_free(&r);
    /* Changed words before an equal last word: one variant, not two
     * quotes that part ways ("this" / "the current" is wording, no trim). */
    r = align("simply not affordable in this market", "simply not affordable in the current market");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_VARIANT);
    assert_int_equal(r.classes, DIFF_WORDING);
    match_result_free(&r);
    /* A word or two differing at the start on both sides is wording, not
     * two sentences that open alike: linked whichever side asks. */
    static const char honour[] = "It has been an honor to serve the people of this country,";
    static const char honour_more[] = "It's been an honour to serve the people of this country. "
                                       "I will continue to serve them from the back benches.";
    r = align(honour, honour_more);
    assert_true(r.linked);
    match_result_free(&r);
    r = align(honour_more, honour);
    assert_true(r.linked);
    match_result_free(&r);
    r = align("Nobody should be surprised by the decision of the Harbour Authority board",
              "Nobody should be surprised by the decision of the Harbour Authority board");
    assert_int_equal(r.relation, REL_SAME);
    match_result_free(&r);
}

static void stock_phrases_do_not_link(void **state)
{
    (void)state;
    match_result r = align("We reject the claims made by the Valdorian Ports Authority today",
                           "Nobody trusts the Valdorian Ports Authority with the harbour budget");
    assert_false(r.linked);
    match_result_free(&r);
    r = align("every berth", "We will defend every berth and every crane in this port");
    assert_true(r.linked); /* a two-word quote held whole by a longer one */
    assert_int_equal(r.relation, REL_WITHIN);
    match_result_free(&r);
    /* Four words with two content words: held whole, or not at all. */
    r = align("back in our faces", "they have thrown it back in our faces");
    assert_true(r.linked);
    assert_int_equal(r.relation, REL_WITHIN);
    match_result_free(&r);
    r = align("back in our faces", "they came back in our ranks with new faces");
    assert_false(r.linked);
    match_result_free(&r);
}

static void corpus_put_replace_drop(void **state)
{
    (void)state;
    static const char a[] = "“We will defend every berth in this port,” Ruiz said.";
    static const char b[] = "“We will defend every berth in this port and more,” the minister said.";
    corpus *c = corpus_new();
    analysis *x, *y, *empty;
    assert_int_equal(analysis_run(a, sizeof a - 1, &x), 0);
    assert_int_equal(analysis_run(b, sizeof b - 1, &y), 0);
    assert_int_equal(analysis_run("", 0, &empty), 0);
    assert_int_equal(corpus_put(c, "empty", "", 0, empty), 0); /* found by fuzz_match */
    assert_int_equal(corpus_put(c, "a", a, sizeof a - 1, x), 0);
    assert_int_equal(corpus_put(c, "b", b, sizeof b - 1, y), 0);
    xref_source *s;
    size_t n;
    assert_int_equal(corpus_sources(c, "a", 0, &s, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(s[0].doc, "b");
    assert_int_equal(s[0].relation, REL_WITHIN);
    xref_sources_free(s, n);
    assert_int_equal(corpus_put(c, "b", a, sizeof a - 1, x), 0); /* replaced */
    assert_int_equal(corpus_sources(c, "a", 0, &s, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].relation, REL_SAME);
    xref_sources_free(s, n);
    assert_int_equal(corpus_drop(c, "b"), 0);
    assert_int_equal(corpus_drop(c, "b"), -ENOENT);
    assert_int_equal(corpus_sources(c, "a", 0, &s, &n), 0);
    assert_int_equal(n, 0);
    xref_sources_free(s, n);
    assert_int_equal(corpus_sources(c, "b", 0, &s, &n), -ENOENT);
    analysis_free(x);
    analysis_free(y);
    analysis_free(empty);
    corpus_free(c);
}

/* A corpus folder is indexed while the user types: documents put one by
 * one between look-ups, each look-up sorting only what came since. */
static void puts_between_look_ups(void **state)
{
    (void)state;
    static const char a[] = "“We will defend every berth in this port,” Ruiz said.";
    static const char b[] = "“We will defend every berth in this port and more,” the minister said.";
    corpus *c = corpus_new();
    analysis *x, *y;
    assert_int_equal(analysis_run(a, sizeof a - 1, &x), 0);
    assert_int_equal(analysis_run(b, sizeof b - 1, &y), 0);
    assert_int_equal(corpus_put(c, "a", a, sizeof a - 1, x), 0);
    for (int i = 0; i < 60; i++) {
        char name[16];
        snprintf(name, sizeof name, "d%d", i);
        assert_int_equal(corpus_put(c, name, b, sizeof b - 1, y), 0);
        if (i % 7 == 3) /* and a replaced one, whose old postings are purged */
            assert_int_equal(corpus_put(c, "a", a, sizeof a - 1, x), 0);
        xref_source *s;
        size_t n;
        assert_int_equal(corpus_sources(c, "a", 0, &s, &n), 0);
        assert_int_equal(n, (size_t)i + 1);
        xref_sources_free(s, n);
    }
    analysis_free(x);
    analysis_free(y);
    corpus_free(c);
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
        cmocka_unit_test(folding),
        cmocka_unit_test(relations_and_classes),
        cmocka_unit_test(stock_phrases_do_not_link),
        cmocka_unit_test(corpus_put_replace_drop),
        cmocka_unit_test(puts_between_look_ups),
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
