/*
 * attrib.c: who said each quotation.
 *
 * The narration (everything outside the quotes) is cut into word,
 * punctuation and paragraph tokens; each quote stands as one token. Reading
 * the tokens in order, every verb of speech in the narration introduces a
 * speaker (the noun phrase before it, or after it when inverted: "said
 * Raab"), which goes on a history of who has spoken. A quote is attributed,
 * in order of strength, by
 *   1. a cue right after it:        “…,” Raab said / said Raab / he said
 *   2. a cue before it in its sentence: Raab said: “…” / X urged Y to “…”
 *   3. a cue after it in its sentence:  … a “coalition”, according to X
 *   4. the subject of its sentence (partial quotes in narration)
 *   5. the previous quote, when it continues the same speech.
 * Pronouns and role nouns ("he", "they", "the spokeswoman", "the secretary
 * of state") are resolved against the history and the titles the article
 * gave its people ("Foreign Secretary Ana Ruiz"); a surname alone becomes
 * the full name the article uses. A quote with no speaker found keeps none:
 * a wrong name is worse than no name for a fact-checker.
 */
#include "attrib.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "array.h"
#include "lexicon.h"
#include "people.h"
#include "text.h"

/* How far attribution looks, in tokens: a bound that keeps the pass linear. */
#define ATTRIB_NP_MAX 10
#define ATTRIB_RIGHT_MAX 12
#define ATTRIB_HISTORY 64
#define ATTRIB_INSERTION_MAX 32
/* Lines longer than this end their paragraph, as in quote.c. */
#define ATTRIB_WRAP_WIDTH 100

typedef enum { TK_WORD, TK_PUNCT, TK_QUOTE, TK_PARA } tok_type;

enum {
    TF_CAP = 1 << 0,  /* starts with a capital letter */
    TF_POSS = 1 << 1, /* ends in 's or s' */
    TF_USED = 1 << 2, /* a cue already consumed by a quote's attribution */
};

/* Kept small: a long article has millions of tokens. Offsets fit 32 bits
 * because attrib_resolve refuses texts of 4 GiB and more. */
typedef struct tok {
    uint32_t s, e;
    uint32_t quote;  /* for TK_QUOTE */
    uint32_t sent;   /* index of the first token of its sentence */
    uint32_t para;   /* paragraph number */
    uint32_t lex;    /* lexicon classes of a word */
    uint8_t type;    /* tok_type */
    uint8_t flags;
    char ch;         /* the character of a one-byte punctuation token */
} tok;

typedef enum { ENT_PERSON, ENT_BODY, ENT_ANON, ENT_ROLE, ENT_PRONOUN } ent_kind;

typedef struct entity {
    char *name;
    ent_kind kind;
    bool plural;
    unsigned gender; /* LEX_MALE, LEX_FEMALE or 0 when the article does not say */
    uint32_t para;   /* the paragraph it was heard in; PARA_NONE when not heard here */
} entity;

#define PARA_NONE UINT32_MAX

typedef struct attrib {
    const char *text;
    size_t len;
    analysis *a;
    tok *t;
    size_t n, cap;
    /* A ring of recent speakers; their names are borrowed from a->heard
     * or ctx->heard, which outlive it. */
    entity hist[ATTRIB_HISTORY];
    size_t n_hist;
    people *people;
    size_t cur;      /* the token being attributed: where pronouns look back from */
} attrib;

/* ---- Tokens ------------------------------------------------------------- */

/* Appends a token with its other fields zero and returns it, or NULL when
 * out of memory. Fields are stored in place: building a whole struct on the
 * stack and copying it stalled on store forwarding (18% of attribution). */
static inline tok *push_tok(attrib *at, tok_type type, size_t s, size_t e, size_t para)
{
    if (at->n == at->cap && array_grow((void **)&at->t, &at->cap, at->n + 1, sizeof *at->t))
        return NULL;
    tok *k = &at->t[at->n++];
    k->s = (uint32_t)s;
    k->e = (uint32_t)e;
    k->quote = k->sent = k->lex = 0;
    k->para = (uint32_t)para;
    k->type = (uint8_t)type;
    k->flags = 0;
    k->ch = 0;
    return k;
}

/* ASCII letters and digits, answered without decoding: most of any article. */
static inline bool ascii_word_byte(unsigned char b)
{
    return (unsigned char)((b | 0x20) - 'a') < 26 || (unsigned char)(b - '0') < 10;
}

/* The end of the run of ASCII letters and digits starting at e. Words
 * average five or six bytes, so one SSE2 load (baseline on x86-64) usually
 * finds the end; the byte loop is the portable fallback and the tail. */
static size_t ascii_word_run(const char *t, size_t len, size_t e)
{
#if defined(__SSE2__)
    /* Unsigned range tests by signed compare: adding 0x80 - base moves
     * [base, base + n) to the bottom of the signed byte range. */
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i to_a = _mm_set1_epi8((char)(0x80 - 'a')), letters = _mm_set1_epi8((char)(0x80 + 26));
    const __m128i to_0 = _mm_set1_epi8((char)(0x80 - '0')), digits = _mm_set1_epi8((char)(0x80 + 10));
    for (; e + 16 <= len; e += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + e));
        __m128i l = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), to_a), letters);
        __m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), digits);
        unsigned other = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(l, d)) & 0xFFFFu;
        if (other)
            return e + (size_t)__builtin_ctz(other);
    }
#endif
    while (e < len && ascii_word_byte((unsigned char)t[e]))
        e++;
    return e;
}

static bool word_char(int32_t c)
{
    return text_is_letter(c) || text_is_digit(c);
}

/* Ends of a word: letters and digits, joined by inner apostrophes, hyphens
 * and the dots of abbreviations (U.S., No.10). Sets *classed and *lx when
 * the word had to be looked up here (before a dot): those are the classes
 * of the whole token too, since the lexicon drops a final dot, so the
 * caller need not look it up again. */
static size_t word_end(const char *t, size_t len, size_t i, bool *classed, unsigned *lx)
{
    size_t n, e = i;
    int32_t c;
    *classed = false;
    while ((e = ascii_word_run(t, len, e)) < len) {
        unsigned char b = (unsigned char)t[e];
        if (b < 0x80 && b != '\'' && b != '-' && b != '.' && b != '&')
            break; /* ends the word without the decoding below: a space, a comma */
        c = text_decode(t, len, e, &n);
        if (word_char(c)) {
            e += n;
            continue;
        }
        size_t m;
        int32_t next = e + n < len ? text_decode(t, len, e + n, &m) : -1;
        if ((c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == '&') && next >= 0 &&
            word_char(next)) {
            e += n;
            continue;
        }
        break;
    }
    /* A dot after single letters (U.S.) or after an abbreviated title (Mr.)
     * belongs to the word; not after "home", which may end a sentence. */
    if (e < len && t[e] == '.') {
        /* Not after a number: "sworn in on Jan. 2. He said" ends there. */
        bool letters_dots = e - i <= 4 && (e - i == 1 || memchr(t + i, '.', e - i)) &&
                            (unsigned char)(t[e - 1] - '0') >= 10;
        *lx = lexicon_classes(t + i, e - i);
        *classed = true;
        if (letters_dots || (*lx & LEX_ABBREV))
            e++;
    }
    return e;
}

static bool possessive_word(const char *t, size_t s, size_t e)
{
    unsigned char z = (unsigned char)t[e - 1];
    if (z != '\'' && z != 's' && z != 'S' && z != 0x99) /* most words: no ending to test */
        return false;
    if (e - s >= 2 && (t[e - 1] == '\'' || (e - s >= 4 && !memcmp(t + e - 3, "\xe2\x80\x99", 3))))
        return true; /* Dockers' */
    if (e - s >= 3 && (t[e - 1] == 's' || t[e - 1] == 'S')) {
        if (t[e - 2] == '\'')
            return true;
        if (e - s >= 4 && (unsigned char)t[e - 4] == 0xE2 && (unsigned char)t[e - 3] == 0x80 &&
            (unsigned char)t[e - 2] == 0x99)
            return true;
    }
    return false;
}

/* Where a paragraph ends at a newline: a blank line, a long line, or a
 * next line indented as wire copy opens one (text.h), as the quote finder
 * decides too. *run_indent is that of the run of lines ending at *run_end,
 * read again when the line after nl lies past it. */
static bool para_break(const char *t, size_t len, size_t nl, size_t line_start, size_t *run_end,
                       size_t *run_indent)
{
    size_t j = nl + 1;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
        j++;
    if (j >= len || t[j] == '\n' || nl - line_start > ATTRIB_WRAP_WIDTH)
        return true;
    size_t indent = text_indent(t, len, nl + 1);
    if (indent < 2) /* only an indented line can open one */
        return false;
    if (nl + 1 >= *run_end)
        *run_indent = text_run_indent(t, len, nl + 1, run_end);
    return text_opens_paragraph(*run_indent, indent);
}

/* Whether t[from, to) holds only blanks and the character c. */
static bool only_blank_or(const char *t, size_t from, size_t to, char c)
{
    for (; from < to; from++)
        if (t[from] != ' ' && t[from] != '\t' && t[from] != c)
            return false;
    return true;
}

static int tokenize(attrib *at)
{
    const char *t = at->text;
    size_t len = at->len, qi = 0, i = 0, line_start = 0, para = 0, run_end = 0, run_indent = 0;
    const analysis *a = at->a;
    /* News copy runs about one token per five bytes; starting near that
     * spares the doublings of array_grow from 16. */
    if (array_grow((void **)&at->t, &at->cap, len / 5 + a->n_quotes + 16, sizeof *at->t))
        return -ENOMEM;
    /* The next quote's opening mark, read once per quote rather than per byte. */
    size_t next_open = a->n_quotes ? a->quotes[0].open : SIZE_MAX;
    while (i < len) {
        if (i >= next_open) {
            const quote *q = &a->quotes[qi];
            tok *k = push_tok(at, TK_QUOTE, q->open, q->close, para);
            if (!k)
                return -ENOMEM;
            k->quote = (uint32_t)qi;
            /* A quote can span paragraphs; narration resumes after it. */
            for (const char *nl = t + q->open; (nl = memchr(nl, '\n', (size_t)(t + q->close - nl))); nl++)
                line_start = (size_t)(nl - t) + 1;
            i = q->close > i ? q->close : i + 1;
            qi++;
            next_open = qi < a->n_quotes ? a->quotes[qi].open : SIZE_MAX;
            continue;
        }
        unsigned char b = (unsigned char)t[i];
        if (b == ' ') { /* the commonest byte: skip it before anything else */
            i++;
            continue;
        }
        size_t n;
        int32_t c = text_decode(t, len, i, &n);
        if (c == '\n') {
            if (para_break(t, len, i, line_start, &run_end, &run_indent)) {
                if (!push_tok(at, TK_PARA, i, i + 1, para))
                    return -ENOMEM;
                para++;
            }
            line_start = i + 1;
            i++;
        } else if (ascii_word_byte(b) || word_char(c)) {
            bool classed;
            unsigned lx = 0;
            size_t e = word_end(t, len, i, &classed, &lx), n2;
            /* A plural possessive keeps its apostrophe: "the Dockers’ Union". */
            if (e > i && t[e - 1] == 's' && e < len) {
                int32_t ap = text_decode(t, len, e, &n2);
                if ((ap == 0x2019 || ap == '\'') && (e + n2 >= len || !word_char(text_decode(t, len, e + n2, &n))))
                    e += n2;
            }
            unsigned flags = (text_is_upper(c) ? TF_CAP : 0) | (possessive_word(t, i, e) ? TF_POSS : 0);
            tok *k = push_tok(at, TK_WORD, i, e, para);
            if (!k)
                return -ENOMEM;
            k->flags = (uint8_t)flags;
            k->lex = classed ? lx : lexicon_classes(t + i, e - i);
            i = e;
        } else if (c == '&' && i > 0 && t[i - 1] == ' ' && i + 2 < len && t[i + 1] == ' ' &&
                   (unsigned char)(t[i + 2] - 'A') < 26 && at->n > 0 && (at->t[at->n - 1].flags & TF_CAP)) {
            /* "Morgan & Finch": the ampersand of a firm's name is one of its words. */
            tok *k = push_tok(at, TK_WORD, i, i + 1, para);
            if (!k)
                return -ENOMEM;
            k->flags = TF_CAP;
            k->lex = LEX_BODY;
            i++;
        } else if (c == '*' || c == '_' || (c == '>' && only_blank_or(t, line_start, i, '>'))) {
            i++; /* Markdown emphasis and blockquotes: "**Ana Ruiz** said" reads as prose */
        } else if (!text_is_space(c)) {
            tok *k = push_tok(at, TK_PUNCT, i, i + n, para);
            if (!k)
                return -ENOMEM;
            k->ch = n == 1 ? t[i] : 0;
            i += n;
        } else {
            i += n;
        }
    }
    return 0;
}

