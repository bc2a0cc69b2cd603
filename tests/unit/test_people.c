/*
 * test_people.c: the per-article register of people and the run-wide
 * registry of speaker names built on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "names.h"
#include "people.h"

static people *register_of(const char *const *pairs, size_t n)
{
    people *p = people_new();
    assert_non_null(p);
    for (size_t i = 0; i < n; i += 2)
        assert_int_equal(people_add(p, pairs[i], pairs[i + 1]), 0);
    assert_int_equal(people_index(p), 0);
    return p;
}

static void surname_and_first_name(void **state)
{
    (void)state;
    const char *const pairs[] = {"Ana Ruiz", "trade minister", "Liu Wen", "", "Ana Ruiz", ""};
    people *p = register_of(pairs, 6);
    assert_string_equal(people_full_name(p, "Ruiz", true), "Ana Ruiz");
    assert_string_equal(people_full_name(p, "Liu", true), "Liu Wen");
    assert_null(people_full_name(p, "Liu", false));
    assert_null(people_full_name(p, "Ana Ruiz", true));
    assert_null(people_full_name(p, "Berg", true));
    people_free(p);
}

static void two_people_share_a_surname(void **state)
{
    (void)state;
    const char *const pairs[] = {"Boris Hale", "", "Nora Hale", "mayor"};
    people *p = register_of(pairs, 4);
    assert_null(people_full_name(p, "Hale", true));
    assert_string_equal(people_titled(p, "the mayor"), "Nora Hale");
    people_free(p);
}

static void titles_match_on_every_content_word(void **state)
{
    (void)state;
    const char *const pairs[] = {"Ana Ruiz", "trade minister", "Tomas Berg", "foreign minister",
                                 "Ana Ruiz", "valdorian envoy"};
    people *p = register_of(pairs, 6);
    assert_string_equal(people_titled(p, "trade minister"), "Ana Ruiz");
    assert_string_equal(people_titled(p, "envoy"), "Ana Ruiz");
    assert_null(people_titled(p, "minister")); /* two ministers: no guess */
    assert_null(people_titled(p, "the"));
    people_free(p);
}

static void names_across_documents(void **state)
{
    (void)state;
    names *n = names_new();
    assert_non_null(n);
    assert_int_equal(names_add(n, "Ruiz"), 0);
    assert_int_equal(names_add(n, "Ana Ruiz"), 0);
    assert_int_equal(names_add(n, "a source"), 0);
    assert_int_equal(names_add(n, NULL), 0);
    assert_int_equal(names_index(n), 0);
    assert_string_equal(names_canonical(n, "Ruiz"), "Ana Ruiz");
    assert_string_equal(names_canonical(n, "Ana Ruiz"), "Ana Ruiz");
    assert_string_equal(names_canonical(n, "a source"), "a source");
    assert_string_equal(names_canonical(n, "Berg"), "Berg");
    assert_null(names_canonical(n, NULL));
    names_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(surname_and_first_name),
        cmocka_unit_test(two_people_share_a_surname),
        cmocka_unit_test(titles_match_on_every_content_word),
        cmocka_unit_test(names_across_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
