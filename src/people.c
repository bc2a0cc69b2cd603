/*
 * people.c: a per-article register of named people. Mentions are appended
 * while the article is read, then sorted and merged by name (their titles
 * joined); a sorted array of (word, person) pairs answers "who is Ruiz?" by
 * binary search, so the cost stays O(n log n) on articles of any length.
 * What is asked of every person sharing a name (their sexes) is read into
 * the index once, and a role is looked up by the words of people's titles:
 * a look-up never walks the whole register.
 */
#include "people.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "given.h"
#include "keyset.h"
#include "lexicon.h"

typedef struct person {
    char *name;
    char *titles;    /* every title seen, joined by " | " */
    unsigned gender; /* LEX_MALE | LEX_FEMALE bits its titles carry, set by people_index */
} person;

typedef struct name_word {
    const char *word; /* points into a person's name */
    size_t len;
    size_t who;
    bool last;        /* the name's last word: a surname */
    unsigned sexes;   /* what the titles of everyone with this surname say */
} name_word;

/* How the article writes a word elsewhere than opening a sentence: a
 * hash of the word folded to lowercase, with WORD_CAPITAL and WORD_LOWER
 * bits in its low two bits. */
#define WORD_CAPITAL 1u
#define WORD_LOWER 2u

struct people {
    person *v;
    size_t n, cap;
    name_word *words;
    size_t n_words;
    name_word *title_words; /* the words of people's titles, one per person */
    size_t n_title_words;
    keyset seen;    /* word_hash | WORD_CAPITAL or WORD_LOWER */
};

people *people_new(void)
{
    return calloc(1, sizeof(people));
}

void people_free(people *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        free(p->v[i].titles);
    }
    free(p->v);
    free(p->words);
    free(p->title_words);
    keyset_free(&p->seen);
    free(p);
}

/* FNV-1a of the word folded to ASCII lowercase, its low bits cleared. */
static uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)) * 1099511628211u;
    }
    return h & ~(uint64_t)3;
}

int people_note_word(people *p, const char *w, size_t n, bool capital)
{
    return keyset_add(&p->seen, word_hash(w, n) | (capital ? WORD_CAPITAL : WORD_LOWER));
}

static bool seen_as(const people *p, const char *w, size_t n, unsigned how)
{
    return keyset_has(&p->seen, word_hash(w, n) | how);
}

bool people_seen_capital(const people *p, const char *w, size_t n)
{
    return seen_as(p, w, n, WORD_CAPITAL);
}

bool people_seen_lower(const people *p, const char *w, size_t n)
{
    return seen_as(p, w, n, WORD_LOWER);
}

int people_adopt(people *p, char *name, char *title)
{
    if (!name || !title || array_grow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v)) {
        free(name);
        free(title);
        return -ENOMEM;
    }
    p->v[p->n++] = (person){name, title, 0};
    return 0;
}

int people_add(people *p, const char *name, const char *title)
{
    return people_adopt(p, strdup(name), strdup(title));
}

int people_add_all(people *p, const people *from)
{
    if (keyset_add_all(&p->seen, &from->seen))
        return -ENOMEM;
    for (size_t i = 0; i < from->n; i++) {
        int rc = people_add(p, from->v[i].name, from->v[i].titles);
        if (rc)
            return rc;
    }
    return 0;
}

bool people_equal(const people *x, const people *y)
{
    if (x->n != y->n || !keyset_equal(&x->seen, &y->seen))
        return false;
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->v[i].name, y->v[i].name) != 0 || strcmp(x->v[i].titles, y->v[i].titles) != 0)
            return false;
    return true;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const person *)a)->name, ((const person *)b)->name);
}

/* Words hold no zero byte, so this is strncmp's order; inline, since most
 * pairs of a binary search differ in their first byte and a call per step
 * was most of a look-up's cost. */
static int word_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    for (size_t k = 0, m = an < bn ? an : bn; k < m; k++)
        if (a[k] != b[k])
            return (unsigned char)a[k] < (unsigned char)b[k] ? -1 : 1;
    return (an > bn) - (an < bn);
}

static int by_word(const void *a, const void *b)
{
    const name_word *x = a, *y = b;
    return word_cmp(x->word, x->len, y->word, y->len);
}

/* Joins the titles of a repeated name into the first entry. */
static int merge_titles(person *into, const person *from)
{
    if (!*from->titles || strstr(into->titles, from->titles))
        return 0;
    size_t a = strlen(into->titles), b = strlen(from->titles);
    char *t = realloc(into->titles, a + b + 4);
    if (!t)
        return -ENOMEM;
    if (a) {
        memcpy(t + a, " | ", 3);
        a += 3;
    }
    memcpy(t + a, from->titles, b + 1);
    into->titles = t;
    return 0;
}

/* What a person's titles say of their sex, read once when indexing. */
static unsigned titles_gender(const char *titles)
{
    unsigned seen = 0;
    for (const char *t = titles; *t;) {
        const char *e = t;
        while (*e && *e != ' ')
            e++;
        if (e > t)
            seen |= lexicon_classes(t, (size_t)(e - t)) & (LEX_MALE | LEX_FEMALE);
        t = *e ? e + 1 : e;
    }
    return seen;
}