/* Inline with a plain loop: the sets are short literals, and a strchr call
 * per test was 2% of the scan. */
static inline bool is_punct(const attrib *at, size_t i, const char *chars)
{
    char c = at->t[i].ch;
    if (!c)
        return false;
    for (const char *p = chars; *p; p++)
        if (*p == c)
            return true;
    return false;
}

static inline bool word_is(const attrib *at, size_t i, const char *w)
{
    const tok *k = &at->t[i];
    return k->type == TK_WORD && k->e - k->s == strlen(w) &&
           strncasecmp(at->text + k->s, w, k->e - k->s) == 0;
}

/* Sentences end at . ! ? and … before a capital (not in abbreviations,
 * which word_end keeps, nor before a bracket, a comma or a lowercase word:
 * "(R-Ohio.)", "Mr. Hill.") and at paragraph breaks. */
static bool ends_sentence(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type == TK_PARA)
        return true;
    if (k->type == TK_QUOTE) {
        /* American style keeps the full stop inside: was a “betrayal.” Ruiz … */
        const quote *q = &at->a->quotes[k->quote];
        char last = q->end > q->start ? at->text[q->end - 1] : 0;
        return (last == '.' || last == '!' || last == '?') && i + 1 < at->n &&
               at->t[i + 1].type == TK_WORD && (at->t[i + 1].flags & TF_CAP);
    }
    bool ellipsis = k->type == TK_PUNCT && k->e - k->s == 3 &&
                    !memcmp(at->text + k->s, "\xe2\x80\xa6", 3);
    if (!is_punct(at, i, ".!?") && !ellipsis)
        return false;
    if (i + 1 >= at->n)
        return true;
    const tok *next = &at->t[i + 1];
    if (next->type == TK_WORD)
        return (next->flags & TF_CAP) != 0;
    if (ellipsis)
        return false;
    return !is_punct(at, i + 1, ",;:)]");
}

static void mark_sentences(attrib *at)
{
    size_t start = 0;
    for (size_t i = 0; i < at->n; i++) {
        at->t[i].sent = (uint32_t)start;
        if (ends_sentence(at, i))
            start = i + 1;
    }
}

static size_t sentence_end(const attrib *at, size_t i)
{
    size_t s = at->t[i].sent;
    while (i < at->n && at->t[i].sent == s)
        i++;
    return i;
}

/* ---- Noun phrases --------------------------------------------------------- */

static inline bool cue_at(const attrib *at, size_t i)
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
static inline bool according_at(const attrib *at, size_t i)
{
    return i + 1 < at->n && word_is(at, i, "according") && word_is(at, i + 1, "to");
}

static bool skippable(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type == TK_WORD && ((k->lex & LEX_TIME) ||
                               ((k->lex & LEX_LINK) && i + 1 < at->n && (at->t[i + 1].lex & LEX_TIME))))
        return true; /* "Ruiz on Tuesday said" */
    if (k->type != TK_WORD || (k->flags & TF_CAP))
        return false;
    size_t n = k->e - k->s;
    return (k->lex & LEX_AUX) || (n > 3 && at->text[k->e - 1] == 'y' && at->text[k->e - 2] == 'l');
}

/* Whether token i can be part of a speaker's noun phrase. */
static bool np_word(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type != TK_WORD)
        return false;
    if (k->flags & TF_CAP) /* but not "But", "While", "After" opening a sentence */
        return !(k->lex & (LEX_BOUND | LEX_AUX | LEX_FRONT | LEX_CUE | LEX_CUE_ING));
    if (k->lex & (LEX_CUE | LEX_CUE_ING | LEX_AUX))
        return false;
    if (k->lex & LEX_BOUND)
        return (k->lex & LEX_LINK) != 0; /* "of", "for", "in" join; "that" does not */
    return true;
}

/* The noun phrase ending just before token `end` (exclusive), read
 * backwards over at most ATTRIB_NP_MAX words; returns its first token or
 * `end` when there is none. A phrase must open with a capital, a
 * determiner or a pronoun. */
static size_t np_before(const attrib *at, size_t end, size_t floor)
{
    size_t b = end;
    while (b > floor && end - b < ATTRIB_NP_MAX && np_word(at, b - 1)) {
        b--;
        if (at->t[b].lex & LEX_PRON)
            break;
    }
    /* Link words cannot open a phrase: "of Pompeo" is not a speaker. */
    while (b < end && !(at->t[b].flags & TF_CAP) && (at->t[b].lex & LEX_LINK))
        b++;
    /* A lowercase opening must be a determiner, "the" or a pronoun. */
    while (b < end && !(at->t[b].flags & TF_CAP) &&
           !(at->t[b].lex & (LEX_DET | LEX_THE | LEX_PRON)))
        b++;
    return b;
}

/* An age opening what stands before a name: "said 12-year-old Maya Ruiz",
 * "said 58-year-old crane driver Luis Amado". */
static bool age_word(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    return k->type == TK_WORD && k->e - k->s > 4 && (unsigned char)(at->text[k->s] - '0') < 10 &&
           !memcmp(at->text + k->e - 4, "-old", 4);
}

/* Whether the lowercase words [from, name) are a description of the
 * person named in full at `name`: "said supporter Gary Holt", "said
 * longtime resident Ana Lee". Any noun may describe; adverbs and times
 * may not ("said yesterday"). */
static bool described_name(const attrib *at, size_t from, size_t name, size_t limit)
{
    for (size_t k = from; k < name; k++)
        if (at->t[k].lex & (LEX_AUX | LEX_TIME | LEX_LINK | LEX_CUE_ING))
            return false;
    return name + 1 < limit && at->t[name + 1].type == TK_WORD && (at->t[name + 1].flags & TF_CAP);
}

/* The noun phrase starting at token `from` (a name or description after an
 * inverted cue: said Raab, said a spokesman for the ministry). */
static size_t np_after(const attrib *at, size_t from, size_t limit)
{
    size_t e = from;
    if (e < limit && (at->t[e].lex & LEX_PRON))
        return e + 1;
    /* A headline's bare noun: "‘We’re not backing down’, says union". */
    if (e < limit && at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) &&
        (at->t[e].lex & LEX_ROLE) && (e + 1 == limit || at->t[e + 1].type != TK_WORD))
        return e + 1;
    /* "said opposition leader Marco Vidal": lowercase titles (or an age)
     * before a name, after one capitalised adjective at most ("said
     * Olympic champion Ava Brooks"). */
    size_t d = from + (from + 1 < limit && (at->t[from].flags & TF_CAP) && !at->t[from].lex &&
                       at->t[from + 1].type == TK_WORD && !(at->t[from + 1].flags & TF_CAP));
    size_t t = d;
    while (t < limit && t - d < 4 && at->t[t].type == TK_WORD && !(at->t[t].flags & TF_CAP) &&
           !(at->t[t].lex & (LEX_DET | LEX_THE | LEX_PRON | LEX_BOUND | LEX_CUE)))
        t++;
    if (t > d && t < limit && (at->t[t].flags & TF_CAP) &&
        ((d == from && ((at->t[t - 1].lex & (LEX_TITLE | LEX_ROLE)) || age_word(at, from))) ||
         described_name(at, d, t, limit)))
        e = t;
    if (e >= limit || !((at->t[e].flags & TF_CAP) || (at->t[e].lex & (LEX_DET | LEX_THE))))
        return from;
    bool head = false;
    for (; e < limit && e - from < ATTRIB_NP_MAX && np_word(at, e); e++) {
        const tok *k = &at->t[e];
        bool lower = !(k->flags & TF_CAP);
        size_t n = k->e - k->s;
        if (lower && n > 3 && !strncmp(at->text + k->e - 2, "ed", 2) && !(k->lex & LEX_ROLE))
            break; /* "a memo obtained by": a verb, not a noun */
        /* After a name only a named place or body joins it ("Tom Hale of
         * Ohio", "Nwosu of the Kintampo Institute"), not "Sara Kim in a
         * note to clients". */
        if (lower && (k->lex & LEX_LINK) && e > from && (at->t[e - 1].flags & TF_CAP) &&
            !(e + 1 < limit && (at->t[e + 1].flags & TF_CAP)) &&
            !(e + 2 < limit && (at->t[e + 1].lex & LEX_THE) && (at->t[e + 2].flags & TF_CAP)))
            break;
        /* Past the head noun only a prepositional phrase may follow:
         * "a spokesman for the Port Authority", not "... declined to". */
        if (head && lower && !(k->lex & (LEX_LINK | LEX_THE | LEX_DET | LEX_ROLE | LEX_BODY |
                                         LEX_TITLE | LEX_PLURAL)) &&
            !(at->t[e - 1].lex & (LEX_THE | LEX_DET | LEX_LINK)) && !(at->t[e - 1].flags & TF_POSS))
            break; /* but "Ruiz's neighbour" */
        head |= (k->lex & (LEX_ROLE | LEX_TITLE)) != 0 || !lower;
    }
    /* Do not end on a link word ("a spokesman for"). */
    while (e > from && !(at->t[e - 1].flags & TF_CAP) && (at->t[e - 1].lex & LEX_LINK))
        e--;
    return e;
}

/* ---- Entities --------------------------------------------------------------- */

