/*
 * test_types_set.c -- set and frozenset (src/types/set.c) against CPython
 * 3.11.
 *
 * Every expected value comes from python3 (3.11.7), PYTHONHASHSEED=0 for
 * the str case (our str hash is SipHash-1-3 with key 0, CPython's hash under
 * that seed): sizes as a set grows (216 / 728 / 2264 / 8408, 472 for a set
 * built by one merge), iteration orders (which depend on the probing, the
 * dummy reuse, the resize points and on which operand an operation walks),
 * frozenset hashes, reprs, error messages, tracking.  The randomized test
 * replays, with the same linear congruential generator, a 6000-operation
 * script whose final repr, periodic sizes and popped elements were
 * recorded from python3.
 *
 * Each test runs on a fresh debug heap with its own interpreter; teardown
 * deletes the interpreter and requires the heap consistent and empty.
 */
#include "lang/support/pyfixture.h"

/* A set of the ints first, first+step, ... < stop. */
static py_obj *int_set(py_typeinfo *type, long first, long stop, long step)
{
    py_obj *s = ok(type == &py_set_info ? py_set_new(NULL) : py_frozenset_new(NULL));
    for (long v = first; v < stop; v += step) {
        py_obj *k = I(v);
        assert_int_equal(py_set_add(s, k), 0);
        rg_decref(k);
    }
    return s;
}

/* s.name(arg) */
static py_obj *call1(py_obj *s, const char *name, py_obj *arg)
{
    py_obj *n = S(name);
    py_obj *r = py_object_call_method_one_arg(s, n, arg);
    rg_decref(n);
    return r;
}

/* A list of the ints given (count first). */
static py_obj *int_list(int n, ...)
{
    py_obj *l = ok(py_list_new(0));
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) {
        py_obj *k = I(va_arg(va, long));
        assert_int_equal(py_list_append(l, k), 0);
        rg_decref(k);
    }
    va_end(va);
    return l;
}

/* ====================================================================== */
/* Sizes and tracking                                                      */
/* ====================================================================== */

static void test_set_sizes(void **state)
{
    (void)state;
    py_obj *s = ok(py_set_new(NULL));
    assert_int_equal(py_sys_getsizeof(s), 216);
    assert_true(rg_is_tracked(s));
    /* s.add(i) for i in range(100): sizes change after items 5, 19, 77. */
    for (long i = 0; i < 100; i++) {
        py_obj *k = I(i);
        assert_int_equal(py_set_add(s, k), 0);
        rg_decref(k);
        py_ssize_t expected = i < 4 ? 216 : i < 18 ? 728 : i < 76 ? 2264 : 8408;
        assert_int_equal(py_sys_getsizeof(s), expected);
    }
    /* Deleting never shrinks; clear() goes back to the inline table. */
    for (long i = 0; i < 100; i++) {
        py_obj *k = I(i);
        assert_int_equal(py_set_discard(s, k), 1);
        rg_decref(k);
    }
    assert_int_equal(py_sys_getsizeof(s), 8408);
    assert_int_equal(py_set_clear(s), 0);
    assert_int_equal(py_sys_getsizeof(s), 216);
    rg_decref(s);

    /* set(range(10)) minus everything: 728, the dummies stay. */
    s = int_set(&py_set_info, 0, 10, 1);
    for (long i = 0; i < 10; i++) {
        py_obj *k = I(i);
        assert_int_equal(py_set_discard(s, k), 1);
        rg_decref(k);
    }
    assert_int_equal(py_sys_getsizeof(s), 728);
    repr_is(py_new_ref(s), "set()");
    rg_decref(s);

    /* {1, 2, 3, 4, 5} is BUILD_SET + SET_UPDATE(frozenset): one merge,
     * resized to 16 slots: 472. */
    py_obj *f = int_set(&py_frozenset_info, 1, 6, 1);
    assert_int_equal(py_sys_getsizeof(f), 728);
    assert_true(rg_is_tracked(f));
    s = ok(py_set_new(NULL));
    assert_int_equal(py_set_update(s, f), 0);
    assert_int_equal(py_sys_getsizeof(s), 472);
    repr_is(py_new_ref(s), "{1, 2, 3, 4, 5}");
    rg_decref(s);
    rg_decref(f);

    /* The iterator: 64 bytes, tracked. */
    s = int_set(&py_set_info, 0, 3, 1);
    py_obj *it = ok(py_object_get_iter(s));
    assert_int_equal(py_sys_getsizeof(it), 64);
    assert_true(rg_is_tracked(it));
    repr_is(py_new_ref(py_type_object_of_obj(it)), "<class 'set_iterator'>");
    rg_decref(it);
    rg_decref(s);
}

