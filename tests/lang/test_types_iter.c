/*
 * test_types_iter.c -- the builtins' iterator types (src/types/
 * builtin_iters.c: enumerate, reversed, zip, map, filter) and dict reverse
 * iteration (dicttype.c) against CPython 3.11.
 *
 * Each case is a Python expression evaluated by python3 3.11.7; the
 * expected text is repr() of its value (or of the exception raised).  The
 * C side calls the type objects through the call protocol (vectorcall or
 * the args tuple, as CPython does for each) and lists the results.
 */
#define PYFX_POOL /* S, I, F put their object in the pool that expect() releases */
#include "lang/support/pyfixture.h"

/* list(o) (o kept in the pool). */
static py_obj *L(py_obj *o)
{
    if (o == NULL) return NULL;
    keep(o);
    return py_sequence_list(o);
}

/* A list of the ints given. */
static py_obj *IL(int n, ...)
{
    py_obj *l = keep(py_list_new(0));
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) py_list_append(l, I(va_arg(va, long)));
    va_end(va);
    return l;
}

/* type(*args, **{kw: kwval}) through vectorcall (kw NULL: none). */
static py_obj *C(py_typeinfo *t, int n, py_obj *a0, py_obj *a1, py_obj *a2, const char *kw, py_obj *kwval)
{
    py_obj *args[4] = {a0, a1, a2, NULL};
    py_obj *kwnames = NULL;
    if (kw != NULL) {
        args[n] = kwval;
        kwnames = keep(py_tuple_pack(1, S(kw)));
    }
    return py_object_vectorcall(t->type_obj, args, (size_t)n, kwnames);
}

/* [0, 1, 2, '', None, 3] (kept in the pool). */
static py_obj *filter_input(void)
{
    py_obj *l = keep(py_list_new(0));
    py_obj *items[6] = {I(0), I(1), I(2), S(""), py_none, I(3)};
    for (int i = 0; i < 6; i++) py_list_append(l, items[i]);
    return l;
}

