/*
 * test_rpc.c: msgpack-RPC framing: messages split across reads, messages
 * that are not RPC, headers that declare more than memory should give, a
 * refused message skipped whole (its lines never read as messages), ext
 * payloads checked, and random bytes after which a ping is answered.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rpc.h"

typedef struct seen {
    int requests, notifications, responses;
    char method[32];
    int skipped, junk;
    char skipped_method[32];
    int64_t skipped_buf;
} seen;

static void on_message(void *ctx, const rpc_message *m)
{
    seen *s = ctx;
    if (m->kind == RPC_REQUEST)
        s->requests++;
    else if (m->kind == RPC_NOTIFICATION)
        s->notifications++;
    else
        s->responses++;
    if (m->method) {
        size_t n = m->method_len < sizeof s->method - 1 ? m->method_len : sizeof s->method - 1;
        memcpy(s->method, m->method, n);
        s->method[n] = '\0';
    }
}

static void on_skipped(void *ctx, const rpc_message *head)
{
    seen *s = ctx;
    if (!head) {
        s->junk++;
        return;
    }
    s->skipped++;
    size_t n = head->method_len < sizeof s->skipped_method - 1 ? head->method_len : sizeof s->skipped_method - 1;
    if (head->method)
        memcpy(s->skipped_method, head->method, n);
    s->skipped_method[head->method ? n : 0] = '\0';
    const msgpack_object *p = head->params->via.array.size ? &head->params->via.array.ptr[0] : NULL;
    s->skipped_buf = p && p->type == MSGPACK_OBJECT_EXT && p->via.ext.size == 1 ? p->via.ext.ptr[0] : -1;
}

/* [0, 7, "quotelens_ping", []] */
static const char ping[] = "\x94\x00\x07\xaequotelens_ping\x90";

static void split_across_reads(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, NULL}, &s);
    for (size_t i = 0; i < sizeof ping - 1; i++)
        rpc_feed(r, ping + i, 1);
    assert_int_equal(s.requests, 1);
    assert_string_equal(s.method, "quotelens_ping");
    /* [2, "nvim_buf_detach_event", [ext0(1)]] and [1, 3, nil, true] */
    static const char two[] = "\x93\x02\xb5nvim_buf_detach_event\x91\xd4\x00\x01\x94\x01\x03\xc0\xc3";
    rpc_feed(r, two, sizeof two - 1);
    assert_int_equal(s.notifications, 1);
    assert_int_equal(s.responses, 1);
    rpc_free_detached(r);
}

static void not_rpc_is_dropped(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, NULL}, &s);
    rpc_feed(r, "\x92\x01\x02", 3);            /* an array of two */
    rpc_feed(r, "\x94\x05\x01\xa1x\x90", 6);   /* kind 5 */
    rpc_feed(r, "\x93\x02\x01\x90", 4);        /* method not a string */
    rpc_feed(r, "\x93\x02\xa0\x90", 4);        /* an empty method name (found by fuzz_rpc) */
    rpc_feed(r, "\xc1", 1);                    /* never used in msgpack */
    rpc_feed(r, ping, sizeof ping - 1);
    assert_int_equal(s.requests + s.notifications + s.responses, 1);
    rpc_free_detached(r);
}

/* Found by fuzz_rpc: an array header declaring billions of items made the
 * unpacker ask for all their memory at once. */
static void huge_declared_sizes_are_refused(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, NULL}, &s);
    rpc_feed(r, "\x93\x02\xa1x\xdd\xdd\xdd\xdd\xdd", 9);   /* array32 of 3.7e9 */
    rpc_feed(r, "\xdb\x7f\xff\xff\xff", 5);                 /* a 2 GiB string */
    rpc_feed(r, ping, sizeof ping - 1);
    assert_int_equal(s.requests, 1);
    rpc_free_detached(r);
}

/* Appends bytes to a growing message. */
typedef struct bytes {
    char *v;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = 2 * (b->n + n);
        b->v = realloc(b->v, b->cap);
        assert_non_null(b->v);
    }
    memcpy(b->v + b->n, p, n);
    b->n += n;
}

static void feed_chunked(rpc *r, const bytes *b)
{
    for (size_t i = 0; i < b->n; i += 65536)
        rpc_feed(r, b->v + i, b->n - i < 65536 ? b->n - i : 65536);
}

/* A buffer of more lines than the guard allows, whose lines spell RPC
 * calls (as `:edit ++bin` lets a file do): the message is skipped by its
 * declared sizes, no line is ever read as a message, and the owner hears
 * which buffer it was. The next message is read as usual. */
