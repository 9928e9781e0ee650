/*
 * test_types_alias.c -- types.GenericAlias and types.UnionType
 * (src/types/genericalias.c): list[int], int | None and friends, as
 * annotations evaluate them, against CPython 3.11.
 *
 * Each case is a Python expression evaluated by python3 3.11.7; the
 * expected text is repr() of its value (or of the exception raised).
 */
#define PYFX_POOL /* S, I, F put their object in the pool that expect() releases */
#include "lang/support/pyfixture.h"

/* o[key] */
static py_obj *G(py_obj *o, py_obj *key) { return py_object_get_item(o, key); }
/* (a, b) kept */
static py_obj *P(py_obj *a, py_obj *b) { return keep(py_tuple_pack(2, a, b)); }

#define T_(info) (py_##info##_info.type_obj)

static void test_generic_alias(void **state)
{
    (void)state;
    py_obj *li = keep(G(T_(list), T_(long)));
    assert_int_equal(py_sys_getsizeof(li), 80);
    assert_true(rg_is_tracked(li));
    expect(py_new_ref(li), "list[int]"); /* (each expect releases the objects kept so far) */
    li = keep(G(T_(list), T_(long)));
    expect(G(T_(dict), P(T_(str), li)), "dict[str, list[int]]");
    expect(G(T_(tuple), py_empty_tuple), "tuple[()]");
    expect(G(T_(tuple), P(T_(long), py_ellipsis)), "tuple[int, ...]");
    expect(G(T_(list), S("x")), "list['x']");
    expect(G(T_(list), I(3)), "list[3]");
    expect(G(T_(type), T_(long)), "type[int]");
    expect_error(G(T_(str), T_(long)), "TypeError(\"type 'str' is not subscriptable\")");
    li = keep(G(T_(list), T_(long)));
    py_obj *li2 = keep(G(T_(list), T_(long)));
    assert_int_equal(py_object_rich_compare_bool(li, li2, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(li, T_(list), PY_EQ), 0);
    expect(py_new_ref(py_type_object_of_obj(li)), "<class 'types.GenericAlias'>");
    /* list[C] for a class of __main__; C | None. */
    py_obj *ns = keep(py_dict_new());
    py_dict_set_item(ns, py_id(__module__), py_id(__main__));
    py_obj *targs[3] = {S("C"), py_empty_tuple, ns};
    py_obj *C = keep(py_object_vectorcall(py_type_info.type_obj, targs, 3, NULL));
    expect(G(T_(list), C), "list[__main__.C]");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "__origin__"), "<class 'list'>");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "__args__"), "(<class 'int'>,)");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "__parameters__"), "()");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "__class__"), "<class 'types.GenericAlias'>");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "append"), "<method 'append' of 'list' objects>");
    expect(py_object_get_attr_string(keep(G(T_(list), T_(long))), "__module__"), "'builtins'");
    li = keep(G(T_(list), T_(long)));
    py_obj *l12 = keep(py_list_new(0));
    py_list_append(l12, I(1));
    py_list_append(l12, I(2));
    expect(py_object_call_one_arg(li, l12), "[1, 2]");
    li = keep(G(T_(list), T_(long)));
    expect(py_object_call_method_one_arg(li, keep(py_unicode_from_string("__mro_entries__")), P(li, li)),
           "(<class 'list'>,)");
    li = keep(G(T_(list), T_(long)));
    assert_true(py_object_hash(li) == (py_object_hash(T_(list)) ^ py_object_hash(keep(py_tuple_pack(1, T_(long))))));
    expect_error(G(li, T_(long)), "TypeError('list[int] is not a generic class')");
    li = keep(G(T_(list), T_(long)));
    assert_int_equal(py_object_is_instance(py_none, li), -1);
    expect(py_err_get_raised_exception(), "TypeError('isinstance() argument 2 cannot be a parameterized generic')");
}

static void test_union_type(void **state)
{
    (void)state;
    py_obj *u = keep(py_number_or(T_(long), py_none));
    expect(py_new_ref(u), "int | None");
    u = keep(py_number_or(T_(long), T_(str)));
    assert_int_equal(py_sys_getsizeof(u), 48);
    assert_true(rg_is_tracked(u));
    expect(py_new_ref(py_type_object_of_obj(u)), "<class 'types.UnionType'>");
    u = keep(py_number_or(T_(long), T_(str)));
    expect(py_object_get_attr_string(u, "__args__"), "(<class 'int'>, <class 'str'>)");
    u = keep(py_number_or(T_(long), T_(str)));
    expect(py_object_get_attr_string(u, "__module__"), "'types'");
    expect(py_number_or(py_none, T_(long)), "None | int");
    expect(py_number_or(T_(long), T_(long)), "<class 'int'>");
    py_obj *a = keep(py_number_or(T_(long), T_(str))), *b = keep(py_number_or(T_(str), T_(long)));
    assert_int_equal(py_object_rich_compare_bool(a, b, PY_EQ), 1);
    assert_true(py_object_hash(a) == py_object_hash(keep(py_frozenset_new(py_union_args(a)))));
    assert_int_equal(py_object_is_instance(I(3), a), 1);
    assert_int_equal(py_object_is_instance(py_none, keep(py_number_or(T_(long), py_none))), 1);
    assert_int_equal(py_object_is_subclass(T_(bool), a), 1);
    expect(py_number_or(keep(G(T_(list), T_(long))), py_none), "list[int] | None");
    /* Nested unions flatten; the order is the first appearance. */
    expect(py_number_or(keep(py_number_or(T_(long), T_(str))), keep(py_number_or(T_(float), T_(long)))),
           "int | str | float");
    expect_error(py_number_or(T_(long), I(3)), "TypeError(\"unsupported operand type(s) for |: 'type' and 'int'\")");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_generic_alias),
        PYFX_TEST(test_union_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
