/*
 * test_types.c -- the Python object layer's foundation (src/types/)
 * against CPython 3.11.
 *
 * Every expected value comes from python3 (3.11.7) or from the spec
 * (shared/spec/cpython-3.11-memory.md, oracles 07, 08, 23, 24), never from
 * this implementation: sizes of objects, dict growth, the collector's
 * tracking rules, generation-0 counts of class creation, reprs and
 * messages of exceptions and operators, MRO order and errors.  Python-level
 * functions are the front end's, so dunders are C method descriptors here
 * (they take the same unbound-call path as functions).
 *
 * Each test runs on a fresh debug heap with its own interpreter; teardown
 * deletes the interpreter and requires the heap consistent and empty (no
 * leaked reference survives).  The randomized dict test checks lookups,
 * order, sizes and geometry against an independent model, fixed seed.
 */
#include "lang/support/pyfixture.h"
#include "support/xoshiro.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* sys.getsizeof(o); consumes o. */
static py_ssize_t sizeof_of(py_obj *o)
{
    ok(o);
    py_ssize_t n = py_sys_getsizeof(o);
    assert_false(n == -1 && py_err_occurred());
    rg_decref(o);
    return n;
}

static long gen0(void)
{
    long c[3];
    rg_gc_get_count(py_heap(), c);
    return c[0];
}

/* ====================================================================== */
/* Sizes (oracle 23)                                                       */
/* ====================================================================== */

static void test_sizes(void **state)
{
    (void)state;
    py_obj *none1 = py_list_new(1);
    py_list_set_item(none1, 0, py_new_ref(py_none));
    py_obj *three = I(3);
    assert_int_equal(sizeof_of(py_list_new(0)), 56);
    assert_int_equal(sizeof_of(py_number_multiply(none1, three)), 80);
    assert_int_equal(sizeof_of(py_new_ref(py_empty_tuple)), 40);
    assert_int_equal(sizeof_of(py_tuple_pack(1, three)), 48);
    assert_int_equal(sizeof_of(py_tuple_pack(3, three, three, three)), 64);
    assert_int_equal(sizeof_of(py_dict_new()), 64);
    assert_int_equal(sizeof_of(I(0)), 28);
    assert_int_equal(sizeof_of(I(1)), 28);
    assert_int_equal(sizeof_of(I(1L << 30)), 32);
    assert_int_equal(sizeof_of(py_long_from_long_long(1LL << 60)), 36);
    assert_int_equal(sizeof_of(py_new_ref(py_true)), 28);
    assert_int_equal(sizeof_of(py_float_from_double(1.0)), 24);
    assert_int_equal(sizeof_of(S("")), 49);
    assert_int_equal(sizeof_of(S("a")), 50);
    assert_int_equal(sizeof_of(S("aaaaaaaaaa")), 59);
    py_obj *a = S("a"), *hundred = I(100);
    assert_int_equal(sizeof_of(py_number_multiply(a, hundred)), 149);
    assert_int_equal(sizeof_of(S("\xc3\xa9")), 74);          /* '\xe9' */
    assert_int_equal(sizeof_of(S("\xe2\x82\xac")), 76);      /* '\u20ac' */
    assert_int_equal(sizeof_of(S("\xf0\x9f\x98\x80")), 80);  /* '\U0001F600' */
    assert_int_equal(sizeof_of(py_object_call_no_args(py_object_info.type_obj)), 16);
    assert_int_equal(sizeof_of(py_new_ref(py_none)), 16);
    /* Classes: a plain instance is 56, a __slots__ = () one 32. */
    py_obj *C = main_class("C", py_empty_tuple, NULL, 0);
    assert_int_equal(sizeof_of(py_object_call_no_args(C)), 56);
    assert_int_equal(sizeof_of(py_new_ref(C)), 1688);
    py_obj *ns = py_dict_new();
    py_dict_set_item(ns, py_id(__slots__), py_empty_tuple);
    py_obj *Sl = make_class("S", py_empty_tuple, ns);
    assert_int_equal(sizeof_of(py_object_call_no_args(Sl)), 32);
    /* Exceptions: 88; StopIteration and SystemExit add a field. */
    assert_int_equal(sizeof_of(py_object_call_no_args(py_exc_KeyError_info.type_obj)), 88);
    assert_int_equal(sizeof_of(py_object_call_one_arg(py_exc_StopIteration_info.type_obj, three)), 96);
    assert_int_equal(sizeof_of(py_new_ref(py_long_info.type_obj)), 424);
    rg_decref(ns);
    rg_decref(Sl);
    rg_decref(C);
    rg_decref(a);
    rg_decref(hundred);
    rg_decref(none1);
    rg_decref(three);
}

/* ====================================================================== */
/* Dict growth (oracle 24)                                                 */
/* ====================================================================== */

/* Record (len, size) each time sys.getsizeof(d) changes over 50 inserts. */
static void dict_steps(int str_keys, const long expected[][2], int nexpected)
{
    py_obj *d = py_dict_new();
    long prev = (long)py_sys_getsizeof(d);
    int n = 0;
    assert_int_equal(0, expected[n][0]);
    assert_int_equal(prev, expected[n][1]);
    n++;
    for (long i = 0; i < 50; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "k%ld", i);
        py_obj *k = str_keys ? S(buf) : I(i), *v = I(i);
        assert_int_equal(py_dict_set_item(d, k, v), 0);
        rg_decref(k);
        rg_decref(v);
        long s = (long)py_sys_getsizeof(d);
        if (s != prev) {
            assert_true(n < nexpected);
            assert_int_equal(py_dict_size(d), expected[n][0]);
            assert_int_equal(s, expected[n][1]);
            prev = s;
            n++;
        }
    }
    assert_int_equal(n, nexpected);
    rg_decref(d);
}

