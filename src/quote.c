/*
 * quote.c: finds the quotations of a text.
 *
 * The text is cut into paragraphs of prose (code, tables and fenced blocks
 * are left out, so that program text does not flood the editor with false
 * quotes). Each quotation mark gets a role from its glyph and from the
 * characters on either side of it: opening, closing, ambiguous (straight
 * marks between two spaces) or apostrophe (it's, '90s, rock 'n' roll). A
 * small state machine then pairs the marks, one top-level quotation at a
 * time; marks of the other family inside it are nested quotes and belong to
 * it. A quotation still open at the end of a paragraph continues when the
 * next paragraph opens with a mark of its family, the convention for speech
 * that runs over several paragraphs; otherwise it is unbalanced and ends
 * with its paragraph, flagged.
 *
 * Everything is one forward pass over the text with look-ahead bounded by
 * the paragraph, so the cost is linear in the text.
 */
#include "quote.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "array.h"
#include "lexicon.h"
#include "text.h"

/* Lines longer than this are taken as whole paragraphs; blocks of shorter
 * lines as one hard-wrapped paragraph. */
#define QUOTE_WRAP_WIDTH 100

typedef enum { FAM_DOUBLE, FAM_SINGLE } mark_family;
typedef enum { ROLE_OPEN, ROLE_CLOSE, ROLE_AMBIG, ROLE_APOS } mark_role;

typedef struct mark {
    size_t at, len;
    int32_t c;
    mark_family fam;
    mark_role role;
} mark;

typedef struct marks {
    mark *v;
    size_t n, cap;
    /* Per family, one past the index of the last closing (or ambiguous)
     * mark: "is a closer ahead?" is then one comparison, not a walk to the
     * paragraph's end for every opening mark. */
    size_t closers_end[2];
} marks;

/* The open top-level quotation, carried from paragraph to paragraph. */
typedef struct open_quote {
    bool open;
    size_t para;        /* start of the paragraph where it opened */
    size_t mark_at, start;
    int32_t c;
    mark_family fam;
    bool nested;
} open_quote;

typedef struct finder {
    const char *text;
    size_t len;
    analysis *a;
    size_t cap_quotes;
    open_quote q;
    marks m;
} finder;

static bool is_quote_char(int32_t c, mark_family *fam)
{
    switch (c) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB:
        *fam = FAM_DOUBLE;
        return true;
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x2039: case 0x203A:
        *fam = FAM_SINGLE;
        return true;
    default:
        return false;
    }
}

/* A character after which a mark opens: nothing, space, an opening bracket or a dash. */
static bool opens_after(int32_t prev)
{
    mark_family f;
    return prev < 0 || text_is_space(prev) || prev == '(' || prev == '[' || prev == '{' ||
           prev == '/' || text_is_dash(prev) || prev == 0x2026 ||
           (is_quote_char(prev, &f) && prev != 0x201D && prev != 0x2019 && prev != 0xBB);
}

/* A character before which a mark closes: nothing, space or punctuation. */
static bool closes_before(int32_t next)
{
    mark_family f;
    return next < 0 || text_is_space(next) || strchr(".,;:!?)]}", next ? (int)next : 'x') ||
           text_is_dash(next) || next == 0x2026 || is_quote_char(next, &f);
}

