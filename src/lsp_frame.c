/*
 * lsp_frame.c: cutting the byte stream into message bodies. Bytes are kept
 * from `off` on; a body handed out is consumed at the next call, so it is
 * read in place and never copied.
 */
#include "lsp_frame.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"

/* After an unreadable header, what may be the start of the next one is
 * kept: this many bytes at the end of the buffer. */
#define FRAME_TAIL (sizeof "Content-Length" - 1)

void lsp_frame_init(lsp_frame *f, size_t max_body)
{
    *f = (lsp_frame){.max_body = max_body};
}

void lsp_frame_free(lsp_frame *f)
{
    free(f->buf);
    *f = (lsp_frame){0};
}

/* Moves the unconsumed bytes to the front, so the buffer grows only with
 * what is pending. */
static void compact(lsp_frame *f)
{
    if (f->off == 0)
        return;
    memmove(f->buf, f->buf + f->off, f->len - f->off);
    f->len -= f->off;
    f->off = 0;
}

int lsp_frame_feed(lsp_frame *f, const char *bytes, size_t n)
{
    size_t skipped = f->skip < n ? f->skip : n;
    f->skip -= skipped;
    bytes += skipped;
    n -= skipped;
    if (n == 0)
        return 0;
    compact(f);
    size_t cap = f->cap;
    if (array_grow((void **)&f->buf, &cap, f->len + n, 1)) {
        f->len = f->off = 0; /* what was pending is cut off mid-message anyway */
        return -ENOMEM;
    }
    f->cap = cap;
    memcpy(f->buf + f->len, bytes, n);
    f->len += n;
    return 0;
}

/* The value of a "Content-Length: N" line, or -1 when the line is another
 * header or the number is not one. Bytes before the name are let be: what
 * is left of a message cut short, or of a header block dropped for its
 * length when the next header came in the same read. */
static long long length_of(const char *line, size_t n)
{
    static const char name[] = "content-length:";
    size_t k = sizeof name - 1, at = 0;
    while (at + k <= n && strncasecmp(line + at, name, k) != 0)
        at++;
    if (at + k > n)
        return -1;
    k += at;
    while (k < n && (line[k] == ' ' || line[k] == '\t'))
        k++;
    long long v = 0;
    size_t digits = 0;
    for (; k < n && line[k] >= '0' && line[k] <= '9'; k++, digits++) {
        if (v > (1LL << 50))
            return -1; /* no body is this long: a number too big to mean one */
        v = v * 10 + (line[k] - '0');
    }
    while (k < n && (line[k] == ' ' || line[k] == '\t'))
        k++;
    return digits && k == n ? v : -1;
}

/* The Content-Length of header block h[0, n), or -1. */
static long long header_length(const char *h, size_t n)
{
    long long found = -1;
    for (size_t at = 0; at < n;) {
        const char *eol = memchr(h + at, '\r', n - at);
        size_t end = eol ? (size_t)(eol - h) : n;
        long long v = length_of(h + at, end - at);
        if (v >= 0)
            found = v;
        at = end + 2;
    }
    return found;
}

static const char *find_blank(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++)
        if (s[i] == '\r' && s[i + 1] == '\n' && s[i + 2] == '\r' && s[i + 3] == '\n')
            return s + i;
    return NULL;
}

/* Drops a header that never ends, up to what may start the next one. */
static void drop_runaway(lsp_frame *f)
{
    const char *h = f->buf + f->off;
    size_t n = f->len - f->off;
    for (size_t i = 1; i + FRAME_TAIL <= n; i++)
        if (strncasecmp(h + i, "Content-Length", FRAME_TAIL) == 0) {
            f->off += i;
            return;
        }
    f->off = f->len - FRAME_TAIL;
}

lsp_frame_event lsp_frame_next(lsp_frame *f, const char **body, size_t *len)
{
    f->off += f->pending;
    f->pending = 0;
    const char *h = f->buf + f->off;
    size_t avail = f->len - f->off;
    size_t look = avail < LSP_FRAME_MAX_HEADER + 4 ? avail : LSP_FRAME_MAX_HEADER + 4;
    const char *blank = avail ? find_blank(h, look) : NULL;
    if (!blank) {
        if (avail <= LSP_FRAME_MAX_HEADER)
            return LSP_FRAME_NONE;
        drop_runaway(f);
        return LSP_FRAME_BAD_HEADER;
    }
    size_t head = (size_t)(blank - h) + 4;
    long long n = header_length(h, head - 4);
    if (n < 0) {
        f->off += head;
        return LSP_FRAME_BAD_HEADER;
    }
    if ((unsigned long long)n > f->max_body) {
        size_t here = avail - head < (size_t)n ? avail - head : (size_t)n;
        f->off += head + here;
        f->skip = (size_t)n - here;
        *len = (size_t)n;
        return LSP_FRAME_TOO_LARGE;
    }
    if (avail - head < (size_t)n)
        return LSP_FRAME_NONE;
    *body = h + head;
    *len = (size_t)n;
    f->off += head;
    f->pending = (size_t)n;
    return LSP_FRAME_BODY;
}
