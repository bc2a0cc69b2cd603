/*
 * cue.h: who a verb of speech says is speaking, and the record of what a
 * rule found: the speaker, the tokens naming them, the cue's tokens.
 */
#ifndef QL_CUE_H
#define QL_CUE_H

#include "refer.h"

typedef struct found {
    entity who;
    size_t np_from, np_to;  /* tokens of the attributing mention */
    size_t cue_from, cue_to;
    float confidence;       /* when not the rule's: a continuation's */
    bool again;             /* the speaker of the quote before, not heard anew */
} found;

/* The subject of the sentence holding token i, resolved into f. */
int cue_subject(const reading *at, size_t i, found *f);
/* The speaker of the cue at token c (a verb of speech, or "according"),
 * read no further back than `floor` nor on than `limit`. */
int cue_speaker(const reading *at, size_t c, size_t floor, size_t limit, found *f);
/* The speaker named by the phrase [from, e) after an inverted cue ("said
 * Ana Ruiz, the minister", "said the designer,"), within limit. */
int cue_inverted_speaker(const reading *at, size_t from, size_t e, size_t limit, found *f);

#endif
