/*
 * norm.c: folding quotations into comparable words (see norm.h).
 *
 * Words are runs of letters and digits; an apostrophe between letters
 * stays (it's), a dot between single letters goes (U.K. = UK), a hyphen
 * splits (strong-arming = strong arming). ASCII is folded inline; a word
 * with other letters goes through utf8proc (case fold, compatibility forms,
 * accents stripped). Contractions fold to their two words (we'll = we
 * will). British spellings fold to American by suffix rules,
 * applied to both sides alike, so a rule that also changes an unrelated
 * word ("promise" -> "promize") can only make two identical words equal.
 */
#include "norm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "array.h"
#include "lexicon.h"
#include "text.h"

/* Words are compared on their first NORM_MAX_WORD - 1 folded bytes. */
#define NORM_MAX_WORD 64

void norm_words_free(norm_words *w)
{
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

/* Replaces the last `cut` bytes of s[0..*n) with `with` (k bytes). */
static void respell(char *s, size_t *n, size_t cut, const char *with, size_t k)
{
    memcpy(s + *n - cut, with, k);
    *n = *n - cut + k;
    s[*n] = '\0';
}

typedef struct spelling_rule {
    const char *from, *to;
    size_t from_len, to_len, min; /* min: the shortest word it applies to */
} spelling_rule;

#define RULE(from, to, min) {from, to, sizeof from - 1, sizeof to - 1, min}

/* The rules by the last byte of their suffix, since every word of every
 * quote passes here and only the rules ending in its last byte can apply.
 * Within a group the order is the precedence. */
static const spelling_rule rules_e[] = {
    RULE("ourite", "orite", 8), RULE("ise", "ize", 6), RULE("yse", "yze", 6), RULE("tre", "ter", 5),
    RULE("ogue", "og", 7), RULE("fence", "fense", 6), RULE("cence", "cense", 6), RULE("amme", "am", 7),
};
static const spelling_rule rules_s[] = {
    RULE("ourites", "orites", 9), RULE("ours", "ors", 7), RULE("isations", "izations", 10),
    RULE("ises", "izes", 6), RULE("tres", "ters", 6), RULE("ogues", "ogs", 8), RULE("ammes", "ams", 8),
};
static const spelling_rule rules_g[] = {
    RULE("ouring", "oring", 8), RULE("ising", "izing", 7), RULE("ysing", "yzing", 7),
    RULE("lling", "ling", 8),
};
static const spelling_rule rules_d[] = {
    RULE("oured", "ored", 7), RULE("ised", "ized", 6), RULE("ysed", "yzed", 6), RULE("lled", "led", 7),
};
static const spelling_rule rules_r[] = {RULE("our", "or", 6)};
static const spelling_rule rules_n[] = {RULE("isation", "ization", 9)};

/* British to American: behaviour, organise, analyse, centre, catalogue,
 * travelled, defence, programme. */
static void fold_spelling(char *s, size_t *n)
{
    const spelling_rule *rules;
    size_t n_rules;
    if (*n < 5) /* shorter than any rule's `min` */
        return;
    switch (s[*n - 1]) {
    case 'e': rules = rules_e, n_rules = sizeof rules_e / sizeof *rules_e; break;
    case 's': rules = rules_s, n_rules = sizeof rules_s / sizeof *rules_s; break;
    case 'g': rules = rules_g, n_rules = sizeof rules_g / sizeof *rules_g; break;
    case 'd': rules = rules_d, n_rules = sizeof rules_d / sizeof *rules_d; break;
    case 'r': rules = rules_r, n_rules = sizeof rules_r / sizeof *rules_r; break;
    case 'n': rules = rules_n, n_rules = sizeof rules_n / sizeof *rules_n; break;
    default: return;
    }
    for (size_t i = 0; i < n_rules; i++) {
        size_t k = rules[i].from_len;
        if (*n >= rules[i].min && memcmp(s + *n - k, rules[i].from, k) == 0) {
            respell(s, n, k, rules[i].to, rules[i].to_len);
            return;
        }
    }
}

/* Folds the word raw[0..n) into out (cap bytes); returns its length. */
static size_t fold_word(const char *raw, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        ascii &= (unsigned char)raw[i] < 0x80;
    if (ascii) {
        for (size_t i = 0; i < n && k + 1 < cap; i++) {
            char c = raw[i];
            if (c == '.')
                continue;
            out[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
    } else {
        utf8proc_uint8_t *folded = NULL;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)n,
                                          &folded, UTF8PROC_CASEFOLD | UTF8PROC_COMPAT |
                                                       UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
        for (utf8proc_ssize_t i = 0; i < m && k + 1 < cap; i++) {
            /* The typographic apostrophe is the typewriter one. */
            if (i + 2 < m && folded[i] == 0xE2 && folded[i + 1] == 0x80 && folded[i + 2] == 0x99) {
                out[k++] = '\'';
                i += 2;
            } else if (folded[i] != '.') {
                out[k++] = (char)folded[i];
            }
        }
        free(folded);
    }
    out[k] = '\0';
    fold_spelling(out, &k);
    return k;
}

static int push_word(norm_words *w, norm_word x)
{
    if (w->n == w->cap && array_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v))
        return -ENOMEM;
    w->v[w->n++] = x;
    return 0;
}

/* The end of the word starting at i: letters and digits, an apostrophe
 * between letters, a dot after a single letter before another (U.K.). */
static size_t word_end(const char *t, size_t end, size_t i)
{
    size_t e = i, n, segment = 0;
    while (e < end) {
        unsigned char b = (unsigned char)t[e];
        if ((unsigned char)((b | 0x20) - 'a') < 26 || (unsigned char)(b - '0') < 10) {
            e++; /* ASCII letters and digits, without decoding */
            segment++;
            continue;
        }
        int32_t c = text_decode(t, end, e, &n);
        if (text_is_letter(c) || text_is_digit(c)) {
            e += n;
            segment++;
            continue;
        }
        size_t m;
        int32_t next = e + n < end ? text_decode(t, end, e + n, &m) : -1;
        bool alnum_next = next >= 0 && (text_is_letter(next) || text_is_digit(next));
        if (c == '.' && segment == 1 && (alnum_next || e + n == end || next == ' ' || next == ',')) {
            e += n; /* U.K. : the dots of an abbreviation */
            segment = 0;
            continue;
        }
        if (!(alnum_next && (c == '\'' || c == 0x2019)))
            break;
        e += n;
        segment = 0;
    }
    return e;
}

/* A contraction's two words: "we'll" -> "we" + "will", "won't" -> "will" +
 * "not", "it's" -> "it" + "is" (only after pronouns that cannot own:
 * "Ruiz's" stays one word). Sets the first word's length in *stem_len
 * (into stem, which holds a word of NORM_MAX_WORD bytes) and returns the
 * second, or NULL when w[0..k) is no contraction. */
static const char *contraction(const char *w, size_t k, char *stem, size_t *stem_len)
{
    static const struct { const char *tail, *word; } tails[] = {
        {"n't", "not"}, {"'ll", "will"}, {"'re", "are"}, {"'ve", "have"}, {"'m", "am"}, {"'d", "would"},
        {"'s", "is"},
    };
    static const char *const is_after[] = {"it", "that", "there", "he", "she", "what", "who", "here",
                                           "where", "how", "let"};
    for (size_t r = 0; r < sizeof tails / sizeof tails[0]; r++) {
        size_t t = strlen(tails[r].tail);
        if (k <= t || memcmp(w + k - t, tails[r].tail, t) != 0)
            continue;
        size_t n = k - t;
        memcpy(stem, w, n);
        stem[n] = '\0';
        if (r == 0) { /* won't, can't, shan't: the stem changes too */
            if (!strcmp(stem, "wo"))
                n = (size_t)sprintf(stem, "will");
            else if (!strcmp(stem, "ca"))
                n = (size_t)sprintf(stem, "can");
            else if (!strcmp(stem, "sha"))
                n = (size_t)sprintf(stem, "shall");
        }
        *stem_len = n;
        if (tails[r].tail[1] != 's')
            return tails[r].word;
        for (size_t i = 0; i < sizeof is_after / sizeof is_after[0]; i++)
            if (!strcmp(stem, is_after[i]))
                return strcmp(stem, "let") ? "is" : "us";
        return NULL;
    }
    return NULL;
}

static int push_folded(norm_words *w, const char *folded, size_t k, uint32_t s, uint32_t e,
                       uint32_t flags)
{
    norm_word x = {XXH3_64bits(folded, k), s, e, flags};
    return push_word(w, x);
}

int norm_quote(const char *text, size_t start, size_t end, norm_words *w)
{
    int depth = 0;
    bool gap = false;
    for (size_t i = start, n; i < end; i += n) {
        unsigned char b = (unsigned char)text[i];
        n = 1;
        if (b == ' ' || b == ',') /* most of what lies between words */
            continue;
        int32_t c = text_decode(text, end, i, &n);
        if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth -= depth > 0;
        } else if (c == 0x2026 || (c == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.')) {
            gap = true;
            if (c == '.')
                n = 3;
        } else if (text_is_letter(c) || text_is_digit(c)) {
            size_t e = word_end(text, end, i);
            char folded[NORM_MAX_WORD], stem[NORM_MAX_WORD];
            size_t k = fold_word(text + i, e - i, folded, sizeof folded), stem_len;
            /* A contraction weighs as the one word it was written as:
             * "there's" carries meaning that "there" and "is" do not. */
            uint32_t flags = (depth ? NORM_BRACKETED : 0) | (gap ? NORM_AFTER_GAP : 0) |
                             ((lexicon_classes(folded, k) & LEX_STOP) ? NORM_STOP : 0);
            const char *second = memchr(folded, '\'', k) ? contraction(folded, k, stem, &stem_len) : NULL;
            int rc = second ? push_folded(w, stem, stem_len, (uint32_t)i, (uint32_t)e, flags) ||
                                  push_folded(w, second, strlen(second), (uint32_t)i, (uint32_t)e,
                                              flags & ~(uint32_t)NORM_AFTER_GAP)
                            : push_folded(w, folded, k, (uint32_t)i, (uint32_t)e, flags);
            if (rc != 0)
                return -ENOMEM;
            gap = false;
            n = e - i;
        }
    }
    return 0;
}
