/*
 * test_gc_cpython.c -- CPython 3.11.7's Lib/test/test_gc.py, scenario by
 * scenario, re-expressed on engine objects.
 *
 * test_gc.py is the executable description of what CPython's collector
 * promises; refgc claims to be that collector, so each of its scenarios that
 * is about the collector itself is repeated here (GCTests; the callback
 * and toggling tests are test_gc_hooks.c) with engine types that
 * behave like the Python objects involved: instances (GC, weakly
 * referenceable, optional PEP 442 finalizer), a legacy tp_del type (what
 * _testcapi.with_tp_del makes), lists (GC containers with a heap item array
 * and CPython's free list of 80), tuples (variable-size, untracked when
 * atomic: _PyTuple_MaybeUntrack), dicts (created untracked, tracked when
 * something trackable is stored, untracked by full collections), classes (a
 * class, its dict and its __mro__ tuple, which holds the class: a cycle),
 * functions, frames, bound methods and modules as GC containers, and
 * _testcapi.ContainerNoGC (a non-GC object holding a reference).  Each test
 * carries the Python test's name and asserts what it asserts; where the
 * Python test only says "not 0" or "< 5", the engine's exact value for the
 * modelled objects is asserted and CPython's own figure (measured with
 * python3, which counts objects the model leaves out, such as the getset
 * descriptors in class dicts) is quoted.  Every test ends by dropping all it
 * made and checking that the heap -- a debug heap, so that writes after
 * free show -- is consistent and holds no block.  test_gc.test_is_tracked
 * sends tuple and dict tracking to their own files: test_tuple.py's and
 * test_dict.py's test_track_* are here too, as far as the oracles 07 and 08
 * of test_gc_oracles do not cover them already.
 *
 * Not applicable (Python-language or interpreter-only), with the reason:
 *  - test_get_objects_arguments' TypeError cases (a str or float generation)
 *    and test_get_stats' dict keys: C types make them impossible;
 *  - test_ast_fini, test_global_del_SystemExit, test_gc_main_module_at_-
 *    shutdown and test_gc_ordinary_module_at_shutdown as written, and the
 *    ResourceWarning text of test_garbage_at_shutdown: the interpreter's
 *    shutdown (modules, warnings, SystemExit).  Their engine-level content
 *    -- a last collection runs finalizers and leaves tp_del cycles in
 *    gc.garbage; deleting the heap runs no hook -- is
 *    test_garbage_at_shutdown and test_gc_module_cycle_at_shutdown;
 *  - test_trashcan_threads: threads switching the GIL inside __del__; a
 *    heap is used by one thread at a time (heaps on several threads are
 *    test_api's);
 *  - test_refcount_errors' message text and ctypes: the engine's check is an
 *    RG_ASSERTS abort, tested in a child process;
 *  - test_boom* as written: the collector never calls user code to ask
 *    whether an object has a finalizer (it reads rg_type), so __getattr__
 *    cannot run; the four tests change the garbage from clear and finalize
 *    hooks during the collection instead;
 *  - exec() in test_function, sys._getframe() in test_frame: the function
 *    and the frame are built as the objects those calls make.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/pymodel.h"
#include "support/heapcheck.h"

/* GCTests: cycles of every kind of object                                 */
/* ====================================================================== */

/* test_list: l.append(l) is one object of garbage. */
TEST(test_list)
{
    List *l = list_new(h);
    list_append(l, l);
    assert_int_equal(collect_after_dropping(h, l), 1);
}

/* test_dict: d[1] = d; storing a dict into an untracked dict tracks it. */
TEST(test_dict)
{
    Dict *d = dict_new(h);
    dict_set_int(d, 1, d);
    assert_true(rg_is_tracked(O(d)));
    assert_int_equal(collect_after_dropping(h, d), 1);
}

/* test_tuple: a tuple and a list closing the loop are two objects. */
TEST(test_tuple)
{
    List *l = list_new(h);
    Tuple *t = tuple_new(h, 1, O(l));
    list_append(l, t);
    rg_decref(O(t));
    assert_int_equal(collect_after_dropping(h, l), 2);
}

/* test_class: A.a = A.  The model's class is 3 objects (class, dict now
 * tracked, __mro__); CPython finds 5 (its dict also holds two getset
 * descriptors); the test asserts "not 0". */
TEST(test_class)
{
    Inst *a = class_new(h, 0, NULL, NULL, NULL);
    dict_set_int((Dict *)a->slot[0], 'a', a);
    assert_int_equal(collect_after_dropping(h, a), 3);
}

/* test_newstyleclass: a bare class is a cycle through its __mro__ (its
 * empty dict is untracked): 2 objects here, 5 in CPython. */
TEST(test_newstyleclass)
{
    assert_int_equal(collect_after_dropping(h, class_new(h, 0, NULL, NULL, NULL)), 2);
}

/* test_instance: a.a = a is one object (3.11 keeps attributes inline). */
TEST(test_instance)
{
    Inst *cls = class_new(h, 0, NULL, NULL, NULL), *a = inst_new(h, &InstType, cls);
    set_slot(a, 0, a);
    assert_int_equal(collect_after_dropping(h, a), 1);
    assert_int_equal(collect_after_dropping(h, cls), 2);
}

