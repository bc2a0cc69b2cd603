/*
 * match.c: word alignment of two quotations.
 *
 * A local alignment (Smith-Waterman over folded words) finds the best run
 * the two quotes share, tolerating changed, added and dropped words inside
 * it. Content words score more than function words, so a run must carry
 * meaning to count. Two quotes are one utterance when that run holds at
 * least MATCH_MIN_CONTENT content words, or most of the shorter quote's,
 * and is dense: a shared stock phrase inside two different quotes is
 * neither. Two quotes that both go on past the run at the same end need
 * the full MATCH_MIN_CONTENT. Everything outside the run is a trim, or
 * editorial when one side's part there is all [bracketed]; everything
 * inside that differs is wording, unless it is bracketed or cut by an
 * ellipsis.
 */
#include "match.h"

#include "array.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Longer quotes are aligned on their first MATCH_MAX_WORDS words: the cost
 * of the alignment is the product of the two lengths. */
#define MATCH_MAX_WORDS 400
#define MATCH_MIN_CONTENT 5
#define MATCH_MIN_RUN 5

enum { SCORE_CONTENT = 3, SCORE_STOP = 1, SCORE_MISMATCH = -2, SCORE_GAP = -1 };

typedef enum { STEP_MATCH, STEP_SUB, STEP_A, STEP_B } step_kind; /* A: a only; B: b only */

typedef struct step {
    step_kind kind;
    uint32_t i, j; /* word indexes (the one not used by STEP_A / STEP_B is unset) */
} step;

const char *match_relation_name(match_relation r)
{
    static const char *const names[] = {"same", "variant", "contains", "within", "overlap"};
    return names[r];
}

void match_result_free(match_result *r)
{
    free(r->ops);
    r->ops = NULL;
    r->n_ops = 0;
}

static int score_pair(const norm_word *x, const norm_word *y)
{
    if (!norm_same_word(x, y))
        return SCORE_MISMATCH;
    return (x->flags & NORM_STOP) ? SCORE_STOP : SCORE_CONTENT;
}

static int max4(int a, int b, int c, int d)
{
    int m = a > b ? a : b;
    m = m > c ? m : c;
    return m > d ? m : d;
}

/* Fills H (n+1 by m+1) and returns the cell of the best score in *bi, *bj. */
static int best_local(const norm_words *a, const norm_words *b, size_t n, size_t m, int *h,
                      size_t *bi, size_t *bj)
{
    int best = 0;
    *bi = *bj = 0;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int v = max4(0, h[(i - 1) * (m + 1) + j - 1] + score_pair(&a->v[i - 1], &b->v[j - 1]),
                         h[(i - 1) * (m + 1) + j] + SCORE_GAP, h[i * (m + 1) + j - 1] + SCORE_GAP);
            h[i * (m + 1) + j] = v;
            /* On a tie, the cell further on both ways: the same run
             * carried over a changed word to an equal end ("in this
             * market" / "in the current market"), so that no trim is
             * reported where the wording differs. */
            if (v > best || (v == best && v > 0 && i > *bi && j > *bj)) {
                best = v;
                *bi = i;
                *bj = j;
            }
        }
    }
    return best;
}

/* Walks back from the best cell to where the local alignment starts. */
static size_t trace(const norm_words *a, const norm_words *b, size_t m, const int *h, size_t i,
                    size_t j, step *out)
{
    size_t k = 0;
    while (i > 0 && j > 0 && h[i * (m + 1) + j] > 0) {
        int v = h[i * (m + 1) + j], s = score_pair(&a->v[i - 1], &b->v[j - 1]);
        if (v == h[(i - 1) * (m + 1) + j - 1] + s) {
            out[k++] = (step){s > 0 ? STEP_MATCH : STEP_SUB, (uint32_t)(i - 1), (uint32_t)(j - 1)};
            i--;
            j--;
        } else if (v == h[(i - 1) * (m + 1) + j] + SCORE_GAP) {
            out[k++] = (step){STEP_A, (uint32_t)(i - 1), 0};
            i--;
        } else {
            out[k++] = (step){STEP_B, 0, (uint32_t)(j - 1)};
            j--;
        }
    }
    for (size_t x = 0; x < k / 2; x++) { /* into text order */
        step t = out[x];
        out[x] = out[k - 1 - x];
        out[k - 1 - x] = t;
    }
    return k;
}

