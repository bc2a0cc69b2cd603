/*
 * token.c: cutting an article into tokens and sentences (token.h).
 *
 * Most of the scan's time is here: every byte of narration is read once.
 * ASCII words are found sixteen bytes at a time; only a word that may be
 * an abbreviation (a dot after it) or run into non-ASCII letters is
 * decoded, and each word is looked up in the lexicon once.
 */
#include "token.h"

#include <errno.h>
#include <stdlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "array.h"
#include "text.h"

/* Lines longer than this end their paragraph, as in quote.c. */
#define TOK_WRAP_WIDTH 100

/* Appends a token with its other fields zero and returns it, or NULL when
 * out of memory. Fields are stored in place: building a whole struct on the
 * stack and copying it stalled on store forwarding (18% of attribution). */
static inline tok *push_tok(tokens *at, tok_type type, size_t s, size_t e, size_t para)
{
    if (at->n == at->cap && array_grow((void **)&at->t, &at->cap, at->n + 1, sizeof *at->t))
        return NULL;
    tok *k = &at->t[at->n++];
    k->s = (uint32_t)s;
    k->e = (uint32_t)e;
    k->quote = k->sent = k->sent_end = k->lex = 0;
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

/* A full stop typed without its space: "Ruiz said.Berg claimed" is two
 * sentences (not "U.S.", "No.10" nor "fivethirtyeight.com"): two lowercase
 * letters before the dot at e, a capital and a lowercase letter after. */
static bool missing_space(const char *t, size_t len, size_t i, size_t e, int32_t next)
{
    return e >= i + 2 && t[e - 1] >= 'a' && t[e - 1] <= 'z' && t[e - 2] >= 'a' && t[e - 2] <= 'z' &&
           next >= 'A' && next <= 'Z' && e + 2 < len && t[e + 2] >= 'a' && t[e + 2] <= 'z';
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
            word_char(next) && !(c == '.' && missing_space(t, len, i, e, next))) {
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
    if (j >= len || t[j] == '\n' || nl - line_start > TOK_WRAP_WIDTH)
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

/* The quote qi of the analysis as one token; returns where narration
 * resumes, or 0 when out of memory. Moves *line_start past the quote's
 * line breaks: a quote can span paragraphs. */
static size_t push_quote(tokens *at, size_t qi, size_t i, size_t para, size_t *line_start)
{
    const quote *q = &at->a->quotes[qi];
    tok *k = push_tok(at, TK_QUOTE, q->open, q->close, para);
    if (!k)
        return 0;
    k->quote = (uint32_t)qi;
    for (const char *nl = at->text + q->open; (nl = memchr(nl, '\n', (size_t)(at->text + q->close - nl))); nl++)
        *line_start = (size_t)(nl - at->text) + 1;
    return q->close > i ? q->close : i + 1;
}

/* The word starting at i, whose first character is c: returns its end, or
 * 0 when out of memory. */
static size_t push_word(tokens *at, size_t i, int32_t c, size_t para)
{
    const char *t = at->text;
    size_t len = at->len, n, n2;
    bool classed;
    unsigned lx = 0;
    size_t e = word_end(t, len, i, &classed, &lx);
    /* A plural possessive keeps its apostrophe: "the Dockers’ Union". */
    if (e > i && t[e - 1] == 's' && e < len) {
        int32_t ap = text_decode(t, len, e, &n2);
        if ((ap == 0x2019 || ap == '\'') && (e + n2 >= len || !word_char(text_decode(t, len, e + n2, &n))))
            e += n2;
    }
    tok *k = push_tok(at, TK_WORD, i, e, para);
    if (!k)
        return 0;
    k->flags = (uint8_t)((text_is_upper(c) ? TF_CAP : 0) | (possessive_word(t, i, e) ? TF_POSS : 0));
    k->lex = classed ? lx : lexicon_classes(t + i, e - i);
    return e;
}

/* "Morgan & Finch": the ampersand of a firm's name is one of its words. */
static bool firm_ampersand(const tokens *at, size_t i)
{
    const char *t = at->text;
    return t[i] == '&' && i > 0 && t[i - 1] == ' ' && i + 2 < at->len && t[i + 1] == ' ' &&
           (unsigned char)(t[i + 2] - 'A') < 26 && at->n > 0 && (at->t[at->n - 1].flags & TF_CAP);
}

/* One token of what is not a word at i (c, n bytes): a paragraph break,
 * a firm's ampersand, punctuation; white space and Markdown emphasis
 * ("**Ana Ruiz** said" reads as prose) give none. Returns the next
 * offset, or 0 when out of memory. */
static size_t push_other(tokens *at, size_t i, int32_t c, size_t n, size_t *para, size_t *line_start,
                         size_t *run_end, size_t *run_indent)
{
    tok *k = NULL;
    if (c == '\n') {
        if (para_break(at->text, at->len, i, *line_start, run_end, run_indent) &&
            !(k = push_tok(at, TK_PARA, i, i + 1, (*para)++)))
            return 0;
        *line_start = i + 1;
    } else if (firm_ampersand(at, i)) {
        if (!(k = push_tok(at, TK_WORD, i, i + 1, *para)))
            return 0;
        k->flags = TF_CAP;
        k->lex = LEX_BODY;
    } else if (c != '*' && c != '_' && !(c == '>' && only_blank_or(at->text, *line_start, i, '>')) &&
               !text_is_space(c)) {
        if (!(k = push_tok(at, TK_PUNCT, i, i + n, *para)))
            return 0;
        k->ch = n == 1 ? at->text[i] : 0;
    }
    return i + n;
}

static int cut(tokens *at)
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
        size_t n, next;
        if (i >= next_open) {
            next = push_quote(at, qi++, i, para, &line_start);
            next_open = qi < a->n_quotes ? a->quotes[qi].open : SIZE_MAX;
        } else if (t[i] == ' ') { /* the commonest byte: skip it before anything else */
            next = i + 1;
        } else {
            int32_t c = text_decode(t, len, i, &n);
            next = c != '\n' && (ascii_word_byte((unsigned char)t[i]) || word_char(c))
                       ? push_word(at, i, c, para)
                       : push_other(at, i, c, n, &para, &line_start, &run_end, &run_indent);
        }
        if (!next)
            return -ENOMEM;
        i = next;
    }
    return 0;
}

