/*
 * mpguard.h: the framing of msgpack-RPC input, checked as the bytes arrive
 * and before the unpacker sees them. msgpack-c allocates an array's or a
 * string's memory from the size its header declares, and 24 bytes for each
 * item, so a hostile header (an array of four billion items), or millions
 * of one-byte items, would exhaust memory. The guard walks the headers of
 * the stream, across reads, and says of every byte whether it belongs to a
 * message the unpacker may read (PASS), to a message that breaks a limit
 * and is skipped whole by its declared sizes (DROP), or to no message at
 * all (JUNK). It keeps the framing through a refused message, so no byte
 * of a string payload is ever taken for the start of a message: a refused
 * buffer whose lines spell RPC calls is never executed. Only after junk
 * does it look for a message again, at the next head of one:
 * [0, id, method, params], [1, id, error, result] or [2, method, params].
 */
#ifndef QL_MPGUARD_H
#define QL_MPGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MPGUARD_DEPTH 32                        /* as msgpack-c's own limit */
#define MPGUARD_MAX_ITEMS (8u * 1024 * 1024)    /* lines of a buffer, say */
/* Items of all the containers of one message: a buffer of MPGUARD_MAX_ITEMS
 * lines and its event's other parameters. */
#define MPGUARD_MESSAGE_ITEMS (MPGUARD_MAX_ITEMS + 1024)
#define MPGUARD_MAX_BYTES (256u * 1024 * 1024)  /* one string */
/* No Neovim sends more lines, or a longer line: a larger size is no
 * message to skip but bytes that are not msgpack-RPC. */
#define MPGUARD_PLAUSIBLE 0x7fffffffu
/* An ext payload (Neovim's buffer, window and tab handles) is one integer. */
#define MPGUARD_EXT_BYTES 9
/* After junk, a message may be a random run that looks like one: until
 * one message ends soundly, a container larger than this, or a string, is
 * junk too (a ping is answered after random bytes, not taken as an item
 * of a random array of millions). */
#define MPGUARD_SUSPECT_ITEMS 16
#define MPGUARD_SUSPECT_BYTES 1024
/* The first bytes of each message, kept to say which one was refused. */
#define MPGUARD_HEAD_BYTES 48

typedef enum { MPGUARD_PASS, MPGUARD_DROP, MPGUARD_JUNK } mpguard_verdict;

typedef struct mpguard {
    uint64_t left[MPGUARD_DEPTH]; /* items still to come in each open container */
    int depth;
    uint32_t top;                 /* items of the message's array, 3 or 4 */
    uint8_t kind;                 /* of the message, once read */
    bool in_message;              /* its array is open */
    uint64_t items;               /* declared by the message's containers */
    bool refused;                 /* the message is being skipped */
    bool suspect;                 /* junk came last: the small limits hold */
    uint64_t skip;                /* payload bytes still to pass */
    bool finish_after_skip;       /* those bytes end an item */
    uint8_t ext[MPGUARD_EXT_BYTES + 1];
    int ext_have, ext_want;       /* an ext payload being read, to be checked */
    uint8_t head[9];
    int have, want;               /* a header split across reads */
    uint8_t start[MPGUARD_HEAD_BYTES];
    size_t n_start;               /* the message's first bytes */
    int carry;                    /* the verdict of the next byte, walked already */
} mpguard;

void mpguard_reset(mpguard *g);
/* Walks a prefix of p[0, n) that shares one verdict, and returns its
 * length. DROP and JUNK bytes must not reach the unpacker, and a message
 * it holds in part is then to be forgotten. JUNK may return 0 (the byte is
 * looked at again as a possible start); the next call then takes it. */
size_t mpguard_take(mpguard *g, const uint8_t *p, size_t n, mpguard_verdict *v);
/* The message in progress is skipped to its end (the unpacker ran out of
 * memory for it). */
void mpguard_refuse(mpguard *g);
/* Whether the guard is between messages. */
bool mpguard_idle(const mpguard *g);

#endif
