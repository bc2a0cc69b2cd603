/*
 * token.h: an article read as tokens and sentences, for attribution.
 *
 * The narration (everything outside the quotes) is cut into word,
 * punctuation and paragraph tokens; each quote stands as one token. Every
 * word carries its lexicon classes, so the rules above test "a verb of
 * speech", "a title" or "a capital" without looking at bytes again.
 * Sentences end at . ! ? and … before a capital, and at paragraph breaks.
 * Tokens know nothing of who speaks.
 */
#ifndef QL_TOKEN_H
#define QL_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "analysis.h"
#include "lexicon.h"

typedef enum { TK_WORD, TK_PUNCT, TK_QUOTE, TK_PARA } tok_type;

enum {
    TF_CAP = 1 << 0,  /* starts with a capital letter */
    TF_POSS = 1 << 1, /* ends in 's or s' */
    TF_USED = 1 << 2, /* a cue already consumed by a quote's attribution */
};

/* Kept small: a long article has millions of tokens. Offsets fit 32 bits
 * because tok_read refuses texts of 4 GiB and more. */
typedef struct tok {
    uint32_t s, e;
    uint32_t quote;  /* for TK_QUOTE */
    uint32_t sent;   /* index of the first token of its sentence */
    uint32_t sent_end; /* index of the token after its sentence */
    uint32_t para;   /* paragraph number */
    uint32_t lex;    /* lexicon classes of a word */
    uint8_t type;    /* tok_type */
    uint8_t flags;
    char ch;         /* the character of a one-byte punctuation token */
} tok;

/* The tokens of text[0, len), whose quotes are a's. */
typedef struct tokens {
    const char *text;
    size_t len;
    const analysis *a;
    tok *t;
    size_t n, cap;
} tokens;

/* Cuts at->text into tokens and marks their sentences; at->t is malloc'ed
 * (the caller frees it). Returns 0, -EFBIG past 4 GiB, or -ENOMEM. */
int tok_read(tokens *at);

/* The token after the sentence holding token i. */
size_t tok_sentence_end(const tokens *at, size_t i);
/* The text of tokens [from, to) as a new string, line breaks as spaces;
 * tok_dup_lower also folds ASCII capitals. NULL when out of memory. */
char *tok_dup(const tokens *at, size_t from, size_t to);
char *tok_dup_lower(const tokens *at, size_t from, size_t to);
/* "45-year-old" */
bool tok_age(const tokens *at, size_t i);
/* A word in capitals throughout (PORT ESTE). */
bool tok_all_caps(const tokens *at, size_t i);
/* A dash of any kind. */
bool tok_dash(const tokens *at, size_t i);
/* A word that looks like a plural noun: "businesses", not "Ruiz's", "was". */
bool tok_plural_noun(const tokens *at, size_t i);

/* Inline with a plain loop: the sets are short literals, and a strchr call
 * per test was 2% of the scan. */
static inline bool tok_punct(const tokens *at, size_t i, const char *chars)
{
    char c = at->t[i].ch;
    if (!c)
        return false;
    for (const char *p = chars; *p; p++)
        if (*p == c)
            return true;
    return false;
}

static inline bool tok_is(const tokens *at, size_t i, const char *w)
{
    const tok *k = &at->t[i];
    return k->type == TK_WORD && k->e - k->s == strlen(w) &&
           strncasecmp(at->text + k->s, w, k->e - k->s) == 0;
}

static inline bool tok_cue(const tokens *at, size_t i)
{
    /* "dismiss the claim": after a determiner a verb of speech is a noun. */
    if (at->t[i].type != TK_WORD || !(at->t[i].lex & LEX_CUE) ||
        (i > 0 && at->t[i - 1].type == TK_WORD && (at->t[i - 1].lex & (LEX_THE | LEX_DET)) &&
         !(at->t[i - 1].lex & LEX_PRON)))
        return false;
    /* "a conference call", "weak demand": such a word is a verb only after
     * who speaks ("officials demand", "Ruiz calls", "they claim"). */
    if (!(at->t[i].lex & LEX_NOUN_CUE))
        return true;
    const tok *k = i > 0 ? &at->t[i - 1] : NULL;
    return k && k->type == TK_WORD &&
           ((k->flags & TF_CAP) ||
            (k->lex & (LEX_PRON | LEX_ROLE | LEX_PLURAL | LEX_AGENT | LEX_BODY | LEX_AUX)));
}

/* "according to" at i: the cue of attributions to a source named after it. */
static inline bool tok_according(const tokens *at, size_t i)
{
    return i + 1 < at->n && tok_is(at, i, "according") && tok_is(at, i + 1, "to");
}

#endif
