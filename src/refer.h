/*
 * refer.h: what a phrase that attributes a quote stands for. A name
 * becomes the full name the article uses ("Ruiz" -> "Ana Ruiz"); a title
 * alone, the person the article gave it; a pronoun ("he", "they", "it"),
 * "the 45-year-old" or "one of them", someone named before it; a role
 * ("the spokeswoman"), the one it introduced; a description, itself in
 * one form. Owns the state of one reading of an article: its tokens, its
 * people and the ring of speakers heard so far.
 */
#ifndef QL_REFER_H
#define QL_REFER_H

#include "people.h"
#include "phrase.h"

/* How many recent speakers a pronoun or role can reach back to. */
#define REFER_HISTORY 64
#define PARA_NONE UINT32_MAX

typedef enum { ENT_PERSON, ENT_BODY, ENT_ANON, ENT_ROLE, ENT_PRONOUN } ent_kind;

typedef struct entity {
    char *name;
    ent_kind kind;
    bool plural;
    unsigned gender; /* LEX_MALE, LEX_FEMALE or 0 when the article does not say */
    uint32_t para;   /* the paragraph it was heard in; PARA_NONE when not heard here */
} entity;

/* One reading of an article, from the first token to the last. */
typedef struct reading {
    tokens tk;
    analysis *a;
    /* A ring of recent speakers; their names are borrowed from a->heard
     * or the context's heard, which outlive it. */
    entity hist[REFER_HISTORY];
    size_t n_hist;
    people *people;
    size_t cur;  /* the token being attributed: where pronouns look back from */
    size_t prev; /* the token of the quote before it, SIZE_MAX when none */
} reading;

/* Resolves the phrase [from, to) to an entity. Returns 0 with out->name
 * NULL when the phrase names nobody we can trust, or -ENOMEM. */
int refer_resolve(const reading *at, size_t from, size_t to, entity *out);
/* refer_resolve, and when that names nobody, a definite description in
 * the speaker's own place as itself: "said the designer," or "The Berg
 * supporter retorted:". Only for a phrase that stands next to its verb,
 * complete. */
int refer_resolve_described(const reading *at, size_t from, size_t to, entity *out);
/* Sets *out to a new entity taking `name` (malloc'ed; NULL means out of
 * memory, and -ENOMEM is returned). */
int refer_set(entity *out, char *name, ent_kind kind, bool plural);
void refer_clear(entity *e);
/* Remembers a speaker whose name outlives the reading. */
void refer_remember(reading *at, const entity *e);
/* Remembers a speaker named at offset `where` and notes it in the
 * analysis. Takes e->name (NULL on return). Returns 0 or -ENOMEM. */
int refer_hear(reading *at, entity *e, size_t where);

#endif
