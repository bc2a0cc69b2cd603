/*
 * names.c: the run-wide registry of speaker names. Names are compared as
 * sets of words, ignoring case, so "Pompeo" is contained in "Mike Pompeo".
 * Only names that start with a capital letter take part: descriptions of
 * anonymous sources ("a source", "spokesman for the Treasury") are already
 * as specific as the article makes them.
 */
#include "names.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct names {
    char **v;
    size_t n, cap;
};

names *names_new(void)
{
    return calloc(1, sizeof(names));
}

void names_free(names *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        free(n->v[i]);
    free(n->v);
    free(n);
}

static bool proper(const char *name)
{
    return isupper((unsigned char)name[0]);
}

int names_add(names *n, const char *name)
{
    if (!name || !proper(name))
        return 0;
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(n->v[i], name) == 0)
            return 0;
    if (n->n == n->cap) {
        size_t cap = n->cap ? 2 * n->cap : 16;
        char **v = realloc(n->v, cap * sizeof *v);
        if (!v)
            return -ENOMEM;
        n->v = v;
        n->cap = cap;
    }
    if (!(n->v[n->n] = strdup(name)))
        return -ENOMEM;
    n->n++;
    return 0;
}

/* Whether the word w[0..len) stands as a whole word in s. */
static bool has_word(const char *s, const char *w, size_t len)
{
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == len && strncasecmp(p, w, len) == 0)
            return true;
        p = e;
    }
    return false;
}

static size_t word_count(const char *s)
{
    size_t k = 0;
    for (const char *p = s; *p; p++)
        k += *p != ' ' && (p == s || p[-1] == ' ');
    return k;
}

static bool contains_all(const char *big, const char *small)
{
    for (const char *p = small; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p && !has_word(big, p, (size_t)(e - p)))
            return false;
        p = e;
    }
    return true;
}

const char *names_canonical(const names *n, const char *name)
{
    if (!name || !proper(name))
        return name;
    const char *best = name;
    size_t best_words = word_count(name);
    bool tie = false;
    for (size_t i = 0; i < n->n; i++) {
        size_t w = word_count(n->v[i]);
        if (w < best_words || !contains_all(n->v[i], name))
            continue;
        if (w == best_words && best != name && strcasecmp(best, n->v[i]) != 0)
            tie = true;
        else if (w > best_words) {
            best = n->v[i];
            best_words = w;
            tie = false;
        }
    }
    return tie ? name : best;
}
