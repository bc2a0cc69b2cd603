/*
 * annotate.c: positions and sources for one buffer. Byte offsets become
 * (row, column) through the text's line index; sources come from the
 * corpus and their diagnostics are added to the analysis, so Neovim gets
 * the same warnings `quotelens scan` prints.
 */
#include "annotate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "rules.h"
#include "text.h"
#include "xref.h"

static ann_pos span(const text_lines *l, size_t start, size_t end)
{
    size_t r0, c0, r1, c1;
    text_lines_locate(l, start, &r0, &c0);
    text_lines_locate(l, end, &r1, &c1);
    return (ann_pos){(uint32_t)r0, (uint32_t)c0, (uint32_t)r1, (uint32_t)c1};
}

void annotations_free(annotations *x)
{
    for (size_t i = 0; i < x->nq; i++)
        xref_sources_free(x->q[i].sources, x->q[i].n_sources);
    free(x->q);
    free(x->d);
    analysis_free(x->xref);
    *x = (annotations){0};
}

static int by_position(const void *x, const void *y)
{
    const ann_diag *a = x, *b = y;
    if (a->d->start != b->d->start)
        return (a->d->start > b->d->start) - (a->d->start < b->d->start);
    return strcmp(a->d->code, b->d->code);
}

typedef struct keyed {
    uint64_t key;
    size_t at;
} keyed;

static int by_key(const void *x, const void *y)
{
    uint64_t a = ((const keyed *)x)->key, b = ((const keyed *)y)->key;
    return (a > b) - (a < b);
}

/* Where the sorted index of prev holds a quote of this key, or -1. */
static long find_key(const keyed *index, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && index[lo].key == key ? (long)index[lo].at : -1;
}

/* A copy of cached sources, their diff moved by delta bytes in this text. */
static int reuse(const ann_quote *old, long delta, ann_quote *x)
{
    x->n_sources = old->n_sources;
    if (!old->n_sources)
        return 0;
    if (!(x->sources = calloc(old->n_sources, sizeof *x->sources)))
        return -ENOMEM;
    for (size_t k = 0; k < old->n_sources; k++) {
        xref_source *s = &x->sources[k];
        *s = old->sources[k];
        s->ops = malloc(s->n_ops * sizeof *s->ops + 1);
        if (!s->ops) {
            x->n_sources = k;
            return -ENOMEM;
        }
        for (size_t o = 0; o < s->n_ops; o++) {
            s->ops[o] = old->sources[k].ops[o];
            s->ops[o].a_start = (uint32_t)((long)s->ops[o].a_start + delta);
            s->ops[o].a_end = (uint32_t)((long)s->ops[o].a_end + delta);
        }
    }
    return 0;
}

uint64_t annotations_digest(const annotations *x)
{
    uint64_t h = XXH3_64bits_withSeed(NULL, 0, x->nq * 31 + x->nd);
    for (size_t i = 0; i < x->nq; i++) {
        const ann_quote *q = &x->q[i];
        uint64_t v[4] = {q->key, ((uint64_t)q->pos.row << 32) | q->pos.col,
                         ((uint64_t)q->pos.end_row << 32) | q->pos.end_col, q->n_sources};
        h = XXH3_64bits_withSeed(v, sizeof v, h);
        if (q->speaker)
            h = XXH3_64bits_withSeed(q->speaker, strlen(q->speaker), h);
        for (size_t k = 0; k < q->n_sources; k++)
            h = XXH3_64bits_withSeed(q->sources[k].doc, strlen(q->sources[k].doc), h ^ q->sources[k].start);
    }
    for (size_t i = 0; i < x->nd; i++)
        h = XXH3_64bits_withSeed(x->d[i].d->message, strlen(x->d[i].d->message),
                                 h ^ ((uint64_t)x->d[i].pos.row << 32 | x->d[i].pos.col));
    return h;
}

/* Position, speaker and kind of quote i of a; the sources are left alone. */
static void describe(ann_quote *x, const quote *q, const text_lines *lines, const char *text,
                     const names *reg)
{
    x->pos = span(lines, q->start, q->end);
    x->has_mention = q->mention_end > q->mention_start;
    if (x->has_mention)
        x->mention = span(lines, q->mention_start, q->mention_end);
    x->kind = q->kind;
    x->speaker = reg ? names_canonical(reg, q->speaker) : q->speaker;
    x->cue = q->cue;
    x->rule = q->rule;
    x->why = rule_says(q->rule);
    x->confidence = q->confidence;
    x->start = q->start;
    x->key = XXH3_64bits_withSeed(text + q->start, q->end - q->start, q->kind);
}

