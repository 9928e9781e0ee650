/*
 * test_events.c -- the engine's events and snapshots (src/events/): the
 * exact event sequence of small engine programs, determinism of stable
 * addresses and streams across heaps, snapshot contents, and silence once
 * the sink is removed.
 *
 * The sink writes each event as one text line with stable addresses only
 * (no pointer of this run), so a stream can be compared line by line with
 * the expected one and with another heap's.  Objects are named by stable
 * address minus the address of the first object of the test (`@0`, `@64`,
 * ...), which keeps the expectations readable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>

#include <cmocka.h>

#include "refgc.h"
#include "os/os.h" /* rg_os_fail_after */
#include "support/heapcheck.h"

#define U __attribute__((unused))

/* ====================================================================== */
/* Types                                                                   */
/* ====================================================================== */

/* A node: one reference, weakly referenceable, optional finalizer. */
typedef struct Node {
    RG_OBJECT_HEAD;
    rg_object *next;
    rg_weakref *weaklist;
    long tag;
} Node;

static int node_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((Node *)self)->next);
    return 0;
}

static int node_clear(rg_object *self)
{
    RG_CLEAR(((Node *)self)->next);
    return 0;
}

static const rg_type NodeType = {
    .name = "Node",
    .size = sizeof(Node),
    .flags = RG_TYPE_GC,
    .weaklist_offset = offsetof(Node, weaklist),
    .traverse = node_traverse,
    .clear = node_clear,
};

/* A node whose finalizer stores the node in g_saved (resurrection). */
static rg_object *g_saved;
static void resurrect_finalize(rg_object *self)
{
    if (g_saved == NULL) {
        rg_incref(self);
        g_saved = self;
    }
}

static const rg_type ResNodeType = {
    .name = "ResNode",
    .size = sizeof(Node),
    .flags = RG_TYPE_GC,
    .weaklist_offset = offsetof(Node, weaklist),
    .traverse = node_traverse,
    .clear = node_clear,
    .finalize = resurrect_finalize,
};

/* A float-like leaf with a free list of 2. */
typedef struct Leaf {
    RG_OBJECT_HEAD;
    double v;
} Leaf;

static const rg_type LeafType = {
    .name = "Leaf",
    .size = sizeof(Leaf),
    .freelist_capacity = 2,
};

/* ====================================================================== */
/* The text sink                                                           */
/* ====================================================================== */

typedef struct stream {
    char *text;
    size_t len, cap;
    uintptr_t base;     /* stable address that prints as @0 */
    size_t nevents;
    uint64_t last_seq;
    int seq_ok;
} stream;

static void put(stream *s, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    if (s->len + (size_t)n + 1 > s->cap) {
        s->cap = (s->len + (size_t)n + 1) * 2;
        s->text = realloc(s->text, s->cap);
        assert_non_null(s->text);
    }
    memcpy(s->text + s->len, buf, (size_t)n + 1);
    s->len += (size_t)n;
}

/* An object as @offset from the stream's base (or its stable address). */
static void put_obj(stream *s, const rg_object *o)
{
    uintptr_t a = rg_stable_address(o);
    if (s->base != 0 && a >= s->base && a - s->base < ((uintptr_t)1 << 32))
        put(s, "@%lu", (unsigned long)(a - s->base));
    else
        put(s, "#%lx", (unsigned long)a);
}

static void put_block(stream *s, const rg_block_info *b)
{
    if (b->kind == RG_BLOCK_SMALL)
        put(s, " [c%u a%u p%u b%u]", b->size_class, b->arena_index, b->pool_index, b->block_index);
    else if (b->kind == RG_BLOCK_LARGE)
        put(s, " [large %zu]", b->size);
    else if (b->kind == RG_BLOCK_MAPPED)
        put(s, " [mapped %zu]", b->size);
}

static void text_sink(rg_heap *heap U, const rg_event *e, void *data)
{
    stream *s = data;
    if (e->seq != s->last_seq + 1) s->seq_ok = 0;
    s->last_seq = e->seq;
    s->nevents++;
    put(s, "%s", rg_event_kind_name(e->kind));
    switch (e->kind) {
    case RG_EV_BLOCK_ALLOC:
    case RG_EV_BLOCK_FREE:
        put(s, " %zu", e->size);
        put_block(s, &e->block);
        /* a large block's id, asked while the block is still there */
        if (e->block.kind != RG_BLOCK_SMALL) put(s, " #%lx", (unsigned long)rg_stable_address(e->address));
        break;
    case RG_EV_ARENA:
        put(s, " a%u %s", e->block.arena_index, e->state);
        break;
    case RG_EV_POOL:
        put(s, " a%u p%u c%u %s", e->block.arena_index, e->block.pool_index, e->block.size_class, e->state);
        break;
    case RG_EV_TRIM:
        put(s, " %s", e->value > 0 ? "some" : "none");
        break;
    case RG_EV_OBJ_NEW:
        put(s, " %s ", e->type->name);
        put_obj(s, e->object);
        put(s, " %zu%s", e->size, e->value ? " freelist" : "");
        break;
    case RG_EV_OBJ_FREE:
        put(s, " %s ", e->type->name);
        put_obj(s, e->object);
        if (e->value) put(s, " freelist");
        break;
    case RG_EV_DEALLOC:
    case RG_EV_GC_FINALIZE:
    case RG_EV_GC_CALLBACK:
        put(s, " %s ", e->type->name);
        put_obj(s, e->object);
        if (e->kind != RG_EV_DEALLOC) put(s, " g%d", e->generation);
        break;
    case RG_EV_TRACK:
    case RG_EV_UNTRACK:
        put(s, " ");
        put_obj(s, e->object);
        put(s, " g%d%s%s", e->generation, e->state ? " " : "", e->state ? e->state : "");
        break;
    case RG_EV_GC_START:
        put(s, " g%d %s%s%s [%ld %ld %ld]", e->generation, e->state, e->type ? " " : "",
            e->type ? e->type->name : "", e->counts[0], e->counts[1], e->counts[2]);
        break;
    case RG_EV_GC_PHASE:
        put(s, " g%d %s", e->generation, e->state);
        for (size_t i = 0; i < e->nobjects; i++) {
            put(s, " ");
            put_obj(s, e->objects[i]);
            put(s, "=%ld", (long)e->values[i]);
        }
        break;
    case RG_EV_GC_END:
        put(s, " g%d collected=%ld uncollectable=%ld [%ld %ld %ld]", e->generation, (long)e->value,
            (long)e->value2, e->counts[0], e->counts[1], e->counts[2]);
        break;
    case RG_EV_REF:
        put(s, " ");
        put_obj(s, e->object);
        put(s, " %ld %+ld %s", (long)e->value, (long)e->value2, e->state ? e->state : "");
        break;
    case RG_EV_USER:
        put(s, " %s %s", e->state ? e->state : "", e->text ? e->text : "");
        break;
    }
    put(s, "\n");
}

static void stream_reset(stream *s)
{
    s->len = 0;
    if (s->text) s->text[0] = '\0';
    s->nevents = 0;
}

static void stream_free(stream *s) { free(s->text); }

/* Compare the stream with the expected lines, printing both on mismatch. */
static void expect(stream *s, const char *want)
{
    const char *got = s->text ? s->text : "";
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "--- expected\n%s--- got\n%s---\n", want, got);
        fail();
    }
}

