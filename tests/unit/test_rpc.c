/*
 * test_rpc.c: msgpack-RPC framing: messages split across reads, messages
 * that are not RPC, and headers that declare more than memory should give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rpc.h"

typedef struct seen {
    int requests, notifications, responses;
    char method[32];
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

/* [0, 7, "quotelens_ping", []] */
static const char ping[] = "\x94\x00\x07\xaequotelens_ping\x90";

static void split_across_reads(void **state)
{
    (void)state;
    seen s = {0};
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL}, &s);
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
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL}, &s);
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
    rpc *r = rpc_new_detached((rpc_callbacks){on_message, NULL, NULL}, &s);
    rpc_feed(r, "\x93\x02\xa1x\xdd\xdd\xdd\xdd\xdd", 9);   /* array32 of 3.7e9 */
    rpc_feed(r, "\xdb\x7f\xff\xff\xff", 5);                 /* a 2 GiB string */
    rpc_feed(r, ping, sizeof ping - 1);
    assert_int_equal(s.requests, 1);
    rpc_free_detached(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_across_reads),
        cmocka_unit_test(not_rpc_is_dropped),
        cmocka_unit_test(huge_declared_sizes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
