/*
 * lsp_pos.h: positions as the Language Server Protocol counts them: a line
 * and a character offset in it, characters being UTF-16 code units (a code
 * point above U+FFFF is two) unless the client and server agreed on UTF-8
 * bytes. The engine counts bytes; this converts both ways over a text and
 * its line index. Lines end at '\n'; a '\r' before it belongs to the line
 * break, not to the line.
 */
#ifndef QL_LSP_POS_H
#define QL_LSP_POS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

/* The byte offset of (line, character) in text[0, len) with line index l.
 * A position past the end of its line is its line's end, a line past the
 * last is the end of the text (as the protocol asks), a negative one the
 * start; a character inside a code point (half a surrogate pair) is that
 * code point's start. */
size_t lsp_pos_offset(const char *text, size_t len, const text_lines *l, int64_t line,
                      int64_t character, bool utf8);
/* The character offset, in the agreed unit, of byte column col of line
 * `line` (0-based). */
uint32_t lsp_pos_character(const char *text, size_t len, const text_lines *l, size_t line,
                           size_t col, bool utf8);

#endif
