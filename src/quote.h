/*
 * quote.h: finding the quotations of a text. Owns quotation marks of every
 * kind, nesting, quotes continued across paragraphs, the full/partial
 * distinction, and the diagnostics about marks (unbalanced, stray, doubled).
 * Knows nothing of speakers.
 */
#ifndef QL_QUOTE_H
#define QL_QUOTE_H

#include "analysis.h"

/* Appends every quotation of text[0..len) to a, in text order, with no
 * speaker, and the mark diagnostics. Returns 0 or -ENOMEM. */
int quote_find(const char *text, size_t len, analysis *a);

#endif
