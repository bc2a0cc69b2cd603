/*
 * lsp_view.c: see lsp_view.h. Positions come from byte offsets in the
 * analysis (this document) or in a source (another document's text in the
 * corpus), each converted over its own text's line index.
 */
#include "lsp_view.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp_pos.h"
#include "match.h"
#include "xref.h"

/* LSP's SymbolKind for a speaker and for a quote. */
#define KIND_SPEAKER 5 /* Class: it holds its quotes */
#define KIND_QUOTE 15  /* String */
/* The bytes of a quote a symbol's name shows. */
#define SYMBOL_WORDS 60

static json_t *position(const char *text, size_t len, const text_lines *l, size_t off, bool utf8)
{
    size_t row, col;
    text_lines_locate(l, off, &row, &col);
    return json_pack("{s:I,s:I}", "line", (json_int_t)row, "character",
                     (json_int_t)lsp_pos_character(text, len, l, row, col, utf8));
}

static json_t *range_in(const char *text, size_t len, const text_lines *l, size_t start,
                        size_t end, bool utf8)
{
    return json_pack("{s:o,s:o}", "start", position(text, len, l, start, utf8), "end",
                     position(text, len, l, end, utf8));
}

json_t *lsp_view_range(const lsp_view *v, size_t start, size_t end)
{
    return range_in(v->text, v->len, v->lines, start, end, v->utf8);
}

/* The Location of a source in its document, or NULL when that document
 * left the corpus (or memory ran out). */
static json_t *source_location(const lsp_view *v, const xref_source *x)
{
    size_t len;
    const char *text = corpus_text(v->c, x->doc, &len);
    const text_lines *l = corpus_lines(v->c, x->doc);
    char *uri = text && l ? v->uri_of(v->ctx, x->doc) : NULL;
    json_t *loc = uri ? json_pack("{s:s,s:o}", "uri", uri, "range",
                                  range_in(text, len, l, x->start, x->end, v->utf8))
                      : NULL;
    free(uri);
    return loc;
}

