/*
 * text.c: UTF-8 decoding and character classes on top of utf8proc, and the
 * line index. text.h answers ASCII inline; the _slow functions here see only
 * the rest. Invalid bytes decode as U+FFFD with length 1 so that every
 * scanner in quotelens makes progress on any input.
 */
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"

int32_t text_decode_slow(const char *text, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                          (utf8proc_ssize_t)(len - i), &c);
    if (k <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)k;
    return c;
}

int32_t text_decode_before(const char *text, size_t i, size_t *start)
{
    size_t s = i, n;
    if (i == 0) {
        *start = 0;
        return -1;
    }
    /* Step back over at most three continuation bytes. */
    do {
        s--;
    } while (s > 0 && i - s < 4 && ((unsigned char)text[s] & 0xC0) == 0x80);
    int32_t c = text_decode(text, i, s, &n);
    if (s + n != i) { /* not a whole character: take the last byte alone */
        s = i - 1;
        c = 0xFFFD;
    }
    *start = s;
    return c;
}

bool text_is_letter_slow(int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
        return c != 0xFFFD;
    default:
        return false;
    }
}

bool text_is_upper_slow(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

bool text_is_digit_slow(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

bool text_is_space_slow(int32_t c)
{
    /* Invisible breaks count as space: a byte-order mark opening a file
     * from Windows, a zero-width space or word joiner pasted from the web. */
    if (c == 0xFEFF || c == 0x200B || c == 0x2060)
        return true;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL ||
           k == UTF8PROC_CATEGORY_ZP;
}

bool text_is_dash(int32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

size_t text_invalid_utf8(const char *text, size_t len, size_t from)
{
    size_t i = from;
    while (i < len) {
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return len;
}

text_lines *text_lines_new(const char *text, size_t len)
{
    text_lines *l = malloc(sizeof *l);
    if (!l)
        return NULL;
    size_t cap = 64;
    l->start = malloc(cap * sizeof *l->start);
    if (!l->start) {
        free(l);
        return NULL;
    }
    l->n = 0;
    l->cap = cap;
    l->start[l->n++] = 0;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))); p++) {
        if (array_grow((void **)&l->start, &l->cap, l->n + 1, sizeof *l->start)) {
            text_lines_free(l);
            return NULL;
        }
        l->start[l->n++] = (size_t)(p - text) + 1;
    }
    return l;
}

/* The first line that starts after offset `at`. */
static size_t line_after(const text_lines *l, size_t at)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->start[mid] <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int text_lines_splice(text_lines *l, const char *text, size_t from, size_t old_to, size_t new_to)
{
    size_t a = line_after(l, from), b = line_after(l, old_to), k = 0;
    for (const char *p = text + from; (p = memchr(p, '\n', (size_t)(text + new_to - p))); p++)
        k++;
    size_t n = l->n - (b - a) + k;
    if (array_grow((void **)&l->start, &l->cap, n, sizeof *l->start))
        return -ENOMEM;
    long delta = (long)new_to - (long)old_to;
    memmove(l->start + a + k, l->start + b, (l->n - b) * sizeof *l->start);
    for (size_t i = a + k; i < n; i++)
        l->start[i] = (size_t)((long)l->start[i] + delta);
    size_t i = a;
    for (const char *p = text + from; (p = memchr(p, '\n', (size_t)(text + new_to - p))); p++)
        l->start[i++] = (size_t)(p - text) + 1;
    l->n = n;
    return 0;
}

void text_lines_free(text_lines *l)
{
    if (!l)
        return;
    free(l->start);
    free(l);
}

void text_lines_locate(const text_lines *l, size_t offset, size_t *line, size_t *col)
{
    size_t lo = 0, hi = l->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->start[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo;
    *col = offset - l->start[lo];
}

size_t text_indent(const char *text, size_t len, size_t line)
{
    size_t cols = 0;
    for (size_t i = line; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
        cols += text[i] == '\t' ? 4 : 1;
    return cols;
}

static bool blank_line_at(const char *text, size_t len, size_t line)
{
    size_t i = line;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
        i++;
    return i >= len || text[i] == '\n';
}

size_t text_run_indent(const char *text, size_t len, size_t pos, size_t *end)
{
    size_t ls = pos;
    while (ls > 0 && text[ls - 1] != '\n')
        ls--;
    if (blank_line_at(text, len, ls)) {
        *end = ls; /* no run here: the next line asks again */
        return 0;
    }
    /* Back to the run's first line, the line after a blank one. Callers
     * mostly ask at a run's start, where one look over the blanks before
     * the newline settles it. */
    while (ls > 0) {
        size_t j = ls - 1;
        while (j > 0 && (text[j - 1] == ' ' || text[j - 1] == '\t' || text[j - 1] == '\r'))
            j--;
        if (j == 0 || text[j - 1] == '\n')
            break;
        ls = j - 1;
        while (ls > 0 && text[ls - 1] != '\n')
            ls--;
    }
    size_t least = SIZE_MAX;
    while (ls < len && !blank_line_at(text, len, ls)) {
        size_t indent = text_indent(text, len, ls);
        least = indent < least ? indent : least;
        const char *nl = memchr(text + ls, '\n', len - ls);
        ls = nl ? (size_t)(nl - text) + 1 : len;
    }
    *end = ls;
    return least == SIZE_MAX ? 0 : least;
}
