/*
 * corpus.h: the documents quotelens can cite (the files of a scan, corpus
 * folders, open buffers) and, for any quote of one, the places where
 * another document carries the same utterance. Documents come and go as
 * buffers change; a look-up costs time in proportion to its candidates,
 * found through an index of word-pair fingerprints, not to the corpus.
 */
#ifndef QL_CORPUS_H
#define QL_CORPUS_H

#include <stddef.h>

#include "analysis.h"
#include "match.h"
#include "splice.h"
#include "text.h"

typedef struct corpus corpus;

/* Another document's version of a quote. Strings are owned by the corpus
 * and live until that document is dropped or replaced; ops are owned here. */
typedef struct xref_source {
    const char *doc;         /* the other document's name */
    size_t quote;            /* its quote's index there */
    size_t start, end;       /* the quote's byte range there */
    size_t line, col;        /* 1-based position of start */
    const char *speaker;     /* as that document names it, or NULL */
    quote_kind kind;         /* of the other quote */
    float confidence;        /* of its attribution there (quote.confidence) */
    float similarity;
    match_relation relation; /* of this quote to the other */
    unsigned classes;        /* DIFF_* */
    diff_op *ops;            /* a = this quote's text, b = the other's */
    size_t n_ops;
} xref_source;

corpus *corpus_new(void);
void corpus_free(corpus *c);
/* Adds a document, or replaces the one of that name; the corpus keeps its
 * own copy of the text and of the quotes. Returns 0 or -ENOMEM. */
int corpus_put(corpus *c, const char *name, const char *text, size_t len, const analysis *a);
/* Brings document `name` up to date after an edit that splice_analysis
 * turned into a (whose text is text[0..len)): only the edited quotes are
 * indexed again. Puts the document whole when the corpus lacks it. Returns
 * 0, or -ENOMEM with the document dropped. */
int corpus_splice(corpus *c, const char *name, const char *text, size_t len, const analysis *a,
                  const splice *sp);
/* Removes a document; 0, or -ENOENT when there is none of that name. */
int corpus_drop(corpus *c, const char *name);
/* The line index of a document's text, or NULL. */
const text_lines *corpus_lines(const corpus *c, const char *name);
/* The text the corpus holds for a document, or NULL. */
const char *corpus_text(const corpus *c, const char *name, size_t *len);
/* Every other document's version of quote qi of document `name`, best
 * first. Returns 0 (with *n == 0 when none), -ENOENT or -ENOMEM. */
int corpus_sources(corpus *c, const char *name, size_t qi, xref_source **out, size_t *n);
void xref_sources_free(xref_source *s, size_t n);

#endif
