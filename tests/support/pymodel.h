/*
 * pymodel.h -- engine types that behave like the Python objects of
 * test_gc.py (instances, legacy tp_del objects, lists, tuples, dicts,
 * classes, functions, frames, ContainerNoGC), their constructors, and the
 * cmocka fixtures of test_gc_cpython*.c: a debug heap per test, checked
 * empty and consistent at teardown.  Header-only (static) so that each test
 * program owns its hook counters.
 */
#ifndef REFGC_TESTS_PYMODEL_H
#define REFGC_TESTS_PYMODEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>

#include <cmocka.h>

#include "refgc.h"
#include "support/heapcheck.h"

#define O(p) RG_OBJ(p)
#define U __attribute__((unused))
/* A cmocka test of the fixture's heap h (setup, teardown). */
#define TEST(name)                                                                             \
    static void name##_body(rg_heap *h);                                                       \
    static void name(void **state) { name##_body(*state); }                                    \
    static void name##_body(rg_heap *h U)

/* ====================================================================== */
/* Engine types that behave like the Python objects                        */
/* ====================================================================== */

/* int, str, float, object(), builtin classes: not GC objects. */
typedef struct Int { RG_OBJECT_HEAD; long v; } Int;
static const rg_type IntType = {.name = "int", .size = sizeof(Int)};
static const rg_type StaticType = {.name = "type(static)", .size = sizeof(Int)};

/* Instances, classes, functions, frames, methods, modules: slots, the
 * object's class (visited, as subtype_traverse visits the type), an
 * optional per-object __del__ body and an int attribute. */
#define NSLOTS 4
typedef struct Inst {
    RG_OBJECT_HEAD;
    rg_weakref *weaklist;
    rg_object *slot[NSLOTS];
    rg_object *cls;
    void (*on_del)(struct Inst *self);
    long x;
} Inst;

/* Hooks' call counts, reset by every test's heap. */
static int g_fin_calls, g_legacy_calls;

/* Visit the slots and the class. */
static inline int inst_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    Inst *o = (Inst *)self;
    for (int i = 0; i < NSLOTS; i++) RG_VISIT(o->slot[i]);
    RG_VISIT(o->cls);
    return 0;
}

/* Drop the slots and the class. */
static inline int inst_clear(rg_object *self)
{
    Inst *o = (Inst *)self;
    for (int i = 0; i < NSLOTS; i++) RG_CLEAR(o->slot[i]);
    RG_CLEAR(o->cls);
    return 0;
}

/* __del__ (tp_finalize): count, then run this object's body. */
static inline void inst_finalize(rg_object *self)
{
    g_fin_calls++;
    if (((Inst *)self)->on_del) ((Inst *)self)->on_del((Inst *)self);
}

/* __tp_del__ of _testcapi.with_tp_del: count only. */
static inline void inst_legacy_del(rg_object *self U) { g_legacy_calls++; }

#define INST_TYPE(nm, clr, ...)                                                                \
    {.name = nm, .size = sizeof(Inst), .flags = RG_TYPE_GC,                                    \
     .weaklist_offset = offsetof(Inst, weaklist), .traverse = inst_traverse, .clear = clr,     \
     __VA_ARGS__}
static const rg_type InstType = INST_TYPE("A", inst_clear, .preheader_size = 16);
static const rg_type DelType = INST_TYPE("D", inst_clear, .finalize = inst_finalize);
static const rg_type LegacyType = INST_TYPE("X", inst_clear, .legacy_del = inst_legacy_del);
static const rg_type ClassType = INST_TYPE("type", inst_clear);
static const rg_type FuncType = INST_TYPE("function", inst_clear);
static const rg_type FrameType = INST_TYPE("frame", inst_clear);
static const rg_type MethodType = INST_TYPE("method", inst_clear);
static const rg_type ModuleType = INST_TYPE("module", inst_clear);

