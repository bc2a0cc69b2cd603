/*
 * mpguard.c: a resumable walk over msgpack headers. Payloads (string
 * bodies, numbers) are skipped, never copied; only the sizes in headers are
 * read, so the guard costs a fraction of the parse it protects.
 */
#include "mpguard.h"

#include <string.h>

void mpguard_reset(mpguard *g)
{
    memset(g, 0, sizeof *g);
}

/* One item is done: count it against the containers it closes. */
static void item_done(mpguard *g)
{
    while (g->depth > 0 && --g->left[g->depth - 1] == 0)
        g->depth--;
}

static uint64_t be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static bool open_container(mpguard *g, uint64_t items)
{
    if (items > MPGUARD_MAX_ITEMS)
        return false;
    if (items == 0) {
        item_done(g);
        return true;
    }
    if (g->depth == MPGUARD_DEPTH)
        return false;
    g->left[g->depth++] = (uint32_t)items;
    return true;
}

static bool payload(mpguard *g, uint64_t bytes)
{
    if (bytes > MPGUARD_MAX_BYTES)
        return false;
    if (bytes == 0) {
        item_done(g);
        return true;
    }
    g->skip = bytes;
    g->finish_after_skip = true;
    return true;
}

/* How many header bytes follow type byte t (its length or count field). */
static int extra(uint8_t t)
{
    switch (t) {
    case 0xc4: case 0xc7: case 0xd9: return 1;
    case 0xc5: case 0xc8: case 0xda: case 0xdc: case 0xde: return 2;
    case 0xc6: case 0xc9: case 0xdb: case 0xdd: case 0xdf: return 4;
    default: return 0;
    }
}

/* Acts on a whole header; false for what is not msgpack or too large. */
static bool header(mpguard *g, const uint8_t *h, int n)
{
    uint8_t t = h[0];
    uint64_t v = n > 1 ? be(h + 1, n - 1) : 0;
    if (t <= 0x7f || t >= 0xe0 || t == 0xc0 || t == 0xc2 || t == 0xc3) {
        item_done(g);
        return true;
    }
    if (t >= 0x80 && t <= 0x8f)
        return open_container(g, 2u * (t & 0x0f));
    if (t >= 0x90 && t <= 0x9f)
        return open_container(g, t & 0x0f);
    if (t >= 0xa0 && t <= 0xbf)
        return payload(g, t & 0x1f);
    switch (t) {
    case 0xc4: case 0xc5: case 0xc6: case 0xd9: case 0xda: case 0xdb: return payload(g, v);
    case 0xc7: case 0xc8: case 0xc9: return payload(g, v + 1);
    case 0xca: return payload(g, 4);
    case 0xcb: return payload(g, 8);
    case 0xcc: case 0xd0: return payload(g, 1);
    case 0xcd: case 0xd1: return payload(g, 2);
    case 0xce: case 0xd2: return payload(g, 4);
    case 0xcf: case 0xd3: return payload(g, 8);
    case 0xd4: return payload(g, 2);
    case 0xd5: return payload(g, 3);
    case 0xd6: return payload(g, 5);
    case 0xd7: return payload(g, 9);
    case 0xd8: return payload(g, 17);
    case 0xdc: case 0xdd: return open_container(g, v);
    case 0xde: case 0xdf: return v > MPGUARD_MAX_ITEMS ? false : open_container(g, 2 * v);
    default: return false; /* 0xc1 is never used */
    }
}

bool mpguard_check(mpguard *g, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (g->skip) {
            size_t k = g->skip < n - i ? (size_t)g->skip : n - i;
            g->skip -= k;
            i += k;
            if (g->skip == 0 && g->finish_after_skip) {
                g->finish_after_skip = false;
                item_done(g);
            }
            continue;
        }
        if (g->have == 0)
            g->want = 1 + extra(p[i]);
        g->head[g->have++] = p[i++];
        if (g->have < g->want)
            continue;
        g->have = 0;
        if (!header(g, g->head, g->want))
            return false;
    }
    return true;
}
