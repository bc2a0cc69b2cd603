/*
 * doc.c: a buffer mirror kept as its text with a newline after every line,
 * and each line's length. An edit finds the bytes of the lines it replaces
 * by adding line lengths (O(lines before it), integer adds), moves the
 * tail of the text once and copies only the new lines, so typing never
 * rebuilds the whole text.
 */
#include "doc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

struct doc {
    size_t *len;     /* length of each line, without its newline */
    size_t n, cap;
    char *text;      /* every line followed by '\n', then a NUL */
    size_t bytes, text_cap;
    size_t same_head, same_tail; /* bytes of text unchanged since doc_seen, at either end */
};

doc *doc_new(void)
{
    doc *d = calloc(1, sizeof *d);
    if (d && !(d->text = calloc(1, 1))) {
        free(d);
        return NULL;
    }
    if (d)
        d->text_cap = 1;
    return d;
}

void doc_free(doc *d)
{
    if (!d)
        return;
    free(d->len);
    free(d->text);
    free(d);
}

size_t doc_line_count(const doc *d)
{
    return d->n;
}

/* Byte offset of line i in the text. */
static size_t offset_of(const doc *d, size_t i)
{
    size_t off = 0;
    for (size_t k = 0; k < i; k++)
        off += d->len[k] + 1;
    return off;
}

int doc_apply(doc *d, int64_t first, int64_t last, const char *const *text, const size_t *len,
              size_t n)
{
    if (last < 0)
        last = (int64_t)d->n;
    if (first < 0 || first > last || (uint64_t)last > d->n)
        return -ERANGE;
    size_t a = (size_t)first, b = (size_t)last;
    size_t from = offset_of(d, a), to = from;
    for (size_t i = a; i < b; i++)
        to += d->len[i] + 1;
    size_t fresh = 0;
    for (size_t i = 0; i < n; i++)
        fresh += len[i] + 1;
    size_t bytes = d->bytes - (to - from) + fresh, lines = d->n - (b - a) + n;
    if (array_grow((void **)&d->text, &d->text_cap, bytes + 1, 1) ||
        array_grow((void **)&d->len, &d->cap, lines, sizeof *d->len))
        return -ENOMEM;
    memmove(d->text + from + fresh, d->text + to, d->bytes - to + 1);
    if (d->n > b) /* an empty copy has no array of lengths yet */
        memmove(d->len + a + n, d->len + b, (d->n - b) * sizeof *d->len);
    char *p = d->text + from;
    for (size_t i = 0; i < n; i++) {
        /* Neovim sends a NUL byte of the buffer as a newline inside the line. */
        for (size_t k = 0; k < len[i]; k++)
            p[k] = text[i][k] == '\n' ? '\0' : text[i][k];
        p[len[i]] = '\n';
        p += len[i] + 1;
        d->len[a + i] = len[i];
    }
    if (from < d->same_head)
        d->same_head = from;
    if (bytes - (from + fresh) < d->same_tail)
        d->same_tail = bytes - (from + fresh);
    d->bytes = bytes;
    d->n = lines;
    return 0;
}

void doc_seen(doc *d)
{
    d->same_head = d->same_tail = SIZE_MAX;
}

void doc_unchanged(const doc *d, size_t *head, size_t *tail)
{
    size_t len = doc_bytes(d);
    *head = d->same_head < len ? d->same_head : len;
    /* The last line's newline is in same_tail but not in the text. */
    size_t t = d->same_tail ? d->same_tail - 1 : 0;
    *tail = t < len ? t : len;
}

size_t doc_bytes(const doc *d)
{
    return d->bytes ? d->bytes - 1 : 0; /* the last line's newline is not the buffer's */
}

const char *doc_text(doc *d, size_t *len)
{
    *len = doc_bytes(d);
    return d->text;
}
