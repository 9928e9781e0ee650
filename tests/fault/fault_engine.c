/*
 * fault_engine.c -- allocation-failure sweeps of engine scenarios (issue 6
 * §2; needs a build with REFGC_FAULT_INJECTION).
 *
 *   fault_engine [SCENARIO...]     (default: all; --verbose)
 *
 * Each scenario is a deterministic C program over a heap of its own: it
 * creates the heap, works, and tears down (frees every block, drops every
 * reference, collects).  The driver runs it with the N-th allocation site
 * failing (refgc.h "Failure injection": OS requests, arenas, pools, large
 * blocks, rg_malloc & co., object creations) for N = 1, 2, 3, ... until a
 * run completes without the failure firing, so every site the scenario
 * passes fails once.  For every N:
 *  - no crash (a sanitizer report or a signal ends the test);
 *  - every call that returned failure (NULL, or -1 for rg_events_set_sink)
 *    did so with errno ENOMEM, only after the armed failure fired, and at
 *    most once per run (one refused allocation makes at most one API call
 *    fail; the engine absorbs the others, e.g. in a finalizer's allocation
 *    during a collection, it is the finalizer's call that fails);
 *  - rg_heap_check is clean after each failure and after the teardown;
 *  - live blocks keep their bytes (patterns checked on free and after a
 *    failed realloc, which must leave the block untouched);
 *  - after the teardown rg_heap_stats reports 0 allocated blocks, and once
 *    the heap is deleted no block the engine took from the C library
 *    through src/os is left (rg_os_live_blocks).
 * Scenarios: alloc (malloc/calloc/realloc/free mixed, small, malloc'd and
 * mapped large, both families, a debug heap), objects (refcounted trees of
 * GC and non-GC types, variable-size objects), cycles (rings with
 * finalizers that resurrect and allocate, weak references with callbacks
 * that allocate, collections of each generation, gc.garbage), trim (arenas
 * emptied and given back, reused), freelists (types with free lists, by
 * size; a full collection empties them).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "refgc.h"
#include "os/os.h"

/* ====================================================================== */
/* Context and checks                                                      */
/* ====================================================================== */

typedef struct ctx {
    const char *scenario;
    unsigned long n;  /* the armed site */
    rg_heap *heap;
    unsigned nulls;   /* failed calls seen this run */
    unsigned bad;     /* violations this run */
    uint64_t rng;
} ctx;

static int verbose;
static unsigned long total_bad;
static int in_collection; /* finalizer or callback running: no rg_heap_check */

/* A violation: reported with the scenario and N. */
static void violation(ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s N=%lu: ", c->scenario, c->n);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    c->bad++;
}

/* The heap passes its own check. */
static void check_heap(ctx *c, const char *when)
{
    if (c->heap == NULL) return;
    size_t errors = rg_heap_check(c->heap, stderr);
    if (errors != 0) violation(c, "rg_heap_check: %zu violations %s", errors, when);
}

/* A call's result: NULL is only right as the injected failure (errno
 * ENOMEM, after it fired, once).  Returns ok (non-NULL). */
static int got(ctx *c, const void *p, const char *what)
{
    int err = errno;
    if (p != NULL) return 1;
    if (err != ENOMEM) violation(c, "%s failed with errno %d, not ENOMEM", what, err);
    if (rg_fault_fired() == RG_FAULT_NONE) violation(c, "%s failed but no failure was injected", what);
    if (++c->nulls > 1) violation(c, "%s is the %u-th call to fail for one refused site", what, c->nulls);
    if (!in_collection) check_heap(c, what);
    return 0;
}

/* A small deterministic generator (xorshift64*). */
static uint32_t rnd(ctx *c)
{
    c->rng ^= c->rng >> 12;
    c->rng ^= c->rng << 25;
    c->rng ^= c->rng >> 27;
    return (uint32_t)((c->rng * 2685821657736338717ull) >> 32);
}

