/*
 * mpguard.h: limits on msgpack input, checked as the bytes arrive and
 * before the unpacker sees them. msgpack-c allocates an array's or a
 * string's memory from the size its header declares, so a hostile header
 * (an array of four billion items) would exhaust memory; the guard walks
 * the headers of the stream, across reads, and refuses such a message.
 */
#ifndef QL_MPGUARD_H
#define QL_MPGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MPGUARD_DEPTH 32                        /* as msgpack-c's own limit */
#define MPGUARD_MAX_ITEMS (8u * 1024 * 1024)    /* lines of a buffer, say */
#define MPGUARD_MAX_BYTES (256u * 1024 * 1024)  /* one string */

typedef struct mpguard {
    uint32_t left[MPGUARD_DEPTH]; /* items still to come in each open container */
    int depth;
    uint64_t skip;                /* payload bytes still to pass */
    bool finish_after_skip;       /* those bytes end an item */
    uint8_t head[9];
    int have, want;               /* a header split across reads */
} mpguard;

void mpguard_reset(mpguard *g);
/* Checks the next n bytes of the stream; false when they break a limit or
 * are not msgpack (the stream must then be reset). */
bool mpguard_check(mpguard *g, const uint8_t *p, size_t n);

#endif
