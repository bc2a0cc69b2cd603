/*
 * splice.c: re-reading the paragraphs an edit touched. Paragraphs here are
 * runs of lines between blank lines, which both the quote finder and the
 * attribution treat as breaks (they also break at long lines and deeper
 * indents, so a paragraph here may hold several of theirs: a window only
 * grows; wire copy with no blank line is re-read whole, a few kilobytes).
 * The window holds SPLICE_BEFORE paragraphs
 * before the edited ones (the speakers a pronoun or a continued quote can
 * reach) and SPLICE_AFTER after them; the nearest paragraph either side
 * must read as before, or the caller analyses the whole text. So must the
 * window read as reporting or not as the whole text did (analysis.h).
 */
#include "splice.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "people.h"

#define SPLICE_BEFORE 4
#define SPLICE_AFTER 2

static size_t common_prefix(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    while (i + 64 <= n && memcmp(a + i, b + i, 64) == 0)
        i += 64;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* How many bytes a[0..n) and b[0..m) share at their ends, at most lim. */
static size_t common_suffix(const char *a, size_t n, const char *b, size_t m, size_t lim)
{
    size_t i = 0;
    while (i + 64 <= lim && memcmp(a + n - i - 64, b + m - i - 64, 64) == 0)
        i += 64;
    while (i < lim && a[n - i - 1] == b[m - i - 1])
        i++;
    return i;
}

static size_t line_start(const char *t, size_t i)
{
    while (i > 0 && t[i - 1] != '\n')
        i--;
    return i;
}

static size_t line_end(const char *t, size_t n, size_t i)
{
    const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
    return nl ? (size_t)(nl - t) : n;
}

static bool blank_line(const char *t, size_t n, size_t ls)
{
    while (ls < n && (t[ls] == ' ' || t[ls] == '\t' || t[ls] == '\r'))
        ls++;
    return ls >= n || t[ls] == '\n';
}

/* The first byte of the paragraph holding offset i. */
static size_t para_start(const char *t, size_t n, size_t i)
{
    size_t ls = line_start(t, i);
    while (ls > 0) {
        size_t prev = line_start(t, ls - 1);
        if (blank_line(t, n, prev))
            break;
        ls = prev;
    }
    return ls;
}

/* The newline ending the paragraph holding offset i, or n. */
static size_t para_end(const char *t, size_t n, size_t i)
{
    size_t le = line_end(t, n, i);
    while (le < n && !blank_line(t, n, le + 1))
        le = line_end(t, n, le + 1);
    return le;
}

/* The start of the k-th paragraph before the one starting at s. */
static size_t paras_back(const char *t, size_t n, size_t s, int k)
{
    while (k-- > 0 && s > 0) {
        size_t j = s;
        while (j > 0 && blank_line(t, n, line_start(t, j - 1)))
            j = line_start(t, j - 1);
        if (j == 0)
            return 0;
        s = para_start(t, n, j - 1);
    }
    return s;
}

/* The end of the k-th paragraph after the one ending at e. */
static size_t paras_forward(const char *t, size_t n, size_t e, int k)
{
    while (k-- > 0 && e < n) {
        size_t j = e + 1;
        while (j < n && blank_line(t, n, j))
            j = line_end(t, n, j) + 1;
        if (j >= n)
            return n;
        e = para_end(t, n, j);
    }
    return e;
}

static bool same_str(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

static size_t moved(size_t v, long d)
{
    return (size_t)((long)v + d);
}

/* Quote x of the window (its offsets + dx) is quote y of the old text (+ dy). */
static bool same_quote(const void *xv, long dx, const void *yv, long dy)
{
    const quote *x = xv, *y = yv;
    bool xm = x->mention_end > x->mention_start, ym = y->mention_end > y->mention_start;
    return moved(x->open, dx) == moved(y->open, dy) && moved(x->start, dx) == moved(y->start, dy) &&
           moved(x->end, dx) == moved(y->end, dy) && moved(x->close, dx) == moved(y->close, dy) &&
           x->kind == y->kind && same_str(x->rule, y->rule) && xm == ym &&
           (!xm || (moved(x->mention_start, dx) == moved(y->mention_start, dy) &&
                    moved(x->mention_end, dx) == moved(y->mention_end, dy))) &&
           x->confidence == y->confidence && same_str(x->speaker, y->speaker) &&
           same_str(x->cue, y->cue) && same_str(x->rule, y->rule);
}

static bool same_diag(const void *xv, long dx, const void *yv, long dy)
{
    const diag *x = xv, *y = yv;
    return moved(x->start, dx) == moved(y->start, dy) && moved(x->end, dx) == moved(y->end, dy) &&
           x->severity == y->severity && strcmp(x->code, y->code) == 0 &&
           strcmp(x->message, y->message) == 0;
}

static void move_quote(quote *q, long d)
{
    q->open = moved(q->open, d);
    q->start = moved(q->start, d);
    q->end = moved(q->end, d);
    q->close = moved(q->close, d);
    if (q->mention_end > q->mention_start) {
        q->mention_start = moved(q->mention_start, d);
        q->mention_end = moved(q->mention_end, d);
    }
}

/* Where the window and the edit lie: [near, from) is the paragraph before
 * the edited ones, [from, new_to) the edited ones ([from, old_to) before the
 * edit), then the paragraphs after up to we (old_we before the edit). */
typedef struct bounds {
    size_t ws, near, from, old_to, new_to, old_we;
    long delta;
} bounds;

/* Quotes or diagnostics, seen alike: sorted by where they start, each a
 * span [at, end) of the text. */
typedef struct elems {
    const char *v;
    size_t n, size;
    size_t (*at)(const void *);
    size_t (*end)(const void *);
    bool (*same)(const void *x, long dx, const void *y, long dy);
} elems;

/* Old elements [first, old_end) were in the edited paragraphs; window
 * elements [w_first, w_end) are their replacement. */
typedef struct cut {
    size_t first, old_end, w_first, w_end;
} cut;

/* The first element from i on that starts at or after limit. */
static size_t count_below(const elems *e, size_t i, long shift, size_t limit)
{
    size_t hi = e->n;
    while (i < hi) {
        size_t mid = i + (hi - i) / 2;
        if (moved(e->at(e->v + mid * e->size), shift) < limit)
            i = mid + 1;
        else
            hi = mid;
    }
    return i;
}

static bool same_at(const elems *win, size_t k, long dx, const elems *old, size_t i, long dy)
{
    return k < win->n && win->same(win->v + k * win->size, dx, old->v + i * old->size, dy);
}

/* Cuts old and window elements at the edges and checks the nearest
 * paragraph before and those after read as before, element by element. */
static bool cut_sides(const elems *old, const elems *win, const bounds *b, cut *c)
{
    long ws = (long)b->ws;
    size_t ctx = count_below(old, 0, 0, b->near);
    c->first = count_below(old, ctx, 0, b->from);
    c->old_end = count_below(old, c->first, 0, b->old_to);
    size_t guard_end = count_below(old, c->old_end, 0, b->old_we);
    size_t k = count_below(win, 0, ws, b->near);
    for (size_t i = ctx; i < c->first; i++, k++)
        if (!same_at(win, k, ws, old, i, 0))
            return false;
    c->w_first = k;
    if (count_below(win, k, ws, b->from) != k)
        return false;
    c->w_end = k = count_below(win, k, ws, b->new_to);
    for (size_t i = c->old_end; i < guard_end; i++, k++)
        if (!same_at(win, k, ws, old, i, b->delta))
            return false;
    return k == win->n;
}

static size_t quote_at(const void *q)
{
    return ((const quote *)q)->open;
}

static size_t quote_end(const void *q)
{
    return ((const quote *)q)->close;
}

static size_t diag_at(const void *d)
{
    return ((const diag *)d)->start;
}

static size_t diag_end(const void *d)
{
    return ((const diag *)d)->end;
}

/* Nothing may run across the edges of the edited paragraphs. */
static bool inside(const elems *e, long shift, size_t from, size_t to)
{
    for (size_t i = 0; i < e->n; i++) {
        const void *x = e->v + i * e->size;
        size_t s = moved(e->at(x), shift), t = moved(e->end(x), shift);
        if ((s < from && t > from) || (s < to && t > to))
            return false;
    }
    return true;
}

/* Widens [from, new_to) to whole paragraphs of any span [s, e) of the old
 * text that runs across an edge (a quote continued over paragraphs). */
static bool widen(bounds *b, const char *text, size_t len, size_t s, size_t e)
{
    if (s < b->from && e > b->from) {
        b->from = para_start(text, len, s);
        return true;
    }
    if (s < b->old_to && e > b->old_to) {
        b->new_to = para_end(text, len, moved(e - 1, b->delta));
        b->old_to = moved(b->new_to, -b->delta);
        return true;
    }
    return false;
}

/* The edited paragraphs, with every old quote and diagnostic wholly in or
 * out of them. */
static void edges(bounds *b, const analysis *a, const char *text, size_t len)
{
    for (bool grew = true; grew;) {
        grew = false;
        for (size_t i = 0; i < a->n_quotes; i++)
            grew |= widen(b, text, len, a->quotes[i].open, a->quotes[i].close);
        for (size_t i = 0; i < a->n_diags; i++)
            grew |= widen(b, text, len, a->diags[i].start, a->diags[i].end);
    }
}

static elems quote_elems(const analysis *a)
{
    return (elems){(const char *)a->quotes, a->n_quotes, sizeof *a->quotes, quote_at, quote_end,
                   same_quote};
}

static elems diag_elems(const analysis *a)
{
    return (elems){(const char *)a->diags, a->n_diags, sizeof *a->diags, diag_at, diag_end,
                   same_diag};
}

/* Replaces a's elements of the edited paragraphs by the window's: the
 * window's strings move over, the old ones are freed. */
static void take(analysis *a, analysis *w, const cut *qc, const cut *dc, quote *q, diag *d,
                 const bounds *b)
{
    size_t k = qc->first;
    if (qc->first) /* an analysis without quotes has no array */
        memcpy(q, a->quotes, qc->first * sizeof *q);
    for (size_t i = qc->w_first; i < qc->w_end; i++) {
        q[k] = w->quotes[i];
        move_quote(&q[k++], (long)b->ws);
        w->quotes[i].speaker = w->quotes[i].cue = NULL;
    }
    for (size_t i = qc->old_end; i < a->n_quotes; i++) {
        q[k] = a->quotes[i];
        move_quote(&q[k++], b->delta);
    }
    for (size_t i = qc->first; i < qc->old_end; i++) {
        free(a->quotes[i].speaker);
        free(a->quotes[i].cue);
    }
    free(a->quotes);
    a->quotes = q;
    a->n_quotes = k;
    k = dc->first;
    if (dc->first)
        memcpy(d, a->diags, dc->first * sizeof *d);
    for (size_t i = dc->w_first; i < dc->w_end; i++) {
        d[k] = w->diags[i];
        d[k].start += b->ws;
        d[k++].end += b->ws;
        w->diags[i].message = NULL;
    }
    for (size_t i = dc->old_end; i < a->n_diags; i++, k++) {
        d[k] = a->diags[i];
        d[k].start = moved(d[k].start, b->delta);
        d[k].end = moved(d[k].end, b->delta);
    }
    for (size_t i = dc->first; i < dc->old_end; i++)
        free(a->diags[i].message);
    free(a->diags);
    a->diags = d;
    a->n_diags = k;
}

/* The speakers remembered: the window's within the edited paragraphs.
 * Sets *same when they are those remembered there before. */
static int take_heard(analysis *a, analysis *w, const bounds *b, bool *same)
{
    size_t first = 0, old_end, w_first = 0, w_end;
    while (first < a->n_heard && a->heard[first].at < b->from)
        first++;
    for (old_end = first; old_end < a->n_heard && a->heard[old_end].at < b->old_to;)
        old_end++;
    while (w_first < w->n_heard && w->heard[w_first].at + b->ws < b->from)
        w_first++;
    for (w_end = w_first; w_end < w->n_heard && w->heard[w_end].at + b->ws < b->new_to;)
        w_end++;
    *same = old_end - first == w_end - w_first;
    for (size_t i = 0; *same && i < old_end - first; i++) {
        const heard *x = &a->heard[first + i], *y = &w->heard[w_first + i];
        *same = strcmp(x->name, y->name) == 0 && x->kind == y->kind && x->gender == y->gender &&
                x->plural == y->plural;
    }
    size_t n = a->n_heard - (old_end - first) + (w_end - w_first);
    heard *h = malloc((n + 1) * sizeof *h);
    if (!h)
        return -ENOMEM;
    if (first)
        memcpy(h, a->heard, first * sizeof *h);
    size_t k = first;
    for (size_t i = w_first; i < w_end; i++, k++) {
        h[k] = w->heard[i];
        h[k].at += b->ws;
        w->heard[i].name = NULL;
    }
    for (size_t i = old_end; i < a->n_heard; i++, k++) {
        h[k] = a->heard[i];
        h[k].at = moved(h[k].at, b->delta);
    }
    for (size_t i = first; i < old_end; i++)
        free(a->heard[i].name);
    free(a->heard);
    a->heard = h;
    a->n_heard = n;
    return 0;
}

int splice_analysis(analysis *a, const char *old, size_t old_len, const char *text, size_t len,
                    size_t head, size_t tail, splice *sp)
{
    size_t lim = old_len < len ? old_len : len;
    head = head < lim ? head : lim;
    size_t p = head + common_prefix(old + head, text + head, lim - head);
    tail = tail < lim - p ? tail : lim - p;
    size_t s = tail + common_suffix(old, old_len - tail, text, len - tail, lim - p - tail);
    bounds b = {.delta = (long)len - (long)old_len};
    b.from = para_start(text, len, p);
    b.new_to = para_end(text, len, len - s);
    b.old_to = moved(b.new_to, -b.delta);
    edges(&b, a, text, len);
    b.ws = paras_back(text, len, b.from, SPLICE_BEFORE);
    b.near = paras_back(text, len, b.from, 1);
    size_t we = paras_forward(text, len, b.new_to, SPLICE_AFTER);
    b.old_we = moved(we, -b.delta);
    if ((we - b.ws) * 2 > len)
        return SPLICE_WHOLE;
    analysis *w;
    int rc = analysis_run_part(text + b.ws, we - b.ws, a, b.ws, &w);
    if (rc)
        return rc;
    if (w->reporting != a->reporting) {
        /* The first verb of speech typed, or the last deleted, or one
         * beyond the window: every unattributed quote may change severity. */
        analysis_free(w);
        return SPLICE_WHOLE;
    }
    cut qc, dc;
    elems oq = quote_elems(a), wq = quote_elems(w), od = diag_elems(a), wd = diag_elems(w);
    bool ok = inside(&wq, (long)b.ws, b.from, b.new_to) && inside(&wd, (long)b.ws, b.from, b.new_to) &&
              cut_sides(&oq, &wq, &b, &qc) && cut_sides(&od, &wd, &b, &dc);
    size_t nq = ok ? a->n_quotes - (qc.old_end - qc.first) + (qc.w_end - qc.w_first) : 0;
    size_t nd = ok ? a->n_diags - (dc.old_end - dc.first) + (dc.w_end - dc.w_first) : 0;
    quote *q = ok ? malloc((nq + 1) * sizeof *q) : NULL;
    diag *d = ok ? malloc((nd + 1) * sizeof *d) : NULL;
    if (!ok || !q || !d) {
        free(q);
        free(d);
        analysis_free(w);
        return ok ? -ENOMEM : SPLICE_WHOLE;
    }
    bool same_speakers, same_people = people_equal(a->people, w->people);
    rc = take_heard(a, w, &b, &same_speakers);
    if (rc == 0)
        take(a, w, &qc, &dc, q, d, &b);
    else {
        free(q);
        free(d);
    }
    analysis_free(w);
    if (rc)
        return rc;
    *sp = (splice){qc.first, qc.old_end, qc.first + (qc.w_end - qc.w_first), b.from, b.old_to,
                   b.new_to, b.delta, same_speakers && same_people};
    return 0;
}
