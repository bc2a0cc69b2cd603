/*
 * test_keyset.c: the set of 64-bit keys. A key is a member once added and
 * never twice; keys differing only in their low bits (the flags people.c
 * keeps there) stay apart; the set grows past many doublings without
 * losing one; two sets with the same keys added in other orders are equal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "keyset.h"

static void added_once(void **state)
{
    (void)state;
    keyset s = {0};
    assert_false(keyset_has(&s, 42));
    assert_int_equal(keyset_add(&s, 42), 0);
    assert_int_equal(keyset_add(&s, 42), 0);
    assert_true(keyset_has(&s, 42));
    assert_int_equal(s.n, 1);
    assert_int_equal(keyset_add(&s, 41), 0); /* the low bits alone differ */
    assert_int_equal(keyset_add(&s, 43), 0);
    assert_int_equal(s.n, 3);
    assert_false(keyset_has(&s, 40));
    keyset_free(&s);
    assert_false(keyset_has(&s, 42)); /* a freed set is empty and usable */
    assert_int_equal(keyset_add(&s, 42), 0);
    keyset_free(&s);
}

static void grows_without_loss(void **state)
{
    (void)state;
    keyset s = {0};
    for (uint64_t k = 1; k <= 100000; k++)
        assert_int_equal(keyset_add(&s, k << 2 | 1), 0);
    assert_int_equal(s.n, 100000);
    for (uint64_t k = 1; k <= 100000; k++) {
        assert_true(keyset_has(&s, k << 2 | 1));
        assert_false(keyset_has(&s, k << 2 | 2));
    }
    keyset_free(&s);
}

static void equal_whatever_the_order(void **state)
{
    (void)state;
    keyset a = {0}, b = {0}, c = {0};
    for (uint64_t k = 1; k <= 500; k++) {
        assert_int_equal(keyset_add(&a, k * 7919), 0);
        assert_int_equal(keyset_add(&b, (501 - k) * 7919), 0);
    }
    assert_true(keyset_equal(&a, &b));
    assert_int_equal(keyset_add_all(&c, &a), 0);
    assert_true(keyset_equal(&c, &b));
    assert_int_equal(keyset_add(&c, 3), 0);
    assert_false(keyset_equal(&c, &b));
    keyset_free(&a);
    keyset_free(&b);
    keyset_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(added_once),
        cmocka_unit_test(grows_without_loss),
        cmocka_unit_test(equal_whatever_the_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
