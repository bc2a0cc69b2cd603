/*
 * norm.h: folding a quotation into the words two sources can be compared
 * by. Case, Unicode forms, quote marks, dashes, abbreviation dots (U.K. =
 * UK), hyphenation (strong-arming = strong arming), contractions (we'll =
 * we will) and British/American spelling (behaviour = behavior) fold away;
 * [bracketed] insertions and ellipses are kept as marks on the words, since
 * they are editorial, not wording. Every word keeps its byte range in the
 * original text (a contraction's two words share theirs).
 */
#ifndef QL_NORM_H
#define QL_NORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    NORM_BRACKETED = 1 << 0, /* inside [ ]: an editor's insertion */
    NORM_AFTER_GAP = 1 << 1, /* an ellipsis stands before this word */
    NORM_STOP = 1 << 2,      /* a function word: weighs little in a match */
};

typedef struct norm_word {
    uint64_t hash;       /* of the folded form: equal hashes are equal words */
    uint32_t start, end; /* bytes in the original text */
    uint32_t flags;
} norm_word;

typedef struct norm_words {
    norm_word *v;
    size_t n, cap;
} norm_words;

/* Appends the words of text[start, end) to w. Returns 0 or -ENOMEM. */
int norm_quote(const char *text, size_t start, size_t end, norm_words *w);
void norm_words_free(norm_words *w);

/* Whether two words are the same once folded. */
static inline bool norm_same_word(const norm_word *a, const norm_word *b)
{
    return a->hash == b->hash;
}

#endif