/* What a person's titles say of their sex, else their given name ("Mr.
 * Tomas Berg", "Ana Ruiz"): read once per person when indexing. */
static unsigned person_sex(const person *v)
{
    const char *sp = strchr(v->name, ' ');
    return v->gender ? v->gender : sp ? given_sex(v->name, (size_t)(sp - v->name)) : 0;
}

/* Gives each run of equal words in the index what the people whose last
 * word it is say of their sex, so that people_sexes reads one entry instead
 * of walking 64,000 Ruizes for every "Ruiz". */
static void note_sexes(people *p)
{
    for (size_t i = 0, j; i < p->n_words; i = j) {
        unsigned seen = 0;
        for (j = i; j < p->n_words && by_word(&p->words[i], &p->words[j]) == 0; j++)
            if (p->words[j].last)
                seen |= person_sex(&p->v[p->words[j].who]);
        for (size_t k = i; k < j; k++)
            p->words[k].sexes = seen;
    }
}

static int by_word_who(const void *a, const void *b)
{
    const name_word *x = a, *y = b;
    int c = by_word(a, b);
    return c ? c : (x->who > y->who) - (x->who < y->who);
}

/* Indexes the space-separated words of every person's titles (the "|"
 * between titles too: has_word would find it), each word once per person. */
static int index_titles(people *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        for (const char *s = p->v[i].titles; *s; s++)
            n += *s != ' ' && (s == p->v[i].titles || s[-1] == ' ');
    free(p->title_words);
    p->n_title_words = 0;
    if (!(p->title_words = malloc((n ? n : 1) * sizeof *p->title_words)))
        return -ENOMEM;
    for (size_t i = 0; i < p->n; i++)
        for (const char *s = p->v[i].titles; *s;) {
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if (e > s)
                p->title_words[p->n_title_words++] = (name_word){s, (size_t)(e - s), i, false, 0};
            s = *e ? e + 1 : e;
        }
    qsort(p->title_words, p->n_title_words, sizeof *p->title_words, by_word_who);
    size_t k = 0;
    for (size_t i = 0; i < p->n_title_words; i++)
        if (k == 0 || by_word_who(&p->title_words[k - 1], &p->title_words[i]) != 0)
            p->title_words[k++] = p->title_words[i];
    p->n_title_words = k;
    return 0;
}

int people_index(people *p)
{
    if (p->n == 0)
        return 0;
    qsort(p->v, p->n, sizeof *p->v, by_name);
    size_t k = 0, words = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (k > 0 && strcmp(p->v[k - 1].name, p->v[i].name) == 0) {
            int rc = merge_titles(&p->v[k - 1], &p->v[i]);
            free(p->v[i].name);
            free(p->v[i].titles);
            if (rc)
                return rc;
            continue;
        }
        p->v[k++] = p->v[i];
        for (const char *s = p->v[i].name; *s; s++)
            words += *s != ' ' && (s == p->v[i].name || s[-1] == ' ');
    }
    p->n = k;
    for (size_t i = 0; i < p->n; i++)
        p->v[i].gender = titles_gender(p->v[i].titles);
    free(p->words);
    if (!(p->words = malloc(words * sizeof *p->words)))
        return -ENOMEM;
    p->n_words = 0;
    for (size_t i = 0; i < p->n; i++) {
        for (const char *s = p->v[i].name; *s;) {
            while (*s == ' ')
                s++;
            const char *e = s;
            while (*e && *e != ' ')
                e++;
            if (e > s)
                p->words[p->n_words++] = (name_word){s, (size_t)(e - s), i, *e == '\0', 0};
            s = e;
        }
    }
    qsort(p->words, p->n_words, sizeof *p->words, by_word);
    note_sexes(p);
    return index_titles(p);
}