static size_t content_words(const norm_words *w, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += !(w->v[i].flags & NORM_STOP);
    return c;
}

bool match_is_short(const norm_words *w)
{
    return w->n <= 2 || (w->n <= 5 && content_words(w, w->n) < 3);
}

/* The longest stretch of consecutive equal words in an alignment. */
static size_t longest_run(const step *st, size_t k)
{
    size_t best = 0, cur = 0;
    for (size_t s = 0; s < k; s++) {
        cur = st[s].kind == STEP_MATCH ? cur + 1 : 0;
        best = cur > best ? cur : best;
    }
    return best;
}

/* The raw text of two words differs beyond case: a spelling variant. */
static bool spelled_differently(const char *at, const norm_word *x, const char *bt, const norm_word *y)
{
    size_t n = x->end - x->start;
    if (n != y->end - y->start)
        return true;
    for (size_t k = 0; k < n; k++) {
        char c = at[x->start + k], d = bt[y->start + k];
        if ((c | 0x20) != (d | 0x20) && !((c & 0x80) && (d & 0x80)))
            return true;
    }
    return false;
}

/* The text between two consecutive words, without white space and with
 * curly marks taken as straight, differs: punctuation. */
static bool punctuated_differently(const char *at, uint32_t a0, uint32_t a1, const char *bt,
                                   uint32_t b0, uint32_t b1)
{
    char x[32], y[32];
    size_t nx = 0, ny = 0;
    for (uint32_t k = a0; k < a1 && nx < sizeof x; k++)
        if (at[k] != ' ' && at[k] != '\n' && !((unsigned char)at[k] >= 0x80))
            x[nx++] = at[k];
    for (uint32_t k = b0; k < b1 && ny < sizeof y; k++)
        if (bt[k] != ' ' && bt[k] != '\n' && !((unsigned char)bt[k] >= 0x80))
            y[ny++] = bt[k];
    return nx != ny || memcmp(x, y, nx) != 0;
}

static int push_op(match_result *r, size_t *cap, diff_kind op, uint32_t a0, uint32_t a1,
                   uint32_t b0, uint32_t b1)
{
    if (r->n_ops > 0) {
        diff_op *last = &r->ops[r->n_ops - 1];
        bool merge = last->op == op || (op != OP_EQUAL && last->op != OP_EQUAL);
        if (merge) {
            if (last->op != op)
                last->op = OP_REPLACE;
            if (a1 > a0) {
                if (last->a_end == last->a_start)
                    last->a_start = a0;
                last->a_end = a1;
            }
            if (b1 > b0) {
                if (last->b_end == last->b_start)
                    last->b_start = b0;
                last->b_end = b1;
            }
            return 0;
        }
    }
    if (array_grow((void **)&r->ops, cap, r->n_ops + 1, sizeof *r->ops))
        return -ENOMEM;
    r->ops[r->n_ops++] = (diff_op){op, a0, a1, b0, b1};
    return 0;
}

/* The word diff over the whole of both quotes: trims at the ends, the
 * alignment's steps between. Deletions and insertions are empty on the
 * other side at the position where they would go. */