/* A heap with the given arena reserve and mmap threshold (debug: 1). */
static int open_heap(ctx *c, size_t reserve, size_t mmap_threshold, int debug)
{
    rg_heap_config config;
    rg_heap_config_init(&config);
    config.arena_reserve = reserve;
    config.mmap_threshold = mmap_threshold;
    if (debug) {
        config.flags = RG_HEAP_DEBUG;
        config.debug_quarantine = 0; /* quarantined blocks count as allocated */
    }
    errno = 0;
    c->heap = rg_heap_new(&config);
    return got(c, c->heap, "rg_heap_new");
}

/* The end of every scenario: nothing left, consistent, deleted. */
static void close_heap(ctx *c)
{
    if (c->heap == NULL) return;
    check_heap(c, "after the teardown");
    rg_stats st;
    if (rg_heap_stats(c->heap, &st) != 0) violation(c, "rg_heap_stats failed");
    else if (st.allocated_blocks != 0)
        violation(c, "%zu blocks (%zu small, %zu large) left after the teardown", st.allocated_blocks,
                  st.small_blocks, st.large_blocks);
    rg_heap_delete(c->heap);
    c->heap = NULL;
}

/* ====================================================================== */
/* Patterns                                                                */
/* ====================================================================== */

/* Byte i of the pattern of tag. */
static inline uint8_t pat(uint32_t tag, size_t i)
{
    return (uint8_t)(tag * 131u + (uint32_t)i + (uint32_t)(i >> 8));
}

static void fill(uint8_t *p, size_t n, uint32_t tag)
{
    for (size_t i = 0; i < n; i++) p[i] = pat(tag, i);
}

/* Does p[0..n) hold tag's pattern?  Reports the first broken byte. */
static void verify(ctx *c, const uint8_t *p, size_t n, uint32_t tag, const char *when)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != pat(tag, i)) {
            violation(c, "block of %zu bytes (tag %u) broken at byte %zu %s", n, tag, i, when);
            return;
        }
    }
}

/* ====================================================================== */
/* Scenario: the allocator                                                 */
/* ====================================================================== */

#define SLOTS 48

typedef struct slot {
    uint8_t *p;
    size_t n;
    uint32_t tag;
    int obj; /* rg_obj_* family */
} slot;

/* A size: mostly small, some malloc'd large, a few mapped. */
static size_t pick_size(ctx *c)
{
    uint32_t r = rnd(c) % 100;
    if (r < 75) return 1 + rnd(c) % 512;
    if (r < 95) return 513 + rnd(c) % 4000;
    return 16384 + rnd(c) % 20000; /* over the mmap threshold */
}

/* One operation on slot s. */
static void alloc_op(ctx *c, slot *s, uint32_t tag)
{
    uint32_t what = rnd(c) % 10;
    if (s->p != NULL && what < 3) {
        verify(c, s->p, s->n, s->tag, "before free");
        if (s->obj) rg_obj_free(s->p);
        else rg_free(s->p);
        s->p = NULL;
        return;
    }
    if (s->p != NULL) {
        size_t n = pick_size(c);
        errno = 0;
        uint8_t *q = s->obj ? rg_obj_realloc(c->heap, s->p, n) : rg_realloc(c->heap, s->p, n);
        if (!got(c, q, "rg_realloc")) {
            verify(c, s->p, s->n, s->tag, "after a failed realloc");
            return;
        }
        verify(c, q, n < s->n ? n : s->n, s->tag, "after realloc");
        s->p = q;
        s->n = n;
        fill(q, n, s->tag);
        return;
    }
    size_t n = pick_size(c);
    s->obj = what == 9;
    errno = 0;
    uint8_t *p;
    if (what < 6) p = s->obj ? rg_obj_malloc(c->heap, n) : rg_malloc(c->heap, n);
    else p = s->obj ? rg_obj_calloc(c->heap, 1, n) : rg_calloc(c->heap, n, 1);
    if (!got(c, p, "rg_malloc/rg_calloc")) return;
    if (what >= 6) {
        for (size_t i = 0; i < n; i++) {
            if (p[i] != 0) {
                violation(c, "rg_calloc block not zeroed");
                break;
            }
        }
    }
    s->p = p;
    s->n = n;
    s->tag = tag;
    fill(p, n, tag);
}