/* ====================================================================== */
/* Fixtures                                                                */
/* ====================================================================== */

typedef struct fixture {
    rg_heap *h;
    stream s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    f->h = rg_heap_new(&cfg);
    assert_non_null(f->h);
    f->s.seq_ok = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rg_heap *h = f->h;
    stream_free(&f->s);
    free(f);
    heap_done(h);
    return 0;
}

static rg_object *node(rg_heap *h, const rg_type *t)
{
    rg_object *o = rg_new(h, t);
    assert_non_null(o);
    return o;
}

/* Install the text sink for mask, objects named from arena 0's start. */
static void listen(fixture *f, unsigned mask)
{
    f->s.base = (uintptr_t)0x7f0000000000;
    f->s.seq_ok = 1;
    f->s.last_seq = 0;
    stream_reset(&f->s);
    assert_int_equal(rg_events_set_sink(f->h, mask, text_sink, &f->s), 0);
}

/* Make a <-> b, drop both names. */
static void make_cycle(rg_heap *h, const rg_type *t, rg_object **pa, rg_object **pb)
{
    rg_object *a = node(h, t), *b = node(h, t);
    ((Node *)a)->next = b;
    rg_incref(b);
    ((Node *)b)->next = a;
    rg_incref(a);
    if (pa) *pa = a;
    if (pb) *pb = b;
    rg_decref(a);
    rg_decref(b);
}

/* Print the stream (to write expectations). */
static U void dump(const stream *s) { fputs(s->text ? s->text : "", stdout); }

/* ====================================================================== */
/* Exact sequences                                                         */
/* ====================================================================== */

/* Two nodes made into a cycle, dropped, collected by rg_collect(h, 0). */
static void test_cycle_collected(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_ALL);
    make_cycle(f->h, &NodeType, NULL, NULL);
    assert_int_equal(rg_collect(f->h, 0), 2);
    assert_true(f->s.seq_ok);
    expect(&f->s,
           "arena a0 new\n"
           "pool a0 p0 c3 used\n"
           "block_alloc 64 [c3 a0 p0 b0]\n"
           "obj_new Node @64 64\n"
           "track @64 g0\n"
           "block_alloc 64 [c3 a0 p0 b1]\n"
           "obj_new Node @128 64\n"
           "track @128 g0\n"
           "gc_start g0 explicit [2 0 0]\n"
           "gc_phase g0 update_refs @64=1 @128=1\n"
           "gc_phase g0 subtract_refs @64=0 @128=0\n"
           "gc_phase g0 move_unreachable @64=0 @128=0\n"
           "gc_phase g0 untrack\n"
           "gc_phase g0 promote\n"
           "gc_phase g0 legacy_finalizers\n"
           "gc_phase g0 handle_weakrefs\n"
           "gc_phase g0 finalize\n"
           "gc_phase g0 resurrected\n"
           "gc_phase g0 delete_garbage @64=0 @128=0\n"
           /* clear(a) drops a's reference to b: b dies first */
           "dealloc Node @128\n"
           "obj_free Node @128\n"
           "block_free 64 [c3 a0 p0 b1]\n"
           "dealloc Node @64\n"
           "obj_free Node @64\n"
           "block_free 64 [c3 a0 p0 b0]\n"
           "pool a0 p0 c3 empty\n"
           "gc_end g0 collected=2 uncollectable=0 [0 1 0]\n");
    assert_int_equal(f->s.last_seq, 27);
}

/* A leaf freed onto its type's free list and taken back. */
static void test_freelist_reuse(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_ALL);
    rg_object *a = node(f->h, &LeafType);
    uintptr_t id = rg_stable_address(a);
    rg_decref(a);
    rg_object *b = node(f->h, &LeafType);
    assert_int_equal(rg_stable_address(b), id);
    rg_decref(b);
    expect(&f->s,
           "arena a0 new\n"
           "pool a0 p0 c1 used\n"
           "block_alloc 32 [c1 a0 p0 b0]\n"
           "obj_new Leaf @48 32\n"
           "dealloc Leaf @48\n"
           "obj_free Leaf @48 freelist\n"
           "obj_new Leaf @48 32 freelist\n"
           "dealloc Leaf @48\n"
           "obj_free Leaf @48 freelist\n");
    assert_int_equal(rg_freelist_count(f->h, &LeafType, 0), 1);
}

/* The 701st allocation of a GC object starts a collection of generation 0
 * (reason auto, type Node) before the new object exists. */
static void test_auto_collection(void **state)
{
    fixture *f = *state;
    rg_object *keep[701];
    for (int i = 0; i < 700; i++) keep[i] = node(f->h, &NodeType);
    listen(f, RG_EVENTS_GC | RG_EVENTS_OBJECTS);
    keep[700] = node(f->h, &NodeType);
    const char *text = f->s.text;
    assert_non_null(text);
    assert_memory_equal(text, "gc_start g0 auto Node [701 0 0]\n", 32);
    assert_non_null(strstr(text, "gc_end g0 collected=0 uncollectable=0 [0 1 0]\nobj_new Node "));
    const char *tail = strstr(text, "gc_end");
    assert_non_null(strstr(tail, " g0\n")); /* track */
    for (int i = 0; i < 701; i++) rg_decref(keep[i]);
}

/* A finalizer that resurrects: the cycle survives, nothing is deleted. */
static void test_finalizer_resurrects(void **state)
{
    fixture *f = *state;
    g_saved = NULL;
    listen(f, RG_EVENTS_GC);
    make_cycle(f->h, &ResNodeType, NULL, NULL);
    assert_int_equal(rg_collect(f->h, 0), 0);
    expect(&f->s,
           "gc_start g0 explicit [2 0 0]\n"
           "gc_phase g0 update_refs @64=1 @128=1\n"
           "gc_phase g0 subtract_refs @64=0 @128=0\n"
           "gc_phase g0 move_unreachable @64=0 @128=0\n"
           "gc_phase g0 untrack\n"
           "gc_phase g0 promote\n"
           "gc_phase g0 legacy_finalizers\n"
           "gc_phase g0 handle_weakrefs\n"
           "gc_phase g0 finalize @64=0 @128=0\n"
           "gc_finalize ResNode @64 g0\n"
           "gc_finalize ResNode @128 g0\n"
           "gc_phase g0 resurrected @64=0 @128=0\n"
           "gc_phase g0 delete_garbage\n"
           "gc_end g0 collected=0 uncollectable=0 [0 1 0]\n");
    assert_non_null(g_saved);
    stream_reset(&f->s);
    listen(f, RG_EVENTS_OBJECTS);
    /* The second time the finalizers have run already: collected. */
    rg_object *a = g_saved;
    g_saved = a; /* keep the finalizer from resurrecting again */
    rg_decref(a);
    assert_int_equal(rg_collect(f->h, 1), 2);
    expect(&f->s,
           "dealloc ResNode @128\n"
           "obj_free ResNode @128\n"
           "dealloc ResNode @64\n"
           "obj_free ResNode @64\n");
}

/* A finalizer run by a refcount death resurrects: dealloc, gc_finalize
 * (generation -1), track "resurrected"; the second death frees it. */