static int build_ops(const norm_words *a, size_t n, const norm_words *b, size_t m,
                     const step *st, size_t k, match_result *r)
{
    size_t cap = 0;
    int rc = 0;
    size_t ai0 = st[0].kind == STEP_B ? 0 : st[0].i, bj0 = st[0].kind == STEP_A ? 0 : st[0].j;
    for (size_t i = 0; i < ai0 && rc == 0; i++)
        rc = push_op(r, &cap, OP_DELETE, a->v[i].start, a->v[i].end, b->v[0].start, b->v[0].start);
    for (size_t j = 0; j < bj0 && rc == 0; j++)
        rc = push_op(r, &cap, OP_INSERT, a->v[0].start, a->v[0].start, b->v[j].start, b->v[j].end);
    size_t ai = ai0, bj = bj0;
    for (size_t s = 0; s < k && rc == 0; s++) {
        const step *x = &st[s];
        uint32_t apos = ai < n ? a->v[ai].start : a->v[n - 1].end;
        uint32_t bpos = bj < m ? b->v[bj].start : b->v[m - 1].end;
        switch (x->kind) {
        case STEP_MATCH:
            rc = push_op(r, &cap, OP_EQUAL, a->v[x->i].start, a->v[x->i].end, b->v[x->j].start, b->v[x->j].end);
            ai = x->i + 1;
            bj = x->j + 1;
            break;
        case STEP_SUB:
            rc = push_op(r, &cap, OP_REPLACE, a->v[x->i].start, a->v[x->i].end, b->v[x->j].start, b->v[x->j].end);
            ai = x->i + 1;
            bj = x->j + 1;
            break;
        case STEP_A:
            rc = push_op(r, &cap, OP_DELETE, a->v[x->i].start, a->v[x->i].end, bpos, bpos);
            ai = x->i + 1;
            break;
        case STEP_B:
            rc = push_op(r, &cap, OP_INSERT, apos, apos, b->v[x->j].start, b->v[x->j].end);
            bj = x->j + 1;
            break;
        }
    }
    uint32_t aend = a->v[n - 1].end, bend = b->v[m - 1].end;
    for (size_t i = ai; i < n && rc == 0; i++)
        rc = push_op(r, &cap, OP_DELETE, a->v[i].start, a->v[i].end, bend, bend);
    for (size_t j = bj; j < m && rc == 0; j++)
        rc = push_op(r, &cap, OP_INSERT, aend, aend, b->v[j].start, b->v[j].end);
    return rc;
}

/* Whether the words w[from, to) are there and all in [brackets]. */
static bool bracketed_run(const norm_words *w, size_t from, size_t to)
{
    if (from >= to)
        return false;
    for (size_t i = from; i < to; i++)
        if (!(w->v[i].flags & NORM_BRACKETED))
            return false;
    return true;
}

/* Whether the words of the run at st[s], which one side lacks, were cut by
 * an ellipsis on that side: its next word stands after a gap. */
static bool cut_by_gap(const norm_words *a, const norm_words *b, const step *st, size_t k, size_t s)
{
    step_kind only = st[s].kind;
    for (size_t t = s + 1; t < k; t++) {
        if (st[t].kind == only)
            continue;
        if (only == STEP_A)
            return st[t].kind != STEP_A && (b->v[st[t].j].flags & NORM_AFTER_GAP);
        return st[t].kind != STEP_B && (a->v[st[t].i].flags & NORM_AFTER_GAP);
    }
    return false;
}

/* Classes the differences of an alignment; counts its matched words. */
static unsigned classify(const char *at, const norm_words *a, const char *bt, const norm_words *b,
                         const step *st, size_t k, size_t *matched, size_t *matched_content)
{
    unsigned c = 0;
    const step *prev = NULL;
    *matched = *matched_content = 0;
    for (size_t s = 0; s < k; s++) {
        const step *x = &st[s];
        if (x->kind == STEP_MATCH) {
            const norm_word *p = &a->v[x->i], *q = &b->v[x->j];
            (*matched)++;
            *matched_content += !(p->flags & NORM_STOP);
            if (spelled_differently(at, p, bt, q))
                c |= DIFF_SPELLING;
            if ((p->flags ^ q->flags) & (NORM_AFTER_GAP | NORM_BRACKETED))
                c |= DIFF_EDITORIAL;
            if (prev && prev->kind == STEP_MATCH && prev->i + 1 == x->i && prev->j + 1 == x->j &&
                punctuated_differently(at, a->v[prev->i].end, p->start, bt, b->v[prev->j].end, q->start))
                c |= DIFF_PUNCTUATION;
            prev = x;
            continue;
        }
        bool editorial =
            (x->kind != STEP_B && (a->v[x->i].flags & (NORM_BRACKETED | NORM_AFTER_GAP))) ||
            (x->kind != STEP_A && (b->v[x->j].flags & (NORM_BRACKETED | NORM_AFTER_GAP))) ||
            (x->kind != STEP_SUB && cut_by_gap(a, b, st, k, s));
        c |= editorial ? DIFF_EDITORIAL : DIFF_WORDING;
        prev = x;
    }
    return c;
}

