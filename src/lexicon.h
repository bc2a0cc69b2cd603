/*
 * lexicon.h: the closed word classes of news English that attribution
 * needs: verbs of speech, titles, determiners, pronouns, auxiliaries and
 * words that end a noun phrase. Lookup is case-insensitive and O(1).
 */
#ifndef QL_LEXICON_H
#define QL_LEXICON_H

#include <stddef.h>

enum {
    LEX_CUE = 1 << 0,     /* a verb of speech in any tense: said, tells, warned */
    LEX_CUE_ING = 1 << 1, /* its participle: saying, adding */
    LEX_TITLE = 1 << 2,   /* part of a title or role: secretary, minister, foreign */
    LEX_ROLE = 1 << 3,    /* a noun that can head a speaker's description: spokesman */
    LEX_DET = 1 << 4,     /* opens an indefinite description: a, another, two */
    LEX_THE = 1 << 5,     /* the definite article, and possessives that act as one */
    LEX_PRON = 1 << 6,    /* he, she, they, it */
    LEX_AUX = 1 << 7,     /* may stand between a subject and its verb: has, also */
    LEX_BOUND = 1 << 8,   /* ends a noun phrase read backwards: that, but, while */
    LEX_LINK = 1 << 9,    /* may join the words of a name or description: of, for */
    LEX_FRONT = 1 << 10,  /* opens a fronted clause: after, despite, following */
    LEX_BODY = 1 << 11,   /* a word that makes a name an organisation: ministry */
    LEX_PLACE = 1 << 12,  /* a country or capital that speaks as a body: China */
    LEX_PLURAL = 1 << 13, /* a plural description: officials, sources */
    LEX_TIME = 1 << 14,   /* a day, month or time word: Tuesday, March, week */
    LEX_AGENT = 1 << 15,  /* speaks for someone else: spokesman, aide, source */
    LEX_INVERT = 1 << 16, /* a cue that may come before its speaker: said Ruiz */
    LEX_MALE = 1 << 17,   /* says its person is a man: Mr, spokesman, he */
    LEX_FEMALE = 1 << 18, /* says its person is a woman: Mrs, spokeswoman, she */
    LEX_STOP = 1 << 19,   /* a function word: weighs little when quotes are compared */
    LEX_PARTICLE = 1 << 20, /* lowercase inside a name: de la Cruz, van der Berg */
    LEX_NOUN_CUE = 1 << 21, /* a cue that is also a noun: call, demands, claim */
    LEX_ABBREV = 1 << 22,   /* a title abbreviated with a dot: Mr., Sen., Gen. */
    LEX_OPENER = 1 << 23,   /* capitalised only because it opens a sentence, and
                             * so part of no name: "Even Ana Ruiz said" */
    LEX_LABEL = 1 << 24,    /* says what a person is, before the name but no part
                             * of it: "Democrat Ana Ruiz", "Senators Bo Chan" */
    LEX_FIRM = 1 << 25,     /* ends a company's name: "Harbour Logistics Ltd." */
    LEX_LOCALE = 1 << 26,   /* a common noun for a place: "the state capital,
                             * Sacramento," is no speaker in apposition */
};

/* The classes of the word w[0..n), or 0. A final dot is ignored (Sen.). */
unsigned lexicon_classes(const char *w, size_t n);

#endif