static void test_refcount_resurrection(void **state)
{
    fixture *f = *state;
    g_saved = NULL;
    listen(f, RG_EVENTS_OBJECTS | RG_EVENTS_GC);
    rg_object *a = node(f->h, &ResNodeType);
    rg_decref(a);
    assert_ptr_equal(g_saved, a);
    assert_int_equal(rg_refcount(a), 1);
    rg_decref(a); /* finalized already: no second __del__ */
    expect(&f->s,
           "obj_new ResNode @64 64\n"
           "track @64 g0\n"
           "dealloc ResNode @64\n"
           "gc_finalize ResNode @64 g-1\n"
           "track @64 g0 resurrected\n"
           "dealloc ResNode @64\n"
           "obj_free ResNode @64\n");
}

/* A type the collector untracks (as tuples of atoms), and one with a
 * legacy tp_del (uncollectable in a cycle). */
static int always_untrack(rg_object *self U) { return 1; }
static const rg_type AtomTupleType = {
    .name = "AtomTuple",
    .size = sizeof(Node),
    .flags = RG_TYPE_GC,
    .traverse = node_traverse,
    .clear = node_clear,
    .may_untrack = always_untrack,
};
static void legacy_del(rg_object *self U) {}
static const rg_type LegacyType = {
    .name = "Legacy",
    .size = sizeof(Node),
    .flags = RG_TYPE_GC,
    .traverse = node_traverse,
    .clear = node_clear,
    .legacy_del = legacy_del,
};

/* Explicit untrack/track of a live object; the collector's untrack phase;
 * a legacy finalizer's cycle: legacy_finalizers phase, uncollectable. */
static void test_untrack_and_legacy(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_OBJECTS | RG_EVENTS_GC);
    rg_object *a = node(f->h, &NodeType);
    rg_untrack(a);
    rg_track(a);
    rg_object *t = node(f->h, &AtomTupleType);
    assert_int_equal(rg_collect(f->h, 0), 0);
    assert_false(rg_is_tracked(t));
    expect(&f->s,
           "obj_new Node @64 64\n"
           "track @64 g0\n"
           "untrack @64 g0\n"
           "track @64 g0\n"
           "obj_new AtomTuple @128 64\n"
           "track @128 g0\n"
           "gc_start g0 explicit [2 0 0]\n"
           "gc_phase g0 update_refs @64=1 @128=1\n"
           "gc_phase g0 subtract_refs @64=1 @128=1\n"
           "gc_phase g0 move_unreachable @64=1 @128=1\n"
           "gc_phase g0 untrack @128=0\n"
           "gc_phase g0 promote @64=1\n"
           "gc_phase g0 legacy_finalizers\n"
           "gc_phase g0 handle_weakrefs\n"
           "gc_phase g0 finalize\n"
           "gc_phase g0 resurrected\n"
           "gc_phase g0 delete_garbage\n"
           "gc_end g0 collected=0 uncollectable=0 [0 1 0]\n");
    rg_decref(a);
    rg_decref(t);
    listen(f, RG_EVENTS_GC);
    rg_object *x, *y;
    make_cycle(f->h, &LegacyType, &x, &y);
    assert_int_equal(rg_collect(f->h, 0), 2);
    /* the blocks come back last freed first: x takes t's, y a's */
    expect(&f->s,
           "gc_start g0 explicit [2 1 0]\n"
           "gc_phase g0 update_refs @128=1 @64=1\n"
           "gc_phase g0 subtract_refs @128=0 @64=0\n"
           "gc_phase g0 move_unreachable @128=0 @64=0\n"
           "gc_phase g0 untrack\n"
           "gc_phase g0 promote\n"
           "gc_phase g0 legacy_finalizers @128=0 @64=0\n"
           "gc_phase g0 handle_weakrefs\n"
           "gc_phase g0 finalize\n"
           "gc_phase g0 resurrected\n"
           "gc_phase g0 delete_garbage\n"
           "gc_end g0 collected=0 uncollectable=2 [0 2 0]\n");
    /* gc.garbage holds them: break the cycle, let them go */
    rg_gc_clear_garbage(f->h);
    rg_object *next = ((Node *)x)->next;
    ((Node *)x)->next = NULL;
    rg_decref(next);
}

static int g_callbacks;
static void count_callback(rg_weakref *ref U, rg_object *data U) { g_callbacks++; }

/* A weak reference with a callback to a node of a garbage cycle: cleared
 * in handle_weakrefs, its callback runs; then one to a node that dies by
 * refcount. */
static void test_weakref_callback(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_GC | RG_EVENTS_OBJECTS);
    g_callbacks = 0;
    rg_object *a = node(f->h, &NodeType);
    ((Node *)a)->next = a; /* a self-cycle */
    rg_incref(a);
    rg_weakref *wr = rg_weakref_new(f->h, a, count_callback, NULL);
    assert_non_null(wr);
    rg_decref(a);
    assert_int_equal(rg_collect(f->h, 0), 1);
    assert_int_equal(g_callbacks, 1);
    rg_decref(RG_OBJ(wr));
    rg_object *b = node(f->h, &NodeType);
    wr = rg_weakref_new(f->h, b, count_callback, NULL);
    rg_decref(b);
    assert_int_equal(g_callbacks, 2);
    rg_decref(RG_OBJ(wr));
    expect(&f->s,
           "obj_new Node @64 64\n"
           "track @64 g0\n"
           "obj_new weakref @16448 80\n"
           "track @16448 g0\n"
           "gc_start g0 explicit [2 0 0]\n"
           "gc_phase g0 update_refs @64=1 @16448=1\n"
           "gc_phase g0 subtract_refs @64=0 @16448=1\n"
           "gc_phase g0 move_unreachable @64=0 @16448=1\n"
           "gc_phase g0 untrack\n"
           "gc_phase g0 promote @16448=1\n"
           "gc_phase g0 legacy_finalizers\n"
           "gc_phase g0 handle_weakrefs @16448=1\n"
           "gc_callback weakref @16448 g0\n"
           "gc_phase g0 finalize\n"
           "gc_phase g0 resurrected\n"
           "gc_phase g0 delete_garbage @64=0\n"
           "dealloc Node @64\n"
           "obj_free Node @64\n"
           "gc_end g0 collected=1 uncollectable=0 [0 1 0]\n"
           "dealloc weakref @16448\n"
           "obj_free weakref @16448\n"
           /* pool 1 (the weakref's) was emptied last: it heads freepools */
           "obj_new Node @16448 64\n"
           "track @16448 g0\n"
           "obj_new weakref @64 80\n"
           "track @64 g0\n"
           "dealloc Node @16448\n"
           "gc_callback weakref @64 g-1\n"
           "obj_free Node @16448\n"
           "dealloc weakref @64\n"
           "obj_free weakref @64\n");
}

/* Blocks filling two arenas, all freed: the second arena goes to the
 * reserve; rg_trim unmaps it and reports. */