/* ====================================================================== */
/* Order, algebra, hashes                                                  */
/* ====================================================================== */

static void test_set_order_and_algebra(void **state)
{
    (void)state;
    /* A deleted slot is reused by the next add that probes through it. */
    py_obj *s = int_set(&py_set_info, 0, 9, 8); /* {0, 8} */
    py_obj *zero = I(0), *sixteen = I(16);
    assert_int_equal(py_set_discard(s, zero), 1);
    assert_int_equal(py_set_add(s, sixteen), 0);
    repr_is(ok(py_sequence_list(s)), "[16, 8]");
    rg_decref(s);

    py_obj *a = int_set(&py_set_info, 0, 40, 3), *b = int_set(&py_set_info, 0, 40, 2);
    repr_is(py_number_and(a, b), "{0, 36, 6, 12, 18, 24, 30}");
    repr_is(py_number_and(b, a), "{0, 36, 6, 12, 18, 24, 30}");
    const char *uni = "{0, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 33, 34, "
                      "36, 38, 39}";
    repr_is(py_number_or(a, b), uni);
    repr_is(py_number_or(b, a), uni);
    repr_is(py_number_subtract(a, b), "{33, 3, 39, 9, 15, 21, 27}");
    repr_is(py_number_subtract(b, a), "{32, 2, 34, 4, 38, 8, 10, 14, 16, 20, 22, 26, 28}");
    const char *sym = "{2, 3, 4, 8, 9, 10, 14, 15, 16, 20, 21, 22, 26, 27, 28, 32, 33, 34, 38, 39}";
    repr_is(py_number_xor(a, b), sym);
    repr_is(py_number_xor(b, a), sym);
    py_obj *l = int_list(5, 30L, 12L, 0L, 6L, 99L);
    repr_is(call1(a, "intersection", l), "{0, 12, 30, 6}");
    rg_decref(l);
    l = int_list(4, 38L, 3L, 100L, 6L);
    repr_is(call1(a, "symmetric_difference", l), "{0, 33, 100, 36, 38, 39, 9, 12, 15, 18, 21, 24, 27, 30}");
    rg_decref(l);

    /* Comparisons. */
    py_obj *small = int_set(&py_set_info, 1, 3, 1), *big = int_set(&py_set_info, 1, 4, 1);
    py_obj *fsmall = int_set(&py_frozenset_info, 1, 3, 1);
    assert_int_equal(py_object_rich_compare_bool(small, big, PY_LT), 1);
    assert_int_equal(py_object_rich_compare_bool(big, small, PY_LT), 0);
    assert_int_equal(py_object_rich_compare_bool(big, small, PY_GE), 1);
    assert_int_equal(py_object_rich_compare_bool(small, fsmall, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(small, big, PY_NE), 1);
    assert_int_equal(py_sequence_contains(small, zero), 0);
    assert_int_equal(py_set_size(small), 2);

    /* A set key is looked up as the equal frozenset. */
    py_obj *holder = ok(py_set_new(NULL));
    assert_int_equal(py_set_add(holder, fsmall), 0);
    assert_int_equal(py_sequence_contains(holder, small), 1);
    repr_is(py_new_ref(holder), "{frozenset({1, 2})}");
    assert_int_equal(py_set_add(holder, small), -1);
    check_error("TypeError", "unhashable type: 'set'");
    repr_is(call1(holder, "remove", small), "None");
    assert_int_equal(py_set_size(holder), 0);

    /* Hashes (python3 3.11.7, 64-bit). */
    py_obj *empty = ok(py_frozenset_new(NULL));
    assert_true(py_object_hash(empty) == (py_hash_t)133146708735736LL);
    py_obj *f123 = int_set(&py_frozenset_info, 1, 4, 1);
    assert_true(py_object_hash(f123) == (py_hash_t)-272375401224217160LL);
    assert_int_equal(py_object_hash(small), -1);
    check_error("TypeError", "unhashable type: 'set'");
    /* frozenset(f) is f; f.copy() is f; set.copy() is new. */
    py_obj *same = ok(py_object_call_one_arg(py_frozenset_info.type_obj, f123));
    assert_ptr_equal(same, f123);
    rg_decref(same);
    py_obj *n = S("copy");
    same = ok(py_object_call_method_no_args(f123, n));
    assert_ptr_equal(same, f123);
    rg_decref(same);
    py_obj *copy = ok(py_object_call_method_no_args(small, n));
    assert_ptr_not_equal(copy, small);
    repr_is(copy, "{1, 2}");
    rg_decref(n);
    repr_is(py_new_ref(empty), "frozenset()");
    repr_is(py_new_ref(f123), "frozenset({1, 2, 3})");

    /* In-place operators keep the object. */
    py_obj *c = int_set(&py_set_info, 0, 5, 1);
    py_obj *r = ok(py_number_inplace_or(c, b));
    assert_ptr_equal(r, c);
    rg_decref(r);
    assert_int_equal(py_set_size(c), 22);

    rg_decref(c);
    rg_decref(empty);
    rg_decref(f123);
    rg_decref(holder);
    rg_decref(small);
    rg_decref(big);
    rg_decref(fsmall);
    rg_decref(a);
    rg_decref(b);
    rg_decref(zero);
    rg_decref(sixteen);
}

/* The str case: python3 with PYTHONHASHSEED=0. */
static void test_set_str_order(void **state)
{
    (void)state;
    const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"};
    py_obj *l = ok(py_list_new(0));
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        py_obj *w = S(words[i]);
        assert_int_equal(py_list_append(l, w), 0);
        rg_decref(w);
    }
    py_obj *s = ok(py_object_call_one_arg(py_set_info.type_obj, l));
    repr_is(py_new_ref(s), "{'brown', 'fox', 'the', 'over', 'quick', 'jumps', 'lazy', 'dog'}");
    py_obj *f = ok(py_frozenset_new(s));
    repr_is(py_new_ref(f), "frozenset({'brown', 'fox', 'the', 'over', 'quick', 'jumps', 'lazy', 'dog'})");
    assert_true(py_object_hash(f) == (py_hash_t)-546388362226743484LL);
    rg_decref(f);
    rg_decref(s);
    rg_decref(l);
}