static void test_builtin_iterators(void **state)
{
    (void)state;
    py_obj *e = keep(C(&py_enum_info, 1, IL(0), NULL, NULL, NULL, NULL));
    assert_int_equal(py_sys_getsizeof(e), 72);
    assert_true(rg_is_tracked(e));
    expect(py_new_ref(py_type_object_of_obj(e)), "<class 'enumerate'>");
    expect(L(C(&py_enum_info, 2, S("ab"), I(-1), NULL, NULL, NULL)), "[(-1, 'a'), (0, 'b')]");
    expect(L(C(&py_enum_info, 1, S("ab"), NULL, NULL, "start", I(5))), "[(5, 'a'), (6, 'b')]");
    py_obj *big = keep(py_number_lshift(I(1), I(63)));
    expect(L(C(&py_enum_info, 2, S("ab"), big, NULL, NULL, NULL)),
           "[(9223372036854775808, 'a'), (9223372036854775809, 'b')]");
    expect_error(C(&py_enum_info, 0, NULL, NULL, NULL, NULL, NULL),
                 "TypeError(\"enumerate() missing required argument 'iterable'\")");
    expect_error(C(&py_enum_info, 0, NULL, NULL, NULL, "start", I(1)),
                 "TypeError(\"'start' is an invalid keyword argument for enumerate()\")");
    expect_error(C(&py_enum_info, 3, IL(0), I(1), I(2), NULL, NULL),
                 "TypeError('enumerate() takes at most 2 arguments (3 given)')");
    expect_error(C(&py_enum_info, 2, IL(0), F(1.5), NULL, NULL, NULL),
                 "TypeError(\"'float' object cannot be interpreted as an integer\")");

    py_obj *z = keep(C(&py_zip_info, 0, NULL, NULL, NULL, NULL, NULL));
    assert_int_equal(py_sys_getsizeof(z), 64);
    expect(L(py_new_ref(z)), "[]");
    expect(L(C(&py_zip_info, 2, S("ab"), IL(3, 1L, 2L, 3L), NULL, NULL, NULL)), "[('a', 1), ('b', 2)]");
    expect_error(L(C(&py_zip_info, 2, IL(2, 1L, 2L), IL(1, 3L), NULL, "strict", py_true)),
                 "ValueError('zip() argument 2 is shorter than argument 1')");
    expect_error(L(C(&py_zip_info, 2, IL(1, 1L), IL(2, 3L, 4L), NULL, "strict", py_true)),
                 "ValueError('zip() argument 2 is longer than argument 1')");
    expect_error(L(C(&py_zip_info, 3, IL(1, 1L), IL(1, 2L), IL(2, 3L, 4L), "strict", py_true)),
                 "ValueError('zip() argument 3 is longer than arguments 1-2')");
    expect_error(C(&py_zip_info, 1, I(1), NULL, NULL, NULL, NULL), "TypeError(\"'int' object is not iterable\")");
    /* The result tuple is recycled once the caller dropped it. */
    py_obj *zz = keep(C(&py_zip_info, 2, IL(2, 1L, 2L), IL(2, 3L, 4L), NULL, NULL, NULL));
    py_obj *t1 = py_iter_next(zz);
    rg_decref(t1);
    py_obj *t2 = py_iter_next(zz);
    assert_ptr_equal(t1, t2);
    expect(t2, "(2, 4)");

    py_obj *m = keep(C(&py_map_info, 2, py_type_object_of_obj(S("")), IL(0), NULL, NULL, NULL));
    assert_int_equal(py_sys_getsizeof(m), 48);
    expect(L(C(&py_map_info, 2, py_type_object_of_obj(I(0)), S("12"), NULL, NULL, NULL)), "[1, 2]");
    expect_error(C(&py_map_info, 1, py_none, NULL, NULL, NULL, NULL),
                 "TypeError('map() must have at least two arguments.')");
    expect_error(C(&py_map_info, 2, py_none, I(1), NULL, NULL, NULL), "TypeError(\"'int' object is not iterable\")");

    expect(L(C(&py_filter_info, 2, py_none, filter_input(), NULL, NULL, NULL)), "[1, 2, 3]");
    expect(L(C(&py_filter_info, 2, py_bool_info.type_obj, filter_input(), NULL, NULL, NULL)), "[1, 2, 3]");
    py_obj *f = keep(C(&py_filter_info, 2, py_none, filter_input(), NULL, NULL, NULL));
    assert_int_equal(py_sys_getsizeof(f), 48);
    expect_error(C(&py_filter_info, 1, py_none, NULL, NULL, NULL, NULL),
                 "TypeError('filter expected 2 arguments, got 1')");

    py_obj *r = keep(C(&py_reversed_info, 1, IL(1, 1L), NULL, NULL, NULL, NULL));
    expect(py_new_ref(py_type_object_of_obj(r)), "<class 'list_reverseiterator'>");
    py_obj *rt = keep(C(&py_reversed_info, 1, keep(py_tuple_pack(1, I(1))), NULL, NULL, NULL, NULL));
    assert_int_equal(py_sys_getsizeof(rt), 48);
    expect(py_new_ref(py_type_object_of_obj(rt)), "<class 'reversed'>");
    expect(L(C(&py_reversed_info, 1, S("abc"), NULL, NULL, NULL, NULL)), "['c', 'b', 'a']");
    expect_error(C(&py_reversed_info, 1, I(1), NULL, NULL, NULL, NULL), "TypeError(\"'int' object is not reversible\")");
    expect_error(C(&py_reversed_info, 2, IL(0), IL(0), NULL, NULL, NULL),
                 "TypeError('reversed expected 1 argument, got 2')");
}

