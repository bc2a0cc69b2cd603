/*
 * fileid.c: a hash set of (device, inode) pairs, open addressing with
 * linear probing, kept at most half full so probes stay short.
 */
#include "fileid.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

struct fileid {
    dev_t dev;
    ino_t ino;
    bool used;
};

static size_t slot_of(const fileid_set *s, dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Full;
    size_t i = (size_t)(h ^ h >> 29) & (s->cap - 1);
    while (s->slots[i].used && (s->slots[i].dev != dev || s->slots[i].ino != ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Doubles the table (from 64 slots) and places every pair again. */
static int grow(fileid_set *s)
{
    fileid_set bigger = {.cap = s->cap ? s->cap * 2 : 64};
    if (!(bigger.slots = calloc(bigger.cap, sizeof *bigger.slots)))
        return -ENOMEM;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].used)
            bigger.slots[slot_of(&bigger, s->slots[i].dev, s->slots[i].ino)] = s->slots[i];
    bigger.n = s->n;
    free(s->slots);
    *s = bigger;
    return 0;
}

int fileid_add(fileid_set *s, dev_t dev, ino_t ino)
{
    if (s->cap) {
        size_t i = slot_of(s, dev, ino);
        if (s->slots[i].used)
            return 0;
    }
    if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
        return -ENOMEM;
    s->slots[slot_of(s, dev, ino)] = (struct fileid){dev, ino, true};
    s->n++;
    return 1;
}

void fileid_set_free(fileid_set *s)
{
    free(s->slots);
    s->slots = NULL;
    s->n = s->cap = 0;
}