/* Sentences end at . ! ? and … before a capital (not in abbreviations,
 * which word_end keeps, nor before a bracket, a comma or a lowercase word:
 * "(R-Ohio.)", "Mr. Hill.") and at paragraph breaks. */
static bool ends_sentence(const tokens *at, size_t i)
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
    if (!tok_punct(at, i, ".!?") && !ellipsis)
        return false;
    if (i + 1 >= at->n)
        return true;
    const tok *next = &at->t[i + 1];
    if (next->type == TK_WORD)
        return (next->flags & TF_CAP) != 0;
    if (ellipsis)
        return false;
    return !tok_punct(at, i + 1, ",;:)]");
}

/* Gives every token its sentence's first token, then, walking back, the
 * token after its sentence's last: the rules ask for a quote's sentence end
 * once per quote, and walking to it each time made a paragraph of many
 * quotes in one sentence cost the square of its length. */
static void mark_sentences(tokens *at)
{
    size_t start = 0;
    for (size_t i = 0; i < at->n; i++) {
        at->t[i].sent = (uint32_t)start;
        if (ends_sentence(at, i))
            start = i + 1;
    }
    for (size_t i = at->n, end = at->n; i-- > 0;) {
        at->t[i].sent_end = (uint32_t)end;
        if (at->t[i].sent == i)
            end = i;
    }
}

size_t tok_sentence_end(const tokens *at, size_t i)
{
    return i < at->n ? at->t[i].sent_end : i;
}

char *tok_dup(const tokens *at, size_t from, size_t to)
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

char *tok_dup_lower(const tokens *at, size_t from, size_t to)
{
    char *s = tok_dup(at, from, to);
    for (char *p = s; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

/* An age opening what stands before a name: "said 12-year-old Maya Ruiz",
 * "said 58-year-old crane driver Luis Amado". */
bool tok_age(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    return k->type == TK_WORD && k->e - k->s > 4 && (unsigned char)(at->text[k->s] - '0') < 10 &&
           !memcmp(at->text + k->e - 4, "-old", 4);
}

/* The start of the main clause: past a fronted phrase ("On Tuesday,",
 * "Despite the row,", "Paraphrasing the minister,") when there is one. */
/* Whether the word at i is written in capitals throughout (PORT ESTE). */
bool tok_all_caps(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    if (k->type != TK_WORD || k->e - k->s < 2)
        return false;
    for (uint32_t b = k->s; b < k->e; b++)
        if (at->text[b] >= 'a' && at->text[b] <= 'z')
            return false;
    return true;
}

bool tok_dash(const tokens *at, size_t i)
{
    size_t n;
    return at->t[i].type == TK_PUNCT && text_is_dash(text_decode(at->text, at->len, at->t[i].s, &n));
}

/* Whether the word at i looks like a plural noun: "businesses", "parents"
 * (but not "Ruiz's", "was", "this"). */
bool tok_plural_noun(const tokens *at, size_t i)
{
    const tok *k = &at->t[i];
    size_t n = k->e - k->s;
    return k->type == TK_WORD && n > 3 && at->text[k->e - 1] == 's' && at->text[k->e - 2] != 's' &&
           at->text[k->e - 2] != '\'' && !(k->flags & TF_POSS) &&
           !(k->lex & ~(unsigned)(LEX_PLURAL | LEX_ROLE));
}

int tok_read(tokens *at)
{
    if (at->len >= UINT32_MAX)
        return -EFBIG;
    int rc = cut(at);
    if (rc == 0)
        mark_sentences(at);
    return rc;
}
