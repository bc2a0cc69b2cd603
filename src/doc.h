/*
 * doc.h: the co-process's copy of one Neovim buffer, kept line by line from
 * nvim_buf_lines_event edits, and its text joined for analysis. Knows
 * nothing of Neovim or RPC: an edit is "replace lines [first, last) with
 * these", as the event says.
 */
#ifndef QL_DOC_H
#define QL_DOC_H

#include <stddef.h>
#include <stdint.h>

typedef struct doc doc;

doc *doc_new(void);
void doc_free(doc *d);
/* Replaces lines [first, last) with n lines (last < 0: to the end, as
 * Neovim sends for a whole buffer). The line texts are copied. Returns 0,
 * -ENOMEM, or -ERANGE for a range the copy does not have (the caller then
 * asks for the whole buffer again). */
int doc_apply(doc *d, int64_t first, int64_t last, const char *const *text, const size_t *len,
              size_t n);
size_t doc_line_count(const doc *d);
/* The length doc_text gives. */
size_t doc_bytes(const doc *d);
/* Marks the text as seen: doc_unchanged measures from here. */
void doc_seen(doc *d);
/* How many bytes at the start and at the end of the text are as they were
 * when it was last seen (all of it may have changed if it never was). */
void doc_unchanged(const doc *d, size_t *head, size_t *tail);
/* The text, lines joined by '\n' (the byte at text[len] is not part of
 * it); valid until the next doc_apply. */
const char *doc_text(doc *d, size_t *len);

#endif
