/*
 * pyfixture.h -- the shared fixture of the object layer's tests
 * (tests/lang/test_types*.c): a fresh interpreter per test, a teardown
 * that requires the heap consistent and empty, and the assertion helpers
 * every file used to repeat.
 *
 * Owns: pyfx_setup / pyfx_teardown (PYFX_TEST(fn) registers a test with
 * both), ok(), repr_is / str_is, check_error, the object pool (keep,
 * expect, expect_error), the constructors S / I / F, method calls (M,
 * call_method) and class creation (make_class, main_class).
 *
 * Invariants.  Every test gets its own debug heap (RG_HEAP_DEBUG: freed
 * blocks are quarantined and checked) and interpreter; teardown deletes
 * the interpreter whatever the verdict, then requires: no pending
 * exception, nothing left in gc.garbage, rg_heap_check clean, and no
 * block allocated (after rg_trim empties the quarantine).  So every
 * reference a test takes must be released by its end.
 *
 * Constructors.  S / I / F return a NEW reference the test owns (checked
 * non-NULL).  A file that defines PYFX_POOL before including this header
 * gets them "pooled" instead: the object goes to the pool, which expect()
 * and expect_error() release after comparing -- for tests written as one
 * Python expression per line.
 *
 * Must not: hold state beyond one test (the pool is empty between tests),
 * or hide a failure: every helper fails the test on an unexpected NULL.
 * Everything is static inline (no unused-function warnings for a file
 * that needs only part of it).
 */
#ifndef REFGC_TESTS_PYFIXTURE_H
#define REFGC_TESTS_PYFIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/heapcheck.h"
#include "types/object.h"

/* ====================================================================== */
/* Setup and teardown                                                      */
/* ====================================================================== */

/* A debug heap and an interpreter on it; *state is the heap. */
static inline int pyfx_setup(void **state)
{
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    cfg.flags = RG_HEAP_DEBUG;
    rg_heap *h = rg_heap_new(&cfg);
    assert_non_null(h);
    assert_non_null(py_interp_new(h));
    *state = h;
    return 0;
}

/* The interpreter and the heap go first, whatever the verdict; then no
 * exception may be pending, gc.garbage must be empty, the heap must be
 * consistent and (after the debug quarantine is emptied) hold no block. */
static inline int pyfx_teardown(void **state)
{
    rg_heap *h = *state;
    int pending = py_err_occurred() != NULL;
    size_t garbage = rg_gc_garbage(h, NULL);
    py_interp_delete(py_current);
    heap_done_empty(h); /* rg_heap_check clean, no block left (support/heapcheck.h) */
    assert_false(pending);
    assert_int_equal(garbage, 0);
    return 0;
}

#define PYFX_TEST(fn) cmocka_unit_test_setup_teardown(fn, pyfx_setup, pyfx_teardown)

/* ====================================================================== */
/* Assertions                                                              */
/* ====================================================================== */

/* o, or fail with the pending exception's repr when o is NULL. */
static inline py_obj *ok(py_obj *o)
{
    if (o == NULL) {
        py_obj *e = py_err_get_raised_exception();
        py_obj *r = e ? py_object_repr(e) : NULL;
        fail_msg("unexpected exception: %s (%s)", r ? py_unicode_as_utf8(r) : "?",
                 e ? py_obj_type_name(e) : "none set");
    }
    return o;
}

/* repr(o) (or str(o)) == expected; consumes o. */
static inline void pyfx_text_is(py_obj *o, const char *expected, int use_str)
{
    ok(o);
    py_obj *s = ok(use_str ? py_object_str(o) : py_object_repr(o));
    assert_string_equal(py_unicode_as_utf8(s), expected);
    rg_decref(s);
    rg_decref(o);
}
static inline void repr_is(py_obj *o, const char *expected) { pyfx_text_is(o, expected, 0); }
static inline void str_is(py_obj *o, const char *expected) { pyfx_text_is(o, expected, 1); }

/* The pending exception: its class name and (unless msg is NULL) its
 * str; cleared. */
static inline void check_error(const char *type_name, const char *msg)
{
    assert_non_null(py_err_occurred());
    py_obj *e = py_err_get_raised_exception();
    assert_non_null(e);
    assert_string_equal(py_obj_type_name(e), type_name);
    if (msg != NULL) {
        py_obj *s = ok(py_object_str(e));
        assert_string_equal(py_unicode_as_utf8(s), msg);
        rg_decref(s);
    }
    rg_decref(e);
}

/* ====================================================================== */
/* The pool: objects built for one case, released together                 */
/* ====================================================================== */