int match_align(const char *a_text, const norm_words *a, const char *b_text, const norm_words *b,
                match_result *out)
{
    memset(out, 0, sizeof *out);
    size_t n = a->n < MATCH_MAX_WORDS ? a->n : MATCH_MAX_WORDS;
    size_t m = b->n < MATCH_MAX_WORDS ? b->n : MATCH_MAX_WORDS;
    if (n == 0 || m == 0)
        return 0;
    int *h = calloc((n + 1) * (m + 1), sizeof *h);
    step *st = malloc((n + m) * sizeof *st);
    if (!h || !st) {
        free(h);
        free(st);
        return -ENOMEM;
    }
    size_t bi, bj;
    int rc = 0;
    if (best_local(a, b, n, m, h, &bi, &bj) > 0) {
        size_t k = trace(a, b, m, h, bi, bj, st), matched, content;
        unsigned classes = classify(a_text, a, b_text, b, st, k, &matched, &content);
        size_t ai0 = st[0].i, ai1 = bi, bj0 = st[0].j, bj1 = bj;
        size_t short_n = n < m ? n : m, long_n = n < m ? m : n;
        /* A short quote: held whole, in order, by a longer one. */
        bool held_whole = match_is_short(n < m ? a : b) && matched == short_n && k == short_n &&
                          long_n >= short_n + 2 && content > 0;
        /* One utterance shares a real run of words, or nearly all of the
         * shorter quote; two quotes that share a stock phrase ("the
         * Communist Party") and a few scattered words do not. */
        size_t ca = content_words(a, n), cb = content_words(b, m), cmin = ca < cb ? ca : cb;
        size_t span = ai1 - ai0 > bj1 - bj0 ? ai1 - ai0 : bj1 - bj0;
        size_t run = longest_run(st, k);
        bool linked = (content >= MATCH_MIN_CONTENT || (content >= 3 && 10 * content >= 6 * cmin)) &&
                      2 * matched >= span &&
                      (run >= MATCH_MIN_RUN || (run >= 3 && 10 * matched >= 8 * short_n));
        /* Both going on past the shared words at the same end, one by
         * three words or more: two sentences that open (or close) alike,
         * unless they share a real run of content words (a quote joined to
         * another next sentence). A word or two each ("It has been" / "It's
         * been") is wording, not a fork. */
        bool fork = (ai0 > 0 && bj0 > 0 && (ai0 >= 3 || bj0 >= 3)) ||
                    (ai1 < n && bj1 < m && (n - ai1 >= 3 || m - bj1 >= 3));
        if (linked && fork && content < MATCH_MIN_CONTENT)
            linked = false;
        if (!linked && held_whole) {
            linked = true;
            out->held_whole = true;
        }
        if (linked) {
            /* Words an editor put in [brackets] at an end, for words the
             * other side has there ([The new pier] / It), are no trim. */
            bool head_ed = bracketed_run(a, 0, ai0) || bracketed_run(b, 0, bj0);
            bool tail_ed = bracketed_run(a, ai1, n) || bracketed_run(b, bj1, m);
            bool a_extra = (ai0 > 0 && !head_ed) || (ai1 < n && !tail_ed);
            bool b_extra = (bj0 > 0 && !head_ed) || (bj1 < m && !tail_ed);
            out->linked = true;
            out->similarity = (float)(2.0 * (double)matched / (double)(n + m));
            if (head_ed || tail_ed)
                classes |= DIFF_EDITORIAL;
            if (a_extra || b_extra)
                classes |= DIFF_TRIMMED;
            out->classes = classes;
            out->relation = a_extra && b_extra ? REL_OVERLAP
                          : a_extra            ? REL_CONTAINS
                          : b_extra            ? REL_WITHIN
                          : (classes & DIFF_WORDING) || n != m ? REL_VARIANT
                                                               : REL_SAME;
            rc = build_ops(a, n, b, m, st, k, out);
        }
    }
    free(h);
    free(st);
    if (rc)
        match_result_free(out);
    return rc;
}
