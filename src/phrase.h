/*
 * phrase.h: noun phrases and names read from tokens: the phrase before or
 * after a verb ("Ana Ruiz, the trade minister, said", "said a spokesman
 * for the port"), the subject of a clause past a fronted phrase or a
 * dateline, insertions and appositions, where a name starts after its
 * titles ("US secretary of state Mike Pompeo"), descriptions put in one
 * form ("a Port Authority spokesman" -> "spokesman for the Port
 * Authority"), and the people an article names with their titles. Knows
 * nothing of who has spoken before.
 */
#ifndef QL_PHRASE_H
#define QL_PHRASE_H

#include "people.h"
#include "token.h"

/* The most words a speaker's phrase spans. */
#define PHRASE_MAX 10

/* A word that may stand between a speaker and the verb: an adverb
 * ("also"), an auxiliary ("has"), a time ("on Tuesday"). */
bool phrase_skippable(const tokens *at, size_t i);
/* Whether token i can be part of a speaker's noun phrase. */
bool phrase_word(const tokens *at, size_t i);
/* The phrase ending before token `end`, no further back than `floor`:
 * its first token, or `end` when there is none. */
size_t phrase_before(const tokens *at, size_t end, size_t floor);
/* The phrase starting at `from` (after an inverted cue): its end, or
 * `from` when there is none. */
size_t phrase_after(const tokens *at, size_t from, size_t limit);
/* Where the name begins in the capitalised phrase [from, to), past its
 * titles; `to` when it is titles alone. */
size_t phrase_name_start(const tokens *at, size_t from, size_t to);
/* A description [from, to) in the form descriptions take elsewhere, as a
 * new string (NULL when out of memory). */
char *phrase_describe(const tokens *at, size_t from, size_t to);
/* The start of the main clause of the sentence starting at s. */
size_t phrase_clause_start(const tokens *at, size_t s, size_t limit);
/* The end of the subject opening the clause at cs. */
size_t phrase_subject_end(const tokens *at, size_t cs, size_t limit);
/* Whether the sentence starting at ss is a byline ("By Nora Quill,
 * Kestrel Courier" as a paragraph of its own). */
bool phrase_byline(const tokens *at, size_t ss);
/* The subject [*from, *to) of the sentence starting at ss (a name in
 * apposition when there is one); empty when none. */
void phrase_subject(const tokens *at, size_t ss, size_t limit, size_t *from, size_t *to);
/* Whether the phrase [from, to) speaks for many. */
bool phrase_plural(const tokens *at, size_t from, size_t to);
/* After an inverted cue, a description and the name given it: moves
 * [*from, *to) onto the name. */
void phrase_apposed_name(const tokens *at, size_t limit, size_t *from, size_t *to);
/* An insertion (", 70,", "(R-Ohio)") ending before token v: where it
 * starts, or v when there is none. */
size_t phrase_insertion_before(const tokens *at, size_t v, size_t floor);
/* An insertion starting at token i: the token after it, or i. */
size_t phrase_insertion_after(const tokens *at, size_t i, size_t limit);
/* Whether [b, e) is a role with its complement ("the mayor of Port Ellis"). */
bool phrase_role_of(const tokens *at, size_t b, size_t e);
/* Whether token i is capitalised only because it opens its sentence:
 * Title Case there and never mid-sentence in the article (by the words p
 * noted), and with lower_too written in lowercase elsewhere ("Hastily, the
 * board met" beside "acted hastily"): so no name. */
bool phrase_opener_only(const tokens *at, const people *p, size_t i, bool lower_too);
/* Adds to p every person the article names, with the title before the
 * name or the apposition after it. Returns 0 or -ENOMEM. */
int phrase_collect_people(const tokens *at, people *p);

#endif