/* The first index in the word index whose word is not below w. */
static size_t lower_bound_in(const name_word *v, size_t count, const char *w, size_t n, bool past)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = word_cmp(v[mid].word, v[mid].len, w, n);
        if (c < 0 || (past && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t lower_bound(const people *p, const char *w, size_t n)
{
    return lower_bound_in(p->words, p->n_words, w, n, false);
}

/* Whether the name `longer` ends with the whole name `shorter`: "Rival
 * Hillary Clinton", a sentence's first word taken into a run, is no other
 * person than "Hillary Clinton", whom "Clinton" then means. */
static bool ends_with_name(const char *longer, const char *shorter)
{
    size_t a = strlen(longer), b = strlen(shorter);
    return a > b && longer[a - b - 1] == ' ' && strcmp(longer + a - b, shorter) == 0;
}

/* Whether `name` is itself a name of the register. */
static bool registered(const people *p, const char *name)
{
    person key = {.name = (char *)name};
    return p->n && bsearch(&key, p->v, p->n, sizeof *p->v, by_name);
}

const char *people_full_name(const people *p, const char *name, bool any_word)
{
    /* A full name stays itself: "Marco Rubio" is not "Vidal Says Marco Rubio". */
    if (strchr(name, ' ') && registered(p, name))
        return NULL;
    /* Look the name up by its last word, then check it stands whole. */
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    size_t ln = strlen(last), nn = strlen(name);
    for (int pass = 0; pass < 1 + any_word; pass++) {
        const char *found = NULL;
        for (size_t i = lower_bound(p, last, ln);
             i < p->n_words && word_cmp(p->words[i].word, p->words[i].len, last, ln) == 0; i++) {
            const name_word *w = &p->words[i];
            const char *full = p->v[w->who].name;
            if ((pass == 0 && !w->last) || strlen(full) <= nn)
                continue;
            /* The whole of `name` must end at this word of the full name. */
            const char *end = w->word + w->len;
            if ((size_t)(end - full) < nn || strncmp(end - nn, name, nn) != 0 ||
                (end - nn != full && end[-(long)nn - 1] != ' '))
                continue;
            if (found && found != full && !ends_with_name(full, found)) {
                if (!ends_with_name(found, full))
                    return NULL; /* two people fit: do not guess */
                found = full;
            } else if (!found) {
                found = full;
            }
        }
        if (found)
            return found;
    }
    return NULL;
}

unsigned people_sexes(const people *p, const char *name)
{
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    size_t ln = strlen(last), i = lower_bound(p, last, ln);
    if (i < p->n_words && word_cmp(p->words[i].word, p->words[i].len, last, ln) == 0)
        return p->words[i].sexes;
    return 0;
}

unsigned people_gender(const people *p, const char *name)
{
    unsigned seen = people_sexes(p, name);
    return seen == (LEX_MALE | LEX_FEMALE) ? 0 : seen;
}

static bool has_word(const char *s, const char *w, size_t n)
{
    for (const char *q = s; (q = strstr(q, w)); q += n)
        if ((q == s || q[-1] == ' ') && (q[n] == '\0' || q[n] == ' '))
            return true;
    return false;
}

/* Words that make a title another office: the shadow minister, the
 * deputy mayor and the former chief are not "the minister", "the mayor",
 * "the chief". */
static bool other_office(const char *titles, const char *role)
{
    static const char *const words[] = {"shadow", "deputy", "former", "vice", "acting", "assistant"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t n = strlen(words[k]);
        if (has_word(titles, words[k], n) && !has_word(role, words[k], n))
            return true;
    }
    return false;
}

/* Whether the word role[s, s+n) must match a title word: function words
 * and vague modifiers do not have to. */
static bool content_word(const char *s, size_t n)
{
    unsigned lx = n ? lexicon_classes(s, n) : 0;
    return n && !(lx & (LEX_THE | LEX_LINK | LEX_DET)) && !(n == 3 && !strncmp(s, "top", 3));
}

/* The next word of s, past spaces: its start (NULL when none is left),
 * its end in *end and its length in *n. */
static const char *next_word(const char *s, const char **end, size_t *n)
{
    while (*s == ' ')
        s++;
    const char *e = s;
    while (*e && *e != ' ')
        e++;
    *end = e;
    *n = (size_t)(e - s);
    return *n ? s : NULL;
}

/* Whether titles hold every content word of role, and role has one. */
static bool titles_fit(const char *titles, const char *role)
{
    bool all = true, any = false;
    size_t n;
    for (const char *s = role, *e; all && (s = next_word(s, &e, &n)); s = e) {
        if (content_word(s, n)) {
            char w[64];
            memcpy(w, s, n); /* people_titled refused longer words */
            w[n] = '\0';
            all = has_word(titles, w, n);
            any = true;
        }
    }
    return all && any;
}

/*
 * The content word of role that the fewest people's titles hold, as the
 * range [*from, *to) of the title index; false when role has no content
 * word or one of 64 bytes or more (which no title is taken to hold).
 */
static bool rarest_title_word(const people *p, const char *role, size_t *from, size_t *to)
{
    bool any = false;
    size_t n;
    for (const char *s = role, *e; (s = next_word(s, &e, &n)); s = e) {
        if (content_word(s, n)) {
            if (n >= 64)
                return false;
            size_t lo = lower_bound_in(p->title_words, p->n_title_words, s, n, false);
            size_t hi = lower_bound_in(p->title_words, p->n_title_words, s, n, true);
            if (!any || hi - lo < *to - *from) {
                *from = lo;
                *to = hi;
            }
            any = true;
        }
    }
    return any;
}

/* Only the people whose titles hold the role's rarest content word are
 * read: a wire file's register of thousands is never searched whole. */
const char *people_titled(const people *p, const char *role)
{
    const char *found = NULL;
    size_t from = 0, to = 0;
    if (!rarest_title_word(p, role, &from, &to))
        return NULL;
    for (size_t k = from; k < to; k++) {
        const person *who = &p->v[p->title_words[k].who];
        if (other_office(who->titles, role) || !titles_fit(who->titles, role))
            continue;
        if (found)
            return NULL;
        found = who->name;
    }
    return found;
}