static void test_trim(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_BLOCKS);
    enum { N = 70000 }; /* 70000 x 16 B > one arena */
    void **p = malloc(N * sizeof *p);
    assert_non_null(p);
    for (int i = 0; i < N; i++) p[i] = rg_malloc(f->h, 16);
    for (int i = 0; i < N; i++) rg_free(p[i]);
    free(p);
    const char *text = f->s.text;
    assert_non_null(strstr(text, "arena a0 new\n"));
    assert_non_null(strstr(text, "arena a1 new\n"));
    assert_non_null(strstr(text, "pool a0 p0 c0 full\n"));
    assert_non_null(strstr(text, "pool a0 p63 c0 empty\n"));
    /* a1 emptied last while a0 heads usable_arenas: a1 goes to the reserve */
    assert_non_null(strstr(text, "arena a1 reserved\n"));
    assert_null(strstr(text, "arena a0 reserved"));
    assert_null(strstr(text, "trim"));
    /* the same again: the second arena comes back from the reserve */
    stream_reset(&f->s);
    p = malloc(N * sizeof *p);
    assert_non_null(p);
    for (int i = 0; i < N; i++) p[i] = rg_malloc(f->h, 16);
    for (int i = 0; i < N; i++) rg_free(p[i]);
    free(p);
    assert_non_null(strstr(f->s.text, "arena a1 reused\n"));
    assert_null(strstr(f->s.text, "arena a1 new\n"));
    stream_reset(&f->s);
    assert_true(rg_trim(f->h) > 0);
    expect(&f->s, "arena a1 unmapped\n"
                  "arena a0 unmapped\n"
                  "trim some\n");
}

/* ====================================================================== */
/* Snapshots                                                               */
/* ====================================================================== */

/* a -> b -> c made while the sink is set, d before it (reached from a);
 * a Leaf on its free list; one collection, then a freeze. */
static void test_snapshot(void **state)
{
    fixture *f = *state;
    rg_object *d = node(f->h, &NodeType);
    listen(f, RG_EVENTS_ALL);
    rg_object *a = node(f->h, &NodeType), *b = node(f->h, &NodeType), *c = node(f->h, &NodeType);
    ((Node *)a)->next = b;
    ((Node *)b)->next = c;
    ((Node *)c)->next = d; /* c owns the references to d */
    rg_incref(d);
    rg_decref(d);
    rg_object *leaf = node(f->h, &LeafType);
    rg_decref(leaf); /* to the free list */
    rg_object *x = node(f->h, &LeafType);

    /* Without roots: the registry (a, b, c, x); d predates the sink. */
    rg_snapshot *s = rg_snapshot_take(f->h, NULL, 0, 0);
    assert_non_null(s);
    assert_int_equal(s->nobjects, 4);
    assert_int_equal(rg_snapshot_find(s, d), (size_t)-1);
    for (size_t i = 1; i < s->nobjects; i++) assert_true(s->objects[i - 1].address < s->objects[i].address);
    size_t ia = rg_snapshot_find(s, a), ib = rg_snapshot_find(s, b), ic = rg_snapshot_find(s, c);
    size_t ix = rg_snapshot_find(s, x);
    assert_int_equal(s->objects[ia].nreferents, 1);
    assert_int_equal(s->referents[s->objects[ia].first_referent], ib);
    assert_int_equal(s->referents[s->objects[ib].first_referent], ic);
    assert_int_equal(s->objects[ic].nreferents, 0); /* d is not in it */
    assert_int_equal(s->objects[ia].refcnt, 1);
    assert_int_equal(s->objects[ia].generation, 0);
    assert_int_equal(s->objects[ix].generation, -1);
    assert_ptr_equal(s->objects[ix].type, &LeafType);
    assert_int_equal(s->objects[ix].size, 32);
    assert_int_equal(s->objects[ia].size, 64);
    assert_int_equal(s->objects[ia].address, rg_stable_address(a));
    assert_int_equal(s->objects[ia].block.kind, RG_BLOCK_SMALL);
    assert_int_equal(s->objects[ia].block.size_class, 3);
    /* arenas and pools: arena 0, pool 0 holds the Nodes (class 3), pool 1
     * the Leaf (class 1) */
    assert_int_equal(s->narenas, 1);
    assert_int_equal(s->arenas[0].index, 0);
    assert_int_equal(s->arenas[0].address, (uintptr_t)0x7f0000000000);
    assert_int_equal(s->arenas[0].pools_carved, 2);
    assert_int_equal(s->arenas[0].npools, 64);
    assert_string_equal(s->pools[0].state, "used");
    assert_int_equal(s->pools[0].size_class, 3);
    assert_int_equal(s->pools[0].used, 4);
    assert_int_equal(s->pools[0].capacity, 255);
    assert_string_equal(s->pools[1].state, "used");
    assert_int_equal(s->pools[1].used, 1); /* x (the freed leaf is x) */
    assert_string_equal(s->pools[2].state, "unused");
    /* the free list: the leaf was taken back by x */
    assert_int_equal(s->nfreelists, 1);
    assert_ptr_equal(s->freelists[0].type, &LeafType);
    assert_int_equal(s->freelists[0].count, 0);
    assert_int_equal(s->freelists[0].capacity, 2);
    assert_int_equal(s->counts[0], 4);
    assert_int_equal(s->thresholds[0], 700);
    assert_true(s->gc_enabled);
    assert_int_equal(s->stats.small_blocks, 5);
    rg_snapshot_free(s);

    /* With a as root: d joins (reached through c). */
    s = rg_snapshot_take(f->h, &a, 1, 0);
    assert_non_null(s);
    assert_int_equal(s->nobjects, 5);
    size_t id = rg_snapshot_find(s, d);
    assert_true(id != (size_t)-1);
    ic = rg_snapshot_find(s, c);
    assert_int_equal(s->objects[ic].nreferents, 1);
    assert_int_equal(s->referents[s->objects[ic].first_referent], id);
    assert_int_equal(s->objects[id].refcnt, 1);
    rg_snapshot_free(s);

    /* A collection promotes everything to generation 1; a freeze to the
     * permanent generation (3). */
    assert_int_equal(rg_collect(f->h, 0), 0);
    s = rg_snapshot_take(f->h, NULL, 0, RG_SNAPSHOT_ALL_TRACKED);
    assert_int_equal(s->nobjects, 5);
    assert_int_equal(s->objects[rg_snapshot_find(s, a)].generation, 1);
    assert_int_equal(s->objects[rg_snapshot_find(s, d)].generation, 1);
    assert_int_equal(s->gc_stats[0].collections, 1);
    assert_int_equal(s->counts[1], 1);
    rg_snapshot_free(s);
    rg_gc_freeze(f->h);
    s = rg_snapshot_take(f->h, NULL, 0, 0);
    assert_int_equal(s->objects[rg_snapshot_find(s, a)].generation, 3);
    rg_snapshot_free(s);
    rg_gc_unfreeze(f->h);

    rg_decref(a);
    rg_decref(x);
    /* freed objects leave the registry */
    s = rg_snapshot_take(f->h, NULL, 0, 0);
    assert_int_equal(s->nobjects, 0);
    rg_snapshot_free(s);
}

/* A static object (in no heap): left out, unless RG_SNAPSHOT_OUTSIDE
 * asks for it (last, as a leaf). */
static Leaf g_static_leaf = {{1000, &LeafType}, 1.5};

