/*
 * keyset.h: a set of 64-bit keys (hashes of words, say), open addressing
 * with linear probing, for membership tests in constant time. The key 0
 * marks an empty slot and is never a member.
 */
#ifndef QL_KEYSET_H
#define QL_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct keyset {
    uint64_t *slot;
    size_t n, cap; /* cap is 0 or a power of two, at least twice n */
} keyset;

/* Adds key (not 0); adding it again changes nothing. Returns 0 or -ENOMEM,
 * the set unchanged then. */
int keyset_add(keyset *s, uint64_t key);
bool keyset_has(const keyset *s, uint64_t key);
/* Adds every key of `from`. Returns 0 or -ENOMEM (some added then). */
int keyset_add_all(keyset *s, const keyset *from);
/* Whether x and y hold the same keys. */
bool keyset_equal(const keyset *x, const keyset *y);
void keyset_free(keyset *s);

#endif
