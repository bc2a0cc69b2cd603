/*
 * lsp_doc.h: the text of one document the editor has open, as the language
 * server keeps it: one run of bytes and its line index, changed by byte
 * ranges (lsp_pos.h turns the protocol's ranges into them). Tracks how much
 * of the start and end of the text no edit has touched since it was last
 * analysed, so an edit can be spliced (splice.h). Knows nothing of JSON.
 */
#ifndef QL_LSP_DOC_H
#define QL_LSP_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "text.h"

typedef struct lsp_doc {
    char *text;        /* text[len] is '\0', not part of it */
    size_t len, cap;
    text_lines *lines;
    size_t head, tail; /* bytes at the start and the end unchanged since lsp_doc_seen */
} lsp_doc;

/* A document holding text[0, n). Returns 0 or -ENOMEM (d is then empty). */
int lsp_doc_init(lsp_doc *d, const char *text, size_t n);
void lsp_doc_free(lsp_doc *d);
/* Replaces bytes [from, to) (clamped to the text) with s[0, n). Returns 0,
 * or -ENOMEM: the text is unchanged when it could not grow, but when only
 * the line index could not, it is changed and the document is unusable. */
int lsp_doc_replace(lsp_doc *d, size_t from, size_t to, const char *s, size_t n);
/* The whole text is new (a full-text change). Returns 0 or -ENOMEM. */
int lsp_doc_set(lsp_doc *d, const char *text, size_t n);
/* Marks the text as analysed: head and tail measure from here. */
void lsp_doc_seen(lsp_doc *d);

#endif