/* Free every slot (checking its bytes). */
static void free_slots(ctx *c, slot *slots)
{
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p == NULL) continue;
        verify(c, slots[i].p, slots[i].n, slots[i].tag, "at the teardown");
        if (slots[i].obj) rg_obj_free(slots[i].p);
        else rg_free(slots[i].p);
        slots[i].p = NULL;
    }
}

static void scenario_alloc(ctx *c)
{
    for (int debug = 0; debug < 2; debug++) {
        slot slots[SLOTS];
        memset(slots, 0, sizeof slots);
        if (!open_heap(c, debug ? 0 : 2, 16 * 1024, debug)) return;
        for (uint32_t op = 0; op < (debug ? 80u : 240u); op++) {
            alloc_op(c, &slots[rnd(c) % SLOTS], op + 1);
            if (op == 150) rg_trim(c->heap);
        }
        free_slots(c, slots);
        close_heap(c);
    }
}

/* ====================================================================== */
/* Object types                                                            */
/* ====================================================================== */

/* A GC node: two references, weakly referenceable, an id. */
typedef struct node {
    RG_OBJECT_HEAD;
    rg_object *a, *b;
    rg_weakref *weaklist;
    long id;
    int resurrect; /* its finalizer saves it (once) */
} node;

/* A non-GC box holding one reference (never in cycles: only boxes and
 * leaf values go in it). */
typedef struct box {
    RG_OBJECT_HEAD;
    rg_object *item;
} box;

static ctx *current; /* for the finalizers and callbacks */
static rg_object *saved[64];
static size_t nsaved;
static unsigned long finalized, callbacks;

static int node_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    node *n = (node *)self;
    RG_VISIT(n->a);
    RG_VISIT(n->b);
    return 0;
}

static int node_clear(rg_object *self)
{
    node *n = (node *)self;
    RG_CLEAR(n->a);
    RG_CLEAR(n->b);
    return 0;
}

static const rg_type box_type;

/* Allocate (and drop) a box, as finalizers and callbacks that allocate. */
static void allocate_something(const char *what)
{
    errno = 0;
    rg_object *o = rg_new(current->heap, &box_type);
    in_collection++;
    int ok = got(current, o, what);
    in_collection--;
    if (ok) rg_decref(o);
}

/* PEP 442 finalizer: allocates; resurrects the node when asked. */
static void node_finalize(rg_object *self)
{
    node *n = (node *)self;
    finalized++;
    allocate_something("an allocation in a finalizer");
    if (n->resurrect && nsaved < sizeof saved / sizeof saved[0]) {
        n->resurrect = 0;
        rg_incref(self);
        saved[nsaved++] = self;
    }
}

static int box_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((box *)self)->item);
    return 0;
}

static const rg_type node_type = {
    .name = "node",
    .size = sizeof(node),
    .flags = RG_TYPE_GC,
    .weaklist_offset = offsetof(node, weaklist),
    .traverse = node_traverse,
    .clear = node_clear,
    .finalize = node_finalize,
};

/* The same node with a free list of 8. */
static const rg_type fl_node_type = {
    .name = "fl_node",
    .size = sizeof(node),
    .flags = RG_TYPE_GC,
    .weaklist_offset = offsetof(node, weaklist),
    .traverse = node_traverse,
    .clear = node_clear,
    .freelist_capacity = 8,
};

static const rg_type box_type = {
    .name = "box",
    .size = sizeof(box),
    .traverse = box_traverse,
};

/* A GC vector of references (variable size), free lists for 1..4 items. */
static int vec_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    rg_varobject *v = (rg_varobject *)self;
    rg_object **items = (rg_object **)(v + 1);
    for (intptr_t i = 0; i < v->size; i++) RG_VISIT(items[i]);
    return 0;
}