static void test_dict_growth(void **state)
{
    (void)state;
    static const long int_keys[][2] = {{0, 64}, {1, 224}, {6, 352}, {11, 632}, {22, 1168}, {43, 2264}};
    static const long str_keys[][2] = {{0, 64}, {1, 184}, {6, 272}, {11, 464}, {22, 832}, {43, 1584}};
    dict_steps(0, int_keys, 6);
    dict_steps(1, str_keys, 6);
    /* Deleting never shrinks; clear() goes back to the shared empty keys. */
    py_obj *d = py_dict_new();
    for (long i = 0; i < 100; i++) {
        py_obj *k = I(i);
        py_dict_set_item(d, k, k);
        rg_decref(k);
    }
    assert_int_equal(py_sys_getsizeof(d), 4688);
    for (long i = 0; i < 100; i++) {
        py_obj *k = I(i);
        assert_int_equal(py_dict_del_item(d, k), 0);
        rg_decref(k);
    }
    assert_int_equal(py_sys_getsizeof(d), 4688);
    py_dict_clear(d);
    assert_int_equal(py_sys_getsizeof(d), 64);
    /* A missing key: KeyError with the key's repr. */
    py_obj *k = S("nope");
    assert_int_equal(py_dict_del_item(d, k), -1);
    check_error("KeyError", "'nope'");
    rg_decref(k);
    rg_decref(d);
}

/* ====================================================================== */
/* Tracking (oracles 07, 08)                                               */
/* ====================================================================== */

static void test_tuple_untracking(void **state)
{
    rg_heap *h = *state;
    rg_collect(h, 2);
    py_obj *a = I(1), *b = I(2);
    py_obj *t = py_tuple_pack(2, a, b);
    assert_true(rg_is_tracked(t));
    rg_collect(h, 0);
    assert_false(rg_is_tracked(t));
    py_obj *l = py_list_new(0), *d = py_dict_new();
    py_obj *t2 = py_tuple_pack(2, a, l), *t3 = py_tuple_pack(2, a, d);
    py_obj *inner = py_tuple_pack(2, a, b), *outer = py_tuple_pack(2, inner, a);
    rg_collect(h, 2);
    assert_true(rg_is_tracked(t2));
    assert_true(rg_is_tracked(t3));
    assert_false(rg_is_tracked(inner));
    assert_false(rg_is_tracked(outer));
    assert_false(rg_is_tracked(py_empty_tuple));
    rg_decref(t);
    rg_decref(t2);
    rg_decref(t3);
    rg_decref(inner);
    rg_decref(outer);
    rg_decref(l);
    rg_decref(d);
    rg_decref(a);
    rg_decref(b);
}

static void test_dict_tracking(void **state)
{
    rg_heap *h = *state;
    rg_collect(h, 2);
    py_obj *d = py_dict_new(), *k = S("k"), *one = I(1), *l = py_list_new(0);
    assert_false(rg_is_tracked(d));
    py_dict_set_item(d, k, one);
    assert_false(rg_is_tracked(d));
    py_dict_set_item(d, k, l);
    assert_true(rg_is_tracked(d));
    py_dict_set_item(d, k, one);
    assert_true(rg_is_tracked(d));
    rg_collect(h, 0);
    assert_true(rg_is_tracked(d));
    rg_collect(h, 1);
    assert_true(rg_is_tracked(d));
    rg_collect(h, 2);
    assert_false(rg_is_tracked(d));
    /* A key that is an untracked tuple keeps it untracked. */
    py_obj *two = I(2), *tk = py_tuple_pack(2, one, two), *three = I(3);
    rg_collect(h, 0);
    assert_false(rg_is_tracked(tk));
    py_dict_set_item(d, tk, three);
    assert_false(rg_is_tracked(d));
    /* {} as a value: an untracked dict may still be tracked: tracks. */
    py_obj *e = py_dict_new();
    py_dict_set_item(d, two, e);
    assert_true(rg_is_tracked(d));
    rg_decref(e);
    rg_decref(d);
    rg_decref(k);
    rg_decref(one);
    rg_decref(two);
    rg_decref(three);
    rg_decref(tk);
    rg_decref(l);
}

/* ====================================================================== */
/* Classes: creation counts, attributes, MRO                               */
/* ====================================================================== */

/* CPython 3.11, after gc.collect() with gc disabled: type('C', (), {})
 * adds 10 to the generation-0 count, type('D', (C,), {}) 6, C() 1,
 * c.x = 1 nothing, vars(c) 1: the 1-tuple of arguments of vars (a
 * METH_VARARGS builtin); the 296-byte dict comes from the free list. */
static void test_class_creation_counts(void **state)
{
    rg_heap *h = *state;
    rg_collect(h, 2);
    rg_gc_disable(h);
    long c0 = gen0();
    py_obj *ns = py_dict_new();
    py_obj *C = make_class("C", py_empty_tuple, ns);
    rg_decref(ns);
    assert_int_equal(gen0() - c0, 10);
    c0 = gen0();
    py_obj *bases = py_tuple_pack(1, C);
    ns = py_dict_new();
    py_obj *D = make_class("D", bases, ns);
    rg_decref(bases);
    rg_decref(ns);
    assert_int_equal(gen0() - c0, 6);
    c0 = gen0();
    py_obj *c = ok(py_object_call_no_args(C));
    assert_int_equal(gen0() - c0, 1);
    c0 = gen0();
    py_obj *one = I(1);
    assert_int_equal(py_object_set_attr_string(c, "x", one), 0);
    assert_int_equal(gen0() - c0, 0);
    c0 = gen0();
    py_obj *vars_args = py_tuple_pack(1, c);
    py_obj *v = ok(py_object_get_attr(py_tuple_get(vars_args, 0), py_id(__dict__)));
    rg_decref(vars_args);
    assert_int_equal(gen0() - c0, 1);
    assert_true(py_dict_check_exact(v));
    assert_int_equal(py_sys_getsizeof(v), 296);
    repr_is(v, "{'x': 1}");
    /* The second instance's values are one slot smaller (3.11's shared
     * keys shrink by one per instance). */
    py_obj *c2 = ok(py_object_call_no_args(C));
    py_obj *v2 = ok(py_object_get_attr(c2, py_id(__dict__)));
    assert_int_equal(py_sys_getsizeof(v2), 288);
    rg_decref(v2);
    rg_decref(c2);
    rg_gc_enable(h);
    rg_decref(one);
    rg_decref(c);
    rg_decref(D);
    rg_decref(C);
}