static void test_snapshot_outside(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_ALL);
    rg_object *a = node(f->h, &NodeType), *b = node(f->h, &NodeType);
    ((Node *)a)->next = RG_OBJ(&g_static_leaf);
    ((Node *)b)->next = a;
    rg_incref(a);
    rg_snapshot *s = rg_snapshot_take(f->h, &b, 1, 0);
    assert_int_equal(s->nobjects, 2);
    assert_int_equal(s->objects[rg_snapshot_find(s, a)].nreferents, 0);
    rg_snapshot_free(s);
    s = rg_snapshot_take(f->h, &b, 1, RG_SNAPSHOT_OUTSIDE);
    assert_int_equal(s->nobjects, 3);
    assert_int_equal(rg_snapshot_find(s, RG_OBJ(&g_static_leaf)), 2);
    assert_int_equal(s->objects[2].block.kind, 0);
    assert_int_equal(s->objects[2].size, 0);
    assert_int_equal(s->objects[2].refcnt, 1000);
    assert_int_equal(s->objects[2].generation, -1);
    size_t ia = rg_snapshot_find(s, a);
    assert_int_equal(s->objects[ia].nreferents, 1);
    assert_int_equal(s->referents[s->objects[ia].first_referent], 2);
    rg_snapshot_free(s);
    /* the registry alone (no roots): the static referent still comes */
    s = rg_snapshot_take(f->h, NULL, 0, RG_SNAPSHOT_OUTSIDE);
    assert_int_equal(s->nobjects, 3);
    rg_snapshot_free(s);
    ((Node *)a)->next = NULL;
    rg_decref(b);
    rg_decref(a);
}

/* A snapshot never allocates in the heap: its block counts stay. */
static void test_snapshot_no_heap_allocation(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_ALL);
    rg_object *keep[300];
    for (int i = 0; i < 300; i++) keep[i] = node(f->h, &NodeType);
    for (int i = 0; i + 1 < 300; i++) {
        ((Node *)keep[i])->next = keep[i + 1];
        rg_incref(keep[i + 1]);
    }
    size_t before = f->s.nevents;
    rg_snapshot *s = rg_snapshot_take(f->h, keep, 1, RG_SNAPSHOT_ALL_TRACKED);
    assert_non_null(s);
    assert_int_equal(f->s.nevents, before); /* no block event: nothing allocated */
    assert_int_equal(s->nobjects, 300);
    assert_int_equal(s->nreferents, 299);
    rg_snapshot_free(s);
    for (int i = 0; i < 300; i++) rg_decref(keep[i]);
}

/* ====================================================================== */
/* Determinism, removal, front-end events                                  */
/* ====================================================================== */

/* A program of small and large blocks, objects, a collection. */
static void program(rg_heap *h, uintptr_t ids[8])
{
    rg_object *a, *b;
    make_cycle(h, &NodeType, &a, &b);
    rg_object *keep = node(h, &NodeType);
    void *big = rg_malloc(h, 1000);        /* C library block */
    void *huge = rg_malloc(h, 300000);     /* mapped */
    void *small = rg_malloc(h, 100);
    ids[0] = rg_stable_address(keep);
    ids[1] = rg_stable_address(big);
    ids[2] = rg_stable_address(huge);
    ids[3] = rg_stable_address(small);
    big = rg_realloc(h, big, 5000);
    ids[4] = rg_stable_address(big);
    small = rg_realloc(h, small, 90);      /* stays */
    ids[5] = rg_stable_address(small);
    small = rg_realloc(h, small, 300);     /* moves */
    ids[6] = rg_stable_address(small);
    rg_collect(h, 2);
    ids[7] = rg_stable_address(rg_new(h, &LeafType));
    rg_free(big);
    rg_free(huge);
    rg_free(small);
    rg_decref(keep);
    rg_trim(h);
}

static void test_determinism(void **state)
{
    fixture *f = *state;
    uintptr_t ids1[8], ids2[8];
    listen(f, RG_EVENTS_ALL);
    program(f->h, ids1);
    /* a second heap, while the first still exists (its arenas elsewhere) */
    rg_heap *h2 = rg_heap_new(NULL);
    stream s2 = {.base = (uintptr_t)0x7f0000000000, .seq_ok = 1};
    assert_int_equal(rg_events_set_sink(h2, RG_EVENTS_ALL, text_sink, &s2), 0);
    program(h2, ids2);
    assert_memory_equal(ids1, ids2, sizeof ids1);
    expect(&f->s, s2.text);
    assert_true(f->s.seq_ok && s2.seq_ok);
    /* large blocks numbered by allocation order, < 2^53 */
    assert_int_equal(ids1[1], (uintptr_t)0x550000000000 + 4096 * 1);
    assert_int_equal(ids1[2], (uintptr_t)0x550000000000 + 4096 * 2);
    assert_int_equal(ids1[4], (uintptr_t)0x550000000000 + 4096 * 3);
    assert_int_equal(ids1[5], ids1[3]);
    assert_true(ids1[6] != ids1[3]);
    for (int i = 0; i < 8; i++) assert_true(ids1[i] < ((uintptr_t)1 << 53));
    assert_non_null(strstr(s2.text, "block_alloc 300000 [mapped 300000] #550000002000\n"));
    /* realloc: the old block's end with its own id, then the new block */
    assert_non_null(strstr(s2.text, "block_free 1000 [large 1000] #550000001000\n"
                                    "block_alloc 5000 [large 5000] #550000003000\n"));
    assert_non_null(strstr(s2.text, "block_free 5000 [large 5000] #550000003000\n"));
    rg_object *leaf_on_list = NULL;
    (void)leaf_on_list;
    heap_done(h2);
    stream_free(&s2);
}

/* ---------------------------------------------------------------------- */
/* realloc: every BLOCK_FREE names a live block, with its stable address    */
/* ---------------------------------------------------------------------- */

/* The blocks a block sink has seen handed out: real address -> stable. */
typedef struct live_blocks {
    uintptr_t real[64], id[64];
    size_t n;
    size_t frees, allocs, unknown_frees;
    stream s;
} live_blocks;

/* Checks each block event: an allocated block has a stable address in its
 * range; a freed one is still there (its first byte is read: ASan), was
 * seen allocated (or is a large block older than the sink) and keeps the
 * stable address it had.  The events go to the text stream too. */
static void block_checking_sink(rg_heap *heap U, const rg_event *e, void *data)
{
    live_blocks *lb = data;
    text_sink(heap, e, &lb->s);
    if (e->kind != RG_EV_BLOCK_ALLOC && e->kind != RG_EV_BLOCK_FREE) return;
    uintptr_t real = (uintptr_t)e->address, id = rg_stable_address(e->address);
    if (e->block.kind == RG_BLOCK_SMALL)
        assert_int_equal(id, e->block.pool_address + 48 + (uintptr_t)e->block.block_index * e->block.size);
    else
        assert_true(id - (uintptr_t)0x550000000000 < ((uintptr_t)1 << 40));
    if (e->kind == RG_EV_BLOCK_ALLOC) {
        assert_true(lb->n < 64);
        lb->real[lb->n] = real;
        lb->id[lb->n++] = id;
        lb->allocs++;
        return;
    }
    volatile const unsigned char *first = e->address;
    if (e->size > 0) (void)*first; /* alive: ASan would report a freed or unmapped block */
    lb->frees++;
    for (size_t i = 0; i < lb->n; i++) {
        if (lb->real[i] != real) continue;
        assert_int_equal(lb->id[i], id);
        lb->real[i] = lb->real[lb->n - 1];
        lb->id[i] = lb->id[--lb->n];
        return;
    }
    lb->unknown_frees++; /* a block older than the sink: large, numbered at set_sink */
    assert_int_not_equal(e->block.kind, RG_BLOCK_SMALL);
}

