/*
 * test_types_gc.c -- classes and instances of src/types/ under the
 * engine's cycle collector, against the spec's oracles (shared spec §8:
 * 01, 02, 03, 04, 14, 15, 16) as CPython 3.11.7 prints them.
 *
 * Python-level methods are the front end's; __del__ here is a C method
 * descriptor in the class namespace, which takes the same path as a
 * function (slot_tp_finalize looks it up and calls it unbound), logging
 * the instance's `name` attribute in order.
 *
 * Each test has its own debug heap and interpreter; teardown requires the
 * heap consistent and empty.
 */
#include "lang/support/pyfixture.h"

/* ====================================================================== */
/* Fixture and helpers                                                     */
/* ====================================================================== */

/* The common fixture, then a full collection: the tests count what the
 * collector finds. */
static int setup(void **state)
{
    pyfx_setup(state);
    rg_collect(*state, 2);
    return 0;
}

/* The finalizer log: names in call order. */
static char g_log[256];
static int g_calls;
static py_obj *g_saved; /* a list the finalizer may resurrect into */

static py_obj *m_del(py_obj *self, py_obj *unused)
{
    (void)unused;
    g_calls++;
    py_obj *name = py_object_get_attr_string(self, "name");
    if (name != NULL) {
        strcat(g_log, py_unicode_as_utf8(name));
        strcat(g_log, " ");
        /* "a" resurrects itself (oracles 15, 16). */
        if (g_saved != NULL && py_unicode_equal_to_ascii_string(name, "a")) py_list_append(g_saved, self);
        rg_decref(name);
    } else {
        py_err_clear();
    }
    return py_new_ref(py_none);
}

static const py_method_def del_def = {"__del__", {.o = m_del}, PY_METH_NOARGS, NULL};

/* class NAME: (with __del__ when with_del). */
static py_obj *gc_class(const char *name, int with_del)
{
    return main_class(name, py_empty_tuple, &del_def, with_del ? 1 : 0);
}

/* An instance of cls with obj.name = name. */
static py_obj *named(py_obj *cls, const char *name)
{
    py_obj *o = ok(py_object_call_no_args(cls));
    py_obj *n = py_unicode_from_string(name);
    assert_int_equal(py_object_set_attr_string(o, "name", n), 0);
    rg_decref(n);
    return o;
}

static void set(py_obj *o, const char *attr, py_obj *v) { assert_int_equal(py_object_set_attr_string(o, attr, v), 0); }

/* ====================================================================== */
/* Oracles                                                                 */
/* ====================================================================== */

/* 01: two instances referencing each other: 2 objects (inline values). */
static void test_cycle_two_instances(void **state)
{
    rg_heap *h = *state;
    py_obj *A = gc_class("A", 0);
    py_obj *a = ok(py_object_call_no_args(A)), *b = ok(py_object_call_no_args(A));
    set(a, "peer", b);
    set(b, "peer", a);
    rg_decref(a);
    rg_decref(b);
    assert_int_equal(rg_collect(h, 2), 2);
    assert_int_equal(rg_collect(h, 2), 0);
    rg_decref(A);
}

/* 02 and 03: a self-referencing list, dict; a tuple-list cycle. */
static void test_container_cycles(void **state)
{
    rg_heap *h = *state;
    py_obj *l = py_list_new(0);
    py_list_append(l, l);
    rg_decref(l);
    assert_int_equal(rg_collect(h, 2), 1);
    py_obj *d = py_dict_new(), *k = py_unicode_from_string("me");
    py_dict_set_item(d, k, d);
    rg_decref(d);
    rg_decref(k);
    assert_int_equal(rg_collect(h, 2), 1);
    l = py_list_new(0);
    py_obj *t = py_tuple_pack(1, l);
    py_list_append(l, t);
    rg_decref(t);
    rg_decref(l);
    assert_int_equal(rg_collect(h, 2), 2);
}

/* 04: a self-cycle through inline values is one object; once vars() has
 * made the dict, two. */