static void test_class_attributes(void **state)
{
    (void)state;
    py_obj *A = main_class("A", py_empty_tuple, NULL, 0);
    py_obj *bases = py_tuple_pack(1, A);
    py_obj *B = main_class("B", bases, NULL, 0);
    rg_decref(bases);
    repr_is(py_new_ref(A), "<class '__main__.A'>");
    /* Class attributes are found through the MRO. */
    py_obj *v = I(7);
    assert_int_equal(py_object_set_attr_string(A, "cv", v), 0);
    py_obj *b = ok(py_object_call_no_args(B));
    repr_is(py_object_get_attr_string(b, "cv"), "7");
    repr_is(py_object_get_attr_string(B, "cv"), "7");
    /* Instance attributes (inline values) shadow class attributes. */
    py_obj *w = I(8);
    assert_int_equal(py_object_set_attr_string(b, "cv", w), 0);
    repr_is(py_object_get_attr_string(b, "cv"), "8");
    repr_is(py_object_get_attr_string(A, "cv"), "7");
    assert_int_equal(py_object_set_attr_string(b, "cv", NULL), 0);
    repr_is(py_object_get_attr_string(b, "cv"), "7");
    /* Missing attributes: CPython's messages. */
    assert_null(py_object_get_attr_string(b, "nope"));
    check_error("AttributeError", "'B' object has no attribute 'nope'");
    assert_null(py_object_get_attr_string(B, "nope"));
    check_error("AttributeError", "type object 'B' has no attribute 'nope'");
    assert_int_equal(py_object_set_attr_string(b, "nope", NULL), -1);
    check_error("AttributeError", "'B' object has no attribute 'nope'");
    /* Built-in types are immutable; instances of object have no dict. */
    assert_int_equal(py_object_set_attr_string(py_long_info.type_obj, "x", v), -1);
    check_error("TypeError", "cannot set 'x' attribute of immutable type 'int'");
    py_obj *o = ok(py_object_call_no_args(py_object_info.type_obj));
    assert_int_equal(py_object_set_attr_string(o, "x", v), -1);
    check_error("AttributeError", "'object' object has no attribute 'x'");
    /* Reprs of instances and of the things found on classes. */
    repr_is(py_object_get_attr_string(py_long_info.type_obj, "__add__"), "<slot wrapper '__add__' of 'int' objects>");
    repr_is(py_object_get_attr_string(py_object_info.type_obj, "__init__"), "<slot wrapper '__init__' of 'object' objects>");
    py_obj *l = py_list_new(0);
    py_obj *app = ok(py_object_get_attr_string(l, "append"));
    py_obj *r = ok(py_object_repr(app));
    assert_true(strncmp(py_unicode_as_utf8(r), "<built-in method append of list object at 0x", 44) == 0);
    rg_decref(r);
    rg_decref(app);
    repr_is(py_object_get_attr_string(py_type_object_of_obj(l), "append"), "<method 'append' of 'list' objects>");
    repr_is(py_object_get_attr_string(A, "__dict__"), "mappingproxy({'__module__': '__main__', '__dict__': <attribute "
                                                      "'__dict__' of 'A' objects>, '__weakref__': <attribute "
                                                      "'__weakref__' of 'A' objects>, '__doc__': None, 'cv': 7})");
    repr_is(py_object_get_attr_string(B, "__mro__"), "(<class '__main__.B'>, <class '__main__.A'>, <class 'object'>)");
    rg_decref(l);
    rg_decref(o);
    rg_decref(v);
    rg_decref(w);
    rg_decref(b);
    rg_decref(B);
    rg_decref(A);
}

static void test_mro(void **state)
{
    (void)state;
    py_obj *A = main_class("A", py_empty_tuple, NULL, 0);
    py_obj *t = py_tuple_pack(1, A);
    py_obj *B = main_class("B", t, NULL, 0), *CC = main_class("CC", t, NULL, 0);
    rg_decref(t);
    t = py_tuple_pack(2, B, CC);
    py_obj *DD = main_class("DD", t, NULL, 0);
    rg_decref(t);
    repr_is(py_object_get_attr_string(DD, "__mro__"),
            "(<class '__main__.DD'>, <class '__main__.B'>, <class '__main__.CC'>, <class '__main__.A'>, "
            "<class 'object'>)");
    /* class X(A, B): no consistent order. */
    t = py_tuple_pack(2, A, B);
    py_obj *ns = py_dict_new(), *n = S("X");
    py_obj *args[3] = {n, t, ns};
    assert_null(py_object_vectorcall(py_type_info.type_obj, args, 3, NULL));
    check_error("TypeError", "Cannot create a consistent method resolution\norder (MRO) for bases A, B");
    rg_decref(n);
    rg_decref(ns);
    rg_decref(t);
    /* issubclass / isinstance through the MRO. */
    py_obj *dd = ok(py_object_call_no_args(DD));
    assert_int_equal(py_object_is_instance(dd, A), 1);
    assert_int_equal(py_object_is_subclass(DD, CC), 1);
    assert_int_equal(py_object_is_subclass(A, DD), 0);
    rg_decref(dd);
    rg_decref(DD);
    rg_decref(CC);
    rg_decref(B);
    rg_decref(A);
}

/* ---- dunders dispatched to (C) method descriptors ---------------------- */