/* realloc of small -> small (same class: in place; another class: moved),
 * small -> large, large -> large (C library, then mapped), large -> small
 * (stays large, as CPython's malloc'd blocks do), and of a large block
 * older than the sink: each old block's BLOCK_FREE comes while it is alive,
 * with the stable address its BLOCK_ALLOC had, the new block's BLOCK_ALLOC
 * first; the content moves with it. */
static void test_realloc_blocks_alive(void **state)
{
    fixture *f = *state;
    void *old_large = rg_malloc(f->h, 700); /* before the sink */
    memset(old_large, 0x5a, 700);
    live_blocks lb = {.s = {.base = (uintptr_t)0x7f0000000000, .seq_ok = 1}};
    assert_int_equal(rg_events_set_sink(f->h, RG_EVENTS_BLOCKS, block_checking_sink, &lb), 0);
    uintptr_t old_id = rg_stable_address(old_large);
    assert_int_equal(old_id, (uintptr_t)0x550000000000 + 4096 * 1);

    unsigned char *p = rg_malloc(f->h, 100); /* class 6 (112 bytes) */
    memset(p, 7, 100);
    uintptr_t id0 = rg_stable_address(p);
    p = rg_realloc(f->h, p, 90); /* same class, shrinks by < 1/4: in place */
    assert_int_equal(rg_stable_address(p), id0);
    size_t events_in_place = lb.s.nevents;
    p = rg_realloc(f->h, p, 112);
    assert_int_equal(lb.s.nevents, events_in_place); /* nothing happened */
    p = rg_realloc(f->h, p, 300); /* another class: moved */
    assert_true(rg_stable_address(p) != id0);
    p = rg_realloc(f->h, p, 2000); /* small -> large */
    p = rg_realloc(f->h, p, 9000); /* large -> large (C library) */
    p = rg_realloc(f->h, p, 300000); /* large -> mapped */
    p = rg_realloc(f->h, p, 400000); /* mapped -> mapped (mremap) */
    p = rg_realloc(f->h, p, 100); /* large -> 100 bytes: stays large */
    for (int i = 0; i < 90; i++) assert_int_equal(p[i], 7);
    old_large = rg_realloc(f->h, old_large, 5000); /* older than the sink */
    for (int i = 0; i < 700; i++) assert_int_equal(((unsigned char *)old_large)[i], 0x5a);
    rg_free(p);
    rg_free(old_large);
    assert_int_equal(lb.n, 0);           /* every block allocated was freed */
    assert_int_equal(lb.unknown_frees, 1); /* the one older than the sink */
    assert_true(lb.s.seq_ok);
    expect(&lb.s, "arena a0 new\n"
                  "pool a0 p0 c6 used\n"
                  "block_alloc 112 [c6 a0 p0 b0]\n"
                  "pool a0 p1 c18 used\n"
                  "block_alloc 304 [c18 a0 p1 b0]\n"
                  "block_free 112 [c6 a0 p0 b0]\n"
                  "pool a0 p0 c6 empty\n"
                  "block_alloc 2000 [large 2000] #550000002000\n"
                  "block_free 304 [c18 a0 p1 b0]\n"
                  "pool a0 p1 c18 empty\n"
                  "block_free 2000 [large 2000] #550000002000\n"
                  "block_alloc 9000 [large 9000] #550000003000\n"
                  "block_free 9000 [large 9000] #550000003000\n"
                  "block_alloc 300000 [mapped 300000] #550000004000\n"
                  "block_free 300000 [mapped 300000] #550000004000\n"
                  "block_alloc 400000 [mapped 400000] #550000005000\n"
                  "block_free 400000 [mapped 400000] #550000005000\n"
                  "block_alloc 100 [large 100] #550000006000\n"
                  "block_free 700 [large 700] #550000001000\n"
                  "block_alloc 5000 [large 5000] #550000007000\n"
                  "block_free 100 [large 100] #550000006000\n"
                  "block_free 5000 [large 5000] #550000007000\n");
    assert_int_equal(rg_events_set_sink(f->h, 0, NULL, NULL), 0);
    stream_free(&lb.s);
}

/* ---------------------------------------------------------------------- */
/* Free lists are emptied in the order they were made                      */
/* ---------------------------------------------------------------------- */

/* Eight leaf types with free lists: their addresses order them one way,
 * the table of free lists (hashed by type address) another. */
#define LEAF_TYPE(n) {.name = "Leaf" #n, .size = sizeof(Leaf), .freelist_capacity = 2}
static const rg_type leaf_types[8] = {LEAF_TYPE(0), LEAF_TYPE(1), LEAF_TYPE(2), LEAF_TYPE(3),
                                      LEAF_TYPE(4), LEAF_TYPE(5), LEAF_TYPE(6), LEAF_TYPE(7)};

typedef struct free_order {
    uintptr_t ids[32];
    size_t n;
} free_order;

/* Records the stable address of every BLOCK_FREE. */
static void free_order_sink(rg_heap *heap U, const rg_event *e, void *data)
{
    free_order *fo = data;
    if (e->kind != RG_EV_BLOCK_FREE) return;
    assert_true(fo->n < 32);
    fo->ids[fo->n++] = rg_stable_address(e->address);
}

/* A full collection empties the free lists list by list in the order the
 * lists were made (each from its most recent object), whatever the
 * addresses of their types: the BLOCK_FREE order is the same in every
 * build (a sanitizer moves static types) and run. */
static void test_freelists_cleared_in_creation_order(void **state)
{
    fixture *f = *state;
    static const int order[8] = {5, 2, 7, 0, 3, 6, 1, 4};
    uintptr_t want[16];
    size_t nwant = 0;
    for (int k = 0; k < 8; k++) {
        rg_object *a = node(f->h, &leaf_types[order[k]]), *b = node(f->h, &leaf_types[order[k]]);
        want[nwant + 1] = rg_stable_address(a); /* pushed first, freed second */
        want[nwant] = rg_stable_address(b);
        nwant += 2;
        rg_decref(a);
        rg_decref(b);
    }
    free_order fo = {0};
    assert_int_equal(rg_events_set_sink(f->h, RG_EVENTS_BLOCKS, free_order_sink, &fo), 0);
    rg_collect(f->h, 2);
    assert_int_equal(fo.n, nwant);
    assert_memory_equal(fo.ids, want, sizeof want);
    /* the lists are made again in a new order after being emptied: the
     * order of making stays (the lists stay in the table, empty) */
    fo.n = 0;
    rg_object *x = node(f->h, &leaf_types[4]), *y = node(f->h, &leaf_types[5]);
    uintptr_t xid = rg_stable_address(x), yid = rg_stable_address(y);
    rg_decref(x);
    rg_decref(y);
    fo.n = 0;
    rg_collect(f->h, 2);
    assert_int_equal(fo.n, 2);
    assert_int_equal(fo.ids[0], yid); /* Leaf5's list was made before Leaf4's */
    assert_int_equal(fo.ids[1], xid);
    assert_int_equal(rg_events_set_sink(f->h, 0, NULL, NULL), 0);
}

/* After the sink is removed nothing is delivered and the fast paths are
 * back (the heap checks clean: map tags as without events). */
