/*
 * people.h: the people one article names, with the titles it gives them,
 * so that a surname ("Ruiz") or a role ("the trade minister") said later can
 * be traced to one full name ("Ana Ruiz"). Built once per analysis: add every
 * mention, index, then look up; look-ups cost O(log people).
 */
#ifndef QL_PEOPLE_H
#define QL_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct people people;

people *people_new(void);
void people_free(people *p);
/* Records a full name and its title words (lowercase, may be empty); both
 * are copied. Returns 0 or -ENOMEM. */
int people_add(people *p, const char *name, const char *title);
/* The same taking ownership of malloc'ed name and title, which are freed
 * when it fails: spares copying what the caller has just built. */
int people_adopt(people *p, char *name, char *title);
/* Records every person of `from` with their titles, as people_add would:
 * a part of an article is read with the people the whole of it names.
 * Returns 0 or -ENOMEM. */
int people_add_all(people *p, const people *from);
/* Whether two indexed registers hold the same people with the same titles. */
bool people_equal(const people *x, const people *y);
/* Notes how the article writes the word w[0..n) where nothing but a name
 * would capitalise it, mid-sentence: capitalised ("the Hastings plan") or
 * not ("acted hastily"), so that a word capitalised only where it opens a
 * sentence ("Hastily, the board met") is known for no name. Returns 0 or
 * -ENOMEM. */
int people_note_word(people *p, const char *w, size_t n, bool capital);
/* Whether the article writes w[0..n) capitalised mid-sentence, or in
 * lowercase, by the notes. */
bool people_seen_capital(const people *p, const char *w, size_t n);
bool people_seen_lower(const people *p, const char *w, size_t n);
/* Merges repeated names and builds the word index. Returns 0 or -ENOMEM. */
int people_index(people *p);
/* The one full name that ends with `name` (a surname), else, when
 * any_word is set, the one that holds it as a word (a first or family
 * name); NULL when none or several. */
const char *people_full_name(const people *p, const char *name, bool any_word);
/* What the titles given to people named `name` (by their last word) say
 * of their sex: LEX_MALE, LEX_FEMALE, or 0 when nothing or both. */
unsigned people_gender(const people *p, const char *name);
/* The same, with both bits set when the article has a man and a woman
 * of that name (Mr. Okafor and Ms. Okafor). */
unsigned people_sexes(const people *p, const char *name);
/* The one person whose titles hold every content word of `role`, or NULL. */
const char *people_titled(const people *p, const char *role);

#endif
