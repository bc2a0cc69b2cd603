/*
 * test_lsp_pos.c: protocol positions against byte offsets, in UTF-16 units
 * and in UTF-8 bytes, with characters of one to four bytes, CRLF line ends
 * and positions past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lsp_pos.h"

/* "a" (1 byte), "é" (2), "“" (3), "🚢" (4, two UTF-16 units), then CRLF. */
static const char text[] = "a\xc3\xa9\xe2\x80\x9c\xf0\x9f\x9a\xa2z\r\nnext";

static void utf16_both_ways(void **state)
{
    (void)state;
    size_t len = strlen(text);
    text_lines *l = text_lines_new(text, len);
    /* character -> byte: a=0 é=1 “=3 🚢=6 z=10 */
    const size_t bytes[] = {0, 1, 3, 6, 10, 11};
    const int64_t chars[] = {0, 1, 2, 3, 5, 6};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(lsp_pos_offset(text, len, l, 0, chars[i], false), bytes[i]);
        assert_int_equal(lsp_pos_character(text, len, l, 0, bytes[i], false), chars[i]);
        assert_int_equal(lsp_pos_offset(text, len, l, 0, (int64_t)bytes[i], true), bytes[i]);
    }
    /* Half a surrogate pair is the start of its character. */
    assert_int_equal(lsp_pos_offset(text, len, l, 0, 4, false), 6);
    /* Past the end of a line: its end, before the CR. */
    assert_int_equal(lsp_pos_offset(text, len, l, 0, 99, false), 11);
    assert_int_equal(lsp_pos_offset(text, len, l, 1, 2, false), 15);
    /* Past the last line: the end of the text; before the first: its start. */
    assert_int_equal(lsp_pos_offset(text, len, l, 7, 0, false), len);
    assert_int_equal(lsp_pos_offset(text, len, l, -1, 5, false), 0);
    text_lines_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf16_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