static void test_instance_dict_materialized(void **state)
{
    rg_heap *h = *state;
    py_obj *A = gc_class("A", 0);
    py_obj *a = ok(py_object_call_no_args(A));
    set(a, "me", a);
    assert_int_equal(rg_collect(h, 2), 0);
    py_obj *v = ok(py_object_get_attr(a, py_id(__dict__)));
    rg_decref(v);
    rg_decref(a);
    assert_int_equal(rg_collect(h, 2), 2);
    /* Without the dict: one. */
    a = ok(py_object_call_no_args(A));
    set(a, "me", a);
    rg_decref(a);
    assert_int_equal(rg_collect(h, 2), 1);
    rg_decref(A);
}

/* 14: __del__ on a cycle: "__del__ x", "__del__ y", collected 2. */
static void test_del_on_cycle(void **state)
{
    rg_heap *h = *state;
    g_log[0] = 0;
    g_calls = 0;
    py_obj *D = gc_class("D", 1);
    py_obj *x = named(D, "x"), *y = named(D, "y");
    set(x, "o", y);
    set(y, "o", x);
    rg_decref(x);
    rg_decref(y);
    assert_int_equal(rg_collect(h, 2), 2);
    assert_string_equal(g_log, "x y ");
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
    rg_decref(D);
}

/* Refcount death runs __del__ once, before the memory goes. */
static void test_del_on_refcount_death(void **state)
{
    (void)state;
    g_log[0] = 0;
    g_calls = 0;
    py_obj *D = gc_class("D", 1);
    py_obj *x = named(D, "solo");
    rg_decref(x);
    assert_string_equal(g_log, "solo ");
    assert_int_equal(g_calls, 1);
    rg_decref(D);
}

/* 15: resurrection: collected 0 with one call; finalized; then 1. */
static void test_resurrection(void **state)
{
    rg_heap *h = *state;
    g_log[0] = 0;
    g_calls = 0;
    g_saved = py_list_new(0);
    py_obj *R = gc_class("R", 1);
    py_obj *r = named(R, "a");
    set(r, "me", r);
    rg_decref(r);
    assert_int_equal(rg_collect(h, 2), 0);
    assert_int_equal(g_calls, 1);
    assert_int_equal(py_list_size(g_saved), 1);
    assert_true(rg_is_finalized(py_list_get(g_saved, 0)));
    py_obj *empty = py_list_new(0);
    py_obj *slice = py_slice_new(NULL, NULL, NULL);
    assert_int_equal(py_object_set_item(g_saved, slice, empty), 0); /* saved.clear() */
    rg_decref(slice);
    rg_decref(empty);
    assert_int_equal(rg_collect(h, 2), 1);
    assert_int_equal(g_calls, 1);
    RG_CLEAR(g_saved);
    rg_decref(R);
}

/* 16: resurrecting one member keeps the cycle: 0, then 2. */
static void test_resurrection_transitive(void **state)
{
    rg_heap *h = *state;
    g_log[0] = 0;
    g_calls = 0;
    g_saved = py_list_new(0);
    py_obj *P = gc_class("P", 1);
    py_obj *a = named(P, "a"), *b = named(P, "b");
    set(a, "o", b);
    set(b, "o", a);
    rg_decref(a);
    rg_decref(b);
    assert_int_equal(rg_collect(h, 2), 0);
    assert_string_equal(g_log, "a b ");
    assert_int_equal(py_list_size(g_saved), 1);
    py_obj *kept = py_list_get(g_saved, 0);
    py_obj *o = ok(py_object_get_attr_string(kept, "o"));
    py_obj *on = ok(py_object_get_attr_string(o, "name"));
    assert_true(py_unicode_equal_to_ascii_string(on, "b"));
    rg_decref(on);
    rg_decref(o);
    RG_CLEAR(g_saved);
    assert_int_equal(rg_collect(h, 2), 2);
    rg_decref(P);
}

/* A class is a cycle (type -> mro -> type); with an instance it dies only
 * by collection, after its instances. */
