/*
 * test_lsp_frame.c: the Content-Length framer on whole, split, glued and
 * broken input: every body comes out once, whole, and after a bad header
 * or an oversized body the next message is read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lsp_frame.h"

static void feed(lsp_frame *f, const char *s)
{
    assert_int_equal(lsp_frame_feed(f, s, strlen(s)), 0);
}

static void expect_body(lsp_frame *f, const char *want)
{
    const char *b;
    size_t n;
    assert_int_equal(lsp_frame_next(f, &b, &n), LSP_FRAME_BODY);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(b, want, n);
}

static void expect(lsp_frame *f, lsp_frame_event e)
{
    const char *b;
    size_t n;
    assert_int_equal(lsp_frame_next(f, &b, &n), e);
}

static void glued_and_split(void **state)
{
    (void)state;
    lsp_frame f;
    lsp_frame_init(&f, 100);
    feed(&f, "Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:3\r\n\r\n[1]");
    expect_body(&f, "{}");
    expect_body(&f, "[1]");
    expect(&f, LSP_FRAME_NONE);
    const char *msg = "Content-Length: 5\r\n\r\nhello";
    for (const char *p = msg; *p; p++) {
        expect(&f, LSP_FRAME_NONE);
        assert_int_equal(lsp_frame_feed(&f, p, 1), 0);
    }
    expect_body(&f, "hello");
    expect(&f, LSP_FRAME_NONE);
    lsp_frame_free(&f);
}

static void bad_headers(void **state)
{
    (void)state;
    lsp_frame f;
    lsp_frame_init(&f, 100);
    feed(&f, "Content-Type: x\r\n\r\nContent-Length: 1x\r\n\r\nContent-Length: 2\r\n\r\nok");
    expect(&f, LSP_FRAME_BAD_HEADER);
    expect(&f, LSP_FRAME_BAD_HEADER);
    expect_body(&f, "ok");
    feed(&f, "Content-Length: 99999999999999999999\r\n\r\n");
    expect(&f, LSP_FRAME_BAD_HEADER);
    /* A header that never ends is dropped up to the next one. */
    char junk[LSP_FRAME_MAX_HEADER + 10];
    memset(junk, 'x', sizeof junk - 1);
    junk[sizeof junk - 1] = '\0';
    feed(&f, junk);
    expect(&f, LSP_FRAME_BAD_HEADER);
    feed(&f, "xxxContent-Length: 3\r\n\r\nyes");
    expect_body(&f, "yes");
    lsp_frame_free(&f);
}

static void too_large_is_skipped(void **state)
{
    (void)state;
    lsp_frame f;
    lsp_frame_init(&f, 4);
    feed(&f, "Content-Length: 10\r\n\r\n0123");
    const char *b;
    size_t n;
    assert_int_equal(lsp_frame_next(&f, &b, &n), LSP_FRAME_TOO_LARGE);
    assert_int_equal(n, 10);
    feed(&f, "456");
    expect(&f, LSP_FRAME_NONE);
    feed(&f, "789Content-Length: 4\r\n\r\nnext");
    expect_body(&f, "next");
    expect(&f, LSP_FRAME_NONE);
    assert_int_equal(f.len - f.off, 0); /* nothing of the skipped body was kept */
    lsp_frame_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glued_and_split),
        cmocka_unit_test(bad_headers),
        cmocka_unit_test(too_large_is_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