static py_obj *m_len42(py_obj *self, py_obj *unused)
{
    (void)self;
    (void)unused;
    return py_long_from_long(42);
}
static py_obj *m_add(py_obj *self, py_obj *other)
{
    (void)self;
    return py_unicode_from_format("add(%R)", other);
}
static py_obj *m_radd(py_obj *self, py_obj *other)
{
    (void)self;
    return py_unicode_from_format("radd(%R)", other);
}
static py_obj *m_repr(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_unicode_from_format("<V %s>", py_obj_type_name(self));
}
static const py_method_def dunder_defs[] = {
    {"__len__", {.o = m_len42}, PY_METH_NOARGS, NULL},
    {"__add__", {.o = m_add}, PY_METH_O, NULL},
    {"__radd__", {.o = m_radd}, PY_METH_O, NULL},
    {"__repr__", {.o = m_repr}, PY_METH_NOARGS, NULL},
};

static void test_dunder_dispatch(void **state)
{
    (void)state;
    py_obj *V = main_class("V", py_empty_tuple, dunder_defs, 3); /* __repr__ comes later */
    py_obj *v = ok(py_object_call_no_args(V)), *one = I(1);
    assert_int_equal(py_object_size(v), 42);
    assert_int_equal(py_object_is_true(v), 1);
    str_is(py_number_add(v, one), "add(1)");
    str_is(py_number_add(one, v), "radd(1)");
    /* Assigned after creation: update_slot installs the dispatcher. */
    py_obj *r = ok(py_descr_new_method(&py_object_info, &dunder_defs[3]));
    assert_int_equal(py_object_set_attr(V, py_id(__repr__), r), 0);
    repr_is(py_new_ref(v), "<V V>");
    rg_decref(r);
    /* Without __eq__, == is identity; ordering is a TypeError. */
    assert_int_equal(py_object_rich_compare_bool(v, v, PY_EQ), 1);
    assert_int_equal(py_object_rich_compare_bool(v, one, PY_EQ), 0);
    assert_null(py_object_rich_compare(v, one, PY_LT));
    check_error("TypeError", "'<' not supported between instances of 'V' and 'int'");
    rg_decref(one);
    rg_decref(v);
    rg_decref(V);
}

static void test_super_and_object(void **state)
{
    (void)state;
    py_obj *C = main_class("C", py_empty_tuple, NULL, 0);
    py_obj *c = ok(py_object_call_no_args(C));
    py_obj *args[2] = {C, c};
    py_obj *su = ok(py_object_vectorcall(py_super_info.type_obj, args, 2, NULL));
    py_obj *init = ok(py_object_get_attr_string(su, "__init__"));
    py_obj *r = ok(py_object_repr(init));
    assert_true(strncmp(py_unicode_as_utf8(r), "<method-wrapper '__init__' of C object at 0x", 44) == 0);
    rg_decref(r);
    py_obj *res = ok(py_object_call_no_args(init));
    assert_ptr_equal(res, py_none);
    rg_decref(res);
    rg_decref(init);
    rg_decref(su);
    /* object() and C() take no arguments. */
    py_obj *one = I(1);
    assert_null(py_object_call_one_arg(C, one));
    check_error("TypeError", "C() takes no arguments");
    assert_null(py_object_call_one_arg(py_object_info.type_obj, one));
    check_error("TypeError", "object() takes no arguments");
    /* type(x) and the 1-or-3 rule. */
    repr_is(py_object_call_one_arg(py_type_info.type_obj, c), "<class '__main__.C'>");
    py_obj *two[2] = {one, one};
    assert_null(py_object_vectorcall(py_type_info.type_obj, two, 2, NULL));
    check_error("TypeError", "type() takes 1 or 3 arguments");
    /* type("D", (C,), {}, z=1) and C.__init_subclass__(1): object's
     * messages name the class (3.11's METH_CLASS | METH_NOARGS). */
    py_obj *bases = ok(py_tuple_pack(1, C)), *ns = ok(py_dict_new()), *name = ok(py_unicode_from_string("D"));
    py_obj *kwn = ok(py_unicode_from_string("z"));
    py_obj *kwnames = ok(py_tuple_pack(1, kwn));
    py_obj *targs[4] = {name, bases, ns, one};
    assert_null(py_object_vectorcall(py_type_info.type_obj, targs, 3, kwnames));
    check_error("TypeError", "D.__init_subclass__() takes no keyword arguments");
    py_obj *isub = ok(py_object_get_attr_string(C, "__init_subclass__"));
    assert_null(py_object_call_one_arg(isub, one));
    check_error("TypeError", "C.__init_subclass__() takes no arguments (1 given)");
    repr_is(py_object_call_no_args(isub), "None");
    rg_decref(isub);
    rg_decref(kwnames);
    rg_decref(kwn);
    rg_decref(name);
    rg_decref(ns);
    rg_decref(bases);
    rg_decref(one);
    rg_decref(c);
    rg_decref(C);
}

/* ====================================================================== */
/* Exceptions                                                              */
/* ====================================================================== */

/* Call the exception class with positional args; check repr, str. */
static void exc_case(py_typeinfo *t, int n, py_obj *const *args, const char *repr, const char *str)
{
    py_obj *e = ok(py_object_vectorcall(t->type_obj, args, (size_t)n, NULL));
    repr_is(py_new_ref(e), repr);
    str_is(e, str);
}