/* Looks quote i of the buffer up in the corpus. */
static int look_up(corpus *c, const char *name, size_t i, ann_quote *x)
{
    int rc = corpus_sources(c, name, i, &x->sources, &x->n_sources);
    return rc == -ENOENT ? 0 : rc; /* not in the corpus: no sources */
}

/* The analysis' diagnostics and the cross-reference ones, placed and in order. */
static int place_diags(annotations *out, const analysis *a, const text_lines *lines)
{
    const analysis *both[2] = {a, out->xref};
    if (!(out->d = calloc(a->n_diags + out->xref->n_diags + 1, sizeof *out->d)))
        return -ENOMEM;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < both[k]->n_diags; i++)
            out->d[out->nd++] = (ann_diag){span(lines, both[k]->diags[i].start, both[k]->diags[i].end),
                                           &both[k]->diags[i]};
    if (out->nd > 1)
        qsort(out->d, out->nd, sizeof *out->d, by_position);
    return 0;
}

/* Empty annotations for nq quotes of document `name`, and its line index. */
static int begin(annotations *out, corpus *c, const char *name, size_t nq,
                 const text_lines **lines)
{
    *out = (annotations){0};
    if (!(*lines = corpus_lines(c, name)))
        return -ENOENT;
    out->rows = (*lines)->n;
    out->q = calloc(nq + 1, sizeof *out->q);
    out->xref = calloc(1, sizeof *out->xref);
    if (!out->q || !out->xref) {
        annotations_free(out);
        return -ENOMEM;
    }
    return 0;
}

int annotate(const char *name, const char *text, const analysis *a, corpus *c, const names *reg,
             const annotations *prev, annotations *out)
{
    const text_lines *lines;
    int rc = begin(out, c, name, a->n_quotes, &lines);
    if (rc)
        return rc;
    keyed *index = prev ? malloc((prev->nq + 1) * sizeof *index) : NULL;
    if (prev && !index) {
        annotations_free(out);
        return -ENOMEM;
    }
    for (size_t i = 0; prev && i < prev->nq; i++)
        index[i] = (keyed){prev->q[i].key, i};
    if (prev && prev->nq > 1)
        qsort(index, prev->nq, sizeof *index, by_key);
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++) {
        const quote *q = &a->quotes[i];
        ann_quote *x = &out->q[out->nq++];
        describe(x, q, lines, text, reg);
        long old = prev ? find_key(index, prev->nq, x->key) : -1;
        if (old >= 0)
            rc = reuse(&prev->q[old], (long)q->start - (long)prev->q[old].start, x);
        else
            rc = look_up(c, name, i, x);
        if (rc == 0)
            rc = xref_diagnose(out->xref, q, text, c, reg, x->sources, x->n_sources, false);
    }
    if (rc == 0)
        rc = place_diags(out, a, lines);
    free(index);
    if (rc)
        annotations_free(out);
    return rc;
}

/* Whether quote q of the buffer is one of those `which` (sorted indices) of a. */
static bool refreshed(const analysis *a, const size_t *which, size_t n, const diag *d)
{
    for (size_t k = 0; k < n; k++)
        if (a->quotes[which[k]].start == d->start && a->quotes[which[k]].end == d->end)
            return true;
    return false;
}

int annotate_refresh(const char *name, const char *text, const analysis *a, corpus *c,
                     const names *reg, const size_t *which, size_t n, annotations *x)
{
    const text_lines *lines = corpus_lines(c, name);
    if (!lines)
        return -ENOENT;
    analysis *xref = calloc(1, sizeof *xref);
    if (!xref)
        return -ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < x->xref->n_diags && rc == 0; i++) {
        const diag *d = &x->xref->diags[i];
        if (!refreshed(a, which, n, d)) /* a cross-reference diagnostic spans its quote */
            rc = analysis_add_diag(xref, d->start, d->end, d->severity, d->code, "%s", d->message);
    }
    for (size_t k = 0; k < n && rc == 0; k++) {
        ann_quote *q = &x->q[which[k]];
        xref_sources_free(q->sources, q->n_sources);
        q->sources = NULL;
        q->n_sources = 0;
        rc = look_up(c, name, which[k], q);
        if (rc == 0)
            rc = xref_diagnose(xref, &a->quotes[which[k]], text, c, reg, q->sources, q->n_sources,
                               false);
    }
    analysis_free(x->xref);
    x->xref = xref;
    free(x->d);
    x->d = NULL;
    x->nd = 0;
    return rc ? rc : place_diags(x, a, lines);
}

