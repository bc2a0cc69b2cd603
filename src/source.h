/*
 * source.h: one article read from disk. Loading refuses what is not text
 * (directories, unreadable paths, binary files) with a message on stderr,
 * and warns about invalid UTF-8 and NUL bytes while keeping the text, so the
 * rest of the file is still analysed. Only regular files are read: FIFOs,
 * sockets and devices are refused without blocking.
 */
#ifndef QL_SOURCE_H
#define QL_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

typedef struct source {
    char *path;
    char *text;   /* NUL-terminated copy of the file; len excludes the NUL */
    size_t len;
    dev_t dev;    /* the file's identity: two paths naming the same file */
    ino_t ino;    /* (`./a`, a symbolic link, `d/../a`) have the same pair */
} source;

/* Returns 0 and *out, -ENOMEM, or another negative errno after printing
 * why the file was not loaded ("binary file, skipped" is -EILSEQ; "not a
 * regular file (FIFO), skipped" and the like is -ENOTSUP). Reads at most
 * the file's size at the time it was opened. */
int source_load(const char *path, source **out);
/* Reads an already open fd (standard input) as the article named name:
 * a regular file up to its size, anything else (a pipe, a terminal) to its
 * end, unless its first 8 KiB are binary. Returns as source_load. */
int source_load_fd(int fd, const char *name, source **out);
/* Why a load failed, for a log line: "binary file", "not a regular file",
 * or strerror's text. */
const char *source_why(int rc);
/* What a file of that mode is: "FIFO", "socket", "character device", ... */
const char *source_kind(mode_t mode);
void source_free(source *s);

#endif