static void refused_buffer_is_skipped_whole(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, on_skipped}, &s);
    bytes b = {0};
    static const char head[] = "\x93\x02\xb4nvim_buf_lines_event\x96\xd4\x00\x03\x07\x00\xff";
    put(&b, head, sizeof head - 1);
    uint32_t lines = 8u * 1024 * 1024 + 1;
    unsigned char hdr[5] = {0xdd, (unsigned char)(lines >> 24), (unsigned char)(lines >> 16),
                            (unsigned char)(lines >> 8), (unsigned char)lines};
    put(&b, hdr, sizeof hdr);
    static const char crafted[] = "\xb3\x94\x00\x07\xaequotelens_ping\x90";
    for (uint32_t i = 0; i < lines; i++) {
        if (i % 100000 == 0)
            put(&b, crafted, sizeof crafted - 1);
        else
            put(&b, "\xa1x", 2);
    }
    put(&b, "\xc2", 1); /* more: false */
    feed_chunked(r, &b);
    assert_int_equal(s.requests + s.notifications, 0);
    assert_int_equal(s.skipped, 1);
    assert_string_equal(s.skipped_method, "nvim_buf_lines_event");
    assert_int_equal(s.skipped_buf, 3);
    assert_int_equal(s.junk, 0);
    rpc_feed(r, ping, sizeof ping - 1);
    assert_int_equal(s.requests, 1);
    free(b.v);
    rpc_free_detached(r);
}

/* Millions of one-byte items in one message would take 24 bytes each in
 * the unpacker: 64 MB of nils, 1.5 GB. The message is refused whole. */
static void many_small_items_are_refused(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, on_skipped}, &s);
    bytes b = {0};
    put(&b, "\x93\x02\xa1x\x93", 5);
    char *nils = malloc(4u * 1024 * 1024);
    assert_non_null(nils);
    memset(nils, 0xc0, 4u * 1024 * 1024);
    for (int k = 0; k < 3; k++) {
        put(&b, "\xdd\x00\x40\x00\x00", 5); /* 4,194,304 nils */
        put(&b, nils, 4u * 1024 * 1024);
    }
    free(nils);
    feed_chunked(r, &b);
    assert_int_equal(s.notifications, 0);
    assert_int_equal(s.skipped, 1);
    rpc_feed(r, ping, sizeof ping - 1);
    assert_int_equal(s.requests, 1);
    free(b.v);
    rpc_free_detached(r);
}

/* A handle's ext payload is one integer; one that declares an array of
 * two billion items would be allocated by whoever unpacks it. */
static void ext_payloads_are_checked(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, on_skipped}, &s);
    static const char bad[] = "\x93\x02\xb5nvim_buf_detach_event\x91\xc7\x05\x00\xdd\x7f\xff\xff\xff";
    rpc_feed(r, bad, sizeof bad - 1);
    assert_int_equal(s.notifications, 0);
    assert_int_equal(s.skipped, 1);
    static const char good[] = "\x93\x02\xb5nvim_buf_detach_event\x91\xd5\x00\xcc\xc8";
    rpc_feed(r, good, sizeof good - 1);
    assert_int_equal(s.notifications, 1);
    rpc_free_detached(r);
}

/* After 100 KB of random bytes the next ping is answered, whatever the
 * bytes looked like (a random array of millions would swallow it). */
static void random_bytes_then_a_ping(void **state)
{
    (void)state;
    char *junk = malloc(100000);
    assert_non_null(junk);
    for (unsigned seed = 1; seed <= 50; seed++) {
        seen s = {0};
        rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL, on_skipped}, &s);
        uint64_t x = seed * 0x9E3779B97F4A7C15ull;
        for (int i = 0; i < 100000; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            junk[i] = (char)(x >> 24);
        }
        rpc_feed(r, junk, 100000);
        int before = s.requests;
        rpc_feed(r, ping, sizeof ping - 1);
        assert_int_equal(s.requests, before + 1);
        assert_true(s.junk > 0);
        rpc_free_detached(r);
    }
    free(junk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_across_reads),
        cmocka_unit_test(not_rpc_is_dropped),
        cmocka_unit_test(huge_declared_sizes_are_refused),
        cmocka_unit_test(refused_buffer_is_skipped_whole),
        cmocka_unit_test(many_small_items_are_refused),
        cmocka_unit_test(ext_payloads_are_checked),
        cmocka_unit_test(random_bytes_then_a_ping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