static char *span_dup(const attrib *at, size_t from, size_t to)
{
    if (from >= to)
        return strdup("");
    size_t s = at->t[from].s, e = at->t[to - 1].e;
    char *out = malloc(e - s + 1);
    if (!out)
        return NULL;
    memcpy(out, at->text + s, e - s);
    out[e - s] = '\0';
    /* Fold line breaks inside a phrase: rare, so found by memchr. */
    for (char *nl = memchr(out, '\n', e - s); nl; nl = memchr(nl + 1, '\n', (size_t)(out + (e - s) - nl - 1)))
        *nl = ' ';
    return out;
}

static char *words_lower(const attrib *at, size_t from, size_t to)
{
    char *s = span_dup(at, from, to);
    for (char *p = s; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

/* Where the name begins in a capitalised phrase [from, to): after the last
 * title word, so "US secretary of state Mike Pompeo" gives "Mike Pompeo". */
static size_t name_start(const attrib *at, size_t from, size_t to)
{
    size_t b = to;
    /* A title word ends no name's titles: "Kim Jong Un", "Tom King". */
    if (b - from >= 2 && (at->t[b - 1].lex & LEX_TITLE) && (at->t[b - 1].flags & TF_CAP) &&
        at->t[b - 2].type == TK_WORD && (at->t[b - 2].flags & TF_CAP) && !(at->t[b - 2].lex & LEX_TITLE))
        b--;
    for (;;) {
        while (b > from && (at->t[b - 1].flags & TF_CAP) && at->t[b - 1].type == TK_WORD &&
               (b == to || !(at->t[b - 1].flags & TF_POSS)) && !(at->t[b - 1].lex & LEX_TITLE))
            b--;
        /* Particles between the words of a name: "Maria de la Cruz". */
        size_t p = b;
        while (p < to && p > from && b - p < 2 && at->t[p - 1].type == TK_WORD &&
               !(at->t[p - 1].flags & TF_CAP) && (at->t[p - 1].lex & LEX_PARTICLE))
            p--;
        if (p == b || p == from || at->t[p - 1].type != TK_WORD || !(at->t[p - 1].flags & TF_CAP) ||
            (at->t[p - 1].flags & TF_POSS) || (at->t[p - 1].lex & LEX_TITLE))
            return b;
        b = p;
    }
}

static void entity_clear(entity *e)
{
    free(e->name);
    e->name = NULL;
}

/* Either sex: what "the 45-year-old" asks of the person it stands for. */
#define GENDER_ANY (LEX_MALE | LEX_FEMALE)

/* Whether the sex an entity is known to have rules out `gender`. */
static bool other_sex(const entity *e, unsigned gender)
{
    return gender && e->gender && !(e->gender & gender);
}

/* Whether an entity can be what a pronoun stands for: "he"/"she" (whose
 * sex is `gender`, 0 for "they") a person or a singular anonymous source of
 * no other known sex; "they" a body, a group or an anonymous source. */
static bool fits_pronoun(const entity *e, unsigned gender)
{
    if (!gender)
        return e->kind == ENT_ANON || e->kind == ENT_BODY || e->plural;
    return (e->kind == ENT_PERSON || (e->kind == ENT_ANON && !e->plural)) && !other_sex(e, gender);
}

/* The most recent speaker that a pronoun or role can stand for. */
static const entity *recent(const attrib *at, unsigned gender, const char *role_head)
{
    const entity *fallback = NULL;
    for (size_t k = 0; k < at->n_hist && k < ATTRIB_HISTORY; k++) {
        const entity *e = &at->hist[(at->n_hist - 1 - k) % ATTRIB_HISTORY];
        if (role_head) {
            if ((e->kind == ENT_ANON || e->kind == ENT_ROLE) && strstr(e->name, role_head))
                return e;
            continue;
        }
        /* he/she: a person, or a singular anonymous source ("a spokeswoman");
         * they: a body, a group or an anonymous source. */
        if (fits_pronoun(e, gender))
            return e;
        if (!fallback && !other_sex(e, gender))
            fallback = e;
    }
    return role_head ? NULL : fallback;
}

static int set_name(entity *out, char *name, ent_kind kind, bool plural)
{
    if (!name)
        return -ENOMEM;
    *out = (entity){name, kind, plural, 0, PARA_NONE};
    return 0;
}

static int copy_entity(entity *out, const entity *from)
{
    char *name = strdup(from->name);
    int rc = set_name(out, name, from->kind, from->plural);
    out->gender = from->gender;
    return rc;
}

/* Turns "a Harbour Authority spokesman" into "spokesman for the Harbour
 * Authority", the form descriptions take elsewhere, so that two outlets'
 * wordings of one source compare equal. Only organisations are turned:
 * "the Republican nominee" stays as it is. */
static char *describe(const attrib *at, size_t from, size_t to)
{
    size_t b = from;
    /* "the" goes; "a source" keeps its article, longer descriptions drop it. */
    if (b < to && ((at->t[b].lex & LEX_THE) ||
                   (to - b > 2 && (word_is(at, b, "a") || word_is(at, b, "an")))))
        b++;
    size_t org = b + (b < to && (at->t[b].lex & LEX_DET) != 0), caps = org;
    while (caps < to && (at->t[caps].flags & TF_CAP) && !(at->t[caps].flags & TF_POSS))
        caps++;
    char *out;
    /* "a Port Authority spokesman", not "Union leaders"; a source is not
     * "for" anyone ("A Downing Street source"). */
    bool body = from < org && caps > org && (at->t[caps - 1].lex & (LEX_BODY | LEX_PLACE)) &&
                !word_is(at, to - 1, "source") && !word_is(at, to - 1, "sources");
    if (body && caps + 1 == to && (at->t[to - 1].lex & LEX_ROLE) &&
        !(at->t[to - 1].flags & TF_CAP)) {
        char *name = span_dup(at, org, caps), *role = span_dup(at, to - 1, to);
        out = NULL;
        if (name && role && (out = malloc(strlen(name) + strlen(role) + 10)))
            sprintf(out, "%s for the %s", role, name);
        free(name);
        free(role);
    } else {
        out = span_dup(at, b, to);
    }
    /* A common word capitalised only because it opens the sentence ("A
     * spokesperson added"). */
    if (out && (at->t[b].lex & (LEX_DET | LEX_THE | LEX_ROLE)) && out[0] >= 'A' &&
        out[0] <= 'Z' && ((out[1] >= 'a' && out[1] <= 'z') || out[1] == ' ') &&
        (org != b || at->t[b].sent == b))
        out[0] = (char)(out[0] - 'A' + 'a');
    return out;
}

/* The description that introduced the agent noun at token `head` earlier
 * in the article ("A spokeswoman for Ng declined ..." for a later "the
 * spokeswoman"), as a new string, or NULL. */
static char *introduced(const attrib *at, size_t before, size_t head)
{
    const tok *h = &at->t[head];
    for (size_t k = before; k-- > 0 && before - k < 2000;) {
        const tok *w = &at->t[k];
        if (w->type != TK_WORD || w->e - w->s != h->e - h->s ||
            strncasecmp(at->text + w->s, at->text + h->s, h->e - h->s) != 0)
            continue;
        size_t d = k;
        while (d > 0 && k - d < 4 && !(at->t[d].lex & LEX_DET) && np_word(at, d - 1))
            d--;
        if (at->t[d].lex & LEX_DET) {
            size_t e = np_after(at, d, at->n);
            if (e > k)
                return describe(at, d, e);
        }
    }
    return NULL;
}

/* The start of the main clause: past a fronted phrase ("On Tuesday,",
 * "Despite the row,", "Paraphrasing the minister,") when there is one. */
/* Whether the word at i is written in capitals throughout (PORT ESTE). */
static bool all_caps(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type != TK_WORD || k->e - k->s < 2)
        return false;
    for (uint32_t b = k->s; b < k->e; b++)
        if (at->text[b] >= 'a' && at->text[b] <= 'z')
            return false;
    return true;
}

static bool dash_at(const attrib *at, size_t i)
{
    size_t n;
    return at->t[i].type == TK_PUNCT && text_is_dash(text_decode(at->text, at->len, at->t[i].s, &n));
}

/* Past a dateline: "PORT ESTE (Wire) - ", "LONDON, June 3 (Reuters) — ". */
static size_t past_dateline(const attrib *at, size_t s, size_t limit)
{
    if (s >= limit || !all_caps(at, s))
        return s;
    for (size_t i = s + 1; i < limit && i - s < 12; i++) {
        if (at->t[i].type == TK_QUOTE)
            break;
        if (dash_at(at, i)) {
            while (i + 1 < limit && dash_at(at, i + 1))
                i++; /* "--", the typewriter's dash */
            return i + 1;
        }
    }
    return s;
}

static size_t clause_start(const attrib *at, size_t s, size_t limit)
{
    s = past_dateline(at, s, limit);
    if (s >= limit || at->t[s].type != TK_WORD)
        return s;
    const tok *k = &at->t[s];
    size_t n = k->e - k->s;
    bool fronted = (k->lex & LEX_FRONT) ||
                   (n > 4 && !strncmp(at->text + k->e - 3, "ing", 3));
    if (!fronted)
        return s;
    for (size_t i = s; i < limit && i - s < 25; i++) {
        if (at->t[i].type == TK_QUOTE)
            break;
        if (is_punct(at, i, ",")) {
            while (i + 1 < limit && at->t[i + 1].type == TK_PUNCT)
                i++; /* a stray mark: "In an interview with “Today,” she" */
            return i + 1;
        }
    }
    return s;
}

/* A word of a subject: np_word, or an adverb of the lexicon's AUX list
 * used as an adjective after an article ("the first mate", "the last
 * word"). */
static bool subject_word(const attrib *at, size_t e)
{
    return np_word(at, e) || (e > 0 && (at->t[e - 1].lex & (LEX_THE | LEX_DET)) &&
                              at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) &&
                              (at->t[e].lex & LEX_AUX) && !(at->t[e].lex & (LEX_CUE | LEX_CUE_ING)) &&
                              e + 1 < at->n && np_word(at, e + 1));
}

/* The subject of the sentence holding token i: a name, a description or a
 * pronoun at the start of its main clause. */
