/*
 * splice.h: bringing an analysis up to date after an edit by re-reading only
 * the paragraphs the edit touched. The paragraphs are read again inside a
 * window of their neighbours, with the people the whole article names; the
 * neighbours must come out as they were, else the edit reaches further (a
 * quote left open, a speaker taken up by the next paragraph) and the caller
 * analyses the whole text. What a window cannot see (a pronoun whose
 * referent is many paragraphs back, a name whose first mention was edited)
 * is left to a later whole analysis: splicing is the fast first answer,
 * which the co-process checks against a whole reading when typing pauses.
 */
#ifndef QL_SPLICE_H
#define QL_SPLICE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

/* The edit's effect, in quote indices and byte offsets. */
typedef struct splice {
    size_t q_first;        /* quotes before this index are unchanged */
    size_t q_old_end;      /* the old quotes [q_first, q_old_end) were replaced */
    size_t q_new_end;      /* by the new quotes [q_first, q_new_end) */
    size_t from;           /* where the re-read paragraphs start, in both texts */
    size_t old_to, new_to; /* where they end in the old and the new text */
    long delta;            /* new_to - old_to: how far everything after moved */
    bool exact;            /* the edit named no one new and changed no speaker, so
                              in prose the rest reads as before (text the window
                              reads otherwise, such as a fence, can still differ) */
} splice;

/* Returned when only an analysis of the whole text is right. */
#define SPLICE_WHOLE 1

/* Updates a, the analysis of old[0..old_len), to describe text[0..len), of
 * which the first `head` and last `tail` bytes are known to be as in old
 * (0 when unknown: the texts are compared). Returns 0 with *sp filled,
 * SPLICE_WHOLE or -ENOMEM with a unchanged. */
int splice_analysis(analysis *a, const char *old, size_t old_len, const char *text, size_t len,
                    size_t head, size_t tail, splice *sp);

#endif
