/*
 * given.h: what a given name usually says of its bearer's sex ("Ana Ruiz
 * met Tomas Berg. “…,” he said." is Berg). Only names that tell it
 * nearly always in English-language news are listed; a name borne by men
 * and women alike (Jordan, Kim, Sam) says nothing. A title the article
 * gives (Mr, Congresswoman) outranks it.
 */
#ifndef QL_GIVEN_H
#define QL_GIVEN_H

#include <stddef.h>

/* LEX_MALE, LEX_FEMALE, or 0 when the name w[0, n) does not tell. */
unsigned given_sex(const char *w, size_t n);

#endif