static size_t subject_end(const attrib *at, size_t cs, size_t limit)
{
    if (cs < limit && (at->t[cs].lex & LEX_PRON))
        return cs + 1;
    size_t e = cs;
    while (e < limit && e - cs < ATTRIB_NP_MAX && subject_word(at, e)) {
        const tok *k = &at->t[e];
        if (e > cs && ((k->lex & LEX_TIME) ||
                       ((k->lex & LEX_LINK) && e + 1 < limit && (at->t[e + 1].lex & LEX_TIME))))
            break; /* "President Alan Reyes on Monday defended" */
        bool fits = (k->flags & TF_CAP) || e == cs ||
                    (k->lex & (LEX_LINK | LEX_THE | LEX_DET | LEX_TITLE | LEX_ROLE)) ||
                    ((k->lex & LEX_PLURAL) && (at->t[e - 1].lex & LEX_LINK)); /* Hundreds of people */
        /* A title word ending a name ("Kim Jong Un met") heads nothing. */
        bool name_word = e - cs >= 2 && (at->t[e - 1].flags & TF_CAP) && (at->t[e - 2].flags & TF_CAP) &&
                         !(at->t[e - 2].lex & LEX_TITLE);
        if (!fits && !name_word && (at->t[e - 1].lex & (LEX_THE | LEX_DET | LEX_TITLE | LEX_ROLE))) {
            /* "the harbour master’s deputy", "the ferry operator", "chief
             * financial officer": lowercase words up to a possessive or the
             * head noun. */
            size_t h = e;
            while (h < limit && h - e < 3 && subject_word(at, h) && !(at->t[h].flags & (TF_POSS | TF_CAP)) &&
                   !(at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))
                h++;
            if (h < limit && h - e < 3 && np_word(at, h) &&
                ((at->t[h].flags & TF_POSS) || (at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))) {
                e = h + 1;
                continue;
            }
            /* "Her neighbour Bill Cho agreed.": the name after the noun. */
            if (h > e && h < limit && at->t[h].type == TK_WORD && (at->t[h].flags & TF_CAP)) {
                e = h;
                continue;
            }
            /* "Its chief meteorologist, Dr Ruth Adeyemi,", "Her neighbour,
             * fisherman Callum Bain,": a head noun the lexicon does not
             * know, named in apposition. */
            if (h > e && h + 2 < limit && is_punct(at, h, ",") &&
                ((at->t[h + 1].flags & TF_CAP) || (at->t[h + 1].type == TK_WORD && !at->t[h + 1].lex &&
                                                   (at->t[h + 2].flags & TF_CAP)))) {
                e = h;
                break;
            }
        }
        if (!fits && (at->t[e - 1].flags & TF_POSS)) {
            /* "Trump's running mate", "Delgado's supporters": the possessed
             * phrase up to its head. */
            size_t h = e;
            while (h < limit && h - e < 3 && np_word(at, h) &&
                   !(at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL)))
                h++;
            if (h < limit && h - e < 3 && (at->t[h].lex & (LEX_ROLE | LEX_TITLE | LEX_PLURAL))) {
                e = h + 1;
                continue;
            }
        }
        if (!fits)
            break;
        e++;
    }
    /* "Liu Xiaoming, the ambassador," : the name before the apposition. */
    while (e > cs && !(at->t[e - 1].flags & TF_CAP) && (at->t[e - 1].lex & LEX_LINK))
        e--;
    return e;
}

static int resolve(const attrib *at, size_t from, size_t to, entity *out);
static void subject_of(const attrib *at, size_t ss, size_t limit, size_t *from, size_t *to);

typedef enum { ANA_NONE, ANA_PRONOUN, ANA_IT, ANA_AGE, ANA_ONE } anaphor_kind;

/* Whether the phrase [from, to) stands for someone named before it: he,
 * it, the 45-year-old, one of them, a lone "One". Such a phrase is never
 * itself what another one refers back to, which also keeps resolving
 * from recursing. */
static anaphor_kind anaphor(const attrib *at, size_t from, size_t to)
{
    size_t n = to - from;
    if (n == 1 && word_is(at, from, "it"))
        return ANA_IT;
    if (n == 1 && ((at->t[from].lex & LEX_PRON) || word_is(at, from, "him") || word_is(at, from, "them")))
        return ANA_PRONOUN; /* "quoted him as saying" */
    if (n == 2 && (at->t[from].lex & LEX_THE) && age_word(at, from + 1))
        return ANA_AGE;
    if ((n == 1 && word_is(at, from, "one")) ||
        (n == 3 && word_is(at, from, "one") && word_is(at, from + 1, "of") &&
         (word_is(at, from + 2, "them") || word_is(at, from + 2, "those"))))
        return ANA_ONE;
    return ANA_NONE;
}

/* The person a one-sentence paragraph of narration introduces before the
 * one being attributed ("Harbourmaster Eli Stone was less sure." then
 * "“…,” he said."): its subject, when it is a person named in full who fits
 * the pronoun. */
static int introducing_subject(const attrib *at, unsigned gender, entity *out)
{
    out->name = NULL;
    size_t k = at->cur;
    while (k > 0 && at->t[k - 1].type != TK_PARA)
        k--;
    if (k < 2)
        return 0;
    size_t pe = k - 1, ps = pe; /* the TK_PARA ending the paragraph before */
    while (ps > 0 && at->t[ps - 1].type != TK_PARA)
        if (at->t[--ps].type == TK_QUOTE)
            return 0;
    size_t ss = at->t[pe - 1].sent;
    if (ps == pe || ss != ps)
        return 0; /* empty, or more than one sentence: no introduction */
    size_t cs, sj;
    subject_of(at, ss, pe, &cs, &sj);
    if (sj == cs || anaphor(at, cs, sj))
        return 0;
    int rc = resolve(at, cs, sj, out);
    /* By full name: "Markets took the news calmly." introduces nobody. */
    if (rc == 0 && out->name &&
        (out->kind != ENT_PERSON || !strchr(out->name, ' ') || !fits_pronoun(out, gender)))
        entity_clear(out);
    return rc;
}

/* "Mayor Ann Lee and her deputy, Bo Chan,": two people joined by "and"
 * in the subject opening at c0, whom "they" stands for; the second as
 * subject_of read it ([cs, sj), its apposition). Sets *out to "Ann Lee
 * and Bo Chan", or leaves it NULL. */
static int joined_subject(const attrib *at, size_t c0, size_t end, size_t cs, size_t sj, entity *out)
{
    out->name = NULL;
    size_t s0 = subject_end(at, c0, end), join = c0;
    while (join < s0 && !word_is(at, join, "and"))
        join++;
    if (join == c0 || join >= s0)
        return 0;
    entity a = {0}, b = {0};
    int rc = resolve(at, c0, join, &a);
    if (rc == 0)
        rc = cs > join ? resolve(at, cs, sj, &b) : resolve(at, join + 1, s0, &b);
    if (rc == 0 && a.name && b.name && a.kind == ENT_PERSON && b.kind == ENT_PERSON) {
        char *name = malloc(strlen(a.name) + strlen(b.name) + sizeof " and ");
        if (name)
            sprintf(name, "%s and %s", a.name, b.name);
        rc = set_name(out, name, ENT_ANON, true);
    }
    entity_clear(&a);
    entity_clear(&b);
    return rc;
}

/* Whether the subject [cs, sj) of the clause opening at token ss names
 * what a pronoun of sex `gender` stands for; sets *out when it does.
 * `far`: the clause lies in an earlier paragraph. */
static int clause_subject(const attrib *at, size_t ss, size_t end, unsigned gender, bool far,
                          entity *out, size_t *sj_out)
{
    size_t cs, sj;
    subject_of(at, ss, end, &cs, &sj);
    *sj_out = sj;
    if (sj == cs || anaphor(at, cs, sj))
        return 0;
    if (!gender) {
        int rc = joined_subject(at, clause_start(at, ss, end), end, cs, sj, out);
        if (rc || out->name)
            return rc;
    }
    int rc = resolve(at, cs, sj, out);
    /* From an earlier paragraph, a lone word capitalised because it opens
     * the sentence ("Damage was widespread."), which the article names
     * nobody by, is no one a pronoun stands for (but "His wife, Morag,
     * is" names her, and a surname alone may open the pronoun's own
     * paragraph). */
    if (far && rc == 0 && out->name && out->kind == ENT_PERSON && !strchr(out->name, ' ') &&
        at->t[cs].sent == cs && !people_full_name(at->people, out->name, false)) {
        entity_clear(out);
        return 0;
    }
    /* Within the paragraph a role is as good as a name: "Trump's
     * running mate said … “…,” he said." (but "the court" is no "she"). */
    if (rc || (out->name && (fits_pronoun(out, gender) ||
                             (gender && out->kind == ENT_ROLE && !out->plural &&
                              !other_sex(out, gender) && !(at->t[sj - 1].lex & LEX_BODY)))))
        return rc;
    entity_clear(out);
    return 0;
}

/* The subject of an earlier sentence that a pronoun can stand for, in its
 * own paragraph or further back. */
static int earlier_subject(const attrib *at, unsigned gender, bool same_para, entity *out)
{
    out->name = NULL;
    size_t s = at->t[at->cur].sent;
    for (int back = 0; back < 16 && s > 0 &&
                       (!same_para || at->t[s - 1].para == at->t[at->cur].para); back++) {
        s = at->t[s - 1].sent;
        size_t end = sentence_end(at, s), sj;
        bool far = at->t[s].para != at->t[at->cur].para;
        int rc = clause_subject(at, s, end, gender, far, out, &sj);
        if (rc || out->name)
            return rc;
        /* "The court heard that the first mate, Kay Doran, had raised
         * concerns.": the subject of what was heard or said. */
        for (size_t k = sj; k < end && k < sj + 4 && at->t[k].type == TK_WORD; k++)
            if (word_is(at, k, "that") &&
                ((rc = clause_subject(at, k + 1, end, gender, far, out, &sj)) || out->name))
                return rc;
    }
    return 0;
}

/* The name of the organisation that a later "the ministry" stands for:
 * the nearest capitalised name before it holding that word ("The Ministry
 * of Trade issued a statement."), as a new string, or NULL. */
static char *named_body(const attrib *at, size_t before, size_t head)
{
    const tok *h = &at->t[head];
    for (size_t k = before; k-- > 0 && before - k < 2000;) {
        const tok *w = &at->t[k];
        if (w->type != TK_WORD || !(w->flags & TF_CAP) || w->e - w->s != h->e - h->s ||
            strncasecmp(at->text + w->s, at->text + h->s, h->e - h->s) != 0)
            continue;
        size_t a = k, b = k + 1;
        while (a > 0 && at->t[a - 1].type == TK_WORD && (at->t[a - 1].flags & TF_CAP) &&
               !(at->t[a - 1].lex & (LEX_THE | LEX_DET | LEX_FRONT)))
            a--;
        while (b + 1 < at->n && at->t[b].type == TK_WORD &&
               ((at->t[b].flags & TF_CAP) || ((at->t[b].lex & LEX_LINK) && (at->t[b + 1].flags & TF_CAP))))
            b++;
        return b - a > 1 ? span_dup(at, a, b) : NULL;
    }
    return NULL;
}

/* Whether the word at i looks like a plural noun: "businesses", "parents"
 * (but not "Ruiz's", "was", "this"). */
static bool plural_noun(const attrib *at, size_t i)
{
    const tok *k = &at->t[i];
    size_t n = k->e - k->s;
    return k->type == TK_WORD && n > 3 && at->text[k->e - 1] == 's' && at->text[k->e - 2] != 's' &&
           at->text[k->e - 2] != '\'' && !(k->flags & TF_POSS) &&
           !(k->lex & ~(unsigned)(LEX_PLURAL | LEX_ROLE));
}

/* Whether a phrase speaks for many: its head, before any "of", "for" or
 * "close to", is plural ("officials close to the talks"). */
