/*
 * source.h: one article read from disk. Loading refuses what is not text
 * (directories, unreadable paths, binary files) with a message on stderr,
 * and warns about invalid UTF-8 and NUL bytes while keeping the text, so the
 * rest of the file is still analysed.
 */
#ifndef QL_SOURCE_H
#define QL_SOURCE_H

#include <stddef.h>

typedef struct source {
    char *path;
    char *text;   /* NUL-terminated copy of the file; len excludes the NUL */
    size_t len;
} source;

/* Returns 0 and *out, -ENOMEM, or another negative errno after printing
 * why the file was not loaded ("binary file, skipped" is -EILSEQ). */
int source_load(const char *path, source **out);
void source_free(source *s);

#endif
