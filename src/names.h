/*
 * names.h: one canonical name per person or body across every document of
 * a run. Each document names its speakers as fully as it can ("Mike
 * Pompeo", or only "Pompeo" when the article never gives the first name);
 * the registry maps a shorter name to the one longer name that contains all
 * its words, when exactly one does.
 */
#ifndef QL_NAMES_H
#define QL_NAMES_H

#include <stddef.h>

typedef struct names names;

names *names_new(void);
void names_free(names *n);
/* Registers a speaker name as written by some document. Returns 0 or -ENOMEM. */
int names_add(names *n, const char *name);
/* The canonical form of name: a registered name that contains all its words
 * and is the only such longest one, else name itself. Never NULL for non-NULL name. */
const char *names_canonical(const names *n, const char *name);

#endif
