/*
 * text.h: small facts about UTF-8 text that every module needs: decoding one
 * code point, character classes, and the map from byte offsets to lines.
 * Nothing here allocates except text_lines_new().
 */
#ifndef QL_TEXT_H
#define QL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at text[i]; sets *n to its byte length (1 for an
 * invalid byte, which decodes as U+FFFD so that scanning always advances). */
int32_t text_decode_slow(const char *text, size_t len, size_t i, size_t *n);
static inline int32_t text_decode(const char *text, size_t len, size_t i, size_t *n)
{
    if ((unsigned char)text[i] < 0x80) { /* most of any article */
        *n = 1;
        return (unsigned char)text[i];
    }
    return text_decode_slow(text, len, i, n);
}
/* The code point ending just before text[i] and its start offset. */
int32_t text_decode_before(const char *text, size_t i, size_t *start);

bool text_is_letter_slow(int32_t c);
bool text_is_upper_slow(int32_t c);
bool text_is_digit_slow(int32_t c);
bool text_is_space_slow(int32_t c);

/* Character classes; ASCII is answered inline, the rest by utf8proc. */
static inline bool text_is_letter(int32_t c)
{
    return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : text_is_letter_slow(c);
}
static inline bool text_is_upper(int32_t c)
{
    return c < 0x80 ? (c >= 'A' && c <= 'Z') : text_is_upper_slow(c);
}
static inline bool text_is_digit(int32_t c)
{
    return c < 0x80 ? (c >= '0' && c <= '9') : text_is_digit_slow(c);
}
/* Includes no-break and other Unicode spaces. */
static inline bool text_is_space(int32_t c)
{
    return c < 0x80 ? (c == ' ' || (c >= '\t' && c <= '\r')) : text_is_space_slow(c);
}
bool text_is_dash(int32_t c);

/*
 * Wire copy marks a paragraph by indenting its first line, with no blank
 * line between paragraphs. Within a run of non-blank lines, a line indented
 * two or more columns deeper than the run's least indented line opens a
 * paragraph; text indented all alike (pasted from an e-mail) has none.
 * quote.c and attrib.c both read paragraphs so.
 */
/* Columns of blank (spaces, tabs as 4) opening the line that starts at `line`. */
size_t text_indent(const char *text, size_t len, size_t line);
/* The least indent of the run of non-blank lines holding offset pos; sets
 * *end to where the run ends (the blank line after it, or len). On a blank
 * line: 0, and *end is that line's start. */
size_t text_run_indent(const char *text, size_t len, size_t pos, size_t *end);
static inline bool text_opens_paragraph(size_t run_indent, size_t indent)
{
    return indent >= run_indent + 2;
}

/* First invalid UTF-8 byte at or after `from`, or len when none. */
size_t text_invalid_utf8(const char *text, size_t len, size_t from);

/* Line starts of a text, for offset -> (line, column) in O(log lines). */
typedef struct text_lines {
    size_t *start;  /* start[i] = offset of line i (0-based) */
    size_t n, cap;
} text_lines;

text_lines *text_lines_new(const char *text, size_t len);
/* Updates the index after the bytes [from, old_to) of the text became
 * text[from, new_to): lines before stay, lines after move. O(lines) moves,
 * O(new_to - from) bytes read. Returns 0 or -ENOMEM (l unchanged). */
int text_lines_splice(text_lines *l, const char *text, size_t from, size_t old_to, size_t new_to);
void text_lines_free(text_lines *l);
/* 0-based line and byte column of offset. */
void text_lines_locate(const text_lines *l, size_t offset, size_t *line, size_t *col);

#endif
