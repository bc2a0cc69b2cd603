/*
 * keyset.c: the set of 64-bit keys of keyset.h. Slots are found by a
 * multiplicative hash of the key, so keys that differ only in their low
 * bits (flags kept there) still spread.
 */
#include "keyset.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>

static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * 0x9E3779B97F4A7C15u) >> 32) & (cap - 1);
}

static void place(uint64_t *slot, size_t cap, uint64_t key)
{
    size_t i = slot_of(key, cap);
    while (slot[i] && slot[i] != key)
        i = (i + 1) & (cap - 1);
    slot[i] = key;
}

static int grow(keyset *s)
{
    size_t cap = s->cap ? 2 * s->cap : 64;
    uint64_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -ENOMEM;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slot[i])
            place(slot, cap, s->slot[i]);
    free(s->slot);
    s->slot = slot;
    s->cap = cap;
    return 0;
}

int keyset_add(keyset *s, uint64_t key)
{
    assert(key != 0);
    if (keyset_has(s, key))
        return 0;
    if (2 * (s->n + 1) > s->cap && grow(s))
        return -ENOMEM;
    place(s->slot, s->cap, key);
    s->n++;
    return 0;
}

bool keyset_has(const keyset *s, uint64_t key)
{
    if (!s->cap)
        return false;
    for (size_t i = slot_of(key, s->cap); s->slot[i]; i = (i + 1) & (s->cap - 1))
        if (s->slot[i] == key)
            return true;
    return false;
}

int keyset_add_all(keyset *s, const keyset *from)
{
    for (size_t i = 0; i < from->cap; i++)
        if (from->slot[i] && keyset_add(s, from->slot[i]))
            return -ENOMEM;
    return 0;
}

bool keyset_equal(const keyset *x, const keyset *y)
{
    if (x->n != y->n)
        return false;
    for (size_t i = 0; i < x->cap; i++)
        if (x->slot[i] && !keyset_has(y, x->slot[i]))
            return false;
    return true;
}

void keyset_free(keyset *s)
{
    free(s->slot);
    s->slot = NULL;
    s->n = s->cap = 0;
}