static mark_role role_of(int32_t c, int32_t prev, int32_t prev2, int32_t next)
{
    bool o = opens_after(prev), k = closes_before(next);
    bool letter_before = prev >= 0 && (text_is_letter(prev) || text_is_digit(prev));
    bool letter_after = next >= 0 && (text_is_letter(next) || text_is_digit(next));
    switch (c) {
    case 0x201C: case 0x201E: case 0x201F: case 0xAB:
        return (!o && k) ? ROLE_CLOSE : ROLE_OPEN;
    case 0x201D: case 0xBB:
        return (o && !k) ? ROLE_OPEN : ROLE_CLOSE;
    case '"':
        if (prev >= 0 && text_is_digit(prev) && k)
            return ROLE_APOS; /* 6'2": an inch mark */
        return (o && !k) ? ROLE_OPEN : (k && !o) ? ROLE_CLOSE : ROLE_AMBIG;
    case 0x201A: case 0x2039:
        return ROLE_OPEN;
    case 0x203A:
        return ROLE_CLOSE;
    case 0x2018:
        if (next >= 0 && text_is_digit(next))
            return ROLE_APOS;
        return (letter_before && letter_after) ? ROLE_APOS : ROLE_OPEN;
    default: /* U+2019 and the straight apostrophe */
        if (letter_before && letter_after)
            return ROLE_APOS;               /* it's, don't */
        if (o && next >= 0 && text_is_digit(next))
            return ROLE_APOS;               /* '90s */
        if (prev == 'n' && (prev2 == 0x2019 || prev2 == '\''))
            return ROLE_APOS;               /* rock 'n' roll */
        if (o && letter_after)
            return c == '\'' ? ROLE_OPEN : ROLE_APOS; /* 'em, or a straight opening */
        return ROLE_CLOSE;
    }
}

static int marks_push(marks *m, mark k)
{
    if (array_grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v))
        return -ENOMEM;
    m->v[m->n++] = k;
    if (k.role == ROLE_CLOSE || k.role == ROLE_AMBIG)
        m->closers_end[k.fam] = m->n;
    return 0;
}

/* The bytes that can start a mark or a code span: quote marks are ASCII or
 * start with 0xC2 («») or 0xE2 (U+2018..U+203A). */
static bool mark_byte(unsigned char b)
{
    return b == '"' || b == '\'' || b == '`' || b == 0xC2 || b == 0xE2;
}

#if defined(__SSE2__)
/* The first byte in [i, to) that mark_byte accepts, or to. Prose has a mark
 * every hundred bytes or so, so sixteen bytes are compared against the five
 * mark bytes at once (SSE2 is baseline on x86-64); accented letters, unlike
 * in the portable word test below, do not drop to a byte loop. */
static size_t next_mark_byte(const char *t, size_t i, size_t to)
{
    const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\''), bq = _mm_set1_epi8('`');
    const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
    for (; i + 16 <= to; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, bq),
                                                _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2))));
        unsigned bits = (unsigned)_mm_movemask_epi8(hit);
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
    }
    for (; i < to; i++)
        if (mark_byte((unsigned char)t[i]))
            return i;
    return to;
}
#else
#define BYTES_ONES 0x0101010101010101u
#define BYTES_HIGHS 0x8080808080808080u

/* Whether any byte of the word w equals b (the classic has-zero-byte test). */
static uint64_t has_byte(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ (BYTES_ONES * b);
    return (x - BYTES_ONES) & ~x & BYTES_HIGHS;
}

/* The first byte in [i, to) that mark_byte accepts, or to. Prose has a mark
 * every hundred bytes or so, so eight bytes are tested at once; a word with
 * any non-ASCII byte is then read byte by byte. */
static size_t next_mark_byte(const char *t, size_t i, size_t to)
{
    for (;;) {
        for (; i + 8 <= to; i += 8) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            if ((w & BYTES_HIGHS) | has_byte(w, '"') | has_byte(w, '\'') | has_byte(w, '`'))
                break;
        }
        size_t stop = i + 8 < to ? i + 8 : to;
        for (; i < stop; i++)
            if (mark_byte((unsigned char)t[i]))
                return i;
        if (i >= to)
            return to;
    }
}
#endif

/* Whether the TeX opening mark ``...'' at i is closed in text[i, to): a
 * doubled straight apostrophe comes before any other backtick. */
static bool tex_closed(const char *t, size_t i, size_t to)
{
    for (size_t j = i + 2; j + 1 < to && t[j] != '`'; j++)
        if (t[j] == '\'' && t[j + 1] == '\'')
            return true;
    return false;
}