static bool phrase_plural(const attrib *at, size_t from, size_t to)
{
    /* "two teachers", "several residents": a number says so for any noun. */
    if (from < to && (at->t[from].lex & LEX_DET) && !word_is(at, from, "a") &&
        !word_is(at, from, "an") && !word_is(at, from, "another") && !word_is(at, from, "one"))
        return true;
    for (size_t k = from; k < to && !(at->t[k].lex & LEX_LINK); k++)
        if (at->t[k].lex & LEX_PLURAL)
            return true;
    return false;
}

/* Whom a pronoun of sex `gender` (0 for "they", GENDER_ANY for "the
 * 45-year-old") stands for. Who the paragraph is about ("Councilman Hill
 * was less impressed. “…,” he said."), then who spoke earlier in the
 * paragraph, then who the paragraph before alone introduced, then who
 * spoke last; failing all, who an earlier paragraph was about. */
static int refer_back(const attrib *at, unsigned gender, entity *out)
{
    int rc = earlier_subject(at, gender, true, out);
    if (rc || out->name)
        return rc;
    /* Who spoke earlier in this paragraph outranks whom the paragraph
     * before introduced. */
    const entity *e = recent(at, gender, NULL);
    if (e && e->para == at->t[at->cur].para)
        return copy_entity(out, e);
    rc = introducing_subject(at, gender, out);
    if (rc || out->name)
        return rc;
    if (e)
        return copy_entity(out, e);
    return earlier_subject(at, gender, false, out);
}

/* Whom "it" stands for: the organisation that is the subject of the
 * nearest sentence before with a subject other than a pronoun. When that
 * subject is anything else ("A report by auditors was damning. “…,” it
 * said.") "it" names nobody we know. */
static int refer_back_it(const attrib *at, entity *out)
{
    out->name = NULL;
    size_t s = at->t[at->cur].sent;
    for (int back = 0; back < 16 && s > 0; back++) {
        s = at->t[s - 1].sent;
        size_t cs, sj;
        subject_of(at, s, sentence_end(at, s), &cs, &sj);
        if (sj > cs && anaphor(at, cs, sj))
            continue;
        int rc = sj > cs ? resolve(at, cs, sj, out) : 0;
        /* A name of no known sex is a company's ("Western Power says…"). */
        if (rc == 0 && out->name && out->kind == ENT_PERSON && !out->gender && (at->t[sj - 1].flags & TF_CAP))
            out->kind = ENT_BODY;
        if (rc == 0 && out->name && out->kind != ENT_BODY)
            entity_clear(out);
        return rc;
    }
    return 0;
}

/* "one of them": one of the group that "they" would stand for, named as
 * "one of two teachers"; NULL name when the group is not known. */
static int one_of_them(const attrib *at, entity *out)
{
    int rc = refer_back(at, 0, out);
    if (rc || !out->name)
        return rc;
    if (out->kind != ENT_ANON || !out->plural) {
        entity_clear(out);
        return 0;
    }
    char *name = malloc(strlen(out->name) + sizeof "one of ");
    if (name)
        sprintf(name, "one of %s", out->name);
    entity_clear(out);
    return set_name(out, name, ENT_ANON, false);
}

/* Resolves the phrase [from, to) to an entity, its sex aside. */
static int resolve_phrase(const attrib *at, size_t from, size_t to, entity *out)
{
    out->name = NULL;
    if (from >= to)
        return 0;
    const tok *first = &at->t[from], *last = &at->t[to - 1];
    switch (anaphor(at, from, to)) {
    case ANA_IT:
        return refer_back_it(at, out);
    case ANA_PRONOUN:
        return refer_back(at, first->lex & (LEX_MALE | LEX_FEMALE), out);
    case ANA_AGE: /* "the 45-year-old": whoever a pronoun of either sex would be */
        return refer_back(at, GENDER_ANY, out);
    case ANA_ONE: /* "one of them", "One, who declined to give her name,": one of the group */
        return one_of_them(at, out);
    case ANA_NONE:
        break;
    }
    if ((last->flags & TF_POSS) || (to - from == 1 && (first->lex & (LEX_THE | LEX_DET))))
        return 0; /* "Ruiz's", or "The" of "The sign read" */
    bool plural = phrase_plural(at, from, to);
    if (first->lex & LEX_DET)
        return set_name(out, describe(at, from, to), ENT_ANON, plural);
    if (first->lex & LEX_THE) {
        size_t k = from + 1;
        while (k < to && ((at->t[k].flags & TF_CAP) || (at->t[k].lex & LEX_LINK)))
            k++;
        if (k == to && to - from > 1 && (last->flags & TF_CAP)) /* the Foreign Office */
            return set_name(out, span_dup(at, from + 1, to), ENT_BODY, false);
    }
    /* "Critics say", "Officials said": a common word capitalised because it
     * opens the sentence describes people; it is nobody's name. (Followed
     * by another word, "Officials close to the talks", it is a phrase cut
     * short, which the speakers heard describe better.) */
    if (to - from == 1 && (first->lex & (LEX_ROLE | LEX_PLURAL)) &&
        !(first->lex & (LEX_TITLE | LEX_BODY)) && first->sent == from && to < at->n &&
        (cue_at(at, to) || (at->t[to].lex & LEX_AUX)))
        return set_name(out, describe(at, from, to), ENT_ANON, plural);
    /* "Local businesses said", "Many parents say": the sentence's capital
     * on the first of lowercase words ending in a plural is no name (but
     * "Ruiz supporters" keeps the name the article gave). */
    if (to - from > 1 && first->sent == from && (first->flags & TF_CAP) && !(first->flags & TF_POSS) &&
        !(first->lex & (LEX_TITLE | LEX_THE)) && plural_noun(at, to - 1)) {
        bool lower = true;
        for (size_t k = from + 1; k < to && lower; k++)
            lower = at->t[k].type == TK_WORD && !(at->t[k].flags & TF_CAP);
        char *head = lower ? span_dup(at, from, from + 1) : NULL;
        bool named = head && people_full_name(at->people, head, true);
        free(head);
        if (lower && !named) {
            char *name = span_dup(at, from, to);
            if (name && name[0] >= 'A' && name[0] <= 'Z')
                name[0] = (char)(name[0] - 'A' + 'a');
            return set_name(out, name, ENT_ANON, true);
        }
    }
    /* "the mayor of Port Ellis" describes someone; Port Ellis is not
     * speaking (but "the former health secretary Jon Marsh" is named). */
    bool described = false;
    if ((first->lex & LEX_THE) && (at->t[from + 1].lex & (LEX_ROLE | LEX_TITLE)))
        for (size_t k = from + 1; k + 1 < to && !(at->t[k].flags & TF_CAP) && !described; k++)
            described = (at->t[k + 1].lex & LEX_LINK) != 0;
    if ((last->flags & TF_CAP) && !described) {
        /* "Rep. Tom Hale of Ohio", "Amara Nwosu of the Kintampo Health
         * Institute": a name, then where its bearer is from (but "Ministry
         * of Trade", "Secretary of State Ana Ruiz"). */
        for (size_t k = from + 2; k + 1 < to; k++)
            if ((word_is(at, k, "of") || word_is(at, k, "from")) &&
                ((at->t[k + 1].flags & TF_CAP) ||
                 (k + 2 < to && (at->t[k + 1].lex & LEX_THE) && (at->t[k + 2].flags & TF_CAP))) &&
                name_start(at, from, k) + 2 <= k && !(at->t[k - 1].lex & (LEX_BODY | LEX_TITLE)))
                return resolve_phrase(at, from, k, out);
        size_t ns = name_start(at, from, to);
        if (ns == to) {
            /* Titles alone ("Minister", "Foreign Secretary"): the person the
             * article gave that title, else the title. */
            char *role = words_lower(at, from, to);
            const char *person = role ? people_titled(at->people, role) : NULL;
            if (person) {
                free(role);
                return set_name(out, strdup(person), ENT_PERSON, false);
            }
            return set_name(out, role, ENT_ROLE, false);
        }
        char *name = span_dup(at, ns, to);
        if (!name)
            return -ENOMEM;
        const char *full = people_full_name(at->people, name, true);
        /* "Ms. Okafor" in an article with a Mr. Okafor too: the one full
         * name may be his; the title, as written, says whom it means. */
        unsigned titled = 0;
        for (size_t k = from; k < ns; k++)
            titled |= (at->t[k].lex & LEX_TITLE) ? at->t[k].lex & (LEX_MALE | LEX_FEMALE) : 0;
        if (full && titled && people_sexes(at->people, name) == (LEX_MALE | LEX_FEMALE)) {
            free(name);
            int rc = set_name(out, span_dup(at, ns - 1, to), ENT_PERSON, false);
            out->gender = titled;
            return rc;
        }
        if (full) {
            free(name);
            return set_name(out, strdup(full), ENT_PERSON, false);
        }
        bool body = (last->lex & (LEX_BODY | LEX_PLACE)) != 0;
        for (size_t k = ns; k < to && !body; k++)
            body = at->text[at->t[k].s] == '&'; /* Morgan & Finch */
        return set_name(out, name, body ? ENT_BODY : ENT_PERSON, false);
    }
    if (((first->lex & LEX_THE) || (first->flags & TF_POSS)) && to - from > 1) {
        /* "the spokeswoman", "the minister": someone already introduced
         * (whose age, "the 45-year-old coach", the role need not repeat). */
        size_t rs = from + 1 + (to - from > 2 && age_word(at, from + 1)), h = rs;
        /* The head noun comes before any "of" or "from": "the mayor of Port Ellis". */
        while (h + 1 < to && !(at->t[h + 1].lex & LEX_LINK))
            h++;
        const tok *head = &at->t[h];
        char *role = words_lower(at, rs, to);
        if (!role)
            return -ENOMEM;
        const entity *e = recent(at, 0, role);
        if (e && plural && !e->plural) /* "the supporters" are not "one of the supporters" */
            e = NULL;
        const char *person = e ? NULL : people_titled(at->people, role);
        char *intro = e || person || !(head->lex & LEX_AGENT) ? NULL : introduced(at, from, h);
        char *body = e || person || intro || !(last->lex & LEX_BODY) ? NULL : named_body(at, from, to - 1);
        int rc;
        if (e)
            rc = copy_entity(out, e);
        else if (person)
            rc = set_name(out, strdup(person), ENT_PERSON, false);
        else if (intro)
            rc = set_name(out, intro, ENT_ANON, plural);
        else if (body)
            rc = set_name(out, body, ENT_BODY, false);
        else if ((last->lex | head->lex) & (LEX_ROLE | LEX_TITLE))
            rc = set_name(out, describe(at, from, to), ENT_ROLE, plural);
        else if (last->lex & LEX_PLURAL) /* "Delgado's supporters" */
            rc = set_name(out, describe(at, from, to), ENT_ANON, true);
        else
            rc = 0; /* "the sign read": not a speaker */
        free(role);
        return rc;
    }
    if (first->lex & (LEX_ROLE | LEX_PLURAL)) /* "Officials close to the talks" */
        return set_name(out, describe(at, from, to), ENT_ANON, plural);
    /* "Hillary Clinton's campaign": a name's body or aide, as written. */
    size_t p = from;
    while (p + 1 < to && (at->t[p].flags & TF_CAP) && !(at->t[p].flags & TF_POSS))
        p++;
    if (p + 1 < to && (at->t[p].flags & TF_POSS) && (last->lex & (LEX_ROLE | LEX_TITLE | LEX_BODY)))
        return set_name(out, span_dup(at, from, to),
                        (last->lex & LEX_TITLE) && !(last->lex & LEX_BODY) ? ENT_ROLE : ENT_BODY,
                        plural);
    return 0;
}