static void test_class_lifetime(void **state)
{
    rg_heap *h = *state;
    py_obj *A = gc_class("A", 0);
    py_obj *a = ok(py_object_call_no_args(A));
    rg_decref(A);
    assert_int_equal(rg_collect(h, 2), 0); /* the instance keeps it */
    rg_decref(a);
    /* The class, its dict, MRO and two getset descriptors (the bases
     * tuple (object,) was untracked), as CPython's gc.collect() reports. */
    assert_int_equal(rg_collect(h, 2), 5);
}

/* Classes of a Python metaclass (class Meta(type), C = Meta("C", (), {})):
 * each class holds one counted reference to its metaclass, dropped once
 * when it dies (3.11's subtype_dealloc; type_dealloc must not drop it
 * again). python3 after gc.collect(): 0, 5, then Meta itself 2. */
static void test_metaclass_lifetime(void **state)
{
    rg_heap *h = *state;
    py_obj *tb = ok(py_tuple_pack(1, py_type_info.type_obj));
    py_obj *ns = ok(py_dict_new());
    py_obj *Meta = make_class("Meta", tb, ns);
    rg_decref(tb);
    rg_decref(ns);
    size_t meta_refs = Meta->refcnt;
    py_obj *n = ok(py_unicode_from_string("C"));
    ns = ok(py_dict_new());
    py_obj *args[3] = {n, py_empty_tuple, ns};
    py_obj *C = ok(py_object_vectorcall(Meta, args, 3, NULL));
    py_obj *C2 = ok(py_object_vectorcall(Meta, args, 3, NULL));
    rg_decref(n);
    rg_decref(ns);
    assert_ptr_equal(py_type_of(C), py_typeinfo_of(Meta));
    assert_int_equal(Meta->refcnt, meta_refs + 2);
    py_obj *c = ok(py_object_call_no_args(C));
    rg_decref(C);
    assert_int_equal(rg_collect(h, 2), 0); /* the instance keeps it */
    rg_decref(c);
    assert_int_equal(rg_collect(h, 2), 5);
    assert_int_equal(Meta->refcnt, meta_refs + 1);
    /* The metaclass dies first (by reference), its last class after. */
    rg_decref(Meta);
    assert_int_equal(rg_collect(h, 2), 0);
    rg_decref(C2);
    assert_int_equal(rg_collect(h, 2), 5 + 2);
}

/* Py_ReprEnter's thread-state dict and "Py_Repr" list are made by the
 * first container repr: python3 after gc.collect() counts +2 then (the
 * dict, then the list: the full collection emptied the list free list),
 * nothing for later reprs. */
static void test_repr_enter_allocations(void **state)
{
    rg_heap *h = *state;
    py_obj *t = ok(py_tuple_pack(2, py_true, py_false));
    py_obj *l = ok(py_list_new(0));
    assert_int_equal(py_list_append(l, py_true), 0);
    py_obj *d = ok(py_dict_new());
    assert_int_equal(py_dict_set_item(d, py_true, py_false), 0);
    rg_collect(h, 2);
    long c0[RG_GC_GENERATIONS], c1[RG_GC_GENERATIONS];
    rg_gc_get_count(h, c0);
    py_obj *r = ok(py_object_repr(t));
    rg_decref(r);
    rg_gc_get_count(h, c1);
    assert_int_equal(c1[0] - c0[0], 2);
    py_obj *td = py_current->tstate_dict;
    assert_non_null(td);
    assert_true(rg_is_tracked(td));
    py_obj *rl = py_dict_get_item_string(td, "Py_Repr");
    assert_non_null(rl);
    assert_int_equal(py_list_size(rl), 0);
    r = ok(py_object_repr(l));
    rg_decref(r);
    r = ok(py_object_repr(d));
    rg_decref(r);
    rg_gc_get_count(h, c0);
    assert_int_equal(c0[0], c1[0]);
    rg_decref(t);
    rg_decref(l);
    rg_decref(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cycle_two_instances, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_container_cycles, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_instance_dict_materialized, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_del_on_cycle, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_del_on_refcount_death, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_resurrection, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_resurrection_transitive, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_class_lifetime, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_metaclass_lifetime, setup, pyfx_teardown),
        cmocka_unit_test_setup_teardown(test_repr_enter_allocations, setup, pyfx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