/* Three straight apostrophes are a double mark and a single one, the
 * single inside: "''They say, 'Go home,''' said Mr. Ruiz." closes the
 * single, then the double; "'''Go home,' they say,''" opens the double
 * first. Returns ROLE_OPEN or ROLE_CLOSE when text[i, i + 2) is the double
 * part of such a run, else -1. */
static int three_apostrophes(const char *t, size_t i, size_t from, size_t to)
{
    bool lead = i > from && t[i - 1] == '\'', trail = i + 2 < to && t[i + 2] == '\'';
    if (i + 2 > to || t[i] != '\'' || t[i + 1] != '\'' || lead == trail)
        return -1;
    if (lead) /* the last two of the run: a word must come before it */
        return i - 1 > from && t[i - 2] != '\'' && !isspace((unsigned char)t[i - 2]) ? ROLE_CLOSE
                                                                                      : -1;
    /* the first two: the run stands after a space and before a word */
    return (i == from || isspace((unsigned char)t[i - 1])) && i + 3 < to && t[i + 3] != '\'' &&
                   !isspace((unsigned char)t[i + 3])
               ? ROLE_OPEN
               : -1;
}

/*
 * Two straight apostrophes (the NYT's ''...'') or two backticks closed by
 * them (TeX's ``...'') are one double quotation mark. At i, pushes such a
 * mark, sets *n to its length and returns 1; returns 0 when none is there,
 * or -ENOMEM. The role is that of a straight double mark between the same
 * neighbours, except that a backtick pair only opens.
 */
static int doubled_single(finder *f, size_t i, size_t from, size_t to, size_t *n)
{
    const char *t = f->text;
    bool tex = t[i] == '`';
    int three = three_apostrophes(t, i, from, to);
    if (three >= 0) {
        mark k = {i, 2, '"', FAM_DOUBLE, (mark_role)three};
        *n = 2;
        return marks_push(&f->m, k) ? -ENOMEM : 1;
    }
    if (i + 2 > to || (t[i] != '\'' && !tex) || t[i + 1] != t[i] ||
        (i + 2 < to && (t[i + 2] == '\'' || t[i + 2] == '`')) ||
        (i > from && (t[i - 1] == '\'' || t[i - 1] == '`')))
        return 0;
    if (tex && !tex_closed(t, i, to))
        return 0;
    size_t nn, ps, ps2;
    int32_t next = i + 2 < to ? text_decode(t, to, i + 2, &nn) : -1;
    int32_t prev = i > from ? text_decode_before(t, i, &ps) : -1;
    int32_t prev2 = i > from && ps > from ? text_decode_before(t, ps, &ps2) : -1;
    mark k = {i, 2, tex ? 0x201C : '"', FAM_DOUBLE,
              tex ? ROLE_OPEN : role_of('"', prev, prev2, next)};
    *n = 2;
    return marks_push(&f->m, k) ? -ENOMEM : 1;
}

/* Collects the marks of text[from..to), skipping `inline code` spans. Only
 * bytes that can start a mark are decoded. */
