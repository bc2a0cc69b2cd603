/*
 * test_quote.c: the quote finder, one rule and its edges per test, on short
 * texts written for the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"

static analysis *run(const char *text)
{
    analysis *a = NULL;
    assert_int_equal(analysis_run(text, strlen(text), &a), 0);
    return a;
}

/* Asserts the quotes of text are exactly the given inner texts, in order. */
static void expect_quotes(const char *text, size_t n, ...)
{
    analysis *a = run(text);
    va_list ap;
    va_start(ap, n);
    if (a->n_quotes != n) {
        for (size_t i = 0; i < a->n_quotes; i++)
            fprintf(stderr, "  got: [%.*s]\n", (int)(a->quotes[i].end - a->quotes[i].start),
                    text + a->quotes[i].start);
    }
    assert_int_equal(a->n_quotes, n);
    for (size_t i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        const quote *q = &a->quotes[i];
        char got[512];
        snprintf(got, sizeof got, "%.*s", (int)(q->end - q->start), text + q->start);
        assert_string_equal(got, want);
    }
    va_end(ap);
    analysis_free(a);
}

static bool has_diag(const char *text, const char *code)
{
    analysis *a = run(text);
    bool found = false;
    for (size_t i = 0; i < a->n_diags; i++)
        found |= strcmp(a->diags[i].code, code) == 0;
    analysis_free(a);
    return found;
}

static void curly_and_straight(void **state)
{
    (void)state;
    expect_quotes("“We are ready,” Ruiz said. He added: \"Now.\"\n", 2, "We are ready,", "Now.");
}

static void apostrophes_are_not_marks(void **state)
{
    (void)state;
    expect_quotes("It’s the Tories’ plan from the ’90s, rock ’n’ roll and the Joneses’ car.\n", 0);
    expect_quotes("It's the officials' plan from the '90s.\n", 0);
}

static void single_marks_and_nesting(void **state)
{
    (void)state;
    expect_quotes("Minister Backs ‘Grand Plan’ For Port\n\n"
                  "‘We heard him say “never”,’ she said.\n", 2, "Grand Plan", "We heard him say “never”,");
    expect_quotes("‘The Tories’ plan is dead,’ Mr Bell said.\n", 1, "The Tories’ plan is dead,");
}

static void continued_across_paragraphs(void **state)
{
    (void)state;
    const char *text = "“First part of it.\n\n“Second part.\n\n“Last part.”\n\nNarration.\n";
    expect_quotes(text, 1, "First part of it.\n\n“Second part.\n\n“Last part.");
    assert_false(has_diag(text, "unbalanced-mark"));
}

static void unbalanced_ends_with_paragraph(void **state)
{
    (void)state;
    const char *text = "“We will see, she said.\n\nThe talks went on.\n";
    expect_quotes(text, 1, "We will see, she said.");
    assert_true(has_diag(text, "unbalanced-mark"));
}

static void doubled_and_stray_marks(void **state)
{
    (void)state;
    const char *doubled = "He wanted to “”calm the markets,” she said.\n";
    expect_quotes(doubled, 1, "calm the markets,");
    assert_true(has_diag(doubled, "doubled-mark"));
    const char *stray = "The port closed.” Then it opened again.\n";
    expect_quotes(stray, 0);
    assert_true(has_diag(stray, "stray-mark"));
}

static void guillemets_and_low_high(void **state)
{
    (void)state;
    expect_quotes("Le ministre a dit «nous verrons». Er sagte „wir sehen“.\n", 2, "nous verrons",
                  "wir sehen");
}

static void brackets_and_ellipses_stay_inside(void **state)
{
    (void)state;
    expect_quotes("“Mike [Dunn] and I … agree ... mostly,” she said.\n", 1,
                  "Mike [Dunn] and I … agree ... mostly,");
}