#define PYFX_POOL_SIZE 64
static py_obj *pyfx_pool[PYFX_POOL_SIZE];
static int pyfx_npool;

/* o (non-NULL), now owned by the pool. */
static inline py_obj *keep(py_obj *o)
{
    assert_non_null(o);
    assert_true(pyfx_npool < PYFX_POOL_SIZE);
    pyfx_pool[pyfx_npool++] = o;
    return o;
}

/* repr(result) == expected (result consumed); the pool released. */
static inline void expect(py_obj *result, const char *expected)
{
    if (result == NULL) {
        py_obj *e = py_err_get_raised_exception();
        py_obj *r = e ? py_object_repr(e) : NULL;
        fail_msg("exception %s, expected %s", r ? py_unicode_as_utf8(r) : "?", expected);
    }
    py_obj *r = py_object_repr(result);
    assert_non_null(r);
    assert_string_equal(py_unicode_as_utf8(r), expected);
    rg_decref(r);
    rg_decref(result);
    while (pyfx_npool > 0) rg_decref(pyfx_pool[--pyfx_npool]);
}

/* result is NULL and repr(the pending exception) == expected (cleared);
 * the pool released. */
static inline void expect_error(py_obj *result, const char *expected)
{
    assert_null(result);
    expect(py_err_get_raised_exception(), expected);
}

/* ====================================================================== */
/* Constructors: new references, or pooled under PYFX_POOL                 */
/* ====================================================================== */

#ifdef PYFX_POOL
#define PYFX_NEW(o) keep(o)
#else
#define PYFX_NEW(o) ok(o)
#endif
static inline py_obj *S(const char *s) { return PYFX_NEW(py_unicode_from_string(s)); }
static inline py_obj *I(long v) { return PYFX_NEW(py_long_from_long(v)); }
static inline py_obj *F(double v) { return PYFX_NEW(py_float_from_double(v)); }
#undef PYFX_NEW

/* ====================================================================== */
/* Calls and classes                                                       */
/* ====================================================================== */

/* self.name(*args, **kw) through the call protocol (vectorcall_method):
 * n positional arguments, then one value per name of kwnames (a tuple, or
 * NULL); every argument borrowed.  At most 7 values. */
static inline py_obj *call_method(py_obj *self, const char *name, int n, py_obj *const *args, py_obj *kwnames)
{
    py_obj *stack[8];
    int nkw = kwnames != NULL ? (int)py_tuple_size(kwnames) : 0;
    assert_true(n + nkw < 8);
    stack[0] = self;
    for (int i = 0; i < n + nkw; i++) stack[i + 1] = args[i];
    py_obj *pname = ok(py_unicode_from_string(name));
    py_obj *r = py_object_vectorcall_method(pname, stack, (size_t)n + 1, kwnames);
    rg_decref(pname);
    return r;
}

/* self.name(args...) with n positional arguments (borrowed, at most 7). */
static inline py_obj *M(py_obj *self, const char *name, int n, ...)
{
    py_obj *args[7];
    assert_true(n <= 7);
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) args[i] = va_arg(va, py_obj *);
    va_end(va);
    return call_method(self, name, n, args, NULL);
}

/* type(name, bases, ns) through the call protocol, as the VM calls it. */
static inline py_obj *make_class(const char *name, py_obj *bases, py_obj *ns)
{
    py_obj *n = ok(py_unicode_from_string(name));
    py_obj *args[3] = {n, bases, ns};
    py_obj *cls = py_object_vectorcall(py_type_info.type_obj, args, 3, NULL);
    rg_decref(n);
    return ok(cls);
}

/* class NAME(*bases): with __module__ = '__main__' and the ndefs methods
 * of defs as method descriptors (the front end's functions stand-ins:
 * they take the same unbound-call path). */
static inline py_obj *main_class(const char *name, py_obj *bases, const py_method_def *defs, int ndefs)
{
    py_obj *ns = ok(py_dict_new());
    assert_int_equal(py_dict_set_item(ns, py_id(__module__), py_id(__main__)), 0);
    for (int i = 0; i < ndefs; i++) {
        py_obj *d = ok(py_descr_new_method(&py_object_info, &defs[i]));
        assert_int_equal(py_dict_set_item(ns, ((py_descr_object *)d)->d_name, d), 0);
        rg_decref(d);
    }
    py_obj *cls = make_class(name, bases, ns);
    rg_decref(ns);
    return cls;
}

#endif /* REFGC_TESTS_PYFIXTURE_H */
