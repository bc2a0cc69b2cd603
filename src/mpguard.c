/*
 * mpguard.c: a resumable walk over msgpack headers, message by message.
 * Payloads (string bodies, numbers) are skipped, never copied; only the
 * sizes in headers are read, so the guard costs a fraction of the parse it
 * protects. A refused message is walked to its end all the same, with the
 * limits lifted, so that the stream stays framed.
 */
#include "mpguard.h"

#include <string.h>

/* What one walked byte turned out to be: its verdict, or AGAIN for a byte
 * that cannot continue the message but may start another (not consumed). */
enum { AGAIN = 3 };

void mpguard_reset(mpguard *g)
{
    memset(g, 0, sizeof *g);
}

bool mpguard_idle(const mpguard *g)
{
    return !g->in_message;
}

void mpguard_refuse(mpguard *g)
{
    if (!mpguard_idle(g))
        g->refused = true;
}

/* The message ended: the next byte starts afresh. */
static void message_done(mpguard *g)
{
    g->in_message = false;
    g->suspect = g->suspect && g->refused;
    g->refused = false;
    g->items = 0;
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

/* A refusal inside a message: the rest of it is skipped. */
static int refuse(mpguard *g)
{
    g->refused = true;
    return MPGUARD_DROP;
}

static int open_container(mpguard *g, uint64_t items)
{
    if (items > MPGUARD_PLAUSIBLE || g->depth == MPGUARD_DEPTH ||
        (g->suspect && items > MPGUARD_SUSPECT_ITEMS))
        return MPGUARD_JUNK; /* no size to skip by */
    g->items += items;
    int v = !g->refused && (items > MPGUARD_MAX_ITEMS || g->items > MPGUARD_MESSAGE_ITEMS)
                ? refuse(g) : g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    if (items == 0)
        item_done(g);
    else
        g->left[g->depth++] = items;
    return v;
}

static int payload(mpguard *g, uint64_t bytes)
{
    if (bytes > MPGUARD_PLAUSIBLE || (g->suspect && bytes > MPGUARD_SUSPECT_BYTES))
        return MPGUARD_JUNK;
    int v = !g->refused && bytes > MPGUARD_MAX_BYTES ? refuse(g) : g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    if (bytes == 0) {
        item_done(g);
    } else {
        g->skip = bytes;
        g->finish_after_skip = true;
    }
    return v;
}

/* An ext item: its type byte and `bytes` of data, which must be one
 * msgpack integer (a handle), read before the item counts as done. */
static int ext(mpguard *g, uint64_t bytes)
{
    if (g->refused)
        return payload(g, bytes + 1);
    if (bytes == 0 || bytes > MPGUARD_EXT_BYTES)
        return payload(g, bytes + 1) == MPGUARD_JUNK ? MPGUARD_JUNK : refuse(g);
    g->ext_have = 0;
    g->ext_want = (int)bytes + 1;
    return MPGUARD_PASS;
}

/* Whether data[0, n) is exactly one msgpack integer. */
static bool one_integer(const uint8_t *d, int n)
{
    uint8_t t = d[0];
    if (t <= 0x7f || t >= 0xe0)
        return n == 1;
    if (t >= 0xcc && t <= 0xd3)
        return n == 1 + (1 << ((t - 0xcc) & 3));
    return false;
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

/* Acts on a whole header of an item inside a message. */
static int item(mpguard *g, uint8_t t, uint64_t v)
{
    if (t <= 0x7f || t >= 0xe0 || t == 0xc0 || t == 0xc2 || t == 0xc3) {
        item_done(g);
        return g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    }
    if (t >= 0x80 && t <= 0x8f)
        return open_container(g, 2u * (t & 0x0f));
    if (t >= 0x90 && t <= 0x9f)
        return open_container(g, t & 0x0f);
    if (t >= 0xa0 && t <= 0xbf)
        return payload(g, t & 0x1f);
    switch (t) {
    case 0xc4: case 0xc5: case 0xc6: case 0xd9: case 0xda: case 0xdb: return payload(g, v);
    case 0xc7: case 0xc8: case 0xc9: return ext(g, v);
    case 0xca: case 0xce: case 0xd2: return payload(g, 4);
    case 0xcb: case 0xcf: case 0xd3: return payload(g, 8);
    case 0xcc: case 0xd0: return payload(g, 1);
    case 0xcd: case 0xd1: return payload(g, 2);
    case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: return ext(g, 1u << (t - 0xd4));
    case 0xdc: case 0xdd: return open_container(g, v);
    case 0xde: case 0xdf: return open_container(g, 2 * v);
    default: return MPGUARD_JUNK; /* 0xc1 is never used */
    }
}

/* Whether a header can stand at its place in the message's own array:
 * the kind, then an id, a method name and the parameters' array. */
static bool fits_head(mpguard *g, uint8_t t, uint64_t v)
{
    uint32_t at = g->top - (uint32_t)g->left[0];
    bool id = t <= 0x7f || (t >= 0xcc && t <= 0xce);
    bool name = (t >= 0xa1 && t <= 0xbf) || ((t == 0xd9 || t == 0xc4) && v > 0);
    bool params = (t >= 0x90 && t <= 0x9f) || t == 0xdc || t == 0xdd;
    if (at == 0) {
        g->kind = t;
        return t <= 2 && g->top == (t == 2 ? 3u : 4u);
    }
    if (g->kind == 1)
        return at > 1 || id;
    if (g->kind == 2)
        return at == 1 ? name : params;
    return at == 1 ? id : at == 2 ? name : params;
}

static int header(mpguard *g, const uint8_t *h, int n)
{
    uint64_t v = n > 1 ? be(h + 1, n - 1) : 0;
    if (g->depth == 1 && !g->refused && !fits_head(g, h[0], v))
        return n == 1 ? AGAIN : MPGUARD_JUNK;
    return item(g, h[0], v);
}

/* Walks one byte that is not payload: a message's start or a header's. */
static int walk_byte(mpguard *g, uint8_t b)
{
    if (g->depth == 0) {
        if (b != 0x93 && b != 0x94)
            return MPGUARD_JUNK;
        g->top = b & 0x0f;
        g->left[0] = g->top;
        g->start[0] = b; /* its first bytes are kept until the next starts */
        g->n_start = 1;
        g->depth = 1;
        g->in_message = true;
        return MPGUARD_PASS;
    }
    if (g->have == 0)
        g->want = 1 + extra(b);
    g->head[g->have++] = b;
    if (g->have < g->want)
        return g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    g->have = 0;
    return header(g, g->head, g->want);
}

/* Walks one byte of an ext payload. */
static int walk_ext(mpguard *g, uint8_t b)
{
    g->ext[g->ext_have++] = b;
    if (g->ext_have < g->ext_want)
        return MPGUARD_PASS;
    g->ext_want = 0;
    int v = one_integer(g->ext + 1, g->ext_have - 1) ? MPGUARD_PASS : refuse(g);
    item_done(g);
    return v;
}

static void keep_start(mpguard *g, const uint8_t *p, size_t n)
{
    size_t k = MPGUARD_HEAD_BYTES - g->n_start < n ? MPGUARD_HEAD_BYTES - g->n_start : n;
    memcpy(g->start + g->n_start, p, k);
    g->n_start += k;
}

/* Payload bytes with the message's verdict, at most n; the item they end
 * is done after them. */
static size_t skip(mpguard *g, const uint8_t *p, size_t n)
{
    size_t k = g->skip < n ? (size_t)g->skip : n;
    keep_start(g, p, k);
    g->skip -= k;
    if (g->skip == 0 && g->finish_after_skip) {
        g->finish_after_skip = false;
        item_done(g);
    }
    return k;
}

/* Walks the next byte, or a run of payload; returns its verdict (or
 * AGAIN) and adds what it walked to *i. */
static int walk(mpguard *g, const uint8_t *p, size_t n, size_t *i)
{
    int w = g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    if (g->skip) {
        *i += skip(g, p, n);
    } else {
        keep_start(g, p, 1);
        w = g->ext_want ? walk_ext(g, p[0]) : walk_byte(g, p[0]);
        *i += 1;
    }
    if (w == AGAIN || w == MPGUARD_JUNK) {
        mpguard_reset(g);
        g->suspect = true;
    } else if (g->in_message && g->depth == 0)
        message_done(g);
    return w;
}

size_t mpguard_take(mpguard *g, const uint8_t *p, size_t n, mpguard_verdict *v)
{
    size_t i = 0;
    *v = g->refused ? MPGUARD_DROP : MPGUARD_PASS;
    if (g->carry && n > 0) { /* p[0] was walked by the last call */
        int c = g->carry;
        g->carry = 0;
        *v = c == AGAIN ? MPGUARD_JUNK : (mpguard_verdict)c;
        if (c != MPGUARD_DROP)
            return c == MPGUARD_JUNK; /* AGAIN: walked afresh by the next call */
        i = 1;
    }
    /* A refused message's end ends the run of DROP. */
    while (i < n && (g->refused ? MPGUARD_DROP : MPGUARD_PASS) == *v) {
        size_t at = i;
        int w = walk(g, p + i, n - i, &i);
        if (w == (int)*v)
            continue;
        if (at == 0) { /* the run takes this byte's verdict */
            *v = w == AGAIN ? MPGUARD_JUNK : (mpguard_verdict)w;
            if (w != MPGUARD_DROP)
                return w == MPGUARD_JUNK;
            continue;
        }
        g->carry = w; /* said by the next call */
        return at;
    }
    return i;
}