/* Resolves the phrase [from, to) to an entity. Returns 0 with out->name NULL
 * when the phrase names nobody we can trust. The sex of a new person comes
 * from the titles the article gives the name (Mr, Congresswoman) or from
 * the phrase itself (the spokeswoman). */
static int resolve(const attrib *at, size_t from, size_t to, entity *out)
{
    bool pronoun = to - from == 1 && (at->t[from].lex & LEX_PRON);
    int rc = resolve_phrase(at, from, to, out);
    if (rc || !out->name || pronoun)
        return rc;
    unsigned said = 0;
    /* "Her neighbour Bill Cho": a possessive tells the sex of someone else. */
    for (size_t k = from; k < to && !(at->t[k].lex & LEX_LINK); k++)
        if (!(at->t[k].lex & LEX_THE))
            said |= at->t[k].lex & (LEX_MALE | LEX_FEMALE);
    if (said == (LEX_MALE | LEX_FEMALE))
        said = 0;
    if (!said && out->kind == ENT_PERSON)
        said = people_gender(at->people, out->name);
    out->gender = said;
    return 0;
}

/* e->name must outlive `at`: it is a name of a->heard or ctx->heard. */
static void remember(attrib *at, const entity *e)
{
    at->hist[at->n_hist++ % ATTRIB_HISTORY] = *e;
}

/* Remembers a speaker named at offset `where`, and notes it in the
 * analysis for a later reading of the text from a point after it. Takes
 * e->name (NULL on return): the caller has no further use for it. */
static int hear(attrib *at, entity *e, size_t where)
{
    analysis *a = at->a;
    char *name = e->name;
    e->name = NULL;
    /* Capacity 16 first, as array_grow starts (one realloc for most
     * articles, where doubling from 1 took four), then doubling at powers
     * of two. */
    if (a->n_heard == 0 || (a->n_heard >= 16 && (a->n_heard & (a->n_heard - 1)) == 0)) {
        heard *grown = realloc(a->heard, (a->n_heard ? 2 * a->n_heard : 16) * sizeof *grown);
        if (!grown) {
            free(name);
            return -ENOMEM;
        }
        a->heard = grown;
    }
    a->heard[a->n_heard++] = (heard){where, name, (int)e->kind, e->gender, e->plural};
    remember(at, &(entity){name, e->kind, e->plural, e->gender, at->t[at->cur].para});
    return 0;
}

/* ---- The people an article names with titles -------------------------------- */

/* A copy of the name in [from, to) without a final possessive ("Ruiz’s"). */
static char *name_dup(const attrib *at, size_t from, size_t to)
{
    char *s = span_dup(at, from, to);
    size_t n = s ? strlen(s) : 0;
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
        s[n - 2] = '\0';
    else if (n > 4 && s[n - 1] == 's' && !strncmp(s + n - 4, "\xe2\x80\x99", 3))
        s[n - 4] = '\0';
    return s;
}

/*
 * Collects the people of the article: every name of two to four
 * capitalised words that is not an organisation, a place or a date, with
 * the title before it ("Foreign Secretary Ana Ruiz") or the apposition after
 * it ("Ana Ruiz, the trade minister,") as what later role nouns can match.
 */
static int collect_people(attrib *at)
{
    int rc = 0;
    for (size_t i = 0; i < at->n && rc == 0; i++) {
        bool cap = at->t[i].type == TK_WORD && (at->t[i].flags & TF_CAP);
        bool run_ends = !cap || (at->t[i].flags & TF_POSS) || i + 1 == at->n ||
                        at->t[i + 1].type != TK_WORD || !(at->t[i + 1].flags & TF_CAP);
        if (!cap || !run_ends)
            continue;
        size_t end = i + 1;
        size_t ns = name_start(at, end > 6 ? end - 6 : 0, end);
        while (ns < end && (at->t[ns].lex & (LEX_DET | LEX_THE | LEX_FRONT | LEX_BOUND | LEX_CUE)))
            ns++;
        bool honorific = ns > 0 && (at->t[ns - 1].lex & LEX_TITLE) &&
                         (at->t[ns - 1].lex & (LEX_MALE | LEX_FEMALE));
        if (end - ns < 2 && !(end - ns == 1 && honorific)) /* "Mr. Reyes" says he is a man */
            continue;
        bool plain = true;
        for (size_t k = ns; k < end; k++)
            plain &= !(at->t[k].lex & (LEX_BODY | LEX_PLACE | LEX_TIME | LEX_ROLE));
        if (!plain)
            continue;
        size_t tb = ns;
        while (tb > 0 && ns - tb < ATTRIB_NP_MAX && at->t[tb - 1].type == TK_WORD &&
               !(at->t[tb - 1].flags & TF_POSS) &&
               ((at->t[tb - 1].lex & (LEX_TITLE | LEX_LINK)) || (at->t[tb - 1].flags & TF_CAP)))
            tb--;
        char *title;
        size_t rb = ns >= 3 && is_punct(at, ns - 1, ",") ? np_before(at, ns - 1, ns > 8 ? ns - 8 : 0) : ns;
        if (tb < ns) {
            title = words_lower(at, tb, ns);
        } else if (rb + 1 < ns - 1 && (at->t[rb].lex & LEX_THE) && !(at->t[ns - 2].flags & TF_CAP) &&
                   (at->t[ns - 2].lex & (LEX_ROLE | LEX_TITLE))) {
            title = words_lower(at, rb + 1, ns - 1); /* "The mayor, Ellen Park," */
        } else if (end + 2 < at->n && is_punct(at, end, ",") &&
                   ((at->t[end + 1].lex & (LEX_THE | LEX_DET)) || (at->t[end + 1].flags & TF_POSS))) {
            size_t ae = end + 1;
            while (ae < at->n && ae - end < ATTRIB_NP_MAX && at->t[ae].type == TK_WORD)
                ae++;
            title = ae < at->n && is_punct(at, ae, ",") ? words_lower(at, end + 1, ae) : strdup("");
        } else {
            title = strdup("");
        }
        rc = people_adopt(at->people, name_dup(at, ns, end), title);
    }
    return rc ? rc : people_index(at->people);
}

/* ---- Attribution ------------------------------------------------------------- */

typedef struct found {
    entity who;
    size_t np_from, np_to;  /* tokens of the attributing mention */
    size_t cue_from, cue_to;
    float confidence;
} found;

/* Whether an insertion of n tokens opening at token `open` is one: short,
 * or a relative clause, which runs long in news copy (", who asked not to
 * be named because they were not allowed to speak to the press,"). */
static bool insertion_fits(const attrib *at, size_t open, size_t n)
{
    return n < 16 || (open + 1 < at->n && (word_is(at, open + 1, "who") || word_is(at, open + 1, "whose")));
}

/* After an inverted cue, a description and the name it is given: "said
 * its chief executive, Lars Berg.", "countered Ruiz's neighbour, retired
 * nurse Gloria Pratt." Moves [*from, *to) onto the name. */
static void apposed_name(const attrib *at, size_t limit, size_t *from, size_t *to)
{
    size_t d = *from, e = *to, s = e + 1;
    bool described = !(at->t[d].flags & TF_CAP) || (at->t[d].flags & TF_POSS);
    if (!described || e + 1 >= limit || !is_punct(at, e, ","))
        return;
    while (s < limit && s - e <= 2 && at->t[s].type == TK_WORD && !(at->t[s].flags & TF_CAP) &&
           !(at->t[s].lex & ~(unsigned)(LEX_TITLE | LEX_ROLE)))
        s++; /* what the person does: "retired nurse" */
    size_t n = s;
    while (n < limit && n - s < 4 && at->t[n].type == TK_WORD && (at->t[n].flags & TF_CAP))
        n++;
    if (n - s >= 2 && (n == limit || at->t[n].type != TK_WORD)) {
        *from = s;
        *to = n;
    }
}

/* An insertion between a speaker and the verb: a parenthesis "(R-Ohio)" or
 * a phrase between commas ", 70," / ", who chairs the panel,". Given the
 * token after it, returns where it starts, or `v` when there is none. */
static size_t insertion_before(const attrib *at, size_t v, size_t floor)
{
    if (v <= floor + 1)
        return v;
    bool paren = is_punct(at, v - 1, ")");
    if (!paren && !is_punct(at, v - 1, ","))
        return v;
    for (size_t k = v - 1; k-- > floor && v - k < ATTRIB_INSERTION_MAX;) {
        if (at->t[k].type == TK_QUOTE || at->t[k].type == TK_PARA)
            return v;
        if (paren ? is_punct(at, k, "(") : is_punct(at, k, ","))
            return insertion_fits(at, k, v - k) ? k : v;
    }
    return v;
}

/* The same read forwards: the token after an insertion starting at i. */
static size_t insertion_after(const attrib *at, size_t i, size_t limit)
{
    bool paren = i < limit && is_punct(at, i, "(");
    if (!paren && !(i < limit && is_punct(at, i, ",")))
        return i;
    for (size_t k = i + 1; k < limit && k - i < ATTRIB_INSERTION_MAX; k++) {
        if (at->t[k].type == TK_QUOTE)
            return i;
        if (paren ? is_punct(at, k, ")") : is_punct(at, k, ","))
            return insertion_fits(at, i, k - i) ? k + 1 : i;
    }
    return i;
}

/* The subject of the sentence starting at token ss, read up to `limit`:
 * [*from, *to), empty when there is none. "Another resident, Tom Bay,
 * disagreed": the name in apposition (not "Tom Hale, a Republican,"). */
static void subject_of(const attrib *at, size_t ss, size_t limit, size_t *from, size_t *to)
{
    size_t cs = clause_start(at, ss, limit), se = subject_end(at, cs, limit);
    size_t after = se > cs ? insertion_after(at, se, limit) : se;
    if (after > se + 2 && is_punct(at, se, ",") && (at->t[after - 2].flags & TF_CAP) &&
        !(at->t[se + 1].lex & (LEX_THE | LEX_DET))) { /* not "(R-Texas)" */
        /* The name in apposition, after at most two nouns saying what its
         * bearer does ("Her neighbour, fisherman Callum Bain,"; not ", who
         * has endorsed Ng," nor ", speaking at a rally in Cedar Rapids,"). */
        size_t n = np_before(at, after - 1, se + 1), k = se + 1;
        while (k < n && k - se <= 2 && at->t[k].type == TK_WORD && !(at->t[k].flags & TF_CAP) &&
               !(at->t[k].lex & ~(unsigned)(LEX_TITLE | LEX_ROLE)) &&
               !(at->t[k].e - at->t[k].s > 3 && !memcmp(at->text + at->t[k].e - 3, "ing", 3)))
            k++;
        if (k == n && (k == se + 1 || after - 1 - n >= 2)) {
            cs = n;
            se = after - 1;
        }
    }
    *from = cs;
    *to = se;
}