static void test_removed_sink_is_silent(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_ALL);
    rg_object *a = node(f->h, &NodeType);
    size_t n = f->s.nevents;
    assert_true(n > 0);
    assert_int_equal(rg_events_set_sink(f->h, 0, NULL, NULL), 0);
    assert_false(rg_events_enabled(f->h));
    rg_object *b, *c;
    make_cycle(f->h, &NodeType, &b, &c);
    rg_collect(f->h, 2);
    rg_decref(a);
    void *p = rg_malloc(f->h, 200000);
    rg_free(p);
    rg_trim(f->h);
    rg_event e = {.kind = RG_EV_USER, .state = "x"};
    rg_event_emit(f->h, &e);
    assert_int_equal(f->s.nevents, n);
    assert_int_equal(rg_heap_check(f->h, stderr), 0);
    /* a snapshot without a sink has no registry: only roots */
    rg_object *r = node(f->h, &NodeType);
    rg_snapshot *s = rg_snapshot_take(f->h, &r, 1, 0);
    assert_int_equal(s->nobjects, 1);
    rg_snapshot_free(s);
    rg_decref(r);
}

/* rg_event_emit: REF and USER delivered with their seq, in the mask. */
static void test_emit(void **state)
{
    fixture *f = *state;
    listen(f, RG_EVENTS_FRONT);
    rg_object *a = node(f->h, &NodeType);
    rg_event e = {.kind = RG_EV_REF, .object = a, .value = 1, .value2 = 1, .state = "bound to name a"};
    rg_event_emit(f->h, &e);
    assert_int_equal(e.seq, 1);
    rg_event u = {.kind = RG_EV_USER, .state = "line", .text = "3"};
    rg_event_emit(f->h, &u);
    rg_event bad = {.kind = RG_EV_OBJ_NEW, .object = a};
    rg_event_emit(f->h, &bad); /* engine kinds are not for front ends */
    rg_decref(a);
    expect(&f->s, "ref @64 1 +1 bound to name a\nuser line 3\n");
    /* without FRONT in the mask: nothing */
    listen(f, RG_EVENTS_GC);
    rg_event_emit(f->h, &u);
    assert_int_equal(f->s.nevents, 0);
    assert_string_equal(rg_event_kind_name(RG_EV_GC_PHASE), "gc_phase");
    assert_string_equal(rg_event_kind_name((rg_event_kind)99), "unknown");
}

/* A debug heap with a sink: the same events (no pool states), clean. */
static void test_debug_heap(void **state U)
{
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    cfg.flags = RG_HEAP_DEBUG;
    rg_heap *h = rg_heap_new(&cfg);
    stream s = {.base = (uintptr_t)0x7f0000000000, .seq_ok = 1};
    assert_int_equal(rg_events_set_sink(h, RG_EVENTS_ALL, text_sink, &s), 0);
    make_cycle(h, &NodeType, NULL, NULL);
    assert_int_equal(rg_collect(h, 0), 2);
    void *p = rg_malloc(h, 2000);
    p = rg_realloc(h, p, 3000);
    rg_free(p);
    assert_non_null(strstr(s.text, "gc_phase g0 delete_garbage @80=0 @160=0\n"));
    assert_null(strstr(s.text, "pool "));
    assert_int_equal(rg_events_set_sink(h, 0, NULL, NULL), 0);
    heap_done(h);
    stream_free(&s);
}

/* ====================================================================== */
/* Random programs with a sink: every pointer an event carries is alive   */
/* ====================================================================== */

typedef struct checker {
    uint64_t last_seq;
    size_t events, phase_objects;
} checker;

/* Read everything the event points to (ASan catches a dead pointer). */
static void checking_sink(rg_heap *heap U, const rg_event *e, void *data)
{
    checker *c = data;
    assert_int_equal(e->seq, c->last_seq + 1);
    c->last_seq = e->seq;
    c->events++;
    if (e->object != NULL) {
        assert_non_null(e->object->type);
        assert_true(strlen(e->object->type->name) > 0);
        assert_true(rg_stable_address(e->object) < ((uintptr_t)1 << 53));
    }
    if (e->kind == RG_EV_BLOCK_FREE) {
        volatile const unsigned char *first = e->address;
        if (e->size > 0) (void)*first; /* the block is still there (ASan) */
        uintptr_t id = rg_stable_address(e->address);
        assert_true(id - (uintptr_t)0x7f0000000000 < ((uintptr_t)1 << 40) ||
                    id - (uintptr_t)0x550000000000 < ((uintptr_t)1 << 40));
    }
    for (size_t i = 0; i < e->nobjects; i++) {
        assert_true(e->objects[i]->refcnt > 0);
        assert_true(strlen(e->objects[i]->type->name) > 0);
        c->phase_objects++;
    }
}

static int is_node(const rg_object *o) { return o->type == &NodeType || o->type == &ResNodeType; }

static uint64_t g_rng = 0x9e3779b97f4a7c15u;
static uint32_t rnd(uint32_t n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (uint32_t)(g_rng % n);
}

static void test_random_program(void **state)
{
    fixture *f = *state;
    checker c = {0};
    assert_int_equal(rg_events_set_sink(f->h, RG_EVENTS_ALL, checking_sink, &c), 0);
    enum { SLOTS = 64, OPS = 200000 };
    rg_object *slot[SLOTS] = {0};
    void *mem[8] = {0};
    g_saved = NULL;
    for (int op = 0; op < OPS; op++) {
        uint32_t k = rnd(SLOTS), j = rnd(SLOTS);
        switch (rnd(12)) {
        case 0: case 1: case 2: /* new node */
            if (slot[k]) rg_decref(slot[k]);
            slot[k] = node(f->h, rnd(8) == 0 ? &ResNodeType : &NodeType);
            break;
        case 3: case 4: /* link k -> j */
            if (slot[k] && slot[j] && is_node(slot[k])) {
                rg_object *old = ((Node *)slot[k])->next;
                rg_incref(slot[j]);
                ((Node *)slot[k])->next = slot[j];
                if (old) rg_decref(old);
            }
            break;
        case 5: case 6: /* drop */
            if (slot[k]) {
                rg_decref(slot[k]);
                slot[k] = NULL;
            }
            break;
        case 7: /* a leaf (free list) */
            if (slot[k]) rg_decref(slot[k]);
            slot[k] = node(f->h, &LeafType);
            break;
        case 8: /* weak reference with a callback, kept in a slot */
            if (slot[j] && is_node(slot[j])) {
                rg_weakref *wr = rg_weakref_new(f->h, slot[j], count_callback, NULL);
                assert_non_null(wr);
                if (slot[k]) rg_decref(slot[k]);
                slot[k] = RG_OBJ(wr);
            }
            break;
        case 9: /* raw blocks: small, large, mapped, realloc */
        {
            static const size_t sizes[] = {24, 200, 700, 5000, 200000};
            uint32_t m = rnd(8);
            if (mem[m] == NULL) mem[m] = rg_malloc(f->h, sizes[rnd(5)]);
            else if (rnd(2)) mem[m] = rg_realloc(f->h, mem[m], sizes[rnd(5)]);
            else {
                rg_free(mem[m]);
                mem[m] = NULL;
            }
            break;
        }
        case 10:
            if (rnd(20) == 0) rg_collect(f->h, (int)rnd(3));
            if (rnd(200) == 0) rg_trim(f->h);
            break;
        case 11:
            if (rnd(50) == 0) {
                rg_snapshot *s = rg_snapshot_take(f->h, slot, SLOTS, rnd(2) ? RG_SNAPSHOT_ALL_TRACKED : 0);
                assert_non_null(s);
                for (size_t i = 0; i < s->nobjects; i++) {
                    assert_true(s->objects[i].object->refcnt > 0);
                    assert_true(s->objects[i].first_referent + s->objects[i].nreferents <= s->nreferents);
                }
                for (size_t i = 0; i < s->nreferents; i++) assert_true(s->referents[i] < s->nobjects);
                rg_snapshot_free(s);
            }
            break;
        }
        /* a sink removed and put back now and then */
        if (rnd(5000) == 0) {
            assert_int_equal(rg_events_set_sink(f->h, 0, NULL, NULL), 0);
            c.last_seq = 0;
            assert_int_equal(rg_events_set_sink(f->h, RG_EVENTS_ALL, checking_sink, &c), 0);
        }
        if (op % 2000 == 0) assert_int_equal(rg_heap_check(f->h, stderr), 0);
    }
    for (int i = 0; i < SLOTS; i++) rg_xdecref(slot[i]);
    for (int i = 0; i < 8; i++) rg_free(mem[i]);
    if (g_saved) {
        rg_object *saved = g_saved;
        rg_decref(saved);
    }
    rg_collect(f->h, 2);
    rg_collect(f->h, 2);
    assert_true(c.events > 10000);
    assert_true(c.phase_objects > 0);
    rg_stats st;
    rg_heap_stats(f->h, &st);
    assert_int_equal(st.allocated_blocks, 0);
}