static int collect_marks(finder *f, size_t from, size_t to)
{
    f->m.n = 0;
    f->m.closers_end[FAM_DOUBLE] = f->m.closers_end[FAM_SINGLE] = 0;
    bool in_code = false;
    for (size_t i = next_mark_byte(f->text, from, to), n; i < to;
         i = next_mark_byte(f->text, i + n, to)) {
        int32_t c = text_decode(f->text, to, i, &n);
        mark_family fam;
        int rc = in_code ? 0 : doubled_single(f, i, from, to, &n);
        if (rc != 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        if (c == '"' && !in_code && i > from && f->text[i - 1] == '=') {
            /* A markup attribute's value (<a href="...">) is no quotation. */
            const char *e = memchr(f->text + i + 1, '"', to - i - 1);
            if (e)
                n = (size_t)(e - f->text) + 1 - i;
        } else if (c == '`') {
            in_code = !in_code;
        } else if (!in_code && is_quote_char(c, &fam)) {
            size_t nn, ps, ps2;
            int32_t next = i + n < to ? text_decode(f->text, to, i + n, &nn) : -1;
            int32_t prev = i > from ? text_decode_before(f->text, i, &ps) : -1;
            int32_t prev2 = i > from && ps > from ? text_decode_before(f->text, ps, &ps2) : -1;
            mark k = {i, n, c, fam, role_of(c, prev, prev2, next)};
            /* The first mark of rock 'n' roll, which role_of cannot see past. */
            if (k.role == ROLE_OPEN && fam == FAM_SINGLE && next == 'n' && i + n + 1 < to) {
                size_t an, sn;
                int32_t ap = text_decode(f->text, to, i + n + 1, &an);
                int32_t sp = i + n + 1 + an < to ? text_decode(f->text, to, i + n + 1 + an, &sn) : -1;
                if ((ap == '\'' || ap == 0x2019) && sp == ' ')
                    k.role = ROLE_APOS;
            }
            if (marks_push(&f->m, k) != 0)
                return -ENOMEM;
        }
    }
    return 0;
}

static size_t trim_back(const char *text, size_t from, size_t to)
{
    while (to > from) {
        unsigned char b = (unsigned char)text[to - 1];
        size_t ps = to - 1;
        /* Decoding only past ASCII: this runs for every mark. */
        if (b < 0x80 ? !text_is_space(b) : !text_is_space(text_decode_before(text, to, &ps)) || ps < from)
            break;
        to = ps;
    }
    return to;
}

static size_t skip_space(const char *text, size_t from, size_t to)
{
    while (from < to && text_is_space((unsigned char)text[from]))
        from++;
    return from;
}

static bool only_space(const char *text, size_t from, size_t to)
{
    return skip_space(text, from, to) == to;
}

/* Words that, when they stand just before the opening mark, announce
 * speech: the lexicon's verbs of speech, and "that". */
static bool speech_word(const char *w, size_t n)
{
    return (n == 4 && !strncmp(w, "that", 4)) || (lexicon_classes(w, n) & (LEX_CUE | LEX_CUE_ING));
}

/*
 * A quotation is full when it is set off as speech: it opens its paragraph,
 * follows the end of a sentence or a colon, or follows a comma, a dash or a
 * verb of speech and starts like a sentence. Anything else is woven into the
 * narration and is partial.
 */
/* Whether text[from, to) is only Markdown around the start of a paragraph:
 * a blockquote's ">", emphasis "**" or "_", and spaces. */
static bool only_markup(const char *text, size_t from, size_t to)
{
    for (; from < to; from++)
        if (!text_is_space((unsigned char)text[from]) && text[from] != '>' && text[from] != '*' &&
            text[from] != '_')
            return false;
    return true;
}

static quote_kind kind_of(const finder *f, size_t para_start, size_t open, size_t start, size_t end)
{
    const char *t = f->text;
    size_t b = trim_back(t, para_start, open);
    if (only_markup(t, para_start, b))
        return QUOTE_FULL;
    size_t s = skip_space(t, start, end), n;
    mark_family fam;
    while (s < end && is_quote_char(text_decode(t, end, s, &n), &fam))
        s += n;
    int32_t first = s < end ? text_decode(t, end, s, &n) : -1;
    bool sentence_like = first >= 0 && (text_is_upper(first) || text_is_digit(first));
    size_t ps;
    int32_t prev = text_decode_before(t, b, &ps);
    mark_family pf;
    if (is_quote_char(prev, &pf) && ps > para_start) {
        /* After a quote that ended its sentence: “… a vindication.” “These
         * families …” opens a sentence as a full stop would. */
        size_t pps;
        int32_t end = text_decode_before(t, ps, &pps);
        if ((end == '.' || end == '!' || end == '?') && sentence_like)
            return QUOTE_FULL;
    }
    if (prev == '.' || prev == '!' || prev == '?' || prev == ':' || prev == 0x2026)
        return QUOTE_FULL;
    if (prev == ',') /* said, “…” or “…,” she said, “…” */
        b = trim_back(t, para_start, ps);
    size_t w = b;
    while (w > para_start && text_is_letter((unsigned char)t[w - 1]))
        w--;
    bool speech = speech_word(t + w, b - w);
    if (prev == ',' && speech)
        return QUOTE_FULL;
    if (prev == ',' || prev == ';' || text_is_dash(prev) || prev == '(')
        return sentence_like ? QUOTE_FULL : QUOTE_PARTIAL;
    return sentence_like && speech ? QUOTE_FULL : QUOTE_PARTIAL;
}

/* A title in marks after a possessive ("NBC's “Meet the Press”") names a
 * programme or a book; nobody is being quoted. */
static bool is_title(const finder *f, size_t open, size_t start, size_t end)
{
    const char *t = f->text;
    size_t b = trim_back(t, f->q.para, open);
    if (!(b >= 2 && t[b - 1] == 's' && (t[b - 2] == '\'' || (b >= 4 && !memcmp(t + b - 4, "\xe2\x80\x99", 3)))))
        return false;
    size_t words = 0;
    for (size_t i = start, n; i < end; i += n) {
        int32_t c = text_decode(t, end, i, &n);
        if (!text_is_letter(c))
            continue;
        size_t ps;
        int32_t before = i > start ? text_decode_before(t, i, &ps) : ' ';
        if (text_is_space(before) || before == ' ') {
            words++;
            size_t w = i;
            while (w < end && text_is_letter((unsigned char)t[w]))
                w++;
            if (!text_is_upper(c) && w - i > 3) /* "the", "of" may stay small */
                return false;
        }
    }
    return words > 0 && words <= 6;
}

static int emit(finder *f, size_t end, size_t close)
{
    analysis *a = f->a;
    if (trim_back(f->text, f->q.start, end) == f->q.start)
        return 0; /* empty marks: nothing quoted */
    if (is_title(f, f->q.mark_at, f->q.start, end))
        return 0;
    if (array_grow((void **)&a->quotes, &f->cap_quotes, a->n_quotes + 1, sizeof *a->quotes))
        return -ENOMEM;
    quote *q = &a->quotes[a->n_quotes++];
    memset(q, 0, sizeof *q);
    q->open = f->q.mark_at;
    q->start = f->q.start;
    q->end = end;
    q->close = close;
    q->kind = kind_of(f, f->q.para, q->open, q->start, end);
    return 0;
}

static int flag(finder *f, const mark *k, const char *code, const char *msg)
{
    return analysis_add_diag(f->a, k->at, k->at + k->len, DIAG_WARN, code, "%s", msg);
}

/* Whether a closing mark of the family follows in the marks from index i. */
static bool closer_ahead(const marks *m, size_t i, mark_family fam)
{
    return m->closers_end[fam] > i + 1;
}

/* Whether the single closing mark at i is really a plural possessive
 * ("the Tories' plan") inside a single-quoted quotation: a lowercase word
 * follows and another closing mark comes later, or the closing mark comes
 * right after its punctuation ('not the players',' he said). */
static bool possessive(const finder *f, size_t i)
{
    const mark *k = &f->m.v[i];
    size_t s = k->at + k->len, n;
    if (s >= f->len || k->at == 0 || f->text[k->at - 1] != 's')
        return false;
    if (strchr(",.?!", f->text[s]) && i + 1 < f->m.n) {
        const mark *close = &f->m.v[i + 1];
        return close->at == s + 1 && close->fam == FAM_SINGLE && close->role == ROLE_CLOSE;
    }
    if (f->text[s] != ' ')
        return false;
    int32_t next = s + 1 < f->len ? text_decode(f->text, f->len, s + 1, &n) : -1;
    return next >= 0 && text_is_letter(next) && !text_is_upper(next) &&
           closer_ahead(&f->m, i, FAM_SINGLE);
}

/* The opening glyph that a closing glyph answers, where they differ in shape. */
static bool answers(int32_t open_c, const mark *k)
{
    if (k->role == ROLE_CLOSE || k->role == ROLE_AMBIG)
        return true;
    /* „low-high“ and ‚low-high‘: the high mark closes although it looks like an opener. */
    return (open_c == 0x201E && k->c == 0x201C) || (open_c == 0x201A && k->c == 0x2018);
}

static void open_at(finder *f, size_t para, const mark *k)
{
    f->q = (open_quote){true, para, k->at, k->at + k->len, k->c, k->fam, false};
}

/* Ends the open quotation at `end` as unbalanced, flagging its opening mark. */
static int unbalanced(finder *f, size_t end)
{
    mark opener = {f->q.mark_at, f->q.start - f->q.mark_at, f->q.c, f->q.fam, ROLE_OPEN};
    int rc = flag(f, &opener, "unbalanced-mark", "quotation mark is never closed");
    if (rc == 0) {
        size_t e = trim_back(f->text, f->q.start, end);
        rc = emit(f, e, e);
    }
    f->q.open = false;
    return rc;
}

/* Pairs the marks of one paragraph starting at ps, continuing the quote
 * carried in f->q; the first `skip` marks were consumed already. */
static int pair_marks(finder *f, size_t ps, size_t skip)
{
    int rc = 0;
    const mark *last_close = NULL;
    for (size_t i = skip; i < f->m.n && rc == 0; i++) {
        const mark *k = &f->m.v[i];
        if (!f->q.open) {
            if (k->fam == FAM_DOUBLE && (k->role == ROLE_OPEN || k->role == ROLE_AMBIG)) {
                open_at(f, ps, k);
            } else if (k->fam == FAM_SINGLE && k->role == ROLE_OPEN &&
                       closer_ahead(&f->m, i, FAM_SINGLE)) {
                open_at(f, ps, k);
            } else if (k->fam == FAM_DOUBLE && k->role == ROLE_CLOSE) {
                if (last_close && last_close->at + last_close->len == k->at)
                    rc = flag(f, k, "doubled-mark", "doubled closing quotation mark");
                else
                    rc = flag(f, k, "stray-mark", "closing quotation mark with no opening mark");
            }
            continue;
        }
        if (k->fam != f->q.fam) {
            if (k->role == ROLE_OPEN && (k->fam == FAM_DOUBLE || closer_ahead(&f->m, i, k->fam)))
                f->q.nested = true;
            else if (k->role == ROLE_CLOSE || k->role == ROLE_AMBIG)
                f->q.nested = false;
            continue;
        }
        if (k->role == ROLE_APOS ||
            (k->fam == FAM_SINGLE && k->role == ROLE_CLOSE && possessive(f, i)))
            continue;
        if (answers(f->q.c, k)) {
            rc = emit(f, k->at, k->at + k->len);
            f->q.open = false;
            last_close = k;
        } else if (only_space(f->text, f->q.start, k->at)) {
            rc = flag(f, k, "doubled-mark", "doubled opening quotation mark");
            f->q.start = k->at + k->len;
        } else {
            rc = unbalanced(f, k->at);
            open_at(f, ps, k);
        }
    }
    return rc;
}

/* ---- Paragraphs of prose ------------------------------------------------ */

typedef enum { LINE_BLANK, LINE_PROSE, LINE_ITEM, LINE_OTHER } line_kind;

static bool starts_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static bool is_fence(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    return starts_with(s + i, n - i, "```") || starts_with(s + i, n - i, "~~~");
}

/* Per-byte increments of not_prose's four counters, packed in 16-bit
 * fields of one word so that each byte costs one load and one add. */
#define CNT_PIPE ((uint64_t)1)
#define CNT_TAB ((uint64_t)1 << 16)
#define CNT_SYM ((uint64_t)1 << 32)
#define CNT_LETTER ((uint64_t)1 << 48)
#define CNT_LETTERS(c) [c] = CNT_LETTER, [(c) - 'a' + 'A'] = CNT_LETTER
static const uint64_t line_counts[256] = {
    ['|'] = CNT_PIPE, ['\t'] = CNT_TAB,
    ['{'] = CNT_SYM, ['}'] = CNT_SYM, ['['] = CNT_SYM, [']'] = CNT_SYM, ['('] = CNT_SYM,
    [')'] = CNT_SYM, [';'] = CNT_SYM, ['='] = CNT_SYM, ['<'] = CNT_SYM, ['>'] = CNT_SYM,
    ['&'] = CNT_SYM, ['$'] = CNT_SYM, ['\\'] = CNT_SYM, ['#'] = CNT_SYM, ['*'] = CNT_SYM,
    ['_'] = CNT_SYM, ['^'] = CNT_SYM, ['~'] = CNT_SYM,
    CNT_LETTERS('a'), CNT_LETTERS('b'), CNT_LETTERS('c'), CNT_LETTERS('d'), CNT_LETTERS('e'),
    CNT_LETTERS('f'), CNT_LETTERS('g'), CNT_LETTERS('h'), CNT_LETTERS('i'), CNT_LETTERS('j'),
    CNT_LETTERS('k'), CNT_LETTERS('l'), CNT_LETTERS('m'), CNT_LETTERS('n'), CNT_LETTERS('o'),
    CNT_LETTERS('p'), CNT_LETTERS('q'), CNT_LETTERS('r'), CNT_LETTERS('s'), CNT_LETTERS('t'),
    CNT_LETTERS('u'), CNT_LETTERS('v'), CNT_LETTERS('w'), CNT_LETTERS('x'), CNT_LETTERS('y'),
    CNT_LETTERS('z'),
};

/* Table rows (pipes, tab-separated cells, rules) and program text are not
 * prose. Code is told by its density of symbols against letters and by the
 * way its lines end; prose with a few brackets stays prose. */
static bool not_prose(const char *s, size_t n)
{
    size_t pipes = 0, tabs = 0, sym = 0, letters = 0;
    /* Indentation counts for nothing: tabs only count after text. */
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (i < n) {
        size_t stop = n - i > 0xFFFF ? i + 0xFFFF : n; /* no 16-bit field overflows */
        uint64_t acc = 0;
        for (; i + 4 <= stop; i += 4) /* four bytes a round: half the loop overhead */
            acc += line_counts[(unsigned char)s[i]] + line_counts[(unsigned char)s[i + 1]] +
                   line_counts[(unsigned char)s[i + 2]] + line_counts[(unsigned char)s[i + 3]];
        for (; i < stop; i++)
            acc += line_counts[(unsigned char)s[i]];
        pipes += acc & 0xFFFF;
        tabs += (acc >> 16) & 0xFFFF;
        sym += (acc >> 32) & 0xFFFF;
        letters += acc >> 48;
    }
    if (pipes >= 2 || tabs >= 1 || starts_with(s, n, "+-") || starts_with(s, n, "|-"))
        return true;
    size_t e = trim_back(s, 0, n);
    bool code_end = e > 0 && (s[e - 1] == ';' || s[e - 1] == '{' || s[e - 1] == '}');
    return sym * 5 > letters + 5 || (code_end && sym >= 2);
}

static bool is_item(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i + 1 < n && strchr("-*+#", s[i]) && s[i] && s[i + 1] == ' ')
        return true;
    size_t d = i;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    return d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ';
}

