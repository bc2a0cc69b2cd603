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

int annotate(const char *name, const char *text, size_t len, const analysis *a, corpus *c,
             const names *reg, annotations *out)
{
    *out = (annotations){0};
    text_lines *lines = text_lines_new(text, len);
    out->q = calloc(a->n_quotes + 1, sizeof *out->q);
    out->xref = calloc(1, sizeof *out->xref);
    if (!lines || !out->q || !out->xref) {
        text_lines_free(lines);
        annotations_free(out);
        return -ENOMEM;
    }
    int rc = 0;
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++) {
        const quote *q = &a->quotes[i];
        ann_quote *x = &out->q[out->nq++];
        x->pos = span(lines, q->start, q->end);
        x->has_mention = q->mention_end > q->mention_start;
        if (x->has_mention)
            x->mention = span(lines, q->mention_start, q->mention_end);
        x->kind = q->kind;
        x->speaker = names_canonical(reg, q->speaker);
        x->cue = q->cue;
        x->confidence = q->confidence;
        rc = corpus_sources(c, name, i, &x->sources, &x->n_sources);
        if (rc == -ENOENT) /* not in the corpus: no sources */
            rc = 0;
        if (rc == 0)
            rc = xref_diagnose(out->xref, q, text, c, reg, x->sources, x->n_sources, false);
    }
    const analysis *both[2] = {a, out->xref};
    if (rc == 0 && !(out->d = calloc(a->n_diags + out->xref->n_diags + 1, sizeof *out->d)))
        rc = -ENOMEM;
    for (int k = 0; k < 2 && rc == 0; k++)
        for (size_t i = 0; i < both[k]->n_diags; i++)
            out->d[out->nd++] = (ann_diag){span(lines, both[k]->diags[i].start, both[k]->diags[i].end),
                                           &both[k]->diags[i]};
    if (rc == 0 && out->nd > 1)
        qsort(out->d, out->nd, sizeof *out->d, by_position);
    text_lines_free(lines);
    if (rc)
        annotations_free(out);
    return rc;
}
