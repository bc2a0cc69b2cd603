/*
 * attrib.h: who said each quotation. Owns cue verbs, name mentions, titles
 * and appositions, pronouns and role nouns resolved to a named speaker,
 * anonymous sources, bodies, and continuation of the previous speaker.
 * Names are resolved within one text; names.h unifies them across texts.
 */
#ifndef QL_ATTRIB_H
#define QL_ATTRIB_H

#include "analysis.h"

/* Fills speaker, cue, mention and confidence of every quote in a, and adds a
 * diagnostic for each quote left without a speaker. Returns 0 or -ENOMEM. */
int attrib_resolve(const char *text, size_t len, analysis *a);

#endif