typedef struct line_reader {
    const char *text;
    size_t len, pos;
    bool fenced;
} line_reader;

static line_kind next_line(line_reader *r, size_t *ls, size_t *le)
{
    const char *t = r->text;
    *ls = r->pos;
    const char *nl = memchr(t + r->pos, '\n', r->len - r->pos);
    *le = nl ? (size_t)(nl - t) : r->len;
    r->pos = nl ? *le + 1 : r->len;
    const char *s = t + *ls;
    size_t n = *le - *ls;
    if (is_fence(s, n)) {
        r->fenced = !r->fenced;
        return LINE_OTHER;
    }
    if (r->fenced)
        return LINE_OTHER;
    if (only_space(s, 0, n))
        return LINE_BLANK;
    if (not_prose(s, n))
        return LINE_OTHER;
    return is_item(s, n) ? LINE_ITEM : LINE_PROSE;
}

/* Handles the paragraph [ps, pe): closes or continues the quote carried
 * from the previous paragraph, then pairs this paragraph's marks. */
static int paragraph(finder *f, size_t ps, size_t pe, size_t prev_end, bool adjacent)
{
    int rc = collect_marks(f, ps, pe);
    size_t skip = 0;
    if (rc == 0 && f->q.open) {
        const mark *first = f->m.n ? &f->m.v[0] : NULL;
        if (adjacent && first && first->at == skip_space(f->text, ps, pe) &&
            first->fam == f->q.fam && (first->role == ROLE_OPEN || first->role == ROLE_AMBIG))
            skip = 1;
        else
            rc = unbalanced(f, prev_end);
    }
    return rc ? rc : pair_marks(f, ps, skip);
}