/* Out of memory with a sink: for every failure point of a small program,
 * no crash, no event about a block that was not handed out, a clean heap. */
static void test_out_of_memory(void **state U)
{
    for (long n = 0; n < 40; n++) {
        rg_heap *h = rg_heap_new(NULL);
        assert_non_null(h);
        checker c = {0};
        assert_int_equal(rg_events_set_sink(h, RG_EVENTS_ALL, checking_sink, &c), 0);
        rg_os_fail_after(n);
        rg_object *a = rg_new(h, &NodeType), *b = rg_new(h, &NodeType);
        void *big = rg_malloc(h, 200000), *mid = rg_malloc(h, 2000);
        void *moved = mid ? rg_realloc(h, mid, 4000) : NULL;
        if (moved) mid = moved;
        rg_os_fail_after(-1);
        if (a && b) {
            ((Node *)a)->next = b;
            rg_incref(b);
            ((Node *)b)->next = a;
            rg_incref(a);
        }
        rg_xdecref(a);
        rg_xdecref(b);
        rg_collect(h, 2);
        rg_free(big);
        rg_free(mid);
        rg_stats st;
        rg_heap_stats(h, &st);
        assert_int_equal(st.allocated_blocks, 0);
        heap_done(h);
    }
}

/* The same random program on a heap without a sink and on one with: the
 * same ids, the same collections, the same statistics -- watching changes
 * nothing. */
static void silent_sink(rg_heap *heap U, const rg_event *e U, void *data)
{
    (*(size_t *)data)++;
}

/* Run a seeded program on h; record what it observes into out[]. */
static size_t observed_program(rg_heap *h, uint64_t seed, uintptr_t *out, size_t cap)
{
    size_t n = 0;
    g_rng = seed;
    g_saved = NULL;
    enum { SLOTS = 32 };
    rg_object *slot[SLOTS] = {0};
    void *mem[4] = {0};
    for (int op = 0; op < 30000 && n + 4 < cap; op++) {
        uint32_t k = rnd(SLOTS), j = rnd(SLOTS);
        switch (rnd(8)) {
        case 0: case 1:
            if (slot[k]) rg_decref(slot[k]);
            slot[k] = node(h, rnd(3) == 0 ? &LeafType : &NodeType);
            out[n++] = rg_stable_address(slot[k]);
            break;
        case 2: case 3:
            if (slot[k] && slot[j] && is_node(slot[k])) {
                rg_object *old = ((Node *)slot[k])->next;
                rg_incref(slot[j]);
                ((Node *)slot[k])->next = slot[j];
                if (old) rg_decref(old);
            }
            break;
        case 4:
            if (slot[k]) rg_decref(slot[k]);
            slot[k] = NULL;
            break;
        case 5: {
            static const size_t sizes[] = {40, 480, 900, 150000};
            uint32_t m = rnd(4);
            if (mem[m]) rg_free(mem[m]);
            mem[m] = rg_malloc(h, sizes[rnd(4)]);
            out[n++] = rg_stable_address(mem[m]);
            if (rnd(2)) {
                mem[m] = rg_realloc(h, mem[m], sizes[rnd(4)]);
                out[n++] = rg_stable_address(mem[m]);
            }
            break;
        }
        case 6:
            if (rnd(30) == 0) out[n++] = (uintptr_t)rg_collect(h, (int)rnd(3));
            break;
        case 7:
            if (rnd(100) == 0) {
                long counts[3];
                rg_gc_get_count(h, counts);
                out[n++] = (uintptr_t)(counts[0] * 1000000 + counts[1] * 1000 + counts[2]);
            }
            break;
        }
    }
    for (int i = 0; i < SLOTS; i++) rg_xdecref(slot[i]);
    for (int i = 0; i < 4; i++) rg_free(mem[i]);
    rg_stats st;
    rg_heap_stats(h, &st);
    out[n++] = st.arenas_allocated_total;
    out[n++] = st.allocated_blocks;
    out[n++] = rg_freelist_count(h, &LeafType, 0);
    return n;
}

static void test_sink_changes_nothing(void **state)
{
    fixture *f = *state;
    enum { CAP = 100000 };
    uintptr_t *plain = malloc(CAP * sizeof *plain), *watched = malloc(CAP * sizeof *watched);
    assert_non_null(plain);
    assert_non_null(watched);
    size_t n1 = observed_program(f->h, 42, plain, CAP);
    rg_heap *h2 = rg_heap_new(NULL);
    size_t events = 0;
    assert_int_equal(rg_events_set_sink(h2, RG_EVENTS_ALL, silent_sink, &events), 0);
    size_t n2 = observed_program(h2, 42, watched, CAP);
    assert_int_equal(n1, n2);
    /* large blocks have stable addresses only while a sink is installed:
     * compare the rest */
    for (size_t i = 0; i < n1; i++)
        if (watched[i] - (uintptr_t)0x550000000000 >= ((uintptr_t)1 << 40))
            assert_int_equal(plain[i], watched[i]);
    assert_true(events > 10000);
    heap_done(h2);
    free(plain);
    free(watched);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cycle_collected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_freelist_reuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auto_collection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_finalizer_resurrects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refcount_resurrection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_untrack_and_legacy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weakref_callback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_outside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_no_heap_allocation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_determinism, setup, teardown),
        cmocka_unit_test_setup_teardown(test_realloc_blocks_alive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_freelists_cleared_in_creation_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removed_sink_is_silent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emit, setup, teardown),
        cmocka_unit_test(test_debug_heap),
        cmocka_unit_test_setup_teardown(test_random_program, setup, teardown),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test_setup_teardown(test_sink_changes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
