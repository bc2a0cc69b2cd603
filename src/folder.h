/*
 * folder.h: the articles under a corpus folder: every .txt, .md, .html and
 * .htm file below it, in a stable order, read through source.h (web pages
 * stripped to their text). Unreadable entries are reported and skipped.
 */
#ifndef QL_FOLDER_H
#define QL_FOLDER_H

#include <stddef.h>

#include <stdbool.h>

#include "source.h"

/* Whether a file of that name is an article (.txt, .md, .html, .htm). */
bool folder_wants(const char *path);
/* dir + "/" + name in a new string (the caller frees it), or NULL when out
 * of memory. */
char *folder_join(const char *dir, const char *name);
/* Reads one article, a web page stripped to its text. Returns 0 and *out,
 * -ENOMEM, or another negative errno after source_load reported it. */
int folder_read(const char *path, source **out);

/* Appends the sources under dir to *v (count *n, capacity *cap). Returns 0,
 * -ENOMEM, or a negative errno when dir itself cannot be read (reported). */
int folder_load(const char *dir, source ***v, size_t *n, size_t *cap);

#endif
