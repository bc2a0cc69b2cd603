/*
 * fileid.h: a set of file identities (device and inode). Two spellings of
 * one path (`./examples/a.txt` and `examples/a.txt`, a symbolic link, a
 * hard link, `d/../a.txt`) name one file and one identity, so a run reads
 * each file once however many ways it is reached. Looking up and adding
 * take constant time, so a folder of 100,000 files costs no more per file
 * than a folder of ten.
 */
#ifndef QL_FILEID_H
#define QL_FILEID_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct fileid_set {
    struct fileid *slots; /* open addressing, private to fileid.c */
    size_t n, cap;
} fileid_set;

/* Adds (dev, ino). Returns 1 when it was new, 0 when already there, or
 * -ENOMEM (the set unchanged). A zeroed set is empty and ready. */
int fileid_add(fileid_set *s, dev_t dev, ino_t ino);
void fileid_set_free(fileid_set *s);

#endif