static void test_exceptions(void **state)
{
    (void)state;
    py_obj *x = S("x"), *k = S("k"), *five = I(5), *three = I(3), *one = I(1), *two = I(2), *eno = I(2);
    py_obj *nsf = S("No such file"), *nf = S("nf"), *fname = S("fname"), *m = S("m"), *bad = S("bad");
    exc_case(py_exc_BaseException, 0, NULL, "BaseException()", "");
    exc_case(py_exc_Exception, 1, &x, "Exception('x')", "x");
    exc_case(py_exc_KeyError, 1, &k, "KeyError('k')", "'k'");
    exc_case(py_exc_KeyError, 0, NULL, "KeyError()", "");
    exc_case(py_exc_StopIteration, 1, &five, "StopIteration(5)", "5");
    exc_case(py_exc_SystemExit, 1, &three, "SystemExit(3)", "3");
    py_obj *ab[2] = {one, two};
    exc_case(py_exc_ValueError, 2, ab, "ValueError(1, 2)", "(1, 2)");
    py_obj *os2[2] = {eno, nsf};
    exc_case(py_exc_OSError, 2, os2, "FileNotFoundError(2, 'No such file')", "[Errno 2] No such file");
    py_obj *os3[3] = {eno, nf, fname};
    exc_case(py_exc_OSError, 3, os3, "FileNotFoundError(2, 'nf')", "[Errno 2] nf: 'fname'");
    exc_case(py_exc_ImportError, 1, &m, "ImportError('m')", "m");
    py_obj *f = S("f.py"), *four = I(4), *text = S("text");
    py_obj *loc = py_tuple_pack(6, f, three, four, text, three, five);
    py_obj *se[2] = {bad, loc};
    exc_case(py_exc_SyntaxError, 2, se, "SyntaxError('bad', ('f.py', 3, 4, 'text', 3, 5))", "bad (f.py, line 3)");
    /* Fields. */
    py_obj *si = ok(py_object_call_one_arg(py_exc_StopIteration_info.type_obj, five));
    repr_is(py_object_get_attr_string(si, "value"), "5");
    repr_is(py_object_get_attr_string(si, "args"), "(5,)");
    repr_is(py_object_get_attr_string(si, "__context__"), "None");
    rg_decref(si);
    py_obj *ex = ok(py_object_call_no_args(py_exc_SystemExit_info.type_obj));
    repr_is(py_object_get_attr_string(ex, "code"), "None");
    rg_decref(ex);
    /* Exceptions are not weakly referenceable (no weaklist). */
    assert_int_equal(py_exc_Exception->rt.weaklist_offset, 0);
    /* The hierarchy. */
    assert_true(py_type_is_subtype(py_exc_ModuleNotFoundError, py_exc_ImportError));
    assert_true(py_type_is_subtype(py_exc_RecursionError, py_exc_RuntimeError));
    assert_true(py_type_is_subtype(py_exc_UnboundLocalError, py_exc_NameError));
    assert_true(py_type_is_subtype(py_exc_KeyError, py_exc_LookupError));
    assert_false(py_type_is_subtype(py_exc_KeyboardInterrupt, py_exc_Exception));
    rg_decref(loc);
    rg_decref(f);
    rg_decref(four);
    rg_decref(text);
    rg_decref(x);
    rg_decref(k);
    rg_decref(five);
    rg_decref(three);
    rg_decref(one);
    rg_decref(two);
    rg_decref(eno);
    rg_decref(nsf);
    rg_decref(nf);
    rg_decref(fname);
    rg_decref(m);
    rg_decref(bad);
}

/* The current exception: unnormalized until asked, matching, chaining. */
static void test_error_state(void **state)
{
    rg_heap *h = *state;
    rg_collect(h, 2);
    long c0 = gen0();
    py_err_set_string(py_exc_KeyError, "missing");
    assert_true(py_err_exception_matches(py_exc_LookupError));
    assert_false(py_err_exception_matches(py_exc_ValueError));
    /* Nothing was instantiated: no GC allocation. */
    assert_int_equal(gen0() - c0, 0);
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    assert_null(py_err_occurred());
    assert_true(py_unicode_check(v));
    py_err_normalize_exception(&t, &v, &tb);
    repr_is(v, "KeyError('missing')");
    rg_decref(t);
    /* Matching against a tuple of classes. */
    py_obj *tup = py_tuple_pack(2, py_exc_TypeError_info.type_obj, py_exc_IndexError_info.type_obj);
    py_err_set_none(py_exc_IndexError);
    assert_int_equal(py_err_exception_matches_obj(tup), 1);
    py_err_clear();
    rg_decref(tup);
    /* Implicit chaining: raising while another is handled. */
    py_err_set_string(py_exc_ValueError, "first");
    py_obj *first = py_err_get_raised_exception();
    py_current->exc_info = first;
    py_err_set_string(py_exc_TypeError, "second");
    py_current->exc_info = NULL;
    py_obj *second = py_err_get_raised_exception();
    repr_is(py_exception_get_context(second), "ValueError('first')");
    rg_decref(second);
    rg_decref(first);
    /* Recursion limit. */
    int depth = 0;
    while (py_enter_recursive_call(" in test") == 0) depth++;
    assert_int_equal(depth, 1000);
    for (int i = 0; i < depth; i++) py_leave_recursive_call();
    check_error("RecursionError", "maximum recursion depth exceeded in test");
}

/* ====================================================================== */
/* Operators, reprs, refcounts                                             */
/* ====================================================================== */

