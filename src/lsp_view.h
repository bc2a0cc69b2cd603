/*
 * lsp_view.h: what the language server tells the editor about one
 * document, as the protocol's JSON: diagnostics, the hover of a quote, the
 * other sources of a quote as locations, the quotes as symbols, code lenses
 * and code actions. Built from the document's analysis and annotations
 * (annotate.h) and the corpus; every position is converted to the agreed
 * unit (lsp_pos.h). Knows nothing of how the JSON is sent.
 */
#ifndef QL_LSP_VIEW_H
#define QL_LSP_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "annotate.h"
#include "corpus.h"

typedef struct lsp_view {
    const char *name;          /* the document's name in the corpus */
    const char *uri;
    int64_t version;
    const char *text;          /* the text a and x were made for */
    size_t len;
    const text_lines *lines;
    const analysis *a;
    const annotations *x;      /* x->q[i] is a->quotes[i] */
    const corpus *c;
    bool utf8;                 /* positions in bytes, not UTF-16 units */
    /* The URI of another document (a new string, or NULL when out of memory). */
    char *(*uri_of)(void *ctx, const char *name);
    void *ctx;
} lsp_view;

/* Each function returns a new JSON value, or NULL when out of memory. */

/* The Diagnostic[] of publishDiagnostics. */
json_t *lsp_view_diagnostics(const lsp_view *v);
/* The quote at byte offset `at` (its marks included), or -1. */
long lsp_view_quote_at(const lsp_view *v, size_t at);
/* The Range of bytes [start, end) of the document. */
json_t *lsp_view_range(const lsp_view *v, size_t start, size_t end);
/* The Hover of quote i (lsp_hover.c). */
json_t *lsp_view_hover(const lsp_view *v, size_t i);
/* The Location[] of quote i in the other sources, and first its own when
 * `self` (textDocument/references). */
json_t *lsp_view_locations(const lsp_view *v, size_t i, bool self);
/* The DocumentSymbol[]: speakers, each holding its quotes. */
json_t *lsp_view_symbols(const lsp_view *v);
/* SymbolInformation of the speakers and quotes whose name holds `query`
 * (case folded for ASCII), appended to `into`. Returns 0 or -ENOMEM. */
int lsp_view_workspace_symbols(const lsp_view *v, const char *query, json_t *into);
/* The CodeLens[]: "— Speaker · N sources" on each attributed quote. */
json_t *lsp_view_lenses(const lsp_view *v);
/* The CodeAction[] for bytes [from, to): for each quote there whose wording
 * differs from a source, one "Replace with the wording of SOURCE". */
json_t *lsp_view_actions(const lsp_view *v, size_t from, size_t to);

#endif