long lsp_view_quote_at(const lsp_view *v, size_t at)
{
    const analysis *a = v->a;
    size_t lo = 0, hi = a->n_quotes; /* quotes are in text order: the last opening at or before */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->quotes[mid].open <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* A quote inside a longer one opens later: look back a few for one
     * that holds `at`. */
    for (size_t i = lo, k = 0; i-- > 0 && k < 8; k++)
        if (at <= a->quotes[i].close)
            return (long)i;
    return -1;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* "b.txt:5: Ana Ruiz (variant; wording)": a source in a line. */
static void describe_source(char *out, size_t cap, const xref_source *x)
{
    const char *classes[8];
    size_t nc = xref_class_names(x->classes, classes, 8);
    int n = snprintf(out, cap, "%s:%zu: %s (%s", base_name(x->doc), x->line,
                     x->speaker ? x->speaker : "unattributed", match_relation_name(x->relation));
    for (size_t i = 0; i < nc && n > 0 && (size_t)n < cap; i++)
        n += snprintf(out + n, cap - (size_t)n, "%s%s", i ? ", " : "; ", classes[i]);
    if (n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, ")");
}

/* Whether a diagnostic comes from the cross-references, about the sources. */
static bool from_sources(const lsp_view *v, const diag *d)
{
    const analysis *x = v->x->xref;
    return x && x->n_diags && d >= x->diags && d < x->diags + x->n_diags;
}

static json_t *related(const lsp_view *v, const ann_quote *q)
{
    json_t *rel = json_array();
    char words[400];
    for (size_t k = 0; rel && k < q->n_sources; k++) {
        json_t *loc = source_location(v, &q->sources[k]);
        if (!loc)
            continue;
        describe_source(words, sizeof words, &q->sources[k]);
        json_array_append_new(rel, json_pack("{s:o,s:s}", "location", loc, "message", words));
    }
    return rel;
}

static json_t *diagnostic(const lsp_view *v, const diag *d)
{
    json_t *o = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", lsp_view_range(v, d->start, d->end),
                          "severity", (int)d->severity, "code", d->code, "source", "quotelens",
                          "message", d->message);
    long qi = o && from_sources(v, d) ? lsp_view_quote_at(v, d->start) : -1;
    if (qi >= 0 && v->x->q[qi].n_sources && json_object_set_new(o, "relatedInformation",
                                                                related(v, &v->x->q[qi])) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *lsp_view_diagnostics(const lsp_view *v)
{
    json_t *all = json_array();
    for (size_t i = 0; all && i < v->x->nd; i++)
        if (json_array_append_new(all, diagnostic(v, v->x->d[i].d)) != 0) {
            json_decref(all);
            return NULL;
        }
    return all;
}

json_t *lsp_view_locations(const lsp_view *v, size_t i, bool self)
{
    const ann_quote *q = &v->x->q[i];
    json_t *all = json_array();
    if (all && self)
        json_array_append_new(all, json_pack("{s:s,s:o}", "uri", v->uri, "range",
                                             lsp_view_range(v, v->a->quotes[i].start, v->a->quotes[i].end)));
    for (size_t k = 0; all && k < q->n_sources; k++) {
        json_t *loc = source_location(v, &q->sources[k]);
        if (loc)
            json_array_append_new(all, loc);
    }
    return all;
}

/* A quote's first words for a symbol's name, in out (cap > 8 bytes): cut
 * on a character boundary, line breaks made spaces. */
static void words_of(const lsp_view *v, const quote *q, char *out, size_t cap)
{
    size_t n = q->end > q->start ? q->end - q->start : 0;
    bool cut = n > SYMBOL_WORDS;
    if (cut) {
        n = SYMBOL_WORDS;
        while (n > 0 && ((unsigned char)v->text[q->start + n] & 0xC0) == 0x80)
            n--;
    }
    n = n < cap - 4 ? n : cap - 4;
    memcpy(out, v->text + q->start, n);
    out[n] = '\0';
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    if (cut)
        strcpy(out + n, "\xe2\x80\xa6");
    else if (n == 0)
        strcpy(out, "\xe2\x80\x9c\xe2\x80\x9d");
}

static const char *speaker_of(const lsp_view *v, size_t i)
{
    return v->x->q[i].speaker ? v->x->q[i].speaker : "unattributed";
}

typedef struct by_speaker {
    const char *speaker;
    size_t i;
} by_speaker;

static int speaker_order(const void *x, const void *y)
{
    const by_speaker *a = x, *b = y;
    int c = strcmp(a->speaker, b->speaker);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The quotes that are speech (not mentions), sorted by speaker, then in
 * text order. Returns how many, or -1 when out of memory. */
static long speech(const lsp_view *v, by_speaker **out)
{
    *out = malloc((v->a->n_quotes + 1) * sizeof **out);
    if (!*out)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < v->a->n_quotes; i++)
        if (v->a->quotes[i].kind != QUOTE_MENTION)
            (*out)[n++] = (by_speaker){speaker_of(v, i), i};
    qsort(*out, n, sizeof **out, speaker_order);
    return (long)n;
}

static json_t *quote_symbol(const lsp_view *v, size_t i)
{
    const quote *q = &v->a->quotes[i];
    char words[SYMBOL_WORDS + 8];
    words_of(v, q, words, sizeof words);
    return json_pack("{s:s,s:s,s:i,s:o,s:o}", "name", words, "detail", quote_kind_name(q->kind),
                     "kind", KIND_QUOTE, "range", lsp_view_range(v, q->open, q->close),
                     "selectionRange", lsp_view_range(v, q->start, q->end));
}

/* The symbol of the speaker of quotes s[0, n), holding them; its range
 * spans them all, as a parent's must. */
static json_t *speaker_symbol(const lsp_view *v, const by_speaker *s, size_t n)
{
    json_t *children = json_array();
    size_t open = SIZE_MAX, close = 0;
    for (size_t k = 0; children && k < n; k++) {
        const quote *q = &v->a->quotes[s[k].i];
        open = q->open < open ? q->open : open;
        close = q->close > close ? q->close : close;
        json_array_append_new(children, quote_symbol(v, s[k].i));
    }
    const quote *first = &v->a->quotes[s[0].i];
    char detail[40];
    snprintf(detail, sizeof detail, "%zu quote%s", n, n == 1 ? "" : "s");
    return json_pack("{s:s,s:s,s:i,s:o,s:o,s:o}", "name", s[0].speaker, "detail", detail, "kind",
                     KIND_SPEAKER, "range", lsp_view_range(v, open, close), "selectionRange",
                     lsp_view_range(v, first->start, first->end), "children", children);
}

json_t *lsp_view_symbols(const lsp_view *v)
{
    by_speaker *s;
    long n = speech(v, &s);
    json_t *all = n >= 0 ? json_array() : NULL;
    for (size_t i = 0, j; all && i < (size_t)n; i = j) {
        for (j = i + 1; j < (size_t)n && strcmp(s[j].speaker, s[i].speaker) == 0; j++)
            ;
        if (json_array_append_new(all, speaker_symbol(v, s + i, j - i)) != 0) {
            json_decref(all);
            all = NULL;
        }
    }
    free(s);
    return all;
}

/* Whether `query` occurs in s, ASCII letters folded. */
static bool holds(const char *s, const char *query)
{
    size_t n = strlen(query);
    for (; *s; s++)
        if (strncasecmp(s, query, n) == 0)
            return true;
    return !*query;
}

static json_t *symbol_info(const lsp_view *v, const char *name, int kind, size_t i,
                           const char *container)
{
    const quote *q = &v->a->quotes[i];
    return json_pack("{s:s,s:i,s:{s:s,s:o},s:s}", "name", name, "kind", kind, "location", "uri",
                     v->uri, "range", lsp_view_range(v, q->start, q->end), "containerName",
                     container);
}

int lsp_view_workspace_symbols(const lsp_view *v, const char *query, json_t *into)
{
    by_speaker *s;
    long n = speech(v, &s);
    int rc = n >= 0 ? 0 : -ENOMEM;
    char words[SYMBOL_WORDS + 8];
    for (size_t i = 0; rc == 0 && i < (size_t)n; i++) {
        const char *base = strrchr(v->name, '/') ? strrchr(v->name, '/') + 1 : v->name;
        if ((i == 0 || strcmp(s[i].speaker, s[i - 1].speaker) != 0) && holds(s[i].speaker, query))
            rc = json_array_append_new(into, symbol_info(v, s[i].speaker, KIND_SPEAKER, s[i].i, base));
        words_of(v, &v->a->quotes[s[i].i], words, sizeof words);
        if (rc == 0 && (holds(words, query) || holds(s[i].speaker, query)))
            rc = json_array_append_new(into, symbol_info(v, words, KIND_QUOTE, s[i].i, s[i].speaker));
    }
    free(s);
    return rc ? -ENOMEM : 0;
}

json_t *lsp_view_lenses(const lsp_view *v)
{
    json_t *all = json_array();
    char title[300];
    for (size_t i = 0; all && i < v->a->n_quotes; i++) {
        const quote *q = &v->a->quotes[i];
        size_t n = v->x->q[i].n_sources;
        if (q->kind == QUOTE_MENTION)
            continue;
        if (n)
            snprintf(title, sizeof title, "\xe2\x80\x94 %s \xc2\xb7 %zu source%s", speaker_of(v, i),
                     n, n == 1 ? "" : "s");
        else
            snprintf(title, sizeof title, "\xe2\x80\x94 %s", speaker_of(v, i));
        if (json_array_append_new(all, json_pack("{s:o,s:{s:s,s:s}}", "range",
                                                 lsp_view_range(v, q->start, q->end), "command",
                                                 "title", title, "command", "")) != 0) {
            json_decref(all);
            all = NULL;
        }
    }
    return all;
}

/* The run two versions share, from the first equal words to the last: its
 * bytes [*a0, *a1) here and [*b0, *b1) there. False when there is none. */
static bool shared_run(const xref_source *x, size_t *a0, size_t *a1, size_t *b0, size_t *b1)
{
    const diff_op *first = NULL, *last = NULL;
    for (size_t i = 0; i < x->n_ops; i++)
        if (x->ops[i].op == OP_EQUAL) {
            first = first ? first : &x->ops[i];
            last = &x->ops[i];
        }
    if (!first || last->a_end < first->a_start || last->b_end < first->b_start)
        return false;
    *a0 = first->a_start;
    *a1 = last->a_end;
    *b0 = first->b_start;
    *b1 = last->b_end;
    return true;
}

/* "Replace with the wording of SOURCE": the shared run of this quote
 * becomes the source's, as an edit of this document's version that the
 * editor applies only if the user picks it. NULL when the runs are equal. */
static json_t *replace_action(const lsp_view *v, const xref_source *x)
{
    size_t len, a0, a1, b0, b1;
    const char *other = corpus_text(v->c, x->doc, &len);
    if (!other || !(x->classes & DIFF_WORDING) || !shared_run(x, &a0, &a1, &b0, &b1) ||
        a1 > v->len || b1 > len ||
        (a1 - a0 == b1 - b0 && memcmp(v->text + a0, other + b0, a1 - a0) == 0))
        return NULL;
    const char *slash = strrchr(x->doc, '/');
    char title[300];
    snprintf(title, sizeof title, "Replace with the wording of %s:%zu", slash ? slash + 1 : x->doc,
             x->line);
    return json_pack("{s:s,s:s,s:{s:[{s:{s:s,s:I},s:[{s:o,s:s%}]}]}}", "title", title, "kind",
                     "quickfix", "edit", "documentChanges", "textDocument", "uri", v->uri,
                     "version", (json_int_t)v->version, "edits", "range",
                     lsp_view_range(v, a0, a1), "newText", other + b0, b1 - b0);
}

json_t *lsp_view_actions(const lsp_view *v, size_t from, size_t to)
{
    json_t *all = json_array();
    for (size_t i = 0; all && i < v->a->n_quotes; i++) {
        const quote *q = &v->a->quotes[i];
        if (q->open > to || q->close < from)
            continue;
        for (size_t k = 0; k < v->x->q[i].n_sources; k++) {
            json_t *act = replace_action(v, &v->x->q[i].sources[k]);
            if (act)
                json_array_append_new(all, act);
        }
    }
    return all;
}
