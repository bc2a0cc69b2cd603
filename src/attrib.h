/*
 * attrib.h: who said each quotation. Owns cue verbs, name mentions, titles
 * and appositions, pronouns and role nouns resolved to a named speaker,
 * anonymous sources, bodies, and continuation of the previous speaker.
 * Names are resolved within one text; names.h unifies them across texts.
 */
#ifndef QL_ATTRIB_H
#define QL_ATTRIB_H

#include "analysis.h"
#include "people.h"

/* What a reading of part of an article starts from: the people the whole
 * article names and the speakers remembered before the part (both may be
 * empty). */
typedef struct attrib_context {
    const people *people;
    const heard *heard;
    size_t n_heard;
} attrib_context;

/* Fills speaker, cue, mention and confidence of every quote in a, and adds a
 * diagnostic for each quote left without a speaker. The people found and
 * the speakers remembered are left in a->people and a->heard. Returns 0 or
 * -ENOMEM. */
int attrib_resolve(const char *text, size_t len, const attrib_context *ctx, analysis *a);

#endif
