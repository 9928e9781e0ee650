/*
 * test_gc_hooks.c -- CPython 3.11.7's Lib/test/test_gc.py, continued:
 * GCCallbackTests (gc.callbacks, DEBUG_SAVEALL from callbacks, the
 * uncollectable garbage), GCTogglingTests (collections that start
 * "naturally" inside allocations, weak-reference callbacks during them),
 * and the tracking tests of test_tuple.py and test_dict.py, on the engine
 * types of support/pymodel.h.  test_gc_cpython.c has GCTests and the
 * list of what is not applicable.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/pymodel.h"

static rg_object *g_ouch[2];
static int g_ouch_n, g_gc_happened;

/* GCCallbackTests                                                         */
/* ====================================================================== */

typedef struct visit { int cb, start, generation; size_t collected, uncollectable; } visit;
static visit g_visits[16];
static int g_nvisits, g_cleanup;

/* self.visit.append((cb, phase, dict(info))) */
static void record_visit(int cb, const char *phase, int generation, size_t collected, size_t uncollectable)
{
    assert_true(g_nvisits < 16);
    assert_true(strcmp(phase, "start") == 0 || strcmp(phase, "stop") == 0);
    g_visits[g_nvisits++] = (visit){cb, strcmp(phase, "start") == 0, generation, collected, uncollectable};
}

/* cb1. */
static void cb1(rg_heap *h, const char *phase, int generation, size_t collected, size_t uncollectable,
                void *data)
{
    (void)h, (void)data;
    record_visit(1, phase, generation, collected, uncollectable);
}

/* cb2: with cleanup set, take the Uncollectables out of gc.garbage on
 * "stop" and break their cycles (e.partner = None); a collection asked
 * from a callback does nothing and returns 0. */
static void cb2(rg_heap *h, const char *phase, int generation, size_t collected, size_t uncollectable,
                void *data)
{
    (void)data;
    record_visit(2, phase, generation, collected, uncollectable);
    assert_int_equal(rg_collect(h, 2), 0);
    if (strcmp(phase, "stop") != 0 || !g_cleanup) return;
    rg_object *const *garbage, *uc[8];
    size_t n = rg_gc_garbage(h, &garbage);
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(garbage[i]->type, &LegacyType);
        uc[i] = garbage[i];
        rg_incref(uc[i]);
    }
    rg_gc_clear_garbage(h);
    for (size_t i = 0; i < n; i++) set_slot((Inst *)uc[i], 0, NULL);
    for (size_t i = 0; i < n; i++) rg_decref(uc[i]);
}

/* setUp and preclean: callbacks cb1 and cb2 registered, no visits. */
static void callback_setup(rg_heap *h)
{
    assert_int_equal(rg_gc_add_callback(h, cb1, NULL), 0);
    assert_int_equal(rg_gc_add_callback(h, cb2, NULL), 0);
    rg_collect(h, 2);
    g_nvisits = g_cleanup = 0;
}

/* tearDown: callbacks removed (a second removal fails). */
static void callback_teardown(rg_heap *h)
{
    assert_int_equal(rg_gc_remove_callback(h, cb1, NULL), 0);
    assert_int_equal(rg_gc_remove_callback(h, cb2, NULL), 0);
    errno = 0;
    assert_int_equal(rg_gc_remove_callback(h, cb2, NULL), -1);
    assert_int_equal(errno, EINVAL);
}

/* test_collect: each callback sees one "start" and one "stop", in
 * registration order, with the info of the collection. */
TEST(test_collect)
{
    callback_setup(h);
    rg_collect(h, 2);
    assert_int_equal(g_nvisits, 4);
    for (int i = 0; i < 4; i++) {
        assert_true(g_visits[i].cb == 1 + i % 2 && g_visits[i].start == (i < 2));
        assert_int_equal(g_visits[i].collected + g_visits[i].uncollectable, 0);
    }
    callback_teardown(h);
}

/* test_collect_generation: the info says generation 2 (and 0, 1 for those). */
TEST(test_collect_generation)
{
    callback_setup(h);
    for (int gen = 0; gen < 3; gen++) {
        g_nvisits = 0;
        rg_collect(h, gen);
        assert_int_equal(g_nvisits, 4);
        for (int i = 0; i < 4; i++) assert_int_equal(g_visits[i].generation, gen);
    }
    callback_teardown(h);
}

