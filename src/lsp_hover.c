/*
 * lsp_hover.c: the hover of a quote, in Markdown: who said it, the rule
 * that named them and how sure it is, then every other source's version
 * with its word diff (struck words are this copy's, bold the source's).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "lsp_view.h"
#include "match.h"
#include "xref.h"

typedef struct md {
    char *s;
    size_t n, cap;
    bool failed;
} md;

static void add(md *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(md *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (m->failed || n < 0 || array_grow((void **)&m->s, &m->cap, m->n + (size_t)n + 1, 1)) {
        m->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(m->s + m->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    m->n += (size_t)n;
}

/* Text of an article, its Markdown characters escaped and its line breaks
 * made spaces (a quote over two paragraphs stays one line of the diff). */
static void add_text(md *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
        if (strchr("\\`*_~[]<>#|", c) && c)
            add(m, "\\%c", c);
        else
            add(m, "%c", c);
    }
}

static void add_diff(md *m, const char *text, const char *other, const xref_source *x)
{
    for (size_t i = 0; i < x->n_ops; i++) {
        const diff_op *op = &x->ops[i];
        if (i)
            add(m, " ");
        if (op->op == OP_EQUAL) {
            add_text(m, text + op->a_start, op->a_end - op->a_start);
            continue;
        }
        if (op->a_end > op->a_start) {
            add(m, "~~");
            add_text(m, text + op->a_start, op->a_end - op->a_start);
            add(m, "~~%s", op->b_end > op->b_start ? " " : "");
        }
        if (op->b_end > op->b_start) {
            add(m, "**");
            add_text(m, other + op->b_start, op->b_end - op->b_start);
            add(m, "**");
        }
    }
}

static void add_source(md *m, const lsp_view *v, const xref_source *x)
{
    const char *classes[8];
    size_t nc = xref_class_names(x->classes, classes, 8);
    const char *slash = strrchr(x->doc, '/');
    add(m, "- `%s:%zu` ", slash ? slash + 1 : x->doc, x->line);
    if (x->speaker) {
        add(m, "**");
        add_text(m, x->speaker, strlen(x->speaker));
        add(m, "**");
    } else {
        add(m, "*unattributed*");
    }
    add(m, " · %s", match_relation_name(x->relation));
    for (size_t i = 0; i < nc; i++)
        add(m, ", %s", classes[i]);
    size_t len;
    const char *other = corpus_text(v->c, x->doc, &len);
    if (other && x->n_ops) {
        add(m, "\n\n  ");
        add_diff(m, v->text, other, x);
    }
    add(m, "\n");
}

static void add_speaker(md *m, const ann_quote *q)
{
    if (q->speaker) {
        add(m, "**");
        add_text(m, q->speaker, strlen(q->speaker));
        add(m, "**");
    } else {
        add(m, "*unattributed*");
    }
    add(m, " · %s quote\n\n", quote_kind_name(q->kind));
    if (q->rule) {
        add(m, "rule `%s`", q->rule);
        if (q->cue) {
            add(m, " (");
            add_text(m, q->cue, strlen(q->cue));
            add(m, ")");
        }
        add(m, ", confidence %.2f", (double)q->confidence);
        if (q->why)
            add(m, ": %s", q->why);
        add(m, "\n");
    }
}

json_t *lsp_view_hover(const lsp_view *v, size_t i)
{
    const ann_quote *q = &v->x->q[i];
    md m = {0};
    add_speaker(&m, q);
    if (q->n_sources)
        add(&m, "\n**%zu other source%s**\n\n", q->n_sources, q->n_sources == 1 ? "" : "s");
    for (size_t k = 0; k < q->n_sources; k++)
        add_source(&m, v, &q->sources[k]);
    json_t *h = m.failed ? NULL
                         : json_pack("{s:{s:s,s:s%},s:o}", "contents", "kind", "markdown", "value",
                                     m.s, m.n, "range",
                                     lsp_view_range(v, v->a->quotes[i].start, v->a->quotes[i].end));
    free(m.s);
    return h;
}
