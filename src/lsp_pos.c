/*
 * lsp_pos.c: see lsp_pos.h. Each conversion reads one line, so it costs the
 * length of that line and a binary search of the index, never the text.
 */
#include "lsp_pos.h"

/* The end of line `line`'s text: before its '\n', and before a '\r' there. */
static size_t line_end(const char *text, size_t len, const text_lines *l, size_t line)
{
    size_t end = line + 1 < l->n ? l->start[line + 1] - 1 : len;
    if (end > l->start[line] && text[end - 1] == '\r')
        end--;
    return end;
}

/* Code units of the code point of byte length n starting with byte b. */
static uint32_t units(unsigned char b, size_t n, bool utf8)
{
    if (utf8)
        return (uint32_t)n;
    return n == 4 && b >= 0xF0 ? 2 : 1;
}

size_t lsp_pos_offset(const char *text, size_t len, const text_lines *l, int64_t line,
                      int64_t character, bool utf8)
{
    if (line < 0)
        return 0;
    if ((uint64_t)line >= l->n)
        return len;
    size_t at = l->start[line], end = line_end(text, len, l, (size_t)line);
    int64_t counted = 0;
    while (at < end && counted < character) {
        size_t n;
        text_decode(text, end, at, &n);
        uint32_t u = units((unsigned char)text[at], n, utf8);
        if (counted + u > character)
            break; /* inside this code point: at its start */
        counted += u;
        at += n;
    }
    return at;
}

uint32_t lsp_pos_character(const char *text, size_t len, const text_lines *l, size_t line,
                           size_t col, bool utf8)
{
    if (line >= l->n)
        return 0;
    size_t at = l->start[line], end = at + col;
    if (end > len)
        end = len;
    if (utf8)
        return (uint32_t)(end - at);
    uint32_t counted = 0;
    while (at < end) {
        size_t n;
        text_decode(text, end, at, &n);
        counted += units((unsigned char)text[at], n, false);
        at += n;
    }
    return counted;
}