static void test_operators(void **state)
{
    (void)state;
    py_obj *one = I(1), *a = S("a"), *half = py_float_from_double(0.5), *three = I(3);
    assert_null(py_number_add(one, a));
    check_error("TypeError", "unsupported operand type(s) for +: 'int' and 'str'");
    assert_null(py_number_add(a, one));
    check_error("TypeError", "can only concatenate str (not \"int\") to str");
    assert_null(py_number_subtract(a, one));
    check_error("TypeError", "unsupported operand type(s) for -: 'str' and 'int'");
    assert_null(py_number_inplace_subtract(a, one));
    check_error("TypeError", "unsupported operand type(s) for -=: 'str' and 'int'");
    assert_null(py_number_power(a, one, py_none));
    check_error("TypeError", "unsupported operand type(s) for ** or pow(): 'str' and 'int'");
    assert_null(py_object_rich_compare(one, a, PY_LT));
    check_error("TypeError", "'<' not supported between instances of 'int' and 'str'");
    assert_null(py_number_negative(a));
    check_error("TypeError", "bad operand type for unary -: 'str'");
    /* Mixed int/float through the reflected slot. */
    repr_is(py_number_add(one, half), "1.5");
    repr_is(py_number_true_divide(one, three), "0.3333333333333333");
    repr_is(py_number_multiply(a, three), "'aaa'");
    repr_is(py_number_multiply(three, a), "'aaa'");
    assert_int_equal(py_object_rich_compare_bool(one, half, PY_GT), 1);
    py_obj *zero = I(0);
    assert_null(py_number_floor_divide(one, zero));
    check_error("ZeroDivisionError", "integer division or modulo by zero");
    assert_null(py_number_true_divide(one, zero));
    check_error("ZeroDivisionError", "division by zero");
    /* Big ints through the kernels. */
    py_obj *two = I(2), *hundred = I(100);
    repr_is(py_number_power(two, hundred, py_none), "1267650600228229401496703205376");
    assert_int_equal(py_object_hash(py_small_int(-1)), -2);
    /* Subscripts and len errors. */
    assert_null(py_object_get_item(one, zero));
    check_error("TypeError", "'int' object is not subscriptable");
    assert_int_equal(py_object_size(one), -1);
    check_error("TypeError", "object of type 'int' has no len()");
    py_obj *t = py_tuple_pack(1, one);
    assert_null(py_object_get_item(t, three));
    check_error("IndexError", "tuple index out of range");
    assert_null(py_object_get_iter(one));
    check_error("TypeError", "'int' object is not iterable");
    rg_decref(t);
    rg_decref(two);
    rg_decref(hundred);
    rg_decref(zero);
    rg_decref(one);
    rg_decref(a);
    rg_decref(half);
    rg_decref(three);
}

static void test_reprs(void **state)
{
    (void)state;
    py_obj *l = py_list_new(0), *d = py_dict_new(), *one = I(1), *s = S("it's");
    py_list_append(l, one);
    py_list_append(l, s);
    py_list_append(l, l);
    repr_is(py_new_ref(l), "[1, \"it's\", [...]]");
    py_dict_set_item(d, s, l);
    py_dict_set_item(d, one, py_none);
    repr_is(py_new_ref(d), "{\"it's\": [1, \"it's\", [...]], 1: None}");
    repr_is(py_dict_keys_view(d), "dict_keys([\"it's\", 1])");
    repr_is(py_tuple_pack(1, one), "(1,)");
    repr_is(py_new_ref(py_empty_tuple), "()");
    repr_is(S("a\nb\t\\\x01\xc3\xa9\xe2\x82\xac"), "'a\\nb\\t\\\\\\x01\xc3\xa9\xe2\x82\xac'");
    repr_is(py_new_ref(py_true), "True");
    repr_is(py_new_ref(py_none), "None");
    repr_is(py_new_ref(py_notimplemented), "NotImplemented");
    repr_is(py_new_ref(py_ellipsis), "Ellipsis");
    repr_is(py_float_from_double(0.1), "0.1");
    repr_is(py_float_from_double(1e22), "1e+22");
    repr_is(py_long_from_long_long(-123456789012345LL), "-123456789012345");
    repr_is(py_unicode_from_format("%d|%5s|%.2s|%R|%S|%zd|%c", -7, "ab", "xyz", s, s, (py_ssize_t)12, 'Z'),
            "'-7|   ab|xy|\"it\\'s\"|it\\'s|12|Z'");
    py_list_set_item(l, 2, py_new_ref(py_none)); /* break the cycle */
    rg_decref(l);
    rg_decref(d);
    rg_decref(one);
    rg_decref(s);
}

static void test_refcounts(void **state)
{
    (void)state;
    py_obj *k = S("key-refcount"), *v = py_list_new(0);
    intptr_t k0 = k->refcnt, v0 = v->refcnt;
    py_obj *d = py_dict_new();
    py_dict_set_item(d, k, v);
    assert_int_equal(k->refcnt, k0 + 1);
    assert_int_equal(v->refcnt, v0 + 1);
    py_dict_set_item(d, k, v); /* same key and value again: no change */
    assert_int_equal(k->refcnt, k0 + 1);
    assert_int_equal(v->refcnt, v0 + 1);
    py_obj *t = py_tuple_pack(2, v, v);
    assert_int_equal(v->refcnt, v0 + 3);
    rg_decref(t);
    rg_decref(d);
    assert_int_equal(k->refcnt, k0);
    assert_int_equal(v->refcnt, v0);
    /* A fresh instance: one reference (sys.getrefcount(C()) is 1 + 1). */
    py_obj *C = main_class("C", py_empty_tuple, NULL, 0);
    intptr_t c0 = C->refcnt;
    py_obj *c = ok(py_object_call_no_args(C));
    assert_int_equal(c->refcnt, 1);
    assert_int_equal(C->refcnt, c0 + 1); /* instances hold their class */
    rg_decref(c);
    assert_int_equal(C->refcnt, c0);
    /* Interned strs: the interned dict's references are not counted. */
    py_obj *s = S("interned-one");
    intptr_t s0 = s->refcnt;
    py_unicode_intern_in_place(&s);
    assert_int_equal(s->refcnt, s0);
    py_obj *s2 = S("interned-one");
    py_unicode_intern_in_place(&s2);
    assert_ptr_equal(s, s2);
    rg_decref(s2);
    rg_decref(s);
    rg_decref(C);
    rg_decref(k);
    rg_decref(v);
}

/* Free lists and the generation-0 count: taking from a free list or
 * caching into it does not count (3.11). */
static void test_free_lists(void **state)
{
    rg_heap *h = *state;
    rg_collect(h, 2);
    rg_gc_disable(h);
    long c0 = gen0();
    py_obj *l = py_list_new(0), *d = py_dict_new();
    assert_int_equal(gen0() - c0, 2);
    rg_decref(l);
    rg_decref(d);
    assert_int_equal(gen0() - c0, 2);
    l = py_list_new(0);
    d = py_dict_new();
    assert_int_equal(gen0() - c0, 2);
    /* list() is PyType_GenericAlloc: never from the free list. */
    rg_decref(l);
    l = ok(py_object_call_no_args(py_list_info.type_obj));
    assert_int_equal(gen0() - c0, 3);
    rg_decref(l);
    rg_decref(d);
    rg_gc_enable(h);
}