/* test_newinstance: an instance cycle (1); an instance of class C(B, A),
 * B(list), with a materialised __dict__ (2, as CPython); dropping B and C
 * (4 here: two classes and their __mro__s; CPython 8); A.a = A() with A
 * dropped (4 here, CPython 6); then nothing (0). */
TEST(test_newinstance)
{
    Inst *A = class_new(h, 0, NULL, NULL, NULL), *a = inst_new(h, &InstType, A);
    set_slot(a, 0, a);
    assert_int_equal(collect_after_dropping(h, a), 1);
    rg_object *list_type = rg_new(h, &StaticType);
    Inst *B = class_new(h, 1, list_type, NULL, NULL);
    Inst *C = class_new(h, 3, O(B), O(A), list_type);
    a = inst_new(h, &InstType, C);
    Dict *adict = dict_new(h);
    set_slot(a, 1, adict); /* a.__dict__ */
    dict_set_int(adict, 'a', a);
    drop(2, list_type, O(adict));
    assert_int_equal(collect_after_dropping(h, a), 2);
    drop(2, O(B), O(C));
    assert_int_equal(rg_collect(h, 2), 4);
    Inst *inst = inst_new(h, &InstType, A);
    dict_set_int((Dict *)A->slot[0], 'a', inst); /* A.a = A() */
    drop(2, O(inst), O(A));
    assert_int_equal(rg_collect(h, 2), 4);
    assert_int_equal(rg_collect(h, 2), 0);
}

/* test_method: self.init = self.__init__ (a bound method holding self):
 * instance and method, 2 objects as in CPython. */
TEST(test_method)
{
    Inst *A = class_new(h, 0, NULL, NULL, NULL), *init = inst_new(h, &FuncType, NULL);
    dict_set_int((Dict *)A->slot[0], 'i', init);
    Inst *a = inst_new(h, &InstType, A), *m = inst_new(h, &MethodType, NULL);
    set_slot(m, 0, a);    /* __self__ */
    set_slot(m, 1, init); /* __func__ */
    set_slot(a, 0, m);
    drop(2, O(m), O(init));
    assert_int_equal(collect_after_dropping(h, a), 2);
    rg_decref(O(A));
}

/* test_legacy_finalizer and test_legacy_finalizer_newclass (the same in
 * Python 3): a tp_del self-cycle is uncollectable and lands in gc.garbage,
 * a plain one beside it is collected (2 in all, as CPython); the collector
 * never calls tp_del; once the cycle is broken and gc.garbage let go, the
 * refcount death does. */
TEST(test_legacy_finalizer)
{
    Inst *a = selfloop(h, &LegacyType), *b = selfloop(h, &InstType);
    rg_collect(h, 2);
    rg_gc_stats before = stats2(h);
    drop(2, O(a), O(b));
    assert_int_equal(rg_collect(h, 2), 2);
    rg_gc_stats after = stats2(h);
    assert_int_equal(after.collected - before.collected, 1);
    assert_int_equal(after.uncollectable - before.uncollectable, 1);
    rg_object *const *garbage;
    assert_int_equal(rg_gc_garbage(h, &garbage), 1);
    assert_ptr_equal(garbage[0], a);
    rg_object *obj = garbage[0];
    rg_incref(obj);
    set_slot((Inst *)obj, 0, NULL); /* del obj.a */
    rg_gc_clear_garbage(h);         /* gc.garbage.remove(obj) */
    assert_int_equal(g_legacy_calls, 0);
    rg_decref(obj);
    assert_int_equal(g_legacy_calls, 1);
    assert_int_equal(rg_collect(h, 2), 0);
}

/* With test_legacy_finalizer: what a tp_del object reaches is uncollectable
 * too (a.c = c, c.c = c): python3 returns 2, gc.garbage holds a alone,
 * stats say 2 uncollectable and 0 collected; c survives, untouched. */
TEST(test_legacy_finalizer_reaches)
{
    Inst *a = selfloop(h, &LegacyType), *c = selfloop(h, &InstType);
    set_slot(a, 1, c);
    rg_gc_stats before = stats2(h);
    drop(2, O(a), O(c));
    assert_int_equal(rg_collect(h, 2), 2);
    rg_gc_stats after = stats2(h);
    assert_true(after.uncollectable - before.uncollectable == 2 && after.collected == before.collected);
    rg_object *const *garbage;
    assert_int_equal(rg_gc_garbage(h, &garbage), 1);
    assert_true(garbage[0] == O(a) && c->slot[0] == O(c) && rg_is_tracked(O(c)));
    set_slot(a, 0, NULL);
    rg_gc_clear_garbage(h);
    assert_int_equal(g_legacy_calls, 1);
    assert_int_equal(rg_collect(h, 2), 1);
}

