/*
 * names.h: one canonical name per person across every document of a run.
 * Each document names its speakers as fully as it can ("Mike Pompeo", or
 * only "Pompeo" when the article never gives the first name); a name that
 * another document gives in full, as the only full name ending with it,
 * becomes that full name. Add every speaker, index once, then look up.
 *
 * Whether two names, however each source wrote them, are one person is
 * answered in one place, names_same_person(): accents and case fold away
 * (Sofía Peña = Sofia Pena), titles drop (Sen. Berg = Berg), a surname
 * alone is the full name (Berg = Tomas Berg), and one slip of the pen in a
 * long name word (Marguerite/Margeurite) is a spelling, not a rival.
 */
#ifndef QL_NAMES_H
#define QL_NAMES_H

#include <stdbool.h>

typedef struct names names;

names *names_new(void);
void names_free(names *n);
/* Registers a speaker name as written by some document. Returns 0 or -ENOMEM. */
int names_add(names *n, const char *name);
/* Prepares look-ups after the last names_add. Returns 0 or -ENOMEM. */
int names_index(names *n);
/* The canonical form of name (never NULL for a non-NULL name). */
const char *names_canonical(const names *n, const char *name);

/* What two names written by two sources say of their people. */
typedef enum {
    NAMES_SAME,      /* one person: equal once folded, or one holds the other */
    NAMES_SPELLING,  /* one person, one name word misspelled on one side */
    NAMES_DIFFERENT, /* two people, or nothing to tell them apart by */
} names_identity;

/* The shortest name word, in letters, that one edit may misspell: in a
 * shorter word one letter is too often another name (Lund, Land). */
#define NAMES_SPELL_MIN 6

/* Compares two speaker names as written. Case, accents (utf8proc's
 * decomposition with marks stripped) and apostrophes fold away and
 * leading titles (Mr., Sen., Minister) drop; then the names are the SAME
 * when every word of the one with fewer words stands in the other, a
 * SPELLING when all but one do and that one is a single insertion,
 * deletion, substitution or transposition away from a word of the other,
 * both at least NAMES_SPELL_MIN letters long; else DIFFERENT. A NULL or
 * empty name is DIFFERENT from everything. */
names_identity names_same_person(const char *a, const char *b);

/* Whether a speaker is named by a proper name, its first and last words
 * capitalised ("Ana Ruiz", "Sofía Peña", "Harbour Authority"), rather than
 * described ("a spokesman", "minister", "Meridian spokeswoman"). */
bool names_proper(const char *name);

#endif