/*
 * Splits a block of prose lines [bs, be) into paragraphs. A block of long
 * lines is a paragraph per line (copy pasted from the web); a block of short
 * lines is one hard-wrapped paragraph.
 */
static int block(finder *f, size_t bs, size_t be, size_t *prev_end, bool *adjacent)
{
    size_t lines = 0, long_lines = 0;
    for (size_t s = bs; s < be;) {
        const char *nl = memchr(f->text + s, '\n', be - s);
        size_t e = nl ? (size_t)(nl - f->text) : be;
        lines++;
        long_lines += e - s > QUOTE_WRAP_WIDTH;
        s = e + 1;
    }
    if (2 * long_lines <= lines) {
        int rc = paragraph(f, bs, be, *prev_end, *adjacent);
        *prev_end = be;
        *adjacent = true;
        return rc;
    }
    for (size_t s = bs; s < be;) {
        const char *nl = memchr(f->text + s, '\n', be - s);
        size_t e = nl ? (size_t)(nl - f->text) : be;
        int rc = paragraph(f, s, e, *prev_end, *adjacent);
        if (rc)
            return rc;
        *prev_end = e;
        *adjacent = true;
        s = e + 1;
    }
    return 0;
}

int quote_find(const char *text, size_t len, analysis *a)
{
    finder f = {.text = text, .len = len, .a = a, .cap_quotes = a->n_quotes};
    line_reader r = {text, len, 0, false};
    size_t prev_end = 0, bs = 0, be = 0, run_end = 0, run_indent = 0;
    bool adjacent = false, in_block = false;
    int rc = 0;
    while (rc == 0 && r.pos < len) {
        size_t ls, le;
        line_kind k = next_line(&r, &ls, &le);
        size_t indent = text_indent(text, len, ls);
        if (indent >= 2 && ls >= run_end) /* only an indented line can open one */
            run_indent = text_run_indent(text, len, ls, &run_end);
        bool opens = indent >= 2 && text_opens_paragraph(run_indent, indent);
        if (in_block && (k != LINE_PROSE || opens)) {
            rc = block(&f, bs, be, &prev_end, &adjacent);
            in_block = false;
        }
        if (rc)
            break;
        if (k == LINE_PROSE || k == LINE_ITEM) {
            if (!in_block)
                bs = ls;
            be = le;
            in_block = true;
        } else if (k == LINE_OTHER) {
            adjacent = false;
        }
    }
    if (rc == 0 && in_block)
        rc = block(&f, bs, be, &prev_end, &adjacent);
    if (rc == 0 && f.q.open)
        rc = unbalanced(&f, prev_end);
    free(f.m.v);
    return rc;
}
