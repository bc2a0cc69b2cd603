/*
 * xref.h: what a quote's other sources tell the copy editor. Wording that
 * differs inside the shared run (a possible misquote) and a different
 * speaker for the same words (an attribution conflict) become diagnostics;
 * spelling and punctuation only when asked (strict).
 */
#ifndef QL_XREF_H
#define QL_XREF_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "corpus.h"
#include "names.h"

/* Adds to `into` the diagnostics of quote q (of `text`) given its
 * sources. Returns 0 or -ENOMEM. */
int xref_diagnose(analysis *into, const quote *q, const char *text, const corpus *c,
                  const names *reg, const xref_source *src, size_t n, bool strict);

/* The names of the difference classes in `classes`, for output: writes up
 * to `cap` pointers to static strings and returns how many. */
size_t xref_class_names(unsigned classes, const char **out, size_t cap);

#endif
