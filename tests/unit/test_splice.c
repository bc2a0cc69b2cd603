/*
 * test_splice.c: re-reading only the edited paragraphs must give what an
 * analysis of the whole edited text gives. Random edits of many kinds are
 * made to the example and fixture articles; every splice that is accepted is
 * compared with a whole analysis, and edits that reach beyond their
 * paragraphs must be refused.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spliced_equals_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