/* str hashes are CPython's under PYTHONHASHSEED=0. */
static void test_str_hash(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        long long h;
    } cases[] = {
        {"a", 4644417185603328019LL},
        {"abc", -4594863902769663758LL},
        {"", 0},
        {"hello world!", 839851713330019024LL},
        {"\xc3\xa9", 6047309291227476195LL},
        {"\xe2\x82\xac", -5529981157763016009LL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        py_obj *s = S(cases[i].s);
        assert_int_equal(py_object_hash(s), cases[i].h);
        rg_decref(s);
    }
}


/* range and module objects (python3: sizes 48, 48, 72; reprs, errors). */
static void test_range_and_module(void **state)
{
    (void)state;
    py_obj *zero = I(0), *two = I(2), *three = I(3), *ten = I(10), *five = I(5), *m5 = I(-5);
    py_obj *args3[3] = {zero, ten, two};
    py_obj *r = ok(py_object_vectorcall(py_range_info.type_obj, args3, 3, NULL));
    repr_is(py_new_ref(r), "range(0, 10, 2)");
    assert_int_equal(py_sys_getsizeof(r), 48);
    py_obj *it = ok(py_object_get_iter(r));
    assert_int_equal(py_sys_getsizeof(it), 48);
    repr_is(py_iter_next(it), "0");
    repr_is(py_iter_next(it), "2");
    rg_decref(it);
    assert_int_equal(py_object_size(r), 5);
    assert_int_equal(py_sequence_contains(r, two), 1);
    assert_int_equal(py_sequence_contains(r, three), 0);
    repr_is(py_object_call_one_arg(py_range_info.type_obj, five), "range(0, 5)");
    repr_is(py_object_call_one_arg(py_range_info.type_obj, m5), "range(0, -5)");
    py_obj *args1_10_3[3] = {I(1), ten, three};
    py_obj *r2 = ok(py_object_vectorcall(py_range_info.type_obj, args1_10_3, 3, NULL));
    rg_decref(args1_10_3[0]);
    py_obj *sl = py_slice_new(I(1), NULL, NULL);
    rg_decref(((py_slice_object *)sl)->start); /* the I(1) made above */
    repr_is(py_object_get_item(r2, sl), "range(4, 10, 3)");
    /* Slices of ranges longer than PY_SSIZE_T_MAX (3.11's compute_slice on
     * ints): range(2**70)[1:2**69:3] == range(1, 2**69, 3). */
    {
        py_obj *big = ok(py_number_lshift(py_small_int(1), py_small_int(70)));
        py_obj *half = ok(py_number_rshift(big, py_small_int(1)));
        py_obj *rb = ok(py_object_call_one_arg(py_range_info.type_obj, big));
        py_obj *sb = ok(py_slice_new(I(1), half, three));
        rg_decref(((py_slice_object *)sb)->start);
        repr_is(py_object_get_item(rb, sb), "range(1, 590295810358705651712, 3)");
        rg_decref(sb);
        sb = ok(py_slice_new(NULL, NULL, m5));
        repr_is(py_object_get_item(rb, sb), "range(1180591620717411303423, -1, -5)");
        rg_decref(sb);
        rg_decref(rb);
        rg_decref(half);
        rg_decref(big);
    }
    repr_is(py_sequence_list(r2), "[1, 4, 7]");
    rg_decref(sl);
    rg_decref(r2);
    py_obj *f = py_float_from_double(1.0);
    assert_null(py_object_call_one_arg(py_range_info.type_obj, f));
    check_error("TypeError", "'float' object cannot be interpreted as an integer");
    rg_decref(f);
    py_obj *bad[3] = {zero, ten, zero};
    assert_null(py_object_vectorcall(py_range_info.type_obj, bad, 3, NULL));
    check_error("ValueError", "range() arg 3 must not be zero");
    assert_null(py_object_call_no_args(py_range_info.type_obj));
    check_error("TypeError", "range expected at least 1 argument, got 0");
    /* Modules. */
    py_obj *name = S("m");
    py_obj *m = ok(py_object_call_one_arg(py_module_info.type_obj, name));
    repr_is(py_new_ref(m), "<module 'm'>");
    assert_int_equal(py_sys_getsizeof(m), 72);
    repr_is(py_object_get_attr_string(m, "__dict__"),
            "{'__name__': 'm', '__doc__': None, '__package__': None, '__loader__': None, '__spec__': None}");
    assert_null(py_object_get_attr_string(m, "x"));
    check_error("AttributeError", "module 'm' has no attribute 'x'");
    rg_decref(m);
    rg_decref(name);
    rg_decref(r);
    rg_decref(zero);
    rg_decref(two);
    rg_decref(three);
    rg_decref(ten);
    rg_decref(five);
    rg_decref(m5);
}

/* ====================================================================== */
/* Randomized dict test against an independent model                       */
/* ====================================================================== */

/* The model: entries in insertion order (deleted ones kept as holes, as
 * the table's entries), and 3.11's geometry rules computed here. */
typedef struct {
    long key;
    long value;
    int live;
} model_entry;

typedef struct {
    model_entry *e;
    size_t n, cap;
    long used;
    int log2;         /* 0: the shared empty keys */
    long usable;
    int unicode;      /* all keys str so far (for this table) */
} model;

/* Slots of the smallest table for minsize, by the formula (not the bit
 * trick): a power of two >= minsize, but 3.11 rounds an exact power of two
 * >= 16 up once more. */
static int model_log2(long minsize)
{
    int l = 3;
    while ((1L << l) < minsize) l++;
    if (l >= 4 && (1L << l) == minsize) l++;
    return l;
}

