/*
 * names.c: the run-wide registry of speaker names, a people register (see
 * people.h) holding every proper name any document gave a speaker. Only
 * surnames are widened across documents: a first name alone is too weak a
 * link between two articles. Descriptions of anonymous sources ("a source",
 * "spokesman for the Treasury") are as specific as their article makes
 * them and are left alone.
 *
 * Person identity (names_same_person) works on names folded into small
 * fixed arrays of code points, one row per word: names are a few short
 * words, so nothing is allocated and a comparison cannot fail. Folding is
 * utf8proc's (compatibility decomposition, marks stripped, case folded),
 * never a hand table; a name longer than the arrays is compared on what
 * fits, which is always more than a person's name needs.
 */
#include "names.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "lexicon.h"
#include "people.h"

struct names {
    people *all;
    char *last; /* the name added last: speakers come in runs */
};

names *names_new(void)
{
    names *n = calloc(1, sizeof *n);
    if (n && !(n->all = people_new())) {
        free(n);
        return NULL;
    }
    return n;
}

void names_free(names *n)
{
    if (!n)
        return;
    people_free(n->all);
    free(n->last);
    free(n);
}

int names_add(names *n, const char *name)
{
    if (!name || !isupper((unsigned char)name[0]) || (n->last && strcmp(n->last, name) == 0))
        return 0;
    free(n->last);
    if (!(n->last = strdup(name)))
        return -ENOMEM;
    return people_add(n->all, name, "");
}

int names_index(names *n)
{
    return people_index(n->all);
}

const char *names_canonical(const names *n, const char *name)
{
    if (!name || !isupper((unsigned char)name[0]))
        return name;
    const char *full = people_full_name(n->all, name, false);
    return full ? full : name;
}

/* ---- Person identity -------------------------------------------------------- */

#define NAME_WORDS 8    /* words of a name compared */
#define NAME_LETTERS 40 /* letters of a word compared */

typedef struct folded {
    int32_t w[NAME_WORDS][NAME_LETTERS];
    size_t len[NAME_WORDS];
    size_t first, n; /* words [first, n) once leading titles are dropped */
} folded;

static bool is_letter(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Appends the folded form of code point c to f; *open says whether a word
 * is being written. Apostrophes and marks vanish (O’Neill = ONeill, a
 * combining accent = none); anything else that is no letter ends a word. */
static void fold_char(int32_t c, folded *f, bool *open)
{
    utf8proc_int32_t d[32]; /* the longest compatibility decomposition is 18 */
    int bound = 0;
    utf8proc_ssize_t m = 0;
    if (c == '\'' || c == 0x2019)
        return;
    if (c >= 0)
        m = utf8proc_decompose_char(c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                 UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &bound);
    if (c >= 0 && m == 0)
        return;
    for (utf8proc_ssize_t i = 0; i < m && i < 32; i++) {
        if (!is_letter(d[i])) {
            *open = false;
            continue;
        }
        if (!*open && f->n == NAME_WORDS)
            return;
        if (!*open)
            f->len[f->n++] = 0;
        *open = true;
        size_t *len = &f->len[f->n - 1];
        if (*len < NAME_LETTERS)
            f->w[f->n - 1][(*len)++] = d[i];
    }
    if (m <= 0)
        *open = false; /* an invalid byte, or a failed decomposition */
}

/* Whether word k of f is a title: "Sen", "Minister", "President". */
static bool title_word(const folded *f, size_t k)
{
    char buf[NAME_LETTERS * 4 + 1];
    size_t n = 0;
    for (size_t i = 0; i < f->len[k]; i++)
        n += (size_t)utf8proc_encode_char(f->w[k][i], (utf8proc_uint8_t *)buf + n);
    return (lexicon_classes(buf, n) & LEX_TITLE) != 0;
}

static void fold_name(const char *s, folded *f)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
    bool open = false;
    f->first = f->n = 0;
    while (left > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &c);
        if (k <= 0) {
            k = 1;
            c = -1;
        }
        p += k;
        left -= k;
        fold_char(c, f, &open);
    }
    while (f->first + 1 < f->n && title_word(f, f->first))
        f->first++; /* never the last word: "Sen. Bishop" keeps Bishop */
}

static bool word_equal(const folded *x, size_t i, const folded *y, size_t j)
{
    return x->len[i] == y->len[j] && memcmp(x->w[i], y->w[j], x->len[i] * sizeof(int32_t)) == 0;
}

static bool word_in(const folded *x, size_t i, const folded *y)
{
    for (size_t j = y->first; j < y->n; j++)
        if (word_equal(x, i, y, j))
            return true;
    return false;
}

/* Whether b is a[0, an) after one insertion, deletion, substitution or
 * transposition of neighbours (an optimal string alignment distance of 1). */
static bool one_edit(const int32_t *a, size_t an, const int32_t *b, size_t bn)
{
    if (an > bn)
        return one_edit(b, bn, a, an);
    if (bn - an > 1)
        return false;
    size_t i = 0;
    while (i < an && a[i] == b[i])
        i++;
    if (an < bn) /* an insertion in b at i */
        return memcmp(a + i, b + i + 1, (an - i) * sizeof *a) == 0;
    if (i == an)
        return false; /* equal: no edit */
    size_t rest = an - i - 1;
    if (memcmp(a + i + 1, b + i + 1, rest * sizeof *a) == 0)
        return true; /* a substitution */
    return i + 1 < an && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, (rest - 1) * sizeof *a) == 0;
}

/* Whether word i of x is misspelled as a word of y that no word of x is. */
static bool misspelled_in(const folded *x, size_t i, const folded *y)
{
    for (size_t j = y->first; j < y->n; j++) {
        size_t shorter = x->len[i] < y->len[j] ? x->len[i] : y->len[j];
        if (shorter >= NAMES_SPELL_MIN && !word_in(y, j, x) &&
            one_edit(x->w[i], x->len[i], y->w[j], y->len[j]))
            return true;
    }
    return false;
}

names_identity names_same_person(const char *a, const char *b)
{
    if (!a || !b)
        return NAMES_DIFFERENT;
    folded x, y;
    fold_name(a, &x);
    fold_name(b, &y);
    if (x.n == x.first || y.n == y.first)
        return NAMES_DIFFERENT;
    const folded *s = x.n - x.first <= y.n - y.first ? &x : &y, *l = s == &x ? &y : &x;
    size_t missing = 0, which = 0;
    for (size_t i = s->first; i < s->n; i++)
        if (!word_in(s, i, l)) {
            missing++;
            which = i;
        }
    if (missing == 0)
        return NAMES_SAME;
    return missing == 1 && misspelled_in(s, which, l) ? NAMES_SPELLING : NAMES_DIFFERENT;
}

/* Whether the character opening s is a capital letter. */
static bool capital_at(const char *s)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strnlen(s, 4), &c);
    if (k <= 0)
        return false;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool names_proper(const char *name)
{
    if (!name || !*name)
        return false;
    const char *last = strrchr(name, ' ');
    return capital_at(name) && capital_at(last ? last + 1 : name);
}
