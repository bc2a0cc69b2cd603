/*
 * folder.h: the articles under a corpus folder: every .txt, .md, .html and
 * .htm file below it, in a stable order, read through source.h (web pages
 * stripped to their text). Unreadable entries are reported and skipped.
 */
#ifndef QL_FOLDER_H
#define QL_FOLDER_H

#include <stddef.h>

#include "source.h"

/* Appends the sources under dir to *v (count *n, capacity *cap). Returns 0,
 * -ENOMEM, or a negative errno when dir itself cannot be read (reported). */
int folder_load(const char *dir, source ***v, size_t *n, size_t *cap);

#endif