/* _testcapi.ContainerNoGC: holds a reference the collector cannot see. */
typedef struct NoGC { RG_OBJECT_HEAD; rg_object *value; } NoGC;
/* Its tp_dealloc: drop the value, free. */
static inline void nogc_dealloc(rg_object *self)
{
    RG_CLEAR(((NoGC *)self)->value);
    rg_object_free(self);
}
static const rg_type NoGCType = {.name = "ContainerNoGC", .size = sizeof(NoGC), .dealloc = nogc_dealloc};

/* list: a GC object with a separate item array (CPython's layout). */
typedef struct List { RG_OBJECT_HEAD; rg_object **items; size_t n, cap; } List;

/* list_traverse: last item first. */
static inline int list_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    List *l = (List *)self;
    for (size_t i = l->n; i-- > 0;) RG_VISIT(l->items[i]);
    return 0;
}

/* _list_clear: detach the array, drop the items last first, free it. */
static inline int list_clear(rg_object *self)
{
    List *l = (List *)self;
    rg_object **items = l->items;
    size_t n = l->n;
    l->items = NULL;
    l->n = l->cap = 0;
    while (n-- > 0) rg_xdecref(items[n]);
    rg_free(items);
    return 0;
}
static const rg_type ListType = {.name = "list", .size = sizeof(List), .flags = RG_TYPE_GC,
                                 .traverse = list_traverse, .clear = list_clear, .freelist_capacity = 80};

/* tuple: items inline; atomic tuples are untracked by the collector. */
typedef struct Tuple { RG_VAROBJECT_HEAD; rg_object *items[]; } Tuple;

/* tupletraverse: last item first. */
static inline int tuple_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    Tuple *t = (Tuple *)self;
    for (intptr_t i = t->ob_var.size; i-- > 0;) RG_VISIT(t->items[i]);
    return 0;
}

/* _PyTuple_MaybeUntrack: untrack when every item is set and none may be
 * tracked. */
static inline int tuple_may_untrack(rg_object *self)
{
    Tuple *t = (Tuple *)self;
    for (intptr_t i = 0; i < t->ob_var.size; i++)
        if (t->items[i] == NULL || rg_may_be_tracked(t->items[i])) return 0;
    return 1;
}
static const rg_type TupleType = {.name = "tuple", .size = sizeof(Tuple), .item_size = sizeof(rg_object *),
                                  .flags = RG_TYPE_GC | RG_TYPE_ATOMIC_WHEN_UNTRACKED,
                                  .traverse = tuple_traverse, .may_untrack = tuple_may_untrack,
                                  .freelist_capacity = 2000, .freelist_max_items = 20};

/* dict: a small table; untracked until it holds something trackable. */
#define DICT_CAP 8
typedef struct Dict { RG_OBJECT_HEAD; size_t n; rg_object *keys[DICT_CAP], *values[DICT_CAP]; } Dict;

/* dict_traverse (a non-unicode table): value then key, per entry. */
static inline int dict_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    Dict *d = (Dict *)self;
    for (size_t i = 0; i < d->n; i++) {
        RG_VISIT(d->values[i]);
        RG_VISIT(d->keys[i]);
    }
    return 0;
}

/* dict_tp_clear: drop every entry. */
static inline int dict_clear(rg_object *self)
{
    Dict *d = (Dict *)self;
    size_t n = d->n;
    d->n = 0;
    for (size_t i = 0; i < n; i++) {
        RG_CLEAR(d->values[i]);
        RG_CLEAR(d->keys[i]);
    }
    return 0;
}

/* _PyDict_MaybeUntrack: untrack when no key or value may be tracked. */
static inline int dict_may_untrack(rg_object *self)
{
    Dict *d = (Dict *)self;
    for (size_t i = 0; i < d->n; i++)
        if (rg_may_be_tracked(d->values[i]) || rg_may_be_tracked(d->keys[i])) return 0;
    return 1;
}
static const rg_type DictType = {.name = "dict", .size = sizeof(Dict),
                                 .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER | RG_TYPE_UNTRACK_ON_FULL,
                                 .traverse = dict_traverse, .clear = dict_clear,
                                 .may_untrack = dict_may_untrack, .freelist_capacity = 80};