/* test_function: f -> globals d -> f: 2 objects (builtins survive). */
TEST(test_function)
{
    Inst *builtins = inst_new(h, &ModuleType, NULL), *f = inst_new(h, &FuncType, NULL);
    Dict *d = dict_new(h);
    dict_set_int(d, 'b', builtins); /* __builtins__ */
    set_slot(f, 0, d);              /* f.__globals__ */
    dict_set_int(d, 'f', f);
    rg_decref(O(f));
    assert_int_equal(collect_after_dropping(h, d), 2);
    rg_decref(O(builtins));
}

/* test_function_tp_clear_leaves_consistent_state (gh-91636). */
static Inst *g_latefin, *g_func;

/* LateFin.__del__: func = self.ref() -- takes back a function being cleared. */
static void latefin_del(Inst *self)
{
    g_func = (Inst *)rg_weakref_get((rg_weakref *)self->slot[0]);
    rg_xincref(O(g_func));
}

/* Cyclic.__del__: self[1].ref = weakref.ref(self[0]); del latefin. */
static void cyclic_del(Inst *self)
{
    rg_weakref *ref = rg_weakref_new(rg_object_heap(O(self)), self->slot[0], NULL, NULL);
    assert_non_null(ref);
    set_slot((Inst *)self->slot[1], 0, ref);
    Inst *l = g_latefin;
    g_latefin = NULL;
    drop(2, O(ref), O(l));
}

/* cyc <-> func are garbage; cyc's finalizer makes a weak reference to func
 * after the collector cleared weak references; clearing func frees cyc and
 * latefin, whose finalizer takes func back through that reference.  CPython
 * returns 2 and the function survives, cleared but consistent, tracked;
 * dropping it then frees it by refcount. */
TEST(test_function_tp_clear_leaves_consistent_state)
{
    g_latefin = inst_new(h, &DelType, NULL);
    g_latefin->on_del = latefin_del;
    Inst *func = inst_new(h, &FuncType, NULL), *cyc = inst_new(h, &DelType, NULL);
    cyc->on_del = cyclic_del;
    set_slot(cyc, 0, func);
    set_slot(cyc, 1, g_latefin);
    set_slot(func, 1, cyc); /* func.__module__ = cyc */
    drop(2, O(func), O(cyc));
    g_func = NULL;
    assert_int_equal(rg_collect(h, 2), 2);
    assert_int_equal(g_fin_calls, 2);
    assert_null(g_latefin);
    assert_ptr_equal(g_func, func);
    assert_int_equal(rg_refcount(O(func)), 1);
    for (int i = 0; i < NSLOTS; i++) assert_null(func->slot[i]);
    assert_true(rg_is_tracked(O(func)));
    assert_int_equal(rg_weakref_count(O(func)), 0);
    rg_decref(O(g_func));
    assert_int_equal(rg_collect(h, 2), 0);
}

/* test_frame: a frame whose local `frame` is itself: 1 object. */
TEST(test_frame)
{
    assert_int_equal(collect_after_dropping(h, selfloop(h, &FrameType)), 1);
}

