/*
 * doc.c: a buffer mirror as an array of lines. An edit moves the tail of
 * the array once and copies only the new lines, so typing costs O(lines
 * after the edit) pointer moves and O(new text) bytes; the joined text is
 * rebuilt lazily, once per analysis.
 */
#include "doc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct line {
    char *s;
    size_t n;
} line;

struct doc {
    line *v;
    size_t n, cap;
    size_t chars;  /* of every line, so the size is known without joining */
    char *text;
    size_t text_len;
    bool stale;
};

doc *doc_new(void)
{
    doc *d = calloc(1, sizeof *d);
    if (d)
        d->stale = true;
    return d;
}

void doc_free(doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].s);
    free(d->v);
    free(d->text);
    free(d);
}

size_t doc_line_count(const doc *d)
{
    return d->n;
}

int doc_apply(doc *d, int64_t first, int64_t last, const char *const *text, const size_t *len,
              size_t n)
{
    if (last < 0)
        last = (int64_t)d->n;
    if (first < 0 || first > last || (uint64_t)last > d->n)
        return -ERANGE;
    size_t a = (size_t)first, b = (size_t)last, grow_to = d->n - (b - a) + n;
    line *fresh = calloc(n ? n : 1, sizeof *fresh);
    if (!fresh)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!(fresh[i].s = malloc(len[i] + 1))) {
            while (i--)
                free(fresh[i].s);
            free(fresh);
            return -ENOMEM;
        }
        /* Neovim sends a NUL byte of the buffer as a newline inside the line. */
        for (size_t k = 0; k < len[i]; k++)
            fresh[i].s[k] = text[i][k] == '\n' ? '\0' : text[i][k];
        fresh[i].s[len[i]] = '\0';
        fresh[i].n = len[i];
    }
    if (grow_to > d->cap) {
        size_t cap = d->cap ? d->cap : 64;
        while (cap < grow_to)
            cap *= 2;
        line *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            for (size_t i = 0; i < n; i++)
                free(fresh[i].s);
            free(fresh);
            return -ENOMEM;
        }
        d->v = v;
        d->cap = cap;
    }
    for (size_t i = a; i < b; i++) {
        d->chars -= d->v[i].n;
        free(d->v[i].s);
    }
    for (size_t i = 0; i < n; i++)
        d->chars += fresh[i].n;
    if (d->n > b)
        memmove(d->v + a + n, d->v + b, (d->n - b) * sizeof *d->v);
    if (n)
        memcpy(d->v + a, fresh, n * sizeof *fresh);
    free(fresh);
    d->n = grow_to;
    d->stale = true;
    return 0;
}

size_t doc_bytes(const doc *d)
{
    return d->chars + (d->n ? d->n - 1 : 0);
}

const char *doc_text(doc *d, size_t *len)
{
    if (d->stale) {
        size_t total = 0;
        for (size_t i = 0; i < d->n; i++)
            total += d->v[i].n + 1;
        char *t = malloc(total + 1);
        if (!t)
            return NULL;
        size_t k = 0;
        for (size_t i = 0; i < d->n; i++) {
            memcpy(t + k, d->v[i].s, d->v[i].n);
            k += d->v[i].n;
            if (i + 1 < d->n)
                t[k++] = '\n';
        }
        t[k] = '\0';
        free(d->text);
        d->text = t;
        d->text_len = k;
        d->stale = false;
    }
    *len = d->text_len;
    return d->text;
}
