/*
 * analysis.c: runs the analysis of one text (quotes, then speakers, then
 * which quotes are mentions) and owns
 * the analysis object's memory.
 */
#include "analysis.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "mention.h"
#include "people.h"
#include "quote.h"

static int diag_order(const void *x, const void *y)
{
    const diag *a = x, *b = y;
    if (a->start != b->start)
        return (a->start > b->start) - (a->start < b->start);
    if (a->end != b->end)
        return (a->end > b->end) - (a->end < b->end);
    return strcmp(a->code, b->code);
}

const char *quote_kind_name(quote_kind k)
{
    return k == QUOTE_FULL ? "full" : k == QUOTE_MENTION ? "mention" : "partial";
}

int analysis_run(const char *text, size_t len, analysis **out)
{
    return analysis_run_part(text, len, NULL, 0, out);
}

int analysis_run_part(const char *text, size_t len, const analysis *whole, size_t from,
                      analysis **out)
{
    analysis *a = calloc(1, sizeof *a);
    if (!a)
        return -ENOMEM;
    attrib_context ctx = {0};
    if (whole) {
        ctx.people = whole->people;
        ctx.heard = whole->heard;
        while (ctx.n_heard < whole->n_heard && whole->heard[ctx.n_heard].at < from)
            ctx.n_heard++;
    }
    int rc = quote_find(text, len, a);
    if (rc == 0)
        rc = attrib_resolve(text, len, &ctx, a);
    if (rc == 0)
        rc = mention_classify(text, len, a);
    if (rc != 0) {
        analysis_free(a);
        return rc;
    }
    analysis_sort_diags(a);
    *out = a;
    return 0;
}

void analysis_sort_diags(analysis *a)
{
    if (a->n_diags > 1)
        qsort(a->diags, a->n_diags, sizeof *a->diags, diag_order);
}

static bool same_str(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

bool analysis_equal(const analysis *x, const analysis *y)
{
    if (x->n_quotes != y->n_quotes || x->n_diags != y->n_diags)
        return false;
    for (size_t i = 0; i < x->n_quotes; i++) {
        const quote *p = &x->quotes[i], *q = &y->quotes[i];
        if (p->open != q->open || p->start != q->start || p->end != q->end ||
            p->close != q->close || p->kind != q->kind || !same_str(p->rule, q->rule) ||
            p->mention_start != q->mention_start ||
            p->mention_end != q->mention_end || p->confidence != q->confidence ||
            !same_str(p->speaker, q->speaker) || !same_str(p->cue, q->cue) || !same_str(p->rule, q->rule))
            return false;
    }
    for (size_t i = 0; i < x->n_diags; i++) {
        const diag *p = &x->diags[i], *q = &y->diags[i];
        if (p->start != q->start || p->end != q->end || p->severity != q->severity ||
            strcmp(p->code, q->code) != 0 || strcmp(p->message, q->message) != 0)
            return false;
    }
    return true;
}

void analysis_free(analysis *a)
{
    if (!a)
        return;
    people_free(a->people);
    for (size_t i = 0; i < a->n_heard; i++)
        free(a->heard[i].name);
    free(a->heard);
    for (size_t i = 0; i < a->n_quotes; i++) {
        free(a->quotes[i].speaker);
        free(a->quotes[i].cue);
    }
    for (size_t i = 0; i < a->n_diags; i++)
        free(a->diags[i].message);
    free(a->quotes);
    free(a->diags);
    free(a);
}

int analysis_add_diag(analysis *a, size_t start, size_t end, diag_severity sev,
                      const char *code, const char *fmt, ...)
{
    /* Grow by doubling; the capacity is implied by the count being a power of two. */
    if ((a->n_diags & (a->n_diags - 1)) == 0) {
        size_t cap = a->n_diags ? 2 * a->n_diags : 1;
        diag *grown = realloc(a->diags, cap * sizeof *grown);
        if (!grown)
            return -ENOMEM;
        a->diags = grown;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(msg = malloc((size_t)n + 1)))
        return -ENOMEM;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    a->diags[a->n_diags++] = (diag){start, end, sev, code, msg};
    return 0;
}