static int vec_clear(rg_object *self)
{
    rg_varobject *v = (rg_varobject *)self;
    rg_object **items = (rg_object **)(v + 1);
    for (intptr_t i = 0; i < v->size; i++) RG_CLEAR(items[i]);
    return 0;
}

static const rg_type vec_type = {
    .name = "vec",
    .size = sizeof(rg_varobject),
    .item_size = sizeof(rg_object *),
    .flags = RG_TYPE_GC,
    .traverse = vec_traverse,
    .clear = vec_clear,
    .freelist_capacity = 4,
    .freelist_max_items = 4,
};

/* The items of a vec. */
static rg_object **vec_items(rg_object *v) { return (rg_object **)((rg_varobject *)v + 1); }

/* A new object of type (NULL checked by got). */
static rg_object *make(ctx *c, const rg_type *type, size_t nitems, const char *what)
{
    errno = 0;
    rg_object *o = type->item_size ? rg_new_var(c->heap, type, nitems) : rg_new(c->heap, type);
    return got(c, o, what) ? o : NULL;
}

/* A weak reference's callback: allocates, counts. */
static void on_dead(rg_weakref *ref, rg_object *data)
{
    (void)ref;
    (void)data;
    callbacks++;
    allocate_something("an allocation in a weakref callback");
}

/* Drop the resurrected nodes. */
static void drop_saved(void)
{
    while (nsaved > 0) rg_decref(saved[--nsaved]);
}

/* Collect everything and empty gc.garbage. */
static void collect_all(ctx *c)
{
    for (int i = 0; i < 3; i++) {
        drop_saved();
        rg_collect(c->heap, 2);
    }
    rg_gc_clear_garbage(c->heap);
    drop_saved();
    rg_collect(c->heap, 2);
}

/* ====================================================================== */
/* Scenario: refcounted objects                                            */
/* ====================================================================== */

static void scenario_objects(ctx *c)
{
    if (!open_heap(c, 1, RG_DEFAULT_MMAP_THRESHOLD, 0)) return;
    rg_object *roots[16] = {NULL};
    for (int r = 0; r < 16; r++) {
        /* A vec of up to 6 boxes, each box holding a node or a vec. */
        size_t k = (size_t)(r % 7);
        rg_object *v = make(c, &vec_type, k, "rg_new_var(vec)");
        if (v == NULL) continue;
        for (size_t i = 0; i < k; i++) {
            rg_object *b = make(c, &box_type, 0, "rg_new(box)");
            if (b == NULL) break;
            vec_items(v)[i] = b;
            rg_object *leaf = (i & 1) ? make(c, &node_type, 0, "rg_new(node)")
                                      : make(c, &vec_type, i, "rg_new_var(vec)");
            ((box *)b)->item = leaf;
            if (leaf == NULL) break;
        }
        roots[r] = v;
        if (r % 3 == 2) {
            /* Share then release: refcounts move, nothing dies. */
            rg_incref(v);
            RG_CLEAR(roots[r - 1]);
            rg_decref(v);
        }
    }
    /* A big object (over 512 bytes: the large path). */
    rg_object *big = make(c, &vec_type, 200, "rg_new_var(vec of 200)");
    if (big != NULL) {
        for (int i = 0; i < 200 && roots[i % 16] != NULL; i++) {
            rg_incref(roots[i % 16]);
            vec_items(big)[i] = roots[i % 16];
        }
        rg_decref(big);
    }
    for (int r = 0; r < 16; r++) RG_CLEAR(roots[r]);
    collect_all(c); /* empties the free lists */
    close_heap(c);
}

/* ====================================================================== */
/* Scenario: cycles, finalizers, resurrection, weak references             */
/* ====================================================================== */

/* A ring of k nodes (ids from id0), every third resurrecting; returns a
 * new reference to its first node, or NULL. */