/* Uncollectable(): two tp_del objects, partners. */
static Inst *uncollectable(rg_heap *h)
{
    Inst *a = inst_new(h, &LegacyType, NULL), *b = inst_new(h, &LegacyType, NULL);
    set_slot(a, 0, b);
    set_slot(b, 0, a);
    rg_decref(O(b));
    return a;
}

/* Every "stop" visit says collected, uncollectable. */
static void check_stops(size_t collected, size_t uncollectable)
{
    for (int i = 0; i < g_nvisits; i++)
        if (!g_visits[i].start)
            assert_true(g_visits[i].collected == collected && g_visits[i].uncollectable == uncollectable);
}

/* test_collect_garbage: two Uncollectable pairs and a C1055820: "stop"
 * says collected 1, uncollectable 4; gc.garbage holds the 4.  Then, with
 * cb2 cleaning up and one pair still referenced (the test's loop variable
 * `e`), the next collection says 0 and 2 and leaves gc.garbage empty
 * (python3: 1/4 then 0/2). */
TEST(test_collect_garbage)
{
    callback_setup(h);
    rg_decref(O(uncollectable(h)));
    rg_decref(O(uncollectable(h)));
    rg_decref(O(c1055820(h, 666)));
    assert_int_equal(rg_collect(h, 2), 5);
    check_stops(1, 4);
    rg_object *const *garbage;
    assert_int_equal(rg_gc_garbage(h, &garbage), 4);
    for (int i = 0; i < 4; i++) assert_ptr_equal(garbage[i]->type, &LegacyType);
    rg_object *e = garbage[3];
    rg_incref(e);
    g_cleanup = 1;
    g_nvisits = 0;
    rg_gc_clear_garbage(h);
    assert_int_equal(rg_collect(h, 2), 2);
    assert_int_equal(g_nvisits, 4);
    check_stops(0, 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
    assert_int_equal(g_legacy_calls, 2);
    set_slot((Inst *)e, 0, NULL);
    rg_decref(e);
    assert_int_equal(g_legacy_calls, 4);
    callback_teardown(h);
}

/* test_refcount_errors: an object whose refcount is smaller than the
 * references other tracked objects hold to it ("refcount is too small").
 * CPython's debug build (the test is skipped with NDEBUG) dies on the
 * assertion in gc_decref; the engine's counterpart, the RG_ASSERTS build,
 * must abort too (the assertion in collect.c's gc_decref). */
TEST(test_refcount_errors)
{
#ifndef RG_ASSERTS
    skip();
#else
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (freopen("/dev/null", "w", stderr) == NULL) _exit(2);
        List *a = list_new(h), *b = list_new(h), *globals = list_new(h);
        list_append(b, a);
        list_append(globals, a);
        rg_decref(O(a));     /* the test's own reference */
        a->ob_base.refcnt--; /* ctypes.pythonapi.Py_DecRef(a) */
        rg_collect(h, 2);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
#endif
}

/* ====================================================================== */
/* GCTogglingTests: collections that happen "naturally"                    */
/* ====================================================================== */

static rg_weakref *g_c2wr;

/* it_happened of GC_Detector. */
static void detector_callback(rg_weakref *ref U, rg_object *data U) { g_gc_happened = 1; }

/* ouch[:] = [c2wr()] */
static void c2wr_callback(rg_weakref *ref U, rg_object *data U)
{
    g_ouch_n = 1;
    g_ouch[0] = rg_weakref_get(g_c2wr);
}

/* D.__del__: ouch[:] = [c2wr()] */
static void c2wr_del(Inst *self U) { c2wr_callback(NULL, NULL); }

/* test_bug1055820c (use_del 0) and test_bug1055820d (1): c0 (or D d0) in
 * generation 2 is kept alive only by c1 in generation 0; c2 has a weak
 * reference without callback.  Allocating lists until a generation-0
 * collection happens (GC_Detector) clears c1, which frees c0, whose weak
 * reference callback (or __del__) reads c2wr(): it must be None already. */
static void bug1055820cd(rg_heap *h, int use_del)
{
    rg_gc_enable(h);
    Inst *c0 = selfloop(h, use_del ? &DelType : &InstType);
    c0->on_del = c2wr_del;
    rg_collect(h, 2);
    Inst *c1 = c1055820(h, 1), *c2 = c1055820(h, 2);
    set_slot(c1, 1, c0);
    set_slot(c0, 0, NULL);
    g_c2wr = rg_weakref_new(h, O(c2), NULL, NULL);
    rg_weakref *c0wr = use_del ? NULL : rg_weakref_new(h, O(c0), c2wr_callback, NULL);
    drop(3, O(c0), O(c1), O(c2));
    g_ouch_n = g_gc_happened = 0;
    Inst *d = c1055820(h, 666);
    rg_weakref *detector = rg_weakref_new(h, O(d), detector_callback, NULL);
    rg_decref(O(d));
    List *junk = list_new(h);
    for (int i = 0; !g_gc_happened; i++) {
        assert_true(i < 10000);
        assert_int_equal(g_ouch_n, 0);
        List *l = list_new(h);
        list_append(junk, l);
        rg_decref(O(l));
    }
    assert_int_equal(g_ouch_n, 1);
    assert_null(g_ouch[0]);
    rg_gc_disable(h);
    drop(3, O(junk), O(detector), O(g_c2wr));
    rg_xdecref(O(c0wr));
}

/* test_bug1055820c: with a weak-reference callback. */
TEST(test_bug1055820c) { bug1055820cd(h, 0); }

/* test_bug1055820d: with a __del__. */
TEST(test_bug1055820d) { bug1055820cd(h, 1); }

/* ====================================================================== */
/* test_tuple.py and test_dict.py: tracking                                */
/* ====================================================================== */

/* _not_tracked(t): untracked after two collections; drops t. */
static void not_tracked(rg_heap *h, void *t)
{
    rg_collect(h, 2);
    rg_collect(h, 2);
    assert_false(rg_is_tracked(O(t)));
    rg_decref(O(t));
}

/* _tracked(t): tracked before and after two collections; drops t. */
static void tracked(rg_heap *h, void *t)
{
    assert_true(rg_is_tracked(O(t)));
    rg_collect(h, 2);
    rg_collect(h, 2);
    assert_true(rg_is_tracked(O(t)));
    rg_decref(O(t));
}

/* test_tuple.test_bug7466: a tuple filled while collections run keeps its
 * empty slots tracked (untracking it then would lose what comes next). */
TEST(test_tuple_bug7466)
{
    Tuple *t = (Tuple *)rg_new_var(h, &TupleType, 101);
    for (int i = 0; i < 101; i++) {
        t->items[i] = mkint(h, (long)rg_collect(h, i % 3));
        assert_true(rg_is_tracked(O(t)) || i == 100);
    }
    not_tracked(h, t);
}

/* test_dict.test_track_literals and test_track_dynamic, beyond oracle 08
 * (test_gc_oracles): {1: object()} is untracked; a tracked tuple key tracks
 * the dict until a full collection untracks both; d[1] = dd, dd empty and
 * untracked, tracks d (dd may change); dd[1] = d then tracks dd. */
TEST(test_dict_track)
{
    rg_object *x = mkint(h, 15), *obj = rg_new(h, &StaticType);
    Dict *d = dict_new(h), *lit = dict_new(h), *dd = dict_new(h);
    dict_set_int(lit, 1, obj);
    not_tracked(h, lit);
    Tuple *zt = tuple_new(h, 2, x, obj); /* z = (1, object()), still tracked */
    dict_set(d, O(zt), x);
    rg_collect(h, 0);
    assert_true(rg_is_tracked(O(d)) && !rg_is_tracked(O(zt)));
    rg_collect(h, 2);
    assert_false(rg_is_tracked(O(d)));
    dict_set_int(d, 1, dd);
    rg_incref(O(d));
    tracked(h, d);
    rg_incref(O(dd));
    not_tracked(h, dd);
    dict_set_int(dd, 1, d);
    tracked(h, dd);
    drop(4, O(d), O(zt), x, obj); /* d <-> dd is left to the teardown */
}

/* ====================================================================== */
/* ====================================================================== */

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_collect), T(test_collect_generation), T(test_collect_garbage),
        T(test_refcount_errors), T(test_bug1055820c), T(test_bug1055820d), T(test_tuple_bug7466),
        T(test_dict_track),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