static int by_subject(const attrib *at, size_t i, found *f)
{
    subject_of(at, at->t[i].sent, i, &f->np_from, &f->np_to);
    if (f->np_to == f->np_from)
        return 0;
    return resolve(at, f->np_from, f->np_to, &f->who);
}

/* Whether tokens [b, e) are a role with its complement: "the mayor of Port
 * Ellis", "a spokesman for the Harbour Authority". */
static bool role_of(const attrib *at, size_t b, size_t e)
{
    return b + 2 < e && (at->t[b].lex & (LEX_THE | LEX_DET)) && !(at->t[b + 1].flags & TF_CAP) &&
           (at->t[b + 1].lex & (LEX_ROLE | LEX_TITLE)) && (at->t[b + 2].lex & LEX_LINK);
}

/* Speaker of the cue at token c: the phrase before it (skipping "has",
 * "also", "further"), across an apposition, or after it when inverted. */
static int by_cue(const attrib *at, size_t c, size_t floor, size_t limit, found *f)
{
    size_t cue_to = c + 1 + according_at(at, c);
    f->cue_from = c;
    f->cue_to = cue_to;
    if (according_at(at, c)) {
        size_t e = np_after(at, c + 2, limit);
        f->np_from = c + 2;
        f->np_to = e;
        if (e == c + 2) {
            /* "according to court documents filed on Friday", "according
             * to witnesses": a bare description, up to what qualifies it,
             * is the source as written. */
            while (e < limit && e - (c + 2) < 3 && at->t[e].type == TK_WORD && !(at->t[e].flags & TF_CAP) &&
                   !(at->t[e].lex & (LEX_BOUND | LEX_AUX | LEX_LINK)) &&
                   !(at->t[e].e - at->t[e].s > 3 && !memcmp(at->text + at->t[e].e - 2, "ed", 2)))
                e++;
            f->np_to = e;
            if (e == c + 2)
                return 0;
            return set_name(&f->who, span_dup(at, c + 2, e), ENT_ANON, phrase_plural(at, c + 2, e));
        }
        return resolve(at, c + 2, e, &f->who);
    }
    size_t v = c;
    while (v > floor && skippable(at, v - 1))
        v--;
    /* "the Gates Foundation, which said": what the clause is about. */
    if (v > floor + 2 && (word_is(at, v - 1, "which") || word_is(at, v - 1, "who")) &&
        is_punct(at, v - 2, ","))
        v -= 2;
    bool infinitive = v > floor && word_is(at, v - 1, "to");
    bool participle = (at->t[c].lex & LEX_CUE_ING) != 0;
    /* "State media quoted him as saying": whom the subject quoted. */
    if (participle && c > floor + 2 && word_is(at, c - 1, "as")) {
        for (size_t k = c - 1; k-- > floor && c - k <= ATTRIB_NP_MAX + 1;) {
            if (!word_is(at, k, "quoted") && !word_is(at, k, "quotes") && !word_is(at, k, "cited"))
                continue;
            if (k + 1 == c - 1)
                break;
            f->np_from = k + 1;
            f->np_to = c - 1;
            return resolve(at, k + 1, c - 1, &f->who);
        }
    }
    if (infinitive || participle)
        return by_subject(at, c, f);
    size_t b = np_before(at, v, floor);
    /* Over insertions: "Ana Ruiz, the trade minister, said", "Sen. Ray Hill (R-Ohio) said". */
    for (int hops = 0; b == v && hops < 3; hops++) {
        size_t after = v, k = insertion_before(at, v, floor);
        if (k == v && hops > 0 && is_punct(at, v, ",")) {
            /* "Rune Aas, 71, who has held shares since 1990, said": one
             * comma closes the first insertion and opens the second. */
            after = v + 1;
            k = insertion_before(at, after, floor);
        }
        if (k == after)
            break;
        /* "Labour's spokesman, Dev Anand, said": the name is the insertion,
         * unless a name stands before it ("Rep. Al Voss, R-Texas, said") that
         * is not the end of a role ("The mayor of Port Ellis, Rosa Delgado,"). */
        if (is_punct(at, after - 1, ",") && after >= k + 3 && (at->t[after - 2].flags & TF_CAP) &&
            np_before(at, after - 1, k + 1) == k + 1 && k > floor && at->t[k - 1].type == TK_WORD &&
            (!(at->t[k - 1].flags & TF_CAP) || (at->t[k - 1].lex & LEX_TITLE) ||
             role_of(at, np_before(at, k, floor), k))) {
            b = k + 1;
            v = after - 1;
            break;
        }
        v = k;
        b = np_before(at, v, floor);
        /* Before an insertion stands a name or a description ("One
         * deckhand, who asked not to be named, said"), not any phrase. */
        if (b < v && !(at->t[v - 1].flags & TF_CAP) && !(at->t[b].lex & (LEX_DET | LEX_THE)))
            b = v;
    }
    if (b < v) {
        f->np_from = b;
        f->np_to = v;
        return resolve(at, b, v, &f->who);
    }
    /* Inverted: said Raab / said a spokesman; but in "said he would" the
     * pronoun opens the reported clause (and "the board" in "said the board
     * was"), and after "accused" or "urged" stands whom it was said to. */
    size_t e = np_after(at, cue_to, limit);
    bool reported = e < limit && at->t[e].type == TK_WORD && (at->t[e].lex & LEX_AUX);
    if (e > cue_to && !reported && !(at->t[cue_to].lex & LEX_PRON) && (at->t[c].lex & LEX_INVERT)) {
        f->np_from = cue_to;
        f->np_to = e;
        apposed_name(at, limit, &f->np_from, &f->np_to);
        return resolve(at, f->np_from, f->np_to, &f->who);
    }
    /* "X praised Y and appealed for a “…”": the subject of the sentence. */
    if (v > floor && (word_is(at, v - 1, "and") || word_is(at, v - 1, "but")))
        return by_subject(at, c, f);
    return 0;
}

/* Attribution right after the closing mark: “…,” Raab said / said Raab. */
static int right_after(const attrib *at, size_t qt, found *f)
{
    size_t i = qt + 1, limit = sentence_end(at, qt);
    if (i < at->n && is_punct(at, i, ",") && at->t[i].sent == at->t[qt].sent)
        i++;
    bool ended = limit <= i; /* the quote ends its sentence */
    if (ended && i < at->n && at->t[i].type == TK_WORD) /* “…!” she said. */
        limit = sentence_end(at, i);
    if (i + 1 < limit && at->t[i].type == TK_PUNCT && !at->t[i].ch) {
        /* A byline-like dash: “…” — Ana Ruiz, to the end of the line. */
        size_t e = np_after(at, i + 1, limit);
        if (!dash_at(at, i) || e == i + 1 ||
            (e < at->n && at->t[e].type == TK_WORD && at->t[e].para == at->t[qt].para))
            return 0;
        f->np_from = i + 1;
        f->np_to = e;
        return resolve(at, i + 1, e, &f->who);
    }
    if (i >= limit || at->t[i].type != TK_WORD)
        return 0;
    if ((at->t[i].lex & LEX_INVERT) || according_at(at, i)) {
        size_t e = np_after(at, i + 1 + according_at(at, i), limit);
        if (e == i + 1 + according_at(at, i))
            return 0;
        f->cue_from = i;
        f->cue_to = i + 1 + according_at(at, i);
        f->np_from = f->cue_to;
        f->np_to = e;
        apposed_name(at, limit, &f->np_from, &f->np_to);
        return resolve(at, f->np_from, f->np_to, &f->who);
    }
    size_t np_end = i;
    while (np_end < limit && np_end - i < ATTRIB_NP_MAX && np_word(at, np_end))
        np_end++;
    size_t from = np_end > i ? np_before(at, np_end, i) : np_end;
    /* Lowercase title words may open it: “…,” press secretary Lydia Fenn said. */
    for (size_t k = i; k < from; k++)
        if (at->t[k].flags & TF_CAP)
            return 0;
    if (from == np_end)
        return 0;
    size_t c = insertion_after(at, np_end, limit), named = c;
    /* “…,” one dockworker, who gave only his first name, Luis, told: the
     * comma closing one insertion opens the name's. */
    if (c > np_end && c < limit && is_punct(at, c - 1, ",") && (at->t[c].flags & TF_CAP) && !cue_at(at, c))
        c = insertion_after(at, c - 1, limit);
    while (c < limit && skippable(at, c))
        c++;
    if (c >= limit || !cue_at(at, c))
        return 0;
    /* “We are ready.” Brandt, asked about it, said: “…” (or Obi later
     * told the BBC: “…”): the cue leads into the next quote, not back to
     * this one. */
    if (ended) {
        size_t k = c + 1;
        while (k < at->n && k - c <= ATTRIB_NP_MAX && at->t[k].type == TK_WORD)
            k++;
        if (k + 1 < at->n && (is_punct(at, k, ":") || is_punct(at, k, ",")) && at->t[k + 1].type == TK_QUOTE)
            return 0;
    }
    size_t v = np_end;
    while (v > from && skippable(at, v - 1))
        v--;
    if (named < c && (at->t[named].flags & TF_CAP) && np_before(at, c - 1, named) == named) {
        from = named;
        v = c - 1;
    }
    /* “…,” her spokesman, Nate Bird, said: the name in apposition. */
    if (c > np_end + 2 && is_punct(at, np_end, ",") && !(at->t[np_end - 1].flags & TF_CAP) &&
        (at->t[np_end + 1].flags & TF_CAP) && np_before(at, c - 1, np_end + 1) == np_end + 1) {
        from = np_end + 1;
        v = c - 1;
    }
    f->cue_from = c;
    f->cue_to = c + 1;
    f->np_from = from;
    f->np_to = v;
    return resolve(at, from, v, &f->who);
}

/* In "Delgado said the state had promised “…”" the quoted words are what
 * Delgado said: a verb of saying before the nearer cue c of another kind
 * names the speaker, when it names someone else (the nearer cue is the more
 * telling one for the same person: "He said ... and accused X of “…”"). */
static int reported_by(const attrib *at, size_t ss, size_t c, size_t qt, found *f)
{
    for (size_t d = c; d-- > ss;) {
        /* Past a comma or a quote the earlier verb reports another clause
         * ("While Ruiz insisted the talks were “…,” her deputy told …"). */
        if (at->t[d].type == TK_QUOTE || is_punct(at, d, ","))
            return 0;
        if (at->t[d].type != TK_WORD || !(at->t[d].lex & LEX_INVERT) || !cue_at(at, d))
            continue;
        found outer = {0};
        int rc = by_cue(at, d, ss, qt, &outer);
        if (rc == 0 && outer.who.name && strcmp(outer.who.name, f->who.name) != 0) {
            entity_clear(&f->who);
            *f = outer;
        } else {
            entity_clear(&outer.who);
        }
        return rc;
    }
    return 0;
}

