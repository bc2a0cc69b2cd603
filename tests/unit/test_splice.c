/*
 * test_splice.c: re-reading only the edited paragraphs must give what an
 * analysis of the whole edited text gives. Random edits of many kinds are
 * made to the example and fixture articles; every splice that is accepted is
 * compared with a whole analysis, and edits that reach beyond their
 * paragraphs must be refused. A corpus document spliced the same way must
 * answer look-ups, its own and those that find it, as one put afresh.
 * The first verb of speech typed into a text that had none changes the
 * severity of every unattributed quote: never spliced.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "corpus.h"
#include "splice.h"

/* The articles the project ships, joined, read from the repository. */
static char *articles(size_t *len)
{
    static const char *const files[] = {
        "examples/harbour-herald.txt", "examples/coastal-times.txt", "examples/island-post.txt",
        "examples/valdoria-wire.txt",  "examples/the-ledger.md",
    };
    char *all = NULL;
    size_t n = 0;
    for (int round = 0; round < 4; round++)
        for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
            FILE *fp = fopen(files[f], "rb");
            assert_non_null(fp);
            char buf[1 << 16];
            size_t got = fread(buf, 1, sizeof buf, fp);
            fclose(fp);
            all = realloc(all, n + got + 3);
            assert_non_null(all);
            memcpy(all + n, buf, got);
            n += got;
            memcpy(all + n, "\n\n", 2);
            n += 2;
        }
    all[n] = '\0';
    *len = n;
    return all;
}

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 8) & 0xffffff;
}

/* text with [at, at + cut) replaced by ins; a new string. */
static char *edited(const char *text, size_t len, size_t at, size_t cut, const char *ins,
                    size_t *out_len)
{
    size_t n = strlen(ins);
    char *s = malloc(len - cut + n + 1);
    assert_non_null(s);
    memcpy(s, text, at);
    memcpy(s + at, ins, n);
    memcpy(s + at + n, text + at + cut, len - at - cut);
    *out_len = len - cut + n;
    s[*out_len] = '\0';
    return s;
}

/* Says where two analyses part, to make a failure readable. */
static void show_difference(const analysis *x, const analysis *y, const char *text)
{
    for (size_t i = 0; i < x->n_quotes && i < y->n_quotes; i++) {
        const quote *p = &x->quotes[i], *q = &y->quotes[i];
        if (p->open != q->open || p->close != q->close || p->kind != q->kind ||
            (p->speaker && q->speaker ? strcmp(p->speaker, q->speaker) : p->speaker != q->speaker) ||
            p->confidence != q->confidence || p->mention_start != q->mention_start) {
            print_message("quote %zu: spliced %zu-%zu %s (%.2f, mention %zu), whole %zu-%zu %s (%.2f, mention %zu): %.60s\n",
                          i, p->open, p->close, p->speaker ? p->speaker : "-", p->confidence,
                          p->mention_start, q->open, q->close, q->speaker ? q->speaker : "-",
                          q->confidence, q->mention_start, text + q->open);
            return;
        }
    }
    print_message("quotes %zu/%zu, diagnostics %zu/%zu\n", x->n_quotes, y->n_quotes, x->n_diags,
                  y->n_diags);
}

/* A position at a character boundary. */
static size_t boundary(const char *t, size_t len, size_t at)
{
    while (at < len && ((unsigned char)t[at] & 0xC0) == 0x80)
        at++;
    return at;
}