static long model_sizeof(const model *m)
{
    if (m->log2 == 0) return 64;
    long slots = 1L << m->log2;
    long index_bytes = m->log2 < 8 ? slots : m->log2 < 16 ? 2 * slots : 4 * slots;
    long usable_total = (slots << 1) / 3;
    return 48 + 16 + 32 + index_bytes + usable_total * (m->unicode ? 16 : 24);
}

/* Compact the model's entries (a resize) into a table of 2**log2. */
static void model_resize(model *m, int log2, int unicode)
{
    size_t j = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].live) m->e[j++] = m->e[i];
    m->n = j;
    m->log2 = log2;
    m->unicode = unicode;
    m->usable = ((1L << log2) << 1) / 3 - (long)j;
}

static void model_insert(model *m, long key, long value, int str_key)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].live && m->e[i].key == key) {
            m->e[i].value = value;
            return;
        }
    if (m->log2 == 0) {
        model_resize(m, 3, str_key);
    } else {
        if (m->unicode && !str_key) model_resize(m, model_log2(m->used * 3), 0);
        if (m->usable <= 0) model_resize(m, model_log2(m->used * 3), m->unicode);
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->e = realloc(m->e, m->cap * sizeof *m->e);
        assert_non_null(m->e);
    }
    m->e[m->n++] = (model_entry){key, value, 1};
    m->used++;
    m->usable--;
}

static int model_delete(model *m, long key)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->e[i].live && m->e[i].key == key) {
            m->e[i].live = 0;
            m->used--;
            return 1;
        }
    return 0;
}

/* Key k as an object: an int, or the str "s<k>" for odd k in str mode. */
static py_obj *model_key(long k, int str_key)
{
    if (!str_key) return I(k);
    char buf[32];
    snprintf(buf, sizeof buf, "s%ld", k);
    return S(buf);
}

static void dict_random_run(uint64_t seed, int mode, int ops)
{
    xoshiro g;
    xoshiro_seed(&g, seed);
    model m = {0};
    m.unicode = 1;
    py_obj *d = py_dict_new();
    for (int op = 0; op < ops; op++) {
        uint64_t r = xoshiro_next(&g);
        long key = (long)(r % 97);
        /* mode 0: int keys; 1: str keys; 2: str keys, then ints later. */
        int str_key = mode == 1 || (mode == 2 && op < ops / 2);
        py_obj *k = model_key(key, str_key);
        switch ((r >> 32) % 8) {
        case 0:
        case 1:
        case 2: {
            long value = (long)((r >> 40) % 1000);
            py_obj *v = I(value);
            assert_int_equal(py_dict_set_item(d, k, v), 0);
            rg_decref(v);
            model_insert(&m, key * 2 + str_key, value, str_key);
            break;
        }
        case 3:
        case 4: {
            int had = model_delete(&m, key * 2 + str_key);
            int rc = py_dict_del_item(d, k);
            if (had) assert_int_equal(rc, 0);
            else {
                assert_int_equal(rc, -1);
                assert_true(py_err_exception_matches(py_exc_KeyError));
                py_err_clear();
            }
            break;
        }
        case 5:
            if ((r >> 48) % 64 == 0) {
                py_dict_clear(d);
                free(m.e);
                m = (model){0};
                m.unicode = 1;
            }
            break;
        default: {
            py_obj *v = py_dict_get_item_with_error(d, k);
            assert_null(py_err_occurred());
            long want = -1;
            for (size_t i = 0; i < m.n; i++)
                if (m.e[i].live && m.e[i].key == key * 2 + str_key) want = m.e[i].value;
            if (want < 0) assert_null(v);
            else assert_int_equal(py_long_as_long(v), want);
            break;
        }
        }
        rg_decref(k);
        /* Size, geometry and sys.getsizeof match the model. */
        assert_int_equal(py_dict_size(d), m.used);
        int log2;
        py_ssize_t usable, nentries;
        int unicode;
        py_dict_geometry(d, &log2, &usable, &nentries, &unicode);
        assert_int_equal(log2, m.log2);
        if (m.log2) {
            assert_int_equal(usable, m.usable);
            assert_int_equal(nentries, (py_ssize_t)m.n);
            assert_int_equal(unicode, m.unicode);
        }
        assert_int_equal(py_sys_getsizeof(d), model_sizeof(&m));
    }
    /* Iteration order is insertion order. */
    py_ssize_t pos = 0;
    py_obj *k, *v;
    size_t i = 0;
    while (py_dict_next(d, &pos, &k, &v)) {
        while (i < m.n && !m.e[i].live) i++;
        assert_true(i < m.n);
        assert_int_equal(py_long_as_long(v), m.e[i].value);
        i++;
    }
    while (i < m.n && !m.e[i].live) i++;
    assert_int_equal(i, m.n);
    free(m.e);
    rg_decref(d);
}

static void test_dict_random(void **state)
{
    (void)state;
    for (int mode = 0; mode < 3; mode++)
        for (uint64_t seed = 1; seed <= 4; seed++) dict_random_run(seed * 1000 + (uint64_t)mode, mode, 6000);
}

/* ====================================================================== */
/* Main                                                                    */
/* ====================================================================== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_sizes),
        PYFX_TEST(test_dict_growth),
        PYFX_TEST(test_tuple_untracking),
        PYFX_TEST(test_dict_tracking),
        PYFX_TEST(test_class_creation_counts),
        PYFX_TEST(test_class_attributes),
        PYFX_TEST(test_mro),
        PYFX_TEST(test_dunder_dispatch),
        PYFX_TEST(test_super_and_object),
        PYFX_TEST(test_exceptions),
        PYFX_TEST(test_error_state),
        PYFX_TEST(test_operators),
        PYFX_TEST(test_reprs),
        PYFX_TEST(test_refcounts),
        PYFX_TEST(test_free_lists),
        PYFX_TEST(test_str_hash),
        PYFX_TEST(test_range_and_module),
        PYFX_TEST(test_dict_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
