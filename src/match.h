/*
 * match.h: whether two quotations are the same utterance, and how their
 * words differ. Works on folded words (norm.h) and knows nothing of where
 * the quotes come from.
 */
#ifndef QL_MATCH_H
#define QL_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "norm.h"

typedef enum {
    REL_SAME,     /* identical once folded */
    REL_VARIANT,  /* the same utterance, worded differently */
    REL_CONTAINS, /* the other is a trimmed part of this one */
    REL_WITHIN,   /* this one is a trimmed part of the other */
    REL_OVERLAP,  /* they share a run, and each has words the other lacks */
} match_relation;

/* How two linked quotes differ; a bit set. */
enum {
    DIFF_WORDING = 1 << 0,     /* words changed, added or dropped inside: a possible misquote */
    DIFF_TRIMMED = 1 << 1,     /* one starts or ends at another point */
    DIFF_EDITORIAL = 1 << 2,   /* [brackets] or an ellipsis */
    DIFF_SPELLING = 1 << 3,    /* behaviour / behavior, U.K. / UK */
    DIFF_PUNCTUATION = 1 << 4, /* marks, dashes, commas, case */
};

typedef enum { OP_EQUAL, OP_DELETE, OP_INSERT, OP_REPLACE } diff_kind;

/* One step of the word diff: bytes [a_start, a_end) of the first quote's
 * text against [b_start, b_end) of the second's (empty on one side for
 * OP_DELETE and OP_INSERT). */
typedef struct diff_op {
    diff_kind op;
    uint32_t a_start, a_end, b_start, b_end;
} diff_op;

typedef struct match_result {
    bool linked;
    bool held_whole;         /* linked only as a short quote the other holds whole */
    float similarity;        /* 0..1: shared words over all words */
    match_relation relation; /* of the first quote to the second */
    unsigned classes;        /* DIFF_* */
    diff_op *ops;
    size_t n_ops;
} match_result;

/* Aligns quote a (words of a_text) against quote b (words of b_text) and
 * decides whether they are one utterance: a substantial aligned run, not a
 * shared stock phrase. A short quote (match_is_short) also links when the
 * other holds it whole (out->held_whole). Returns 0 or -ENOMEM; out->ops is owned by the
 * caller (match_result_free). */
int match_align(const char *a_text, const norm_words *a, const char *b_text,
                const norm_words *b, match_result *out);
void match_result_free(match_result *r);

/* Whether a quote is short enough to link to a longer one that holds it
 * whole, whatever it weighs: up to five words with fewer than three
 * content words ("a fair deal", "back in our faces", "And the port will
 * close."). Such a link needs the quote's context to agree (corpus.c). */
bool match_is_short(const norm_words *w);

const char *match_relation_name(match_relation r);

#endif