/* ====================================================================== */
/* Errors, subclasses, references                                          */
/* ====================================================================== */

static void test_set_errors_and_subclass(void **state)
{
    (void)state;
    py_obj *s = ok(py_set_new(NULL));
    py_obj *l = ok(py_list_new(0));
    assert_int_equal(py_set_add(s, l), -1);
    check_error("TypeError", "unhashable type: 'list'");
    assert_null(py_set_pop(s));
    check_error("KeyError", "'pop from an empty set'");
    py_obj *two = I(2);
    assert_null(call1(s, "remove", two));
    check_error("KeyError", "2");
    assert_null(py_number_add(s, s));
    check_error("TypeError", "unsupported operand type(s) for +: 'set' and 'set'");
    assert_null(py_number_or(s, l));
    check_error("TypeError", "unsupported operand type(s) for |: 'set' and 'list'");
    assert_null(py_object_call_one_arg(py_set_info.type_obj, two));
    check_error("TypeError", "'int' object is not iterable");
    py_obj *args[2] = {l, l};
    assert_null(py_object_vectorcall(py_set_info.type_obj, args, 2, NULL));
    check_error("TypeError", "set expected at most 1 argument, got 2");

    /* Changing the size while iterating. */
    assert_int_equal(py_set_add(s, two), 0);
    py_obj *it = ok(py_object_get_iter(s));
    py_obj *three = I(3);
    assert_int_equal(py_set_add(s, three), 0);
    assert_null(py_iter_next(it));
    check_error("RuntimeError", "Set changed size during iteration");
    rg_decref(it);

    /* An equal key already present stays; the new one is not kept. */
    py_obj *big1 = I(1000000), *big2 = I(1000000);
    assert_int_equal(py_set_add(s, big1), 0);
    intptr_t rc2 = big2->refcnt;
    assert_int_equal(py_set_add(s, big2), 0);
    assert_int_equal(big2->refcnt, rc2);
    assert_int_equal(py_set_size(s), 3);

    /* class S(set): pass -- repr with the name; operators give sets. */
    py_obj *bases = ok(py_tuple_pack(1, py_set_info.type_obj));
    py_obj *ns = ok(py_dict_new());
    assert_int_equal(py_dict_set_item(ns, py_id(__module__), py_id(__main__)), 0);
    py_obj *name = S("S");
    py_obj *targs[3] = {name, bases, ns};
    py_obj *cls = ok(py_object_vectorcall(py_type_info.type_obj, targs, 3, NULL));
    py_obj *one_list = int_list(1, 1L);
    py_obj *sub = ok(py_object_call_one_arg(cls, one_list));
    repr_is(py_new_ref(sub), "S({1})");
    assert_true(py_set_check(sub) && !py_set_check_exact(sub));
    py_obj *u = ok(py_number_or(sub, s));
    assert_true(py_set_check_exact(u));
    rg_decref(u);
    py_obj *empty_sub = ok(py_object_call_no_args(cls));
    repr_is(empty_sub, "S()");
    rg_decref(sub);
    rg_decref(one_list);
    rg_decref(cls);
    rg_decref(name);
    rg_decref(ns);
    rg_decref(bases);

    rg_decref(big1);
    rg_decref(big2);
    rg_decref(three);
    rg_decref(two);
    rg_decref(l);
    rg_decref(s);
}