static rg_object *ring(ctx *c, int k, long id0)
{
    rg_object *first = NULL, *prev = NULL;
    for (int i = 0; i < k; i++) {
        node *n = (node *)make(c, &node_type, 0, "rg_new(node) for a ring");
        if (n == NULL) break;
        n->id = id0 + i;
        n->resurrect = i % 3 == 0;
        if (prev == NULL) first = RG_OBJ(n);
        else ((node *)prev)->a = RG_OBJ(n); /* the reference made */
        prev = RG_OBJ(n);
    }
    if (first == NULL) return NULL;
    rg_incref(first);
    ((node *)prev)->b = first; /* closes the ring */
    return first;
}

static void scenario_cycles(ctx *c)
{
    if (!open_heap(c, 0, RG_DEFAULT_MMAP_THRESHOLD, 0)) return;
    rg_gc_set_threshold(c->heap, 40, 2, 2); /* automatic collections too */
    rg_weakref *refs[24] = {NULL};
    size_t nrefs = 0;
    for (int round = 0; round < 12; round++) {
        rg_object *r = ring(c, 5 + round, round * 100);
        if (r == NULL) continue;
        /* Weak references with callbacks (data: a box) and without. */
        rg_object *data = make(c, &box_type, 0, "rg_new(box) for callback data");
        errno = 0;
        rg_weakref *w = rg_weakref_new(c->heap, r, on_dead, data);
        if (got(c, w, "rg_weakref_new") && nrefs < 24) refs[nrefs++] = w;
        else if (w != NULL) rg_decref(RG_OBJ(w));
        rg_xdecref(data);
        errno = 0;
        rg_weakref *plain = rg_weakref_new(c->heap, ((node *)r)->a ? ((node *)r)->a : r, NULL, NULL);
        if (got(c, plain, "rg_weakref_new (shared)") && nrefs < 24) refs[nrefs++] = plain;
        else if (plain != NULL) rg_decref(RG_OBJ(plain));
        if (round % 2 == 0) {
            /* A self-referencing vec with a ring member in it. */
            rg_object *v = make(c, &vec_type, 2, "rg_new_var(vec) for a cycle");
            if (v != NULL) {
                rg_incref(v);
                vec_items(v)[0] = v;
                rg_incref(r);
                vec_items(v)[1] = r;
                rg_decref(v);
            }
        }
        rg_decref(r);
        rg_collect(c->heap, round % 3);
        check_heap(c, "after a collection");
        drop_saved();
    }
    for (size_t i = 0; i < nrefs; i++) rg_decref(RG_OBJ(refs[i]));
    collect_all(c);
    close_heap(c);
}

/* ====================================================================== */
/* Scenario: trim                                                          */
/* ====================================================================== */

static void scenario_trim(ctx *c)
{
    if (!open_heap(c, 4, 32 * 1024, 0)) return;
    enum { N = 800 };
    static uint8_t *blocks[N];
    for (int i = 0; i < N; i++) {
        errno = 0;
        blocks[i] = rg_malloc(c->heap, 320 + (size_t)(i % 3) * 64);
        if (got(c, blocks[i], "rg_malloc (fill)")) fill(blocks[i], 256, (uint32_t)i);
    }
    for (int i = 0; i < N; i++) {
        if ((i / 64) % 3 != 0 && blocks[i] != NULL) {
            rg_free(blocks[i]);
            blocks[i] = NULL;
        }
    }
    rg_trim(c->heap);
    check_heap(c, "after trim");
    for (int i = 0; i < N; i += 2) {
        if (blocks[i] != NULL) continue;
        errno = 0;
        blocks[i] = rg_malloc(c->heap, 256);
        if (got(c, blocks[i], "rg_malloc (refill)")) fill(blocks[i], 256, (uint32_t)i);
    }
    errno = 0;
    uint8_t *mapped = rg_malloc(c->heap, 40000);
    if (got(c, mapped, "rg_malloc (mapped)")) {
        fill(mapped, 40000, 7);
        errno = 0;
        uint8_t *grown = rg_realloc(c->heap, mapped, 90000);
        if (got(c, grown, "rg_realloc (remap)")) mapped = grown;
        verify(c, mapped, 40000, 7, "after remap");
        rg_free(mapped);
    }
    for (int i = 0; i < N; i++) {
        if (blocks[i] == NULL) continue;
        verify(c, blocks[i], 256, (uint32_t)i, "at the teardown");
        rg_free(blocks[i]);
        blocks[i] = NULL;
    }
    rg_trim(c->heap);
    close_heap(c);
}

