/*
 * lsp_doc.c: see lsp_doc.h. An edit moves the bytes after it once and
 * patches the line index over the edited bytes only (text_lines_splice).
 */
#include "lsp_doc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

int lsp_doc_init(lsp_doc *d, const char *text, size_t n)
{
    *d = (lsp_doc){0};
    int rc = lsp_doc_set(d, text, n);
    lsp_doc_seen(d);
    return rc;
}

void lsp_doc_free(lsp_doc *d)
{
    free(d->text);
    text_lines_free(d->lines);
    *d = (lsp_doc){0};
}

int lsp_doc_set(lsp_doc *d, const char *text, size_t n)
{
    size_t cap = 0;
    char *t = NULL;
    if (array_grow((void **)&t, &cap, n + 1, 1))
        return -ENOMEM;
    memcpy(t, text, n);
    t[n] = '\0';
    text_lines *l = text_lines_new(t, n);
    if (!l) {
        free(t);
        return -ENOMEM;
    }
    free(d->text);
    text_lines_free(d->lines);
    d->text = t;
    d->len = n;
    d->cap = cap;
    d->lines = l;
    d->head = d->tail = 0;
    return 0;
}

int lsp_doc_replace(lsp_doc *d, size_t from, size_t to, const char *s, size_t n)
{
    to = to > d->len ? d->len : to;
    from = from > to ? to : from;
    size_t len = d->len - (to - from) + n;
    if (array_grow((void **)&d->text, &d->cap, len + 1, 1))
        return -ENOMEM;
    memmove(d->text + from + n, d->text + to, d->len - to + 1);
    memcpy(d->text + from, s, n);
    d->head = from < d->head ? from : d->head;
    d->tail = d->len - to < d->tail ? d->len - to : d->tail;
    d->len = len;
    if (text_lines_splice(d->lines, d->text, from, to, from + n) == 0)
        return 0;
    text_lines *l = text_lines_new(d->text, d->len);
    if (!l)
        return -ENOMEM;
    text_lines_free(d->lines);
    d->lines = l;
    return 0;
}

void lsp_doc_seen(lsp_doc *d)
{
    d->head = d->tail = d->len;
}