static void spliced_equals_whole(void **state)
{
    (void)state;
    static const char *const inserts[] = {
        "really ", "x", " ", "\n", "\n\n", "“", "”", ",” she said. “", " Ana Ruiz said ",
        "", "", "", "he said", "\"", ". ",
    };
    size_t len;
    char *text = articles(&len);
    unsigned seed = 7;
    int accepted = 0, inexact = 0, refused = 0;
    for (int round = 0; round < 400; round++) {
        size_t at = boundary(text, len, next(&seed) % len);
        size_t cut = boundary(text, len, at + next(&seed) % 3) - at;
        const char *ins = inserts[next(&seed) % (sizeof inserts / sizeof *inserts)];
        size_t new_len;
        char *fresh = edited(text, len, at, cut, ins, &new_len);
        analysis *a, *whole;
        assert_int_equal(analysis_run(text, len, &a), 0);
        assert_int_equal(analysis_run(fresh, new_len, &whole), 0);
        splice sp;
        int rc = splice_analysis(a, text, len, fresh, new_len, 0, 0, &sp);
        assert_true(rc == 0 || rc == SPLICE_WHOLE);
        if (rc == 0 && !sp.exact) {
            inexact++;
        } else if (rc == 0) {
            accepted++;
            if (!analysis_equal(a, whole)) {
                print_message("round %d: edit at %zu (-%zu +\"%s\") spliced differently\n", round,
                              at, cut, ins);
                show_difference(a, whole, fresh);
            }
            assert_true(analysis_equal(a, whole));
            assert_int_equal(sp.q_new_end - sp.q_first + (a->n_quotes - sp.q_new_end) + sp.q_first,
                             whole->n_quotes);
        } else {
            refused++;
        }
        analysis_free(a);
        analysis_free(whole);
        free(text);
        text = fresh;
        len = new_len;
    }
    print_message("%d edits spliced, %d spliced but named or changed a speaker, %d analysed whole\n",
                  accepted, inexact, refused);
    /* Most edits stay inside their paragraphs: if they did not splice,
     * typing would pay for the whole article. */
    assert_true(accepted > refused);
    free(text);
}

/* Sources of equal similarity come in the order of their quote ids, which
 * differ between a spliced and a fresh document: compared by place. */
static int by_place(const void *a, const void *b)
{
    const xref_source *x = a, *y = b;
    int d = strcmp(x->doc, y->doc);
    return d ? d : (x->quote > y->quote) - (x->quote < y->quote);
}

static void same_sources(corpus *x, corpus *y, const char *name, size_t nq)
{
    for (size_t qi = 0; qi < nq; qi++) {
        xref_source *s, *t;
        size_t ns, nt;
        assert_int_equal(corpus_sources(x, name, qi, &s, &ns), 0);
        assert_int_equal(corpus_sources(y, name, qi, &t, &nt), 0);
        assert_int_equal(ns, nt);
        if (ns > 1) {
            qsort(s, ns, sizeof *s, by_place);
            qsort(t, nt, sizeof *t, by_place);
        }
        for (size_t i = 0; i < ns; i++) {
            assert_string_equal(s[i].doc, t[i].doc);
            assert_int_equal(s[i].quote, t[i].quote);
            assert_int_equal(s[i].start, t[i].start);
            assert_int_equal(s[i].end, t[i].end);
            assert_true(s[i].similarity == t[i].similarity);
            assert_int_equal(s[i].relation, t[i].relation);
            assert_int_equal(s[i].classes, t[i].classes);
            assert_int_equal(s[i].n_ops, t[i].n_ops);
            assert_memory_equal(s[i].ops, t[i].ops, s[i].n_ops * sizeof *s[i].ops);
        }
        xref_sources_free(s, ns);
        xref_sources_free(t, nt);
    }
}

/* The words a corpus keeps per quote follow its splices: after each edit,
 * look-ups in a corpus that spliced the document equal those in one that
 * put the edited document whole. The other document is the original text,
 * so nearly every quote has sources both ways. */