static void test_dict_reversed(void **state)
{
    (void)state;
    /* d = {1:1, 2:2, 3:3}; del d[2]; d[4] = 4 */
    py_obj *d = py_dict_new(); /* held across the cases, released at the end */
    for (long k = 1; k <= 3; k++) py_dict_set_item(d, I(k), I(k));
    py_dict_del_item(d, I(2));
    py_dict_set_item(d, I(4), I(4));
    expect(L(C(&py_reversed_info, 1, d, NULL, NULL, NULL, NULL)), "[4, 3, 1]");
    expect(L(C(&py_reversed_info, 1, keep(py_dict_items_view(d)), NULL, NULL, NULL, NULL)),
           "[(4, 4), (3, 3), (1, 1)]");
    expect(L(C(&py_reversed_info, 1, keep(py_dict_values_view(d)), NULL, NULL, NULL, NULL)), "[4, 3, 1]");
    py_obj *it = keep(C(&py_reversed_info, 1, keep(py_dict_items_view(d)), NULL, NULL, NULL, NULL));
    expect(py_new_ref(py_type_object_of_obj(it)), "<class 'dict_reverseitemiterator'>");
    py_obj *rk = keep(C(&py_reversed_info, 1, d, NULL, NULL, NULL, NULL));
    py_dict_set_item(d, I(5), I(5));
    expect_error(py_iter_next(rk), "RuntimeError('dictionary changed size during iteration')");
    py_obj *hint = keep(C(&py_reversed_info, 1, d, NULL, NULL, NULL, NULL));
    py_obj *name = S("__length_hint__");
    expect(py_object_call_method_no_args(hint, name), "4");
    py_obj *empty = keep(py_dict_new());
    expect(L(C(&py_reversed_info, 1, empty, NULL, NULL, NULL, NULL)), "[]");
    rg_decref(d);
}

/* A chain of n iterators of type t around iter([1]) (new reference):
 * map(int, ...), zip(...), filter(None, ...), enumerate(...). */
static py_obj *chain(py_typeinfo *t, long n)
{
    py_obj *it = py_object_get_iter(IL(1, 1L));
    py_obj *func = t == &py_map_info ? py_type_object_of_obj(I(0)) : py_none;
    for (long i = 0; i < n && it != NULL; i++) {
        py_obj *next = t == &py_map_info || t == &py_filter_info ? C(t, 2, func, it, NULL, NULL, NULL)
                                                                  : C(t, 1, it, NULL, NULL, NULL, NULL);
        rg_decref(it);
        it = next;
    }
    assert_non_null(it);
    return it;
}

/* CPython 3.11 overflows the C stack on these (hostile 090-093, a million
 * deep; 300 000 overflow 8 MiB too); refgc
 * raises RecursionError (py_c_stack_check) and leaves the recursion
 * counter as it was.  Shallow chains still work. */
static void test_deep_chains(void **state)
{
    (void)state;
    int remaining = py_current->recursion_remaining;
    py_typeinfo *types[4] = {&py_map_info, &py_zip_info, &py_filter_info, &py_enum_info};
    const char *shallow[4] = {"1", "((((((((((1,),),),),),),),),),)", "1", NULL};
    for (int k = 0; k < 4; k++) {
        py_obj *deep = keep(chain(types[k], 300000));
        expect_error(py_iter_next(deep), "RecursionError('maximum recursion depth exceeded')");
        if (shallow[k] != NULL) expect(py_iter_next(keep(chain(types[k], 10))), shallow[k]);
    }
    py_obj *t = I(1);
    rg_incref(t);
    for (long i = 0; i < 300000; i++) {
        py_obj *nt = py_tuple_pack(1, t);
        assert_non_null(nt);
        rg_decref(t);
        t = nt;
    }
    keep(t);
    assert_int_equal(py_object_hash(t), -1);
    expect_error(NULL, "RecursionError('maximum recursion depth exceeded')");
    assert_int_equal(py_current->recursion_remaining, remaining);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_builtin_iterators),
        PYFX_TEST(test_dict_reversed),
        PYFX_TEST(test_deep_chains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
