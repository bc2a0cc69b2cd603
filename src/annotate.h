/*
 * annotate.h: what Neovim should show for one buffer: every quote's span,
 * kind, speaker and mention in (row, column) positions as extmarks take
 * them, its other sources, and the diagnostics. Built from an analysis and
 * the corpus; knows nothing of how it is sent.
 */
#ifndef QL_ANNOTATE_H
#define QL_ANNOTATE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "corpus.h"
#include "names.h"

typedef struct ann_pos {
    uint32_t row, col, end_row, end_col; /* 0-based; columns in bytes */
} ann_pos;

typedef struct ann_quote {
    uint64_t key;              /* its words and kind: finds it again after an edit */
    size_t start;              /* its byte offset, to move cached sources with it */
    ann_pos pos;
    ann_pos mention;
    bool has_mention;
    quote_kind kind;
    const char *speaker, *cue; /* owned by the analysis or the names registry */
    const char *rule;          /* static: a mention's rule ("mention:title"), else NULL */
    float confidence;
    xref_source *sources;      /* owned here */
    size_t n_sources;
} ann_quote;

typedef struct ann_diag {
    ann_pos pos;
    const diag *d;
} ann_diag;

typedef struct annotations {
    ann_quote *q;
    size_t nq;
    ann_diag *d;  /* the analysis' diagnostics and the cross-reference ones, in order */
    size_t nd;
    analysis *xref; /* holds the cross-reference diagnostics */
    size_t rows;    /* lines of the text they were made for */
} annotations;

/* Builds the annotations of a buffer `name` whose text and analysis the
 * corpus already holds; `a` is not changed. When `prev` is given, the
 * buffer's previous annotations made while every other document was as it
 * is now, a quote whose words are unchanged keeps its sources from there:
 * only quotes an edit touched are looked up again. Of `prev` only the
 * quotes' keys, starts and sources are read: its speaker, cue and diagnostic
 * pointers belonged to an analysis that is gone. Returns 0 or -ENOMEM. */
int annotate(const char *name, const char *text, const analysis *a, corpus *c, const names *reg,
             const annotations *prev, annotations *out);
/* Brings prev, the annotations of buffer `name` before an edit, up to date
 * after it: a is the spliced analysis (splice.h), which the corpus holds
 * already. Only the edited quotes are looked up; the others move with the
 * text and keep their sources, which move over from prev, and their
 * speakers unless reg is not the registry prev was made with (new_names).
 * Returns 0, -ENOENT or -ENOMEM; prev is left to be freed. */
int annotate_splice(const char *name, const char *text, const analysis *a, corpus *c,
                    const names *reg, bool new_names, annotations *prev, const splice *sp,
                    annotations *out);
/* After another document changed: looks quotes `which` (n sorted indices)
 * of buffer `name` up again, in x, the buffer's annotations, and redoes
 * the cross-reference diagnostics. Returns 0, -ENOENT or -ENOMEM (x is
 * then only fit to be freed). */
int annotate_refresh(const char *name, const char *text, const analysis *a, corpus *c,
                     const names *reg, const size_t *which, size_t n, annotations *x);
/* The quotes of `a` that start in rows [top, bottom) of text and their
 * diagnostics, without sources: what a window shows of a long article,
 * made before the corpus holds its text. reg may be NULL (speakers as the
 * text names them). Returns 0 or -ENOMEM. */
int annotate_rows(const char *text, size_t len, const analysis *a, const names *reg, size_t top,
                  size_t bottom, annotations *out);
/* A digest of what the annotations draw, to tell whether they changed. */
uint64_t annotations_digest(const annotations *x);
void annotations_free(annotations *x);

#endif