/* ---------------------------------------------------------------------- */
/* Constructors and mutators                                               */
/* ---------------------------------------------------------------------- */

/* A new int. */
static inline rg_object *mkint(rg_heap *h, long v)
{
    Int *i = (Int *)rg_new(h, &IntType);
    assert_non_null(i);
    i->v = v;
    return O(i);
}

/* A new instance of type t (class cls, may be NULL). */
static inline Inst *inst_new(rg_heap *h, const rg_type *t, Inst *cls)
{
    Inst *o = (Inst *)rg_new(h, t);
    assert_non_null(o);
    o->cls = O(cls);
    rg_xincref(O(cls));
    return o;
}

/* self.slot[i] = v (Py_SETREF: the old value goes last). */
static inline void set_slot(Inst *o, int i, void *v)
{
    rg_object *old = o->slot[i];
    rg_xincref(O(v));
    o->slot[i] = O(v);
    rg_xdecref(old);
}

/* A new instance of t whose first slot is itself (a.a = a). */
static inline Inst *selfloop(rg_heap *h, const rg_type *t)
{
    Inst *a = inst_new(h, t, NULL);
    set_slot(a, 0, a);
    return a;
}

/* Drop n references. */
static inline void drop(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    while (n-- > 0) rg_decref(va_arg(ap, rg_object *));
    va_end(ap);
}

/* An empty list. */
static inline List *list_new(rg_heap *h)
{
    List *l = (List *)rg_new(h, &ListType);
    assert_non_null(l);
    return l;
}

/* l.append(o). */
static inline void list_append(List *l, void *o)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        l->items = l->items ? rg_realloc(NULL, l->items, cap * sizeof *l->items)
                            : rg_malloc(rg_object_heap(O(l)), cap * sizeof *l->items);
        assert_non_null(l->items);
        l->cap = cap;
    }
    rg_incref(O(o));
    l->items[l->n++] = O(o);
}

/* A tuple of n items (borrowed; NULL leaves the slot empty). */
static inline Tuple *tuple_new(rg_heap *h, int n, ...)
{
    Tuple *t = (Tuple *)rg_new_var(h, &TupleType, (size_t)n);
    assert_non_null(t);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        t->items[i] = va_arg(ap, rg_object *);
        rg_xincref(t->items[i]);
    }
    va_end(ap);
    return t;
}

/* An empty dict (untracked, like {}). */
static inline Dict *dict_new(rg_heap *h)
{
    Dict *d = (Dict *)rg_new(h, &DictType);
    assert_non_null(d);
    assert_false(rg_is_tracked(O(d)));
    return d;
}

/* d[key] = value, with MAINTAIN_TRACKING; keys equal as objects or ints. */
static inline void dict_set(Dict *d, rg_object *key, void *value)
{
    if (!rg_is_tracked(O(d)) && (rg_may_be_tracked(key) || rg_may_be_tracked(O(value)))) rg_track(O(d));
    rg_incref(O(value));
    for (size_t i = 0; i < d->n; i++) {
        rg_object *k = d->keys[i];
        if (k == key || (k->type == &IntType && key->type == &IntType && ((Int *)k)->v == ((Int *)key)->v)) {
            rg_object *old = d->values[i];
            d->values[i] = O(value);
            rg_decref(old);
            return;
        }
    }
    assert_true(d->n < DICT_CAP);
    rg_incref(key);
    d->keys[d->n] = key;
    d->values[d->n++] = O(value);
}

/* d[k] = value with an int key. */
static inline void dict_set_int(Dict *d, long k, void *value)
{
    rg_object *key = mkint(rg_object_heap(O(d)), k);
    dict_set(d, key, value);
    rg_decref(key);
}

/* class C(*bases): the class, its (empty, untracked) dict and its __mro__
 * (C, *bases, object), which holds C: every class is a cycle. */