int annotate_rows(const char *text, size_t len, const analysis *a, const names *reg, size_t top,
                  size_t bottom, annotations *out)
{
    *out = (annotations){0};
    text_lines *lines = text_lines_new(text, len);
    out->q = calloc(a->n_quotes + 1, sizeof *out->q);
    out->xref = calloc(1, sizeof *out->xref);
    int rc = lines && out->q && out->xref ? 0 : -ENOMEM;
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++) {
        size_t row, col;
        text_lines_locate(lines, a->quotes[i].start, &row, &col);
        if (row >= top && row < bottom)
            describe(&out->q[out->nq++], &a->quotes[i], lines, text, reg);
    }
    if (rc == 0)
        rc = place_diags(out, a, lines);
    size_t kept = 0;
    for (size_t i = 0; i < out->nd; i++)
        if (out->d[i].pos.row >= top && out->d[i].pos.row < bottom)
            out->d[kept++] = out->d[i];
    out->nd = kept;
    if (lines)
        out->rows = lines->n;
    text_lines_free(lines);
    if (rc)
        annotations_free(out);
    return rc;
}

/* Moves quote annotation *from into *to, its text moved by delta bytes and
 * rows lines (the analysis' strings are set again by the caller). */
static void move_over(ann_quote *to, ann_quote *from, long delta, long rows)
{
    *to = *from;
    from->sources = NULL;
    from->n_sources = 0;
    to->start = (size_t)((long)to->start + delta);
    to->pos.row = (uint32_t)((long)to->pos.row + rows);
    to->pos.end_row = (uint32_t)((long)to->pos.end_row + rows);
    to->mention.row = (uint32_t)((long)to->mention.row + rows);
    to->mention.end_row = (uint32_t)((long)to->mention.end_row + rows);
    for (size_t k = 0; k < to->n_sources; k++)
        for (size_t o = 0; o < to->sources[k].n_ops; o++) {
            diff_op *op = &to->sources[k].ops[o];
            op->a_start = (uint32_t)((long)op->a_start + delta);
            op->a_end = (uint32_t)((long)op->a_end + delta);
        }
}

/* The cross-reference diagnostics of the quotes an edit did not touch. */
static int keep_xref_diags(analysis *into, const analysis *old, const splice *sp, bool after)
{
    for (size_t i = 0; i < old->n_diags; i++) {
        const diag *d = &old->diags[i];
        if (after ? d->start < sp->old_to : d->start >= sp->from)
            continue;
        long shift = after ? sp->delta : 0;
        int rc = analysis_add_diag(into, (size_t)((long)d->start + shift),
                                   (size_t)((long)d->end + shift), d->severity, d->code, "%s",
                                   d->message);
        if (rc)
            return rc;
    }
    return 0;
}

int annotate_splice(const char *name, const char *text, const analysis *a, corpus *c,
                    const names *reg, bool new_names, annotations *prev, const splice *sp,
                    annotations *out)
{
    const text_lines *lines;
    int rc = begin(out, c, name, a->n_quotes, &lines);
    if (rc)
        return rc;
    long rows = (long)lines->n - (long)prev->rows;
    out->nq = a->n_quotes;
    for (size_t i = 0; i < sp->q_first; i++)
        move_over(&out->q[i], &prev->q[i], 0, 0);
    for (size_t i = sp->q_old_end, k = sp->q_new_end; i < prev->nq; i++, k++)
        move_over(&out->q[k], &prev->q[i], sp->delta, rows);
    rc = keep_xref_diags(out->xref, prev->xref, sp, false);
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++) {
        ann_quote *x = &out->q[i];
        if (i < sp->q_first || i >= sp->q_new_end) {
            if (new_names)
                x->speaker = names_canonical(reg, a->quotes[i].speaker);
            x->cue = a->quotes[i].cue;
            continue;
        }
        describe(x, &a->quotes[i], lines, text, reg);
        rc = look_up(c, name, i, x);
        if (rc == 0)
            rc = xref_diagnose(out->xref, &a->quotes[i], text, c, reg, x->sources, x->n_sources,
                               false);
    }
    if (rc == 0)
        rc = keep_xref_diags(out->xref, prev->xref, sp, true);
    if (rc == 0)
        rc = place_diags(out, a, lines);
    if (rc)
        annotations_free(out);
    return rc;
}
