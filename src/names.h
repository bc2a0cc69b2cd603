/*
 * names.h: one canonical name per person across every document of a run.
 * Each document names its speakers as fully as it can ("Mike Pompeo", or
 * only "Pompeo" when the article never gives the first name); a name that
 * another document gives in full, as the only full name ending with it,
 * becomes that full name. Add every speaker, index once, then look up.
 */
#ifndef QL_NAMES_H
#define QL_NAMES_H

typedef struct names names;

names *names_new(void);
void names_free(names *n);
/* Registers a speaker name as written by some document. Returns 0 or -ENOMEM. */
int names_add(names *n, const char *name);
/* Prepares look-ups after the last names_add. Returns 0 or -ENOMEM. */
int names_index(names *n);
/* The canonical form of name (never NULL for a non-NULL name). */
const char *names_canonical(const names *n, const char *name);

#endif