/* A cue elsewhere in the quote's sentence: before it, or after it. */
static int in_sentence(attrib *at, size_t qt, bool before, found *f)
{
    size_t ss = at->t[qt].sent, se = sentence_end(at, qt);
    if (before) {
        for (size_t c = qt; c-- > ss;) {
            if (at->t[c].type == TK_QUOTE)
                continue;
            if ((cue_at(at, c) || (at->t[c].lex & LEX_CUE_ING) || according_at(at, c))) {
                int rc = by_cue(at, c, ss, qt, f);
                if (rc)
                    return rc;
                if (!f->who.name)
                    continue;
                return (at->t[c].lex & LEX_INVERT) ? 0 : reported_by(at, ss, c, qt, f);
            }
        }
        return 0;
    }
    for (size_t c = qt + 1; c < se; c++) {
        if (at->t[c].type == TK_QUOTE)
            break;
        if (cue_at(at, c) || according_at(at, c)) {
            int rc = by_cue(at, c, qt + 1, se, f);
            if (rc == 0 && f->who.name)
                at->t[c].flags |= TF_USED;
            return rc;
        }
    }
    return 0;
}

static char *cue_text(const attrib *at, const found *f)
{
    if (f->cue_to <= f->cue_from)
        return NULL;
    return span_dup(at, f->cue_from, f->cue_to);
}

static int assign(attrib *at, quote *q, found *f, float confidence)
{
    q->speaker = f->who.name;
    f->who.name = NULL;
    q->confidence = confidence;
    if (f->np_to > f->np_from) {
        q->mention_start = at->t[f->np_from].s;
        q->mention_end = at->t[f->np_to - 1].e;
    }
    if (f->cue_to > f->cue_from && !(q->cue = cue_text(at, f)))
        return -ENOMEM;
    if (q->speaker) {
        entity e = {strdup(q->speaker), f->who.kind, f->who.plural, f->who.gender, PARA_NONE};
        return e.name ? hear(at, &e, q->open) : -ENOMEM;
    }
    return 0;
}

/* A quote standing alone in its paragraph, after a paragraph of narration
 * that introduces it: "Ortiz had a simple message for residents:" or, one
 * sentence long, "Fire Chief Lena Ortiz put it more bluntly." The subject
 * of that sentence speaks, when it names someone. */
static int introducing_paragraph(const attrib *at, size_t qt, found *f)
{
    if (qt < 3 || at->t[qt - 1].type != TK_PARA)
        return 0;
    size_t after = qt + 1;
    while (after < at->n && at->t[after].type == TK_PUNCT)
        after++;
    if (after < at->n && at->t[after].type != TK_PARA)
        return 0; /* narration follows the quote: its own rules apply */
    size_t last = qt - 2, ss = at->t[last].sent;
    bool colon = is_punct(at, last, ":");
    if (!colon && !is_punct(at, last, "."))
        return 0;
    size_t ps = last;
    while (ps > 0 && at->t[ps - 1].type != TK_PARA) {
        if (at->t[--ps].type == TK_QUOTE)
            return 0; /* a paragraph with a quote of its own is not an introduction */
    }
    if (!colon && ss != ps)
        return 0;
    /* "In her statement she wrote:": the verb of speech names the speaker. */
    for (size_t c = last; colon && c-- > ss;) {
        if (cue_at(at, c)) {
            int rc = by_cue(at, c, ss, last, f);
            if (rc || f->who.name)
                return rc;
            break;
        }
    }
    int rc = by_subject(at, last, f);
    /* Without a colon only a person by full name introduces: "Critics say
     * the plan is rushed." or "Markets took the news calmly." before a
     * quote attribute nothing. */
    if (rc == 0 && !colon && f->who.name && (f->who.kind != ENT_PERSON || !strchr(f->who.name, ' ')))
        entity_clear(&f->who);
    return rc;
}

/* Whether a verb of speech follows the quote at token qt (“…,” said …):
 * then its speaker is one this pass could not name, not the previous one. */
static bool cue_follows(const attrib *at, size_t qt)
{
    size_t i = qt + 1;
    if (i < at->n && is_punct(at, i, ","))
        i++;
    return i < at->n && at->t[i].para == at->t[qt].para && cue_at(at, i);
}

/* Whether the quote at token qt continues the speech of the quote before:
 * in the same paragraph, or opening the paragraph right after it. */
static bool continues(const attrib *at, size_t qt, size_t prev_qt)
{
    /* “Full confidence” was also the phrase used by…: a verb right after
     * the quote, in its sentence, makes it the subject of narration, no
     * continuation of a speech (but “We will —” he paused “— …”). */
    const tok *next = qt + 1 < at->n ? &at->t[qt + 1] : NULL;
    if (prev_qt == (size_t)-1 ||
        (next && next->type == TK_WORD && next->sent == at->t[qt].sent && !(next->flags & TF_CAP) &&
         !(next->lex & (LEX_PRON | LEX_CUE | LEX_THE | LEX_DET))))
        return false;
    if (at->t[prev_qt].para == at->t[qt].para)
        return true;
    return qt > 0 && at->t[qt - 1].type == TK_PARA && at->t[prev_qt].para + 1 == at->t[qt].para;
}

/* "Some context from our weather correspondent, Tom Reyes: “…”": a
 * person's full name right before the colon that opens the quote. */
static int name_before_colon(const attrib *at, size_t qt, found *f)
{
    entity_clear(&f->who);
    size_t ss = at->t[qt].sent;
    if (qt < ss + 3 || !is_punct(at, qt - 1, ":"))
        return 0;
    size_t b = np_before(at, qt - 1, ss);
    if (b + 2 > qt - 1 || !(at->t[b].flags & TF_CAP))
        return 0;
    f->np_from = b;
    f->np_to = qt - 1;
    int rc = resolve(at, b, qt - 1, &f->who);
    if (rc == 0 && f->who.name && (f->who.kind != ENT_PERSON || !strchr(f->who.name, ' ')))
        entity_clear(&f->who);
    return rc;
}

/* "Asked how she felt, Torres shrugged. “I was doing my job.”": the
 * person a question was put to, in the sentence just before, answers. */
static int asked_before(const attrib *at, size_t qt, found *f)
{
    entity_clear(&f->who);
    size_t ss = at->t[qt].sent;
    if (ss == 0 || at->t[ss - 1].para != at->t[qt].para || at->t[ss - 1].type == TK_QUOTE)
        return 0;
    size_t ps = at->t[ss - 1].sent;
    if (!word_is(at, ps, "asked"))
        return 0;
    subject_of(at, ps, ss, &f->np_from, &f->np_to);
    if (f->np_to == f->np_from)
        return 0;
    int rc = resolve(at, f->np_from, f->np_to, &f->who);
    if (rc == 0 && f->who.name && f->who.kind != ENT_PERSON)
        entity_clear(&f->who);
    return rc;
}

static int attribute_quote(attrib *at, size_t qt, size_t prev_qt, const quote *prev)
{
    quote *q = &at->a->quotes[at->t[qt].quote];
    found f = {0};
    int rc = 0;
    at->cur = qt;
    if (q->kind == QUOTE_FULL) {
        if ((rc = right_after(at, qt, &f)) == 0 && f.who.name) {
            for (size_t c = f.cue_from; c < f.cue_to; c++)
                at->t[c].flags |= TF_USED;
            return assign(at, q, &f, 0.95f);
        }
        if (rc == 0 && (rc = in_sentence(at, qt, true, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.85f);
        /* "The mayor weighed in: “…”": the subject of the introducing
         * clause, whose verb is no cue ("Asked if…, Grieve smiled:"). */
        f.cue_from = f.cue_to = 0;
        if (rc == 0 && qt > at->t[qt].sent && is_punct(at, qt - 1, ":") &&
            (rc = by_subject(at, qt, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.7f);
        if (rc == 0 && (rc = name_before_colon(at, qt, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.6f);
        if (rc == 0 && (rc = introducing_paragraph(at, qt, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.6f);
        if (rc == 0 && (rc = asked_before(at, qt, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.6f);
    } else {
        if ((rc = in_sentence(at, qt, true, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.85f);
        if (rc == 0 && (rc = in_sentence(at, qt, false, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.8f);
        if (rc == 0 && (rc = by_subject(at, qt, &f)) == 0 && f.who.name)
            return assign(at, q, &f, 0.6f);
    }
    entity_clear(&f.who);
    if (rc == 0 && prev && prev->speaker && continues(at, qt, prev_qt) && !cue_follows(at, qt)) {
        q->speaker = strdup(prev->speaker);
        q->confidence = prev->confidence * 0.85f;
        if (!q->speaker)
            rc = -ENOMEM;
    }
    return rc;
}

/* A cue in the narration names a speaker for later pronouns: "a source said". */
static int narration_cue(attrib *at, size_t c)
{
    found f = {0};
    size_t ss = at->t[c].sent;
    at->cur = c;
    int rc = by_cue(at, c, ss, sentence_end(at, c), &f);
    if (rc == 0 && f.who.name)
        rc = hear(at, &f.who, at->t[c].s);
    entity_clear(&f.who);
    return rc;
}

static int unattributed(analysis *a, const quote *q)
{
    if (q->kind == QUOTE_PARTIAL)
        return analysis_add_diag(a, q->open, q->close, DIAG_INFO, "unattributed",
                                 "quoted words with no speaker named");
    return analysis_add_diag(a, q->open, q->close, DIAG_WARN, "unattributed",
                             "quote with no attribution");
}

int attrib_resolve(const char *text, size_t len, const attrib_context *ctx, analysis *a)
{
    if (len >= UINT32_MAX)
        return -EFBIG;
    attrib at = {.text = text, .len = len, .a = a, .people = people_new()};
    int rc = at.people ? tokenize(&at) : -ENOMEM;
    if (rc == 0 && ctx->people)
        rc = people_add_all(at.people, ctx->people);
    for (size_t i = ctx->n_heard > ATTRIB_HISTORY ? ctx->n_heard - ATTRIB_HISTORY : 0;
         i < ctx->n_heard; i++) {
        const heard *h = &ctx->heard[i];
        remember(&at, &(entity){h->name, (ent_kind)h->kind, h->plural, h->gender, PARA_NONE});
    }
    if (rc == 0) {
        mark_sentences(&at);
        rc = collect_people(&at);
    }
    size_t prev_qt = (size_t)-1;
    for (size_t i = 0; i < at.n && rc == 0; i++) {
        if (at.t[i].type == TK_QUOTE) {
            const quote *prev = prev_qt == (size_t)-1 ? NULL : &a->quotes[at.t[prev_qt].quote];
            rc = attribute_quote(&at, i, prev_qt, prev);
            prev_qt = i;
        } else if ((cue_at(&at, i) || according_at(&at, i)) && !(at.t[i].flags & TF_USED)) {
            rc = narration_cue(&at, i);
        }
    }
    for (size_t i = 0; i < a->n_quotes && rc == 0; i++)
        if (!a->quotes[i].speaker)
            rc = unattributed(a, &a->quotes[i]);
    if (rc == 0) {
        people_free(a->people);
        a->people = at.people;
    } else {
        people_free(at.people);
    }
    free(at.t);
    return rc;
}
