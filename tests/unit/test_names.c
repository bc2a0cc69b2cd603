/*
 * test_names.c: person identity across sources (names_same_person) and
 * what counts as a proper name (names_proper), on invented names: accents
 * and case folded, titles dropped, a surname alone, one slip of the pen in
 * a long name word, and the near misses that must stay two people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <cmocka.h>

#include "names.h"

static void folding_keeps_one_person(void **state)
{
    (void)state;
    assert_int_equal(names_same_person("Sofía Peña", "Sofia Pena"), NAMES_SAME);
    assert_int_equal(names_same_person("SOFIA PENA", "sofía peña"), NAMES_SAME);
    /* A decomposed accent (i + U+0301) folds like the composed one. */
    assert_int_equal(names_same_person("Sofi\xcc\x81" "a Pen\xcc\x83" "a", "Sofía Peña"), NAMES_SAME);
    assert_int_equal(names_same_person("Zoë Ångström", "Zoe Angstrom"), NAMES_SAME);
    assert_int_equal(names_same_person("Liam O’Dwyer", "Liam O'Dwyer"), NAMES_SAME);
    assert_int_equal(names_same_person("Liam O’Dwyer", "Liam ODwyer"), NAMES_SAME);
    /* compatibility forms: full-width letters, a ligature */
    assert_int_equal(names_same_person("Ｔｏｍａｓ Ｂｅｒｇ", "Tomas Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("\xef\xac\x81ona Marsh", "Fiona Marsh"), NAMES_SAME);
    /* U+FDFA, the longest decomposition (18 code points), is words, not a crash */
    assert_int_equal(names_same_person("\xef\xb7\xba", "Berg"), NAMES_DIFFERENT);
}

static void surnames_and_titles(void **state)
{
    (void)state;
    assert_int_equal(names_same_person("Berg", "Tomas Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("Tomas Berg", "Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("Mr. Berg", "Tomas Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("Sen. Berg", "Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("Minister Tomas Berg", "Tomas Berg"), NAMES_SAME);
    assert_int_equal(names_same_person("Peña", "Sofia Pena"), NAMES_SAME);
    /* A title is dropped only before a name: "Sen. Bishop" is Bishop. */
    assert_int_equal(names_same_person("Sen. Bishop", "Carl Bishop"), NAMES_SAME);
    assert_int_equal(names_same_person("Hernán de la Vega", "de la Vega"), NAMES_SAME);
}

static void one_edit_is_a_spelling(void **state)
{
    (void)state;
    /* transposition, substitution, deletion and insertion */
    assert_int_equal(names_same_person("Marguerite Lacroix", "Margeurite Lacroix"), NAMES_SPELLING);
    assert_int_equal(names_same_person("Dmitri Volkonsky", "Dmitri Volkonski"), NAMES_SPELLING);
    assert_int_equal(names_same_person("Ingrid Halvorsen", "Ingrid Halvorsn"), NAMES_SPELLING);
    assert_int_equal(names_same_person("Ingrid Halvorsen", "Ingrid Hallvorsen"), NAMES_SPELLING);
    /* a surname alone, misspelled; accents fold before counting edits */
    assert_int_equal(names_same_person("Lacroux", "Marguerite Lacroix"), NAMES_SPELLING);
    assert_int_equal(names_same_person("Sofía Peñaloza", "Sofia Penalosa"), NAMES_SPELLING);
}

static void different_people(void **state)
{
    (void)state;
    assert_int_equal(names_same_person("Tomas Berg", "Lena Okafor"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("Ana Ruiz", "Ana Torres"), NAMES_DIFFERENT);
    /* short words: one letter is too often another name */
    assert_int_equal(names_same_person("Eva Lund", "Eva Land"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("Ola Berg", "Ole Berg"), NAMES_DIFFERENT);
    /* two edits, or a misspelling and another word changed */
    assert_int_equal(names_same_person("Marguerite Lacroix", "Margarethe Lacroix"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("Marguerite Lacroix", "Margeurite Delacroix"), NAMES_DIFFERENT);
    /* equal words are no misspelling of each other */
    assert_int_equal(names_same_person("Halvorsen", "Halvorsen Halvorsn"), NAMES_SAME);
    assert_int_equal(names_same_person(NULL, "Berg"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("", "Berg"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("Mr.", "Berg"), NAMES_DIFFERENT);
    assert_int_equal(names_same_person("\xff\xfe", "Berg"), NAMES_DIFFERENT);
}

static void proper_names(void **state)
{
    (void)state;
    assert_true(names_proper("Ana Ruiz"));
    assert_true(names_proper("Ángel Íñiguez"));
    assert_true(names_proper("Harbour Authority"));
    assert_true(names_proper("Berg"));
    assert_false(names_proper("a spokesman"));
    assert_false(names_proper("minister"));
    assert_false(names_proper("Meridian spokeswoman"));
    assert_false(names_proper("he"));
    assert_false(names_proper(""));
    assert_false(names_proper(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding_keeps_one_person),
        cmocka_unit_test(surnames_and_titles),
        cmocka_unit_test(one_edit_is_a_spelling),
        cmocka_unit_test(different_people),
        cmocka_unit_test(proper_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