static void corpus_splice_equals_put(void **state)
{
    (void)state;
    static const char *const inserts[] = {"really ", "x", "\n\n", "“", ",” she said. “", "", "\""};
    size_t len;
    char *text = articles(&len), *orig = strdup(text);
    size_t orig_len = len;
    assert_non_null(orig);
    analysis *a, *ref;
    assert_int_equal(analysis_run(text, len, &a), 0);
    assert_int_equal(analysis_run(text, len, &ref), 0);
    corpus *spliced = corpus_new();
    assert_non_null(spliced);
    assert_int_equal(corpus_put(spliced, "ref", orig, orig_len, ref), 0);
    assert_int_equal(corpus_put(spliced, "doc", text, len, a), 0);
    unsigned seed = 11;
    int splices = 0;
    for (int round = 0; round < 40; round++) {
        size_t at = boundary(text, len, next(&seed) % len);
        size_t cut = boundary(text, len, at + next(&seed) % 3) - at;
        size_t new_len;
        char *fresh = edited(text, len, at, cut,
                             inserts[next(&seed) % (sizeof inserts / sizeof *inserts)], &new_len);
        splice sp;
        int rc = splice_analysis(a, text, len, fresh, new_len, 0, 0, &sp);
        assert_true(rc == 0 || rc == SPLICE_WHOLE);
        if (rc == 0) {
            splices++;
            assert_int_equal(corpus_splice(spliced, "doc", fresh, new_len, a, &sp), 0);
        } else {
            analysis_free(a);
            assert_int_equal(analysis_run(fresh, new_len, &a), 0);
            assert_int_equal(corpus_put(spliced, "doc", fresh, new_len, a), 0);
        }
        corpus *put = corpus_new();
        assert_non_null(put);
        assert_int_equal(corpus_put(put, "ref", orig, orig_len, ref), 0);
        assert_int_equal(corpus_put(put, "doc", fresh, new_len, a), 0);
        same_sources(spliced, put, "doc", a->n_quotes);
        same_sources(spliced, put, "ref", ref->n_quotes);
        corpus_free(put);
        free(text);
        text = fresh;
        len = new_len;
    }
    assert_true(splices > 0);
    analysis_free(a);
    analysis_free(ref);
    corpus_free(spliced);
    free(orig);
    free(text);
}

/* Splices text with [at, at + cut) replaced by ins: accepted only when it
 * gives what a whole analysis gives. Returns the splice's status. */
static int splice_once(const char *text, size_t at, size_t cut, const char *ins)
{
    size_t len = strlen(text), new_len;
    char *fresh = edited(text, len, at, cut, ins, &new_len);
    analysis *a, *whole;
    assert_int_equal(analysis_run(text, len, &a), 0);
    assert_int_equal(analysis_run(fresh, new_len, &whole), 0);
    splice sp;
    int rc = splice_analysis(a, text, len, fresh, new_len, 0, 0, &sp);
    assert_true(rc == 0 || rc == SPLICE_WHOLE);
    if (rc == 0 && sp.exact) {
        if (!analysis_equal(a, whole))
            show_difference(a, whole, fresh);
        assert_true(analysis_equal(a, whole));
    }
    analysis_free(a);
    analysis_free(whole);
    free(fresh);
    return rc;
}

/* Whether a text reads as reporting (an unattributed quote a warning, not
 * a hint) depends on the whole text: a splice whose window reads otherwise
 * than the text did must be refused, not leave the severity of quotes
 * beyond the window stale. */
static void reporting_flips_whole(void **state)
{
    (void)state;
    char text[8192] = "The table has a \u201cslack water\u201d column.\n\n";
    for (int i = 0; i < 24; i++) /* no quote near the end */
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "Berth %d opens at %d in the morning.\n\n", i, i % 12 + 1);
    size_t len = strlen(text);
    /* The first verb of speech, far from the one quote. */
    assert_int_equal(splice_once(text, len, 0, "The report, it was said, came late.\n"),
                     SPLICE_WHOLE);
    /* ... and the last one deleted. */
    snprintf(text + len, sizeof text - len, "The report, it was said, came late.\n");
    assert_int_equal(splice_once(text, len, strlen(text) - len, ""), SPLICE_WHOLE);
    /* An edit that leaves the text reading as it did splices. */
    assert_int_equal(splice_once(text, len - 3, 0, " "), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spliced_equals_whole),
        cmocka_unit_test(corpus_splice_equals_put),
        cmocka_unit_test(reporting_flips_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