/* test_saveall: with DEBUG_SAVEALL the cycle is kept, whole, in gc.garbage. */
TEST(test_saveall)
{
    rg_collect(h, 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
    List *L = list_new(h);
    list_append(L, L);
    unsigned debug = rg_gc_get_debug(h);
    rg_gc_set_debug(h, debug | RG_GC_DEBUG_SAVEALL, NULL);
    rg_decref(O(L));
    assert_int_equal(rg_collect(h, 2), 1);
    rg_gc_set_debug(h, debug, NULL);
    rg_object *const *garbage;
    assert_int_equal(rg_gc_garbage(h, &garbage), 1);
    assert_ptr_equal(garbage[0], L);
    assert_int_equal(L->n, 1); /* not cleared */
    rg_gc_clear_garbage(h);
    assert_int_equal(rg_collect(h, 2), 1);
}

/* __del__ that allocates, like dir(self). */
static void allocating_del(Inst *self)
{
    rg_heap *h = rg_object_heap(O(self));
    List *names = list_new(h);
    for (int i = 0; i < 3; i++) {
        rg_object *n = mkint(h, i);
        list_append(names, n);
        rg_decref(n);
    }
    rg_decref(O(names));
}


/* test_del and test_del_newclass: with threshold 1 the allocations of a
 * __del__ run during a deallocation start a collection inside it. */
TEST(test_del)
{
    long thresholds[3];
    rg_gc_get_threshold(h, thresholds);
    rg_gc_enable(h);
    rg_gc_set_threshold(h, 1, thresholds[1], thresholds[2]);
    size_t before = collections(h);
    Inst *a = inst_new(h, &DelType, NULL);
    a->on_del = allocating_del;
    rg_decref(O(a));
    assert_int_equal(g_fin_calls, 1);
    assert_true(collections(h) > before);
    rg_gc_disable(h);
    rg_gc_set_threshold(h, thresholds[0], thresholds[1], thresholds[2]);
}

/* test_get_count: right after a collection the count is 0 (CPython: < 5,
 * other objects are made meanwhile); one new list adds exactly 1. */
TEST(test_get_count)
{
    rg_collect(h, 2);
    assert_counts(h, 0, 0, 0);
    List *x = list_new(h);
    assert_counts(h, 1, 0, 0);
    rg_decref(O(x));
}

/* test_collect_generations: collect(N) adds 1 to count N+1 and zeroes
 * 0..N. */
TEST(test_collect_generations)
{
    rg_collect(h, 2);
    List *x = list_new(h);
    rg_collect(h, 0);
    assert_counts(h, 0, 1, 0);
    rg_collect(h, 1);
    assert_counts(h, 0, 0, 1);
    rg_collect(h, 2);
    assert_counts(h, 0, 0, 0);
    rg_decref(O(x));
}

/* Ouch.__del__: every 17th call runs a full collection. */
static void ouch_del(Inst *self) { if (g_fin_calls % 17 == 0) rg_collect(rg_object_heap(O(self)), 2); }

/* test_trashcan: 150-deep lists and dicts of Ouch() are freed through the
 * trashcan (50 levels) while Ouch's __del__ runs full collections, with
 * automatic collection on; every Ouch is finalized once. */
TEST(test_trashcan)
{
    rg_gc_enable(h);
    enum { N = 150 };
    for (int count = 0; count < 2; count++) {
        List *tu[2];
        for (int k = 0; k < 2; k++) { /* t = [t, Ouch()]; u = [u, Ouch()] */
            tu[k] = list_new(h);
            for (int i = 0; i < N; i++) {
                List *n = list_new(h);
                Inst *o = inst_new(h, &DelType, NULL);
                o->on_del = ouch_del;
                list_append(n, tu[k]);
                list_append(n, o);
                drop(2, O(o), O(tu[k]));
                tu[k] = n;
            }
        }
        Dict *v = dict_new(h);
        for (int i = 0; i < N; i++) { /* v = {1: v, 2: Ouch()} */
            Dict *n = dict_new(h);
            Inst *o = inst_new(h, &DelType, NULL);
            o->on_del = ouch_del;
            dict_set_int(n, 1, v);
            dict_set_int(n, 2, o);
            drop(2, O(o), O(v));
            v = n;
        }
        drop(3, O(tu[0]), O(tu[1]), O(v));
        assert_int_equal(g_fin_calls, (count + 1) * 3 * N);
        assert_int_equal(rg_heap_check(h, stderr), 0);
    }
    rg_gc_disable(h);
}

/* ---------------------------------------------------------------------- */
/* test_boom*: the garbage changes under the collector                     */
/* ---------------------------------------------------------------------- */

static const rg_type BoomType, Boom2Type;

/* Boom's clear first does `del self.attr.attr`, then its own clear. */
static int boom_clear(rg_object *self)
{
    Inst *o = (Inst *)self;
    if (o->slot[0] != NULL && o->slot[0]->type == &BoomType) set_slot((Inst *)o->slot[0], 0, NULL);
    return inst_clear(self);
}

/* Boom2's clear breaks the cycle only the second time the collector asks
 * (a refcount death always releases). */
static int boom2_clear(rg_object *self)
{
    if (self->refcnt > 0 && ++((Inst *)self)->x <= 1) return 0;
    return inst_clear(self);
}
static const rg_type BoomType = INST_TYPE("Boom", boom_clear);
static const rg_type Boom2Type = INST_TYPE("Boom2", boom2_clear);

/* a.attr = b; b.attr = a; both dropped after a collection; then collect. */
static intptr_t boom_pair(rg_heap *h, const rg_type *t, void (*on_del)(Inst *))
{
    Inst *a = inst_new(h, t, NULL), *b = inst_new(h, t, NULL);
    a->on_del = b->on_del = on_del;
    set_slot(a, 0, b);
    set_slot(b, 0, a);
    rg_collect(h, 2);
    drop(2, O(a), O(b));
    return rg_collect(h, 2);
}

/* test_boom: clearing a deletes b's attribute and frees b by refcount
 * while b still waits in the collector's list: 2, gc.garbage unchanged. */
TEST(test_boom)
{
    assert_int_equal(boom_pair(h, &BoomType, NULL), 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
}

/* test_boom2: a clear that does not break the cycle the first time: the
 * pair is counted (2) but survives into the oldest generation; the next
 * collection frees it (2 again). */
TEST(test_boom2)
{
    assert_int_equal(boom_pair(h, &Boom2Type, NULL), 2);
    assert_int_equal(heap_blocks(h), 2);
    assert_int_equal(rg_gc_get_objects(h, 2, NULL, 0), 2);
    assert_int_equal(rg_collect(h, 2), 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
}

/* Boom_New.__del__: del self.attr. */
static void boom_new_del(Inst *self) { set_slot(self, 0, NULL); }

/* test_boom_new: a's finalizer deletes a.attr, so b dies by refcount (its
 * own finalizer breaking the rest) during finalize_garbage: python3 returns
 * 0 (both die before being counted); each finalizer runs once. */
TEST(test_boom_new)
{
    assert_int_equal(boom_pair(h, &DelType, boom_new_del), 0);
    assert_int_equal(g_fin_calls, 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
}

/* Boom2_New.__del__ with the counter shared: the second call breaks. */
static void boom2_new_del(Inst *self) { if (g_fin_calls > 1) set_slot(self, 0, NULL); }

/* test_boom2_new: the second finalizer breaks the cycle: python3 says 0. */
TEST(test_boom2_new)
{
    assert_int_equal(boom_pair(h, &DelType, boom2_new_del), 0);
    assert_int_equal(g_fin_calls, 2);
    assert_int_equal(rg_gc_garbage(h, NULL), 0);
}

/* ---------------------------------------------------------------------- */
/* Introspection                                                           */
/* ---------------------------------------------------------------------- */

/* gc.get_referents(*objs) as int values, in traverse order, compared with
 * want (n of them). */
static void check_referents(rg_object *const *objs, size_t nobjs, const long *want, size_t n)
{
    rg_object *refs[16];
    assert_int_equal(rg_gc_get_referents(objs, nobjs, refs, 16), n);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(refs[i]->type, &IntType);
        assert_int_equal(((Int *)refs[i])->v, want[i]);
    }
}

/* test_get_referents, in CPython's orders (python3: [5, 3, 1], [5, 3, 1],
 * [3, 1, 7, 5], [2, 1, 4, 3, 0, 0, 0] and [] for non-GC objects). */
TEST(test_get_referents)
{
    rg_object *i[8];
    for (int k = 0; k < 8; k++) i[k] = mkint(h, k);
    List *alist = list_new(h), *l12 = list_new(h);
    list_append(alist, i[1]);
    list_append(alist, i[3]);
    list_append(alist, i[5]);
    list_append(l12, i[1]);
    list_append(l12, i[2]);
    Tuple *atuple = tuple_new(h, 3, i[1], i[3], i[5]), *t000 = tuple_new(h, 3, i[0], i[0], i[0]);
    Dict *adict = dict_new(h), *d34 = dict_new(h);
    dict_set(adict, i[1], i[3]);
    dict_set(adict, i[5], i[7]);
    dict_set(d34, i[3], i[4]);
    static const long w531[3] = {5, 3, 1}, w3175[4] = {3, 1, 7, 5}, w7[7] = {2, 1, 4, 3, 0, 0, 0};
    rg_object *objs[3] = {O(alist), O(atuple), O(adict)}, *three[3] = {O(l12), O(d34), O(t000)};
    check_referents(&objs[0], 1, w531, 3);
    check_referents(&objs[1], 1, w531, 3);
    check_referents(&objs[2], 1, w3175, 4);
    check_referents(three, 3, w7, 7);
    check_referents(i, 3, NULL, 0); /* 1, 'a', 4j */
    drop(6, O(alist), O(l12), O(atuple), O(t000), O(adict), O(d34));
    for (int k = 0; k < 8; k++) rg_decref(i[k]);
}

/* test_is_tracked: atomic objects are not tracked; user-defined objects,
 * classes, modules and mutable containers are. */
TEST(test_is_tracked)
{
    rg_object *i = mkint(h, 1), *st = rg_new(h, &StaticType), *nogc = rg_new(h, &NoGCType);
    assert_false(rg_is_tracked(i) || rg_is_tracked(st) || rg_is_tracked(nogc));
    Inst *cls = class_new(h, 0, NULL, NULL, NULL), *mod = inst_new(h, &ModuleType, NULL);
    Inst *inst = inst_new(h, &InstType, cls);
    List *l = list_new(h);
    assert_true(rg_is_tracked(O(cls)) && rg_is_tracked(O(mod)) && rg_is_tracked(O(inst)) &&
                rg_is_tracked(O(l)));
    drop(7, i, st, nogc, O(cls), O(mod), O(inst), O(l));
}

static List *g_storage;

/* Lazarus.__del__: storage.append(self). */
static void lazarus_del(Inst *self) { list_append(g_storage, self); }

/* test_is_finalized: false for non-GC objects and before __del__; a
 * refcount death resurrecting through __del__ leaves it finalized (the
 * collection then finds nothing, as in CPython); __del__ never runs again. */
TEST(test_is_finalized)
{
    rg_object *three = mkint(h, 3);
    assert_false(rg_is_finalized(three));
    rg_decref(three);
    g_storage = list_new(h);
    Inst *laz = inst_new(h, &DelType, NULL);
    laz->on_del = lazarus_del;
    assert_false(rg_is_finalized(O(laz)));
    rg_decref(O(laz));
    assert_int_equal(rg_collect(h, 2), 0);
    laz = (Inst *)g_storage->items[--g_storage->n]; /* storage.pop() */
    assert_true(rg_is_finalized(O(laz)));
    drop(2, O(laz), O(g_storage));
    assert_int_equal(g_fin_calls, 1);
}

/* ---------------------------------------------------------------------- */
/* Bugs 1055820 and 21435: weak references and finalizers meet garbage     */
/* ---------------------------------------------------------------------- */


static rg_weakref *g_wrs[2];
static rg_object *g_ouch[2];
static int g_ouch_n;

/* ouch[:] = [wr() for wr in WRs] */
static void wrs_callback(rg_weakref *ref U, rg_object *data U)
{
    g_ouch_n = 2;
    for (int i = 0; i < 2; i++) g_ouch[i] = rg_weakref_get(g_wrs[i]);
}

/* test_bug1055820b: weak-reference callbacks of garbage run after every
 * weak reference to the garbage is cleared: both see None. */
TEST(test_bug1055820b)
{
    List *Cs = list_new(h);
    for (int i = 0; i < 2; i++) {
        Inst *c = c1055820(h, i);
        list_append(Cs, c);
        g_wrs[i] = rg_weakref_new(h, O(c), wrs_callback, NULL);
        rg_decref(O(c));
    }
    g_ouch_n = 0;
    assert_int_equal(collect_after_dropping(h, Cs), 2);
    assert_int_equal(g_ouch_n, 2);
    assert_true(g_ouch[0] == NULL && g_ouch[1] == NULL);
    drop(2, O(g_wrs[0]), O(g_wrs[1]));
}

/* B.__del__: self.attr = None. */
static void b21435_del(Inst *self) { set_slot(self, 1, NULL); }

/* test_bug21435: a finalizer that drops the rest of its cycle during
 * finalize_garbage; python3 returns 0 (all died by refcount). */
TEST(test_bug21435)
{
    Inst *a = inst_new(h, &InstType, NULL), *b = inst_new(h, &DelType, NULL),
         *bx = inst_new(h, &InstType, NULL);
    b->on_del = b21435_del;
    set_slot(b, 0, bx); /* b.x */
    set_slot(a, 1, b);  /* a.attr = b */
    set_slot(b, 1, a);  /* b.attr = a */
    drop(3, O(a), O(b), O(bx));
    assert_int_equal(rg_collect(h, 2), 0);
    assert_int_equal(g_fin_calls, 1);
}

/* ---------------------------------------------------------------------- */
/* Shutdown: a last collection, then the heap goes                         */
/* ---------------------------------------------------------------------- */

/* test_garbage_at_shutdown: X('first') -> itself and X('second'), both
 * with tp_del: the last collection finds 2 uncollectable (python3: 2, both
 * in gc.garbage), DEBUG_UNCOLLECTABLE lists both, DEBUG_SAVEALL keeps them
 * too; deleting the heap then calls no tp_del. */
TEST(test_garbage_at_shutdown)
{
    static const unsigned modes[3] = {0, RG_GC_DEBUG_UNCOLLECTABLE, RG_GC_DEBUG_SAVEALL};
    for (int m = 0; m < 3; m++) {
        rg_heap *hs = gc_heap();
        Inst *x = selfloop(hs, &LegacyType), *y = inst_new(hs, &LegacyType, NULL);
        set_slot(x, 1, y);
        drop(2, O(y), O(x));
        char *text = NULL, want[64];
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        rg_gc_set_debug(hs, modes[m], out);
        assert_int_equal(rg_collect(hs, 2), 2);
        fclose(out);
        rg_object *const *g;
        assert_int_equal(rg_gc_garbage(hs, &g), 2);
        assert_true((g[0] == O(x) && g[1] == O(y)) || (g[0] == O(y) && g[1] == O(x)));
        for (int k = 0; k < 2; k++) {
            snprintf(want, sizeof want, "gc: uncollectable <X %p>\n", (void *)g[k]);
            assert_int_equal(strstr(text, want) != NULL, m == 1);
        }
        if (m != 1) assert_int_equal(len, 0);
        free(text);
        heap_done(hs);
        assert_int_equal(g_legacy_calls, 0);
    }
}

/* test_gc_main_module_at_shutdown, test_gc_ordinary_module_at_shutdown,
 * test_global_del_SystemExit at the engine's level: l = [C()]; l.append(l)
 * in a module: the last collection runs __del__ once; deleting the heap
 * afterwards (or instead) runs none. */
TEST(test_gc_module_cycle_at_shutdown)
{
    for (int collect_first = 0; collect_first < 2; collect_first++) {
        rg_heap *hs = gc_heap();
        Inst *module = inst_new(hs, &ModuleType, NULL), *c = inst_new(hs, &DelType, NULL);
        List *l = list_new(hs);
        list_append(l, c);
        list_append(l, l);
        set_slot(module, 0, l);
        drop(3, O(c), O(l), O(module)); /* the interpreter lets go of the module */
        if (collect_first) assert_int_equal(rg_collect(hs, 2), 2);
        heap_done(hs);
        assert_int_equal(g_fin_calls, collect_first);
    }
}

/* ---------------------------------------------------------------------- */
/* Stats, freeze, get_objects                                              */
/* ---------------------------------------------------------------------- */

/* test_get_stats: collect(0) counts in generation 0 only, collect(2) in
 * generation 2 only. */
TEST(test_get_stats)
{
    rg_gc_stats old[3], now[3];
    rg_gc_get_stats(h, old);
    for (int i = 0; i < 3; i++) assert_true(old[i].collections == 0 && old[i].collected == 0);
    rg_collect(h, 0);
    rg_gc_get_stats(h, now);
    assert_true(now[0].collections == old[0].collections + 1 && now[1].collections == old[1].collections &&
                now[2].collections == old[2].collections);
    rg_collect(h, 2);
    rg_gc_get_stats(h, now);
    assert_true(now[0].collections == old[0].collections + 1 && now[1].collections == old[1].collections &&
                now[2].collections == old[2].collections + 1);
}

/* test_freeze: freeze moves every tracked object to the permanent
 * generation (counts zeroed, invisible to get_objects, never collected);
 * unfreeze moves it into generation 2, where garbage is collected. */
TEST(test_freeze)
{
    List *l = list_new(h);
    list_append(l, l);
    rg_collect(h, 0);
    rg_gc_freeze(h);
    assert_int_equal(rg_gc_get_freeze_count(h), 1);
    assert_counts(h, 0, 0, 0);
    assert_false(in_generation(h, -1, l));
    assert_true(rg_is_tracked(O(l)));
    rg_decref(O(l));
    assert_int_equal(rg_collect(h, 2), 0);
    rg_gc_unfreeze(h);
    assert_int_equal(rg_gc_get_freeze_count(h), 0);
    assert_true(in_generation(h, 2, l));
    assert_int_equal(rg_collect(h, 2), 1);
}

/* test_get_objects: a new object trickles from generation 0 to 1 to 2 and
 * stays in 2. */
TEST(test_get_objects)
{
    rg_collect(h, 2);
    List *l = list_new(h);
    list_append(l, l);
    for (int step = 0; step < 4; step++) {
        for (int g = 0; g < 3; g++) assert_int_equal(in_generation(h, g, l), g == (step < 3 ? step : 2));
        if (step < 3) rg_collect(h, step);
    }
    rg_decref(O(l));
}

/* test_get_objects_arguments: -1 (None) is all generations; out-of-range
 * generations are refused (ValueError: -1, EINVAL), in collect too. */
TEST(test_get_objects_arguments)
{
    List *a = list_new(h), *b = list_new(h);
    rg_collect(h, 0);
    assert_int_equal(rg_gc_get_objects(h, -1, NULL, 0), 2);
    assert_int_equal(rg_gc_get_objects(h, 0, NULL, 0) + rg_gc_get_objects(h, 1, NULL, 0) +
                         rg_gc_get_objects(h, 2, NULL, 0), 2);
    static const int bad[4] = {1000, -1000, 3, -2};
    for (int i = 0; i < 4; i++) {
        errno = 0;
        assert_int_equal(rg_gc_get_objects(h, bad[i], NULL, 0), -1);
        assert_int_equal(errno, EINVAL);
    }
    errno = 0;
    assert_int_equal(rg_collect(h, 3), -1);
    assert_int_equal(errno, EINVAL);
    drop(2, O(a), O(b));
}

/* ---------------------------------------------------------------------- */
/* Resurrection                                                            */
/* ---------------------------------------------------------------------- */

static List *g_resurrected;

/* Lazarus.__del__ / Z.__del__: resurrected_instances.append(self). */
static void resurrect_del(Inst *self) { list_append(g_resurrected, self); }

/* A(), a self-loop of type t with the resurrecting __del__, dropped. */
static void make_trash(rg_heap *h, const rg_type *t)
{
    Inst *a = selfloop(h, t);
    a->on_del = resurrect_del;
    rg_decref(O(a));
}

/* test_resurrection_only_happens_once_per_object: the resurrected cycle
 * is not counted (python3: 0); once let go it is collected (1) without a
 * second __del__. */
TEST(test_resurrection_only_happens_once_per_object)
{
    g_resurrected = list_new(h);
    make_trash(h, &DelType);
    assert_int_equal(rg_collect(h, 2), 0);
    assert_true(g_fin_calls == 1 && g_resurrected->n == 1);
    list_clear(O(g_resurrected));
    assert_int_equal(rg_collect(h, 2), 1);
    assert_int_equal(g_fin_calls, 1);
    rg_decref(O(g_resurrected));
}

/* X.__del__: counts in x; resurrects the first time (X.saved = self). */
static void resurrect_once_del(Inst *self)
{
    if (self->x++ == 0) list_append(g_resurrected, self);
}

/* test_resurrection_only_happens_once_per_object, the object dying later
 * deep in a chain, where the trashcan sets it aside (python3: one __del__
 * call for every depth 44..53).  At depth 49 the object itself is set
 * aside: the trashcan link in its GC prev word must keep FINALIZED. */
TEST(test_resurrection_once_through_trashcan)
{
    g_resurrected = list_new(h);
    for (int n = 44; n < 54; n++) {
        Inst *x = inst_new(h, &DelType, NULL);
        x->on_del = resurrect_once_del;
        rg_decref(O(x)); /* __del__ once: x = X.saved */
        assert_true(x->x == 1 && g_resurrected->n == 1 && rg_is_finalized(O(x)));
        List *c = g_resurrected;
        g_resurrected = list_new(h); /* del X.saved; c = [x] */
        for (int i = 0; i < n; i++) {  /* c = [c] */
            List *outer = list_new(h);
            list_append(outer, c);
            rg_decref(O(c));
            c = outer;
        }
        g_fin_calls = 0;
        rg_decref(O(c));
        assert_int_equal(g_fin_calls, 0);
    }
    rg_decref(O(g_resurrected));
}

/* test_resurrection_is_transitive: what a resurrected object reaches
 * survives intact (the same cargo, its slots kept); 2 later. */
TEST(test_resurrection_is_transitive)
{
    g_resurrected = list_new(h);
    Inst *laz = inst_new(h, &DelType, NULL), *cargo = selfloop(h, &InstType);
    laz->on_del = resurrect_del;
    set_slot(laz, 1, cargo);
    set_slot(cargo, 1, laz);
    drop(2, O(laz), O(cargo));
    assert_int_equal(rg_collect(h, 2), 0);
    assert_int_equal(g_resurrected->n, 1);
    Inst *instance = (Inst *)g_resurrected->items[--g_resurrected->n];
    assert_true(instance == laz && instance->slot[1] == O(cargo));
    assert_true(cargo->slot[0] == O(cargo) && cargo->slot[1] == O(laz));
    assert_true(rg_is_finalized(O(instance)) && !rg_is_finalized(O(cargo)));
    rg_decref(O(instance));
    assert_int_equal(rg_collect(h, 2), 2);
    rg_decref(O(g_resurrected));
}

/* Collect; the result and the stats' collected and uncollectable deltas
 * must be want, want and 0. */
static void collect_expect(rg_heap *h, rg_gc_stats *old, size_t want)
{
    assert_int_equal(rg_collect(h, 2), want);
    rg_gc_stats s = stats2(h);
    assert_int_equal(s.collected - old->collected, want);
    assert_int_equal(s.uncollectable - old->uncollectable, 0);
    *old = s;
}

/* test_resurrection_does_not_block_cleanup_of_other_objects: N A() are N;
 * a resurrected Z() is 0; N A() beside a Z() are N; the two Z once let go
 * are 2 -- in the result and in the stats alike. */
TEST(test_resurrection_does_not_block_cleanup_of_other_objects)
{
    enum { N = 100 };
    g_resurrected = list_new(h);
    rg_gc_stats old = stats2(h);
    for (int i = 0; i < N; i++) make_trash(h, &InstType);
    collect_expect(h, &old, N);
    make_trash(h, &DelType);
    collect_expect(h, &old, 0);
    for (int i = 0; i < N; i++) make_trash(h, &InstType);
    make_trash(h, &DelType);
    collect_expect(h, &old, N);
    list_clear(O(g_resurrected));
    collect_expect(h, &old, 2);
    rg_decref(O(g_resurrected));
}

static int g_callback_calls;

/* A weak-reference callback that counts. */
static void counting_callback(rg_weakref *ref U, rg_object *data U) { g_callback_calls++; }

/* test_trash_weakref_clear (bpo-38006): A -> itself, ContainerNoGC(Z()) and
 * WZ (a weak reference to Z, callback data an object only it holds); and
 * [WZ, itself].  The collector cannot see Z behind the non-GC container;
 * WZ, being garbage, must be cleared before Z dies in delete_garbage, so
 * the callback never runs.  4 objects, as python3 finds. */
TEST(test_trash_weakref_clear)
{
    g_callback_calls = 0;
    Inst *a = selfloop(h, &InstType), *z = inst_new(h, &InstType, NULL);
    NoGC *y = (NoGC *)rg_new(h, &NoGCType);
    y->value = O(z); /* takes the reference */
    set_slot(a, 1, y);
    rg_object *closure = O(inst_new(h, &FuncType, NULL));
    rg_weakref *wz = rg_weakref_new(h, O(z), counting_callback, closure);
    set_slot(a, 2, wz);
    List *wr_cycle = list_new(h);
    list_append(wr_cycle, wz);
    list_append(wr_cycle, wr_cycle);
    drop(3, O(y), closure, O(wz));
    rg_collect(h, 2);
    drop(2, O(a), O(wr_cycle));
    assert_int_equal(rg_collect(h, 2), 4);
    assert_int_equal(g_callback_calls, 0);
}

/* ====================================================================== */
/* ====================================================================== */

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_list), T(test_dict), T(test_tuple), T(test_class), T(test_newstyleclass),
        T(test_instance), T(test_newinstance), T(test_method), T(test_legacy_finalizer),
        T(test_legacy_finalizer_reaches), T(test_function),
        T(test_function_tp_clear_leaves_consistent_state), T(test_frame), T(test_saveall),
        T(test_del), T(test_get_count), T(test_collect_generations), T(test_trashcan), T(test_boom),
        T(test_boom2), T(test_boom_new), T(test_boom2_new), T(test_get_referents),
        T(test_is_tracked), T(test_is_finalized), T(test_bug1055820b), T(test_bug21435),
        T(test_garbage_at_shutdown), T(test_gc_module_cycle_at_shutdown), T(test_get_stats),
        T(test_freeze), T(test_get_objects), T(test_get_objects_arguments),
        T(test_resurrection_only_happens_once_per_object),
        T(test_resurrection_once_through_trashcan), T(test_resurrection_is_transitive),
        T(test_resurrection_does_not_block_cleanup_of_other_objects), T(test_trash_weakref_clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
