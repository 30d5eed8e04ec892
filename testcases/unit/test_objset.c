/* test_objset.c — the immutable sorted sets of object ids the stack-escape checker's path states are made of:
 * membership, order, sharing (an update never changes a set another state still holds), union and equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "objset.h"

static void assert_items(objset s, const uint32_t *want, uint32_t n) {
    assert_int_equal(s.n, n);
    for (uint32_t i = 0; i < n; i++)
        assert_int_equal(s.items[i], want[i]);
}

static void test_with_keeps_order_and_shares(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    objset empty = {0};
    assert_true(objset_empty(empty));
    objset s = objset_with(&a, empty, 40);
    s = objset_with(&a, s, 3);
    s = objset_with(&a, s, 4000);
    s = objset_with(&a, s, 17);
    assert_items(s, (const uint32_t[]){3, 17, 40, 4000}, 4);
    /* already there: the very same set comes back, nothing allocated */
    objset again = objset_with(&a, s, 17);
    assert_ptr_equal(again.items, s.items);
    assert_int_equal(again.n, s.n);
    /* an update leaves the original alone: copies of a path state share their sets */
    objset bigger = objset_with(&a, s, 20);
    assert_items(s, (const uint32_t[]){3, 17, 40, 4000}, 4);
    assert_items(bigger, (const uint32_t[]){3, 17, 20, 40, 4000}, 5);
    assert_true(objset_has(bigger, 20));
    assert_false(objset_has(s, 20));
    assert_false(objset_has(s, 0));
    assert_false(objset_has(empty, 3));
    arena_free(&a);
}

static void test_union_equal_intersects(void **state) {
    (void)state;
    arena a;
    arena_init(&a);
    objset x = {0}, y = {0};
    for (uint32_t o = 0; o < 10; o += 2)
        x = objset_with(&a, x, o); /* 0 2 4 6 8 */
    for (uint32_t o = 5; o < 10; o++)
        y = objset_with(&a, y, o); /* 5 6 7 8 9 */
    objset u = objset_union(&a, x, y);
    assert_items(u, (const uint32_t[]){0, 2, 4, 5, 6, 7, 8, 9}, 8);
    assert_items(x, (const uint32_t[]){0, 2, 4, 6, 8}, 5);
    assert_true(objset_intersects(x, y));
    assert_false(objset_intersects(x, (objset){(const uint32_t[]){1, 3, 9}, 3}));
    /* a subset on either side returns the other set itself */
    objset sub = objset_with(&a, (objset){0}, 6);
    assert_ptr_equal(objset_union(&a, x, sub).items, x.items);
    assert_ptr_equal(objset_union(&a, sub, x).items, x.items);
    assert_ptr_equal(objset_union(&a, (objset){0}, y).items, y.items);
    /* equality is by contents */
    objset y2 = {0};
    for (uint32_t o = 9; o >= 5; o--)
        y2 = objset_with(&a, y2, o);
    assert_true(objset_equal(y, y2));
    assert_false(objset_equal(x, y));
    assert_true(objset_equal((objset){0}, (objset){0}));
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_with_keeps_order_and_shares),
        cmocka_unit_test(test_union_equal_intersects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