static inline Inst *class_new(rg_heap *h, int nbases, rg_object *b1, rg_object *b2, rg_object *b3)
{
    Inst *c = inst_new(h, &ClassType, NULL);
    Dict *d = dict_new(h);
    set_slot(c, 0, d);
    rg_object *object = rg_new(h, &StaticType);
    rg_object *bases[3] = {b1, b2, b3};
    Tuple *mro = tuple_new(h, nbases + 2, O(c), nbases > 0 ? bases[0] : object,
                           nbases > 1 ? bases[1] : object, nbases > 2 ? bases[2] : object, object);
    set_slot(c, 1, mro);
    drop(3, O(d), object, O(mro));
    return c;
}

/* ---------------------------------------------------------------------- */
/* Heaps and queries                                                       */
/* ---------------------------------------------------------------------- */

/* A heap as test_gc.py's setUpModule leaves the interpreter: automatic
 * collection off; hook counters reset.  A debug heap: freed blocks are
 * filled and held back, so that a use after free shows. */
static inline rg_heap *gc_heap(void)
{
    rg_heap_config config;
    rg_heap_config_init(&config);
    config.flags |= RG_HEAP_DEBUG;
    rg_heap *h = rg_heap_new(&config);
    assert_non_null(h);
    rg_gc_disable(h);
    g_fin_calls = g_legacy_calls = 0;
    return h;
}

/* Live blocks in h (after emptying the debug quarantine). */
static inline size_t heap_blocks(rg_heap *h)
{
    rg_stats s;
    rg_trim(h);
    assert_int_equal(rg_heap_stats(h, &s), 0);
    return s.allocated_blocks;
}

/* The test dropped everything: after a full collection (which also empties
 * the free lists) nothing is left, nothing was written after free, the
 * heap is consistent.  The heap goes first, whatever the verdict. */
static inline void gc_heap_done(rg_heap *h)
{
    size_t garbage = rg_gc_garbage(h, NULL);
    rg_collect(h, 2);
    heap_done_empty(h); /* checked, empty (support/heapcheck.h) */
    assert_int_equal(garbage, 0);
}

/* cmocka setup: a fresh heap. */
static inline int setup(void **state)
{
    *state = gc_heap();
    return 0;
}

/* cmocka teardown: gc_heap_done. */
static inline int teardown(void **state)
{
    gc_heap_done(*state);
    return 0;
}

/* gc.collect(); del o; gc.collect(): the second result. */
static inline intptr_t collect_after_dropping(rg_heap *h, void *o)
{
    rg_collect(h, 2);
    rg_decref(O(o));
    return rg_collect(h, 2);
}

/* Is o among the tracked objects of generation gen (-1: all)? */
static inline int in_generation(rg_heap *h, int gen, const void *o)
{
    intptr_t n = rg_gc_get_objects(h, gen, NULL, 0);
    assert_true(n >= 0);
    rg_object **objs = calloc((size_t)n + 1, sizeof *objs);
    assert_int_equal(rg_gc_get_objects(h, gen, objs, (size_t)n), n);
    int found = 0;
    for (intptr_t i = 0; i < n; i++) found |= objs[i] == o;
    free(objs);
    return found;
}

/* gen-2 stats. */
static inline rg_gc_stats stats2(rg_heap *h)
{
    rg_gc_stats s[RG_GC_GENERATIONS];
    rg_gc_get_stats(h, s);
    return s[2];
}

/* The three counts are a, b, c. */
static inline void assert_counts(rg_heap *h, long a, long b, long c)
{
    long n[3];
    rg_gc_get_count(h, n);
    assert_int_equal(n[0], a);
    assert_int_equal(n[1], b);
    assert_int_equal(n[2], c);
}


/* The collections run so far, all generations. */
static inline size_t collections(rg_heap *h)
{
    rg_gc_stats s[3];
    rg_gc_get_stats(h, s);
    return s[0].collections + s[1].collections + s[2].collections;
}

/* C1055820(i): a self-loop. */
static inline Inst *c1055820(rg_heap *h, long i)
{
    Inst *c = selfloop(h, &InstType);
    c->x = i;
    return c;
}

#endif