/* ====================================================================== */
/* Dict views as sets (dictobject.c's dictviews_* on set.c)                */
/* ====================================================================== */

/* {i: f(i) for i in range(lo, hi)}, f = square or identity. */
static py_obj *int_dict(long lo, long hi, int square)
{
    py_obj *d = ok(py_dict_new());
    for (long i = lo; i < hi; i++) {
        py_obj *k = I(i), *v = I(square ? i * i : i);
        assert_int_equal(py_dict_set_item(d, k, v), 0);
        rg_decref(k);
        rg_decref(v);
    }
    return d;
}

static void test_dict_views_as_sets(void **state)
{
    (void)state;
    py_obj *d = int_dict(0, 10, 1), *e = int_dict(5, 15, 0);
    py_obj *k = ok(py_dict_keys_view(d)), *ke = ok(py_dict_keys_view(e));
    py_obj *di = ok(py_dict_items_view(d)), *ei = ok(py_dict_items_view(e));
    repr_is(py_number_and(k, ke), "{5, 6, 7, 8, 9}");
    repr_is(py_number_or(k, ke), "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}");
    repr_is(py_number_subtract(k, ke), "{0, 1, 2, 3, 4}");
    repr_is(py_number_xor(k, ke), "{0, 1, 2, 3, 4, 10, 11, 12, 13, 14}");
    py_obj *s = int_set(&py_set_info, 3, 6, 2); /* {3, 5} */
    py_obj *forty = I(40);
    assert_int_equal(py_set_add(s, forty), 0);
    repr_is(py_number_and(k, s), "{3, 5}");
    repr_is(py_number_and(s, k), "{3, 5}");
    py_obj *l = int_list(3, 9L, 3L, 100L);
    repr_is(py_number_and(k, l), "{9, 3}");
    rg_decref(l);
    l = int_list(2, 1L, 2L);
    repr_is(py_number_subtract(k, l), "{0, 3, 4, 5, 6, 7, 8, 9}");
    rg_decref(l);
    /* The items' symmetric difference: order by tuple hashes. */
    repr_is(py_number_xor(di, ei),
            "{(8, 64), (6, 36), (5, 25), (9, 81), (11, 11), (7, 7), (12, 12), (3, 9), (8, 8), (2, 4), (7, 49), "
            "(13, 13), (4, 16), (5, 5), (14, 14), (9, 9), (0, 0), (1, 1), (10, 10), (6, 6)}");
    repr_is(py_number_and(di, ei), "set()");
    /* Comparisons with sets and views. */
    py_obj *r10 = int_set(&py_set_info, 0, 10, 1), *r11 = int_set(&py_set_info, 0, 11, 1);
    assert_int_equal(py_object_rich_compare_bool(k, r10, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(k, r11, PY_LT), 1);
    assert_int_equal(py_object_rich_compare_bool(k, ke, PY_EQ), 0);
    assert_int_equal(py_object_rich_compare_bool(di, ei, PY_EQ), 0);
    repr_is(call1(k, "isdisjoint", ke), "False");
    l = int_list(1, 100L);
    repr_is(call1(k, "isdisjoint", l), "True");
    rg_decref(l);
    py_obj *v = ok(py_dict_values_view(d));
    assert_null(py_number_and(v, s));
    check_error("TypeError", "unsupported operand type(s) for &: 'dict_values' and 'set'");
    rg_decref(v);
    rg_decref(r10);
    rg_decref(r11);
    rg_decref(forty);
    rg_decref(s);
    rg_decref(k);
    rg_decref(ke);
    rg_decref(di);
    rg_decref(ei);
    rg_decref(d);
    rg_decref(e);
}

/* ====================================================================== */
/* Randomized script against python3's recorded results                    */
/* ====================================================================== */

static void test_set_random_script(void **state)
{
    (void)state;
    /* The python3 side (PYTHONHASHSEED irrelevant: int keys):
     *   x = 12345; s = set()
     *   for n in range(6000):
     *       x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
     *       op = (x >> 33) % 8; key = (x >> 40) % 300 - 60
     *       if op < 4: s.add(key)
     *       elif op < 7: s.discard(key)
     *       elif s: pops.append(s.pop())
     *       if n % 400 == 399: sizes.append(sys.getsizeof(s)) */
    static const char *expected_repr =
        "{4, 206, 16, 22, 31, 39, 8, 36, 44, 41, 224, 46, 47, 49, 124, 50, 112, 54, 55, 57, 226, 60, 12, 104, "
        "65, 90, 71, 69, 78, 70, 15, 219, 76, 117, 118, 77, 84, 220, 88, 227, 85, 17, 221, 89, -57, 92, 21, 19, "
        "97, 106, 110, 122, 115, 132, 140, 141, 139, 231, 143, 29, 9, 152, 156, 128, 154, -60, 0, 157, 159, 32, "
        "162, 164, 166, 33, 135, 107, 228, 127, 172, 136, 184, 109, 235, 238, -37, 174, -29, 73, 120, -8, 93, "
        "-44, -43, 100, 94, -40, -39, 197, -30, 95, -7, 20, -6, -26, -27, -21, -20, -25, -4, -18, -16, -24, -22, "
        "199, 201, -19, 101, 202, -11, -14, -13, -10, -1}";
    static const long expected_first_pops[10] = {-37, -20, 101, 42, 80, 145, 146, 81, 85, -39};
    py_obj *s = ok(py_set_new(NULL));
    uint64_t x = 12345;
    long pop_sum = 0, npops = 0;
    int nsizes = 0;
    for (int n = 0; n < 6000; n++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned op = (unsigned)((x >> 33) % 8);
        py_obj *key = I((long)((x >> 40) % 300) - 60);
        if (op < 4) {
            assert_int_equal(py_set_add(s, key), 0);
        } else if (op < 7) {
            assert_true(py_set_discard(s, key) >= 0);
        } else if (py_set_size(s) > 0) {
            py_obj *p = ok(py_set_pop(s));
            long v = py_long_as_long(p);
            if (npops < 10) assert_int_equal(v, expected_first_pops[npops]);
            pop_sum += v;
            npops++;
            rg_decref(p);
        }
        rg_decref(key);
        if (n % 400 == 399) {
            assert_int_equal(py_sys_getsizeof(s), nsizes == 0 ? 4312 : 8408);
            nsizes++;
        }
    }
    assert_int_equal(npops, 775);
    assert_int_equal(pop_sum, 73812);
    repr_is(s, expected_repr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_set_sizes),
        PYFX_TEST(test_set_order_and_algebra),
        PYFX_TEST(test_set_str_order),
        PYFX_TEST(test_set_errors_and_subclass),
        PYFX_TEST(test_dict_views_as_sets),
        PYFX_TEST(test_set_random_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