static void code_and_tables_are_not_prose(void **state)
{
    (void)state;
    expect_quotes("```\nprintf(\"hello\");\n```\n\n| name | height |\n| Bo | 5'11\" |\n\n"
                  "x = call(\"a\", \"b\");\n\n“Real,” he said.\n", 1, "Real,");
}

static void full_and_partial(void **state)
{
    (void)state;
    const char *text = "She urged “every nation” to act. “We act now,” she said.\n";
    analysis *a = run(text);
    assert_int_equal(a->n_quotes, 2);
    assert_int_equal(a->quotes[0].kind, QUOTE_PARTIAL);
    assert_int_equal(a->quotes[1].kind, QUOTE_FULL);
    analysis_free(a);
}

static void hard_wrapped_quote(void **state)
{
    (void)state;
    expect_quotes("The minister said that “we will not\nbe rushed into a deal,” adding more.\n", 1,
                  "we will not\nbe rushed into a deal,");
}

static void empty_and_odd_input(void **state)
{
    (void)state;
    expect_quotes("", 0);
    expect_quotes("\"\"", 0);
    expect_quotes("\xff\xfe“ok”\x80", 1, "ok");
    static const char nul[] = "a \0 “b” c";
    analysis *a = NULL;
    assert_int_equal(analysis_run(nul, sizeof nul - 1, &a), 0);
    assert_int_equal(a->n_quotes, 1);
    analysis_free(a);
}

/* NYT-style ''...'' and TeX ``...'' are double marks, open and close. */
static void doubled_apostrophes(void **state)
{
    (void)state;
    const char *nyt = "''The pier is safe,'' said Ola Brandt. She added, ''for now.''\n";
    expect_quotes(nyt, 2, "The pier is safe,", "for now.");
    assert_false(has_diag(nyt, "stray-mark"));
    expect_quotes("He called the vote ``a fair fight'' on Monday.\n", 1, "a fair fight");
    expect_quotes("''We won't stop,'' Brandt said of the crew's plan.\n", 1,
                  "We won't stop,");
    /* Inline code with doubled backticks stays code. */
    expect_quotes("Run ``make all`` to build.\n", 0);
}

/* Titles, nicknames and terms are mentions, with their rule and no speaker
 * or unattributed diagnostic; a partial given a speaker by a cue stays
 * speech, with the rule that named its speaker. */
static void mentions(void **state)
{
    (void)state;
    const char *text = "Kai “The Mole” Berg runs the show “Night Tide” with the so-called “tide "
                       "crew”. Berg called for “calm heads” on Friday.\n";
    analysis *a = run(text);
    assert_int_equal(a->n_quotes, 4);
    const char *rules[] = {"mention:nickname", "mention:title", "mention:nickname", NULL};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(a->quotes[i].kind, QUOTE_MENTION);
        assert_string_equal(a->quotes[i].rule, rules[i]);
        assert_null(a->quotes[i].speaker);
    }
    assert_int_equal(a->quotes[3].kind, QUOTE_PARTIAL);
    assert_string_equal(a->quotes[3].rule, "cue-before"); /* the attribution's rule */
    for (size_t i = 0; i < a->n_diags; i++)
        assert_true(a->diags[i].start >= a->quotes[3].open);
    analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(curly_and_straight),
        cmocka_unit_test(apostrophes_are_not_marks),
        cmocka_unit_test(single_marks_and_nesting),
        cmocka_unit_test(continued_across_paragraphs),
        cmocka_unit_test(unbalanced_ends_with_paragraph),
        cmocka_unit_test(doubled_and_stray_marks),
        cmocka_unit_test(guillemets_and_low_high),
        cmocka_unit_test(brackets_and_ellipses_stay_inside),
        cmocka_unit_test(code_and_tables_are_not_prose),
        cmocka_unit_test(full_and_partial),
        cmocka_unit_test(hard_wrapped_quote),
        cmocka_unit_test(empty_and_odd_input),
        cmocka_unit_test(doubled_apostrophes),
        cmocka_unit_test(mentions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