/* ====================================================================== */
/* Scenario: free lists                                                    */
/* ====================================================================== */

static void scenario_freelists(ctx *c)
{
    if (!open_heap(c, 1, RG_DEFAULT_MMAP_THRESHOLD, 0)) return;
    rg_object *live[24] = {NULL};
    for (int wave = 0; wave < 5; wave++) {
        for (int i = 0; i < 24; i++) {
            const rg_type *t = i % 2 ? &fl_node_type : &vec_type;
            live[i] = make(c, t, (size_t)(1 + i % 5), "rg_new (free-list type)");
        }
        for (int i = 0; i < 24; i += 1 + wave % 2) RG_CLEAR(live[i]);
        if (wave == 3) rg_collect(c->heap, 2); /* empties the free lists */
        for (int i = 0; i < 24; i++) RG_CLEAR(live[i]);
    }
    collect_all(c);
    close_heap(c);
}

/* ====================================================================== */
/* Driver                                                                  */
/* ====================================================================== */

typedef struct scenario {
    const char *name;
    void (*run)(ctx *c);
} scenario;

static const scenario scenarios[] = {
    {"alloc", scenario_alloc},         {"objects", scenario_objects}, {"cycles", scenario_cycles},
    {"trim", scenario_trim},           {"freelists", scenario_freelists},
};

/* One run with site n failing (0: none); 1 if the failure fired. */
static int run_once(const scenario *s, unsigned long n, unsigned long *sites)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.scenario = s->name;
    c.n = n;
    c.rng = 0x9E3779B97F4A7C15ull;
    current = &c;
    nsaved = 0;
    long os_before = rg_os_live_blocks();
    rg_fault_arm(n);
    s->run(&c);
    if (rg_os_live_blocks() != os_before)
        violation(&c, "%ld blocks of the C library (through src/os) leaked", rg_os_live_blocks() - os_before);
    int fired = rg_fault_fired() != RG_FAULT_NONE;
    *sites = rg_fault_count();
    rg_fault_arm(0);
    if (n != 0 && fired && verbose) fprintf(stderr, "ok %s N=%lu\n", s->name, n);
    total_bad += c.bad;
    return fired;
}

/* Sweep N = 1, 2, ... until the scenario completes untouched. */
static void sweep(const scenario *s)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long before = total_bad, sites = 0, reference = 0, n = 0;
    /* Twice: the first run may make process-wide state once (a leaf of
     * the arena map for a fresh address region), the second counts. */
    run_once(s, 0, &reference);
    run_once(s, 0, &reference);
    while (run_once(s, ++n, &sites)) {
    }
    if (n != reference + 1) {
        fprintf(stderr, "FAIL %s: the run without failure passed %lu sites, the sweep ended at N=%lu\n",
                s->name, reference, n);
        total_bad++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%-10s N=1..%lu (every site failed once), %lu violations, %.2f s\n", s->name, n - 1,
           total_bad - before,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (rg_fault_arm(0) != 0) {
        fprintf(stderr, "fault_engine: the library was built without REFGC_FAULT_INJECTION\n");
        return 2;
    }
    int any = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0) verbose = 1;
        else any = 1;
    }
    for (size_t k = 0; k < sizeof scenarios / sizeof scenarios[0]; k++) {
        int wanted = !any;
        for (int i = 1; i < argc; i++)
            if (strcmp(argv[i], scenarios[k].name) == 0) wanted = 1;
        if (wanted) sweep(&scenarios[k]);
    }
    printf("fault_engine: %lu violations\n", total_bad);
    return total_bad != 0;
}
