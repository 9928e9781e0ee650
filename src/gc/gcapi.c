/*
 * gcapi.c -- the gc module's surface for a heap: collect, enable/disable,
 * counts and thresholds, debug flags, stats, callbacks, gc.garbage,
 * freeze/unfreeze, get_objects, get_referrers, get_referents.
 *
 * Owns nothing of the algorithm (collect.c) or of tracking (src/object/);
 * every function here is CPython 3.11's gcmodule.c behaviour at the C
 * level: Python's errors become -1 with errno EINVAL, lists become arrays.
 */
#include <errno.h>

#include "gc.h"
#include "../os/os.h"

/* The collector state, or NULL (errno set) when it cannot be made. */
static rg_objects *state(rg_heap *heap) { return rg_gc_objects(heap); }

/* ====================================================================== */
/* Collecting                                                              */
/* ====================================================================== */

intptr_t rg_collect(rg_heap *heap, int generation)
{
    if (generation < 0 || generation >= RG_GC_GENERATIONS) {
        errno = EINVAL;
        return -1;
    }
    rg_objects *os = state(heap);
    if (os == NULL) return -1;
    if (os->gc->collecting) return 0; /* from a callback or a finalizer */
    os->gc->collecting = 1;
    size_t n = rg_gc_collect_with_callbacks(os, generation);
    os->gc->collecting = 0;
    return (intptr_t)n;
}

void rg_gc_enable(rg_heap *heap)
{
    rg_objects *os = state(heap);
    if (os) os->gc->enabled = 1;
}

void rg_gc_disable(rg_heap *heap)
{
    rg_objects *os = state(heap);
    if (os) os->gc->enabled = 0;
}

int rg_gc_isenabled(rg_heap *heap)
{
    rg_objects *os = state(heap);
    return os ? os->gc->enabled : 0;
}

void rg_gc_get_count(rg_heap *heap, long count[RG_GC_GENERATIONS])
{
    rg_objects *os = state(heap);
    for (int i = 0; i < RG_GC_GENERATIONS; i++) count[i] = os ? os->generations[i].count : 0;
}

void rg_gc_set_count(rg_heap *heap, const long count[RG_GC_GENERATIONS])
{
    rg_objects *os = state(heap);
    if (os == NULL) return;
    for (int i = 0; i < RG_GC_GENERATIONS; i++) os->generations[i].count = count[i] > 0 ? count[i] : 0;
}

void rg_gc_get_threshold(rg_heap *heap, long threshold[RG_GC_GENERATIONS])
{
    static const long defaults[RG_GC_GENERATIONS] = {700, 10, 10};
    rg_objects *os = state(heap);
    for (int i = 0; i < RG_GC_GENERATIONS; i++)
        threshold[i] = os ? os->generations[i].threshold : defaults[i];
}

void rg_gc_set_threshold(rg_heap *heap, long t0, long t1, long t2)
{
    rg_objects *os = state(heap);
    if (os == NULL) return;
    os->generations[0].threshold = t0;
    os->generations[1].threshold = t1;
    os->generations[2].threshold = t2;
}

void rg_gc_set_debug(rg_heap *heap, unsigned flags, FILE *out)
{
    rg_objects *os = state(heap);
    if (os == NULL) return;
    os->gc->debug = flags;
    os->gc->out = out;
}

unsigned rg_gc_get_debug(rg_heap *heap)
{
    rg_objects *os = state(heap);
    return os ? os->gc->debug : 0;
}

void rg_gc_get_stats(rg_heap *heap, rg_gc_stats stats[RG_GC_GENERATIONS])
{
    rg_objects *os = state(heap);
    for (int i = 0; i < RG_GC_GENERATIONS; i++)
        stats[i] = os ? os->gc->stats[i] : (rg_gc_stats){0, 0, 0};
}

/* ====================================================================== */
/* Callbacks and gc.garbage                                                */
/* ====================================================================== */

int rg_gc_add_callback(rg_heap *heap, rg_gc_callback callback, void *data)
{
    rg_objects *os = state(heap);
    if (os == NULL) return -1;
    rg_gc_state *gc = os->gc;
    if (gc->ncallbacks == gc->callbacks_cap) {
        size_t cap = gc->callbacks_cap ? gc->callbacks_cap * 2 : 4;
        rg_gc_callback_entry *grown = rg_os_realloc(gc->callbacks, cap * sizeof *grown);
        if (grown == NULL) {
            errno = ENOMEM;
            return -1;
        }
        gc->callbacks = grown;
        gc->callbacks_cap = cap;
    }
    gc->callbacks[gc->ncallbacks++] = (rg_gc_callback_entry){callback, data};
    return 0;
}

int rg_gc_remove_callback(rg_heap *heap, rg_gc_callback callback, void *data)
{
    rg_objects *os = state(heap);
    if (os == NULL) return -1;
    rg_gc_state *gc = os->gc;
    for (size_t i = 0; i < gc->ncallbacks; i++) {
        if (gc->callbacks[i].fn == callback && gc->callbacks[i].data == data) {
            memmove(&gc->callbacks[i], &gc->callbacks[i + 1],
                    (gc->ncallbacks - i - 1) * sizeof gc->callbacks[0]);
            gc->ncallbacks--;
            return 0;
        }
    }
    errno = EINVAL;
    return -1;
}

int rg_gc_garbage_append(rg_gc_state *gc, rg_object *o)
{
    if (gc->ngarbage == gc->garbage_cap) {
        size_t cap = gc->garbage_cap ? gc->garbage_cap * 2 : 16;
        rg_object **grown = rg_os_realloc(gc->garbage, cap * sizeof *grown);
        if (grown == NULL) return -1;
        gc->garbage = grown;
        gc->garbage_cap = cap;
    }
    rg_incref(o);
    gc->garbage[gc->ngarbage++] = o;
    return 0;
}

size_t rg_gc_garbage(rg_heap *heap, rg_object *const **items)
{
    rg_objects *os = state(heap);
    if (items) *items = os ? os->gc->garbage : NULL;
    return os ? os->gc->ngarbage : 0;
}

void rg_gc_clear_garbage(rg_heap *heap)
{
    rg_objects *os = state(heap);
    if (os == NULL) return;
    rg_gc_state *gc = os->gc;
    /* Take the list first: dropping a reference can run finalizers that
     * start a collection, which may append to gc.garbage again. */
    rg_object **items = gc->garbage;
    size_t n = gc->ngarbage;
    gc->garbage = NULL;
    gc->ngarbage = gc->garbage_cap = 0;
    for (size_t i = 0; i < n; i++) rg_decref(items[i]);
    rg_os_free(items);
}

/* ====================================================================== */
/* Freezing                                                                */
/* ====================================================================== */

void rg_gc_freeze(rg_heap *heap)
{
    rg_objects *os = state(heap);
    if (os == NULL) return;
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        rg_gc_list_merge(&os->generations[i].head, &os->permanent);
        os->generations[i].count = 0;
    }
}

void rg_gc_unfreeze(rg_heap *heap)
{
    rg_objects *os = state(heap);
    if (os) rg_gc_list_merge(&os->permanent, &os->generations[RG_GC_GENERATIONS - 1].head);
}

size_t rg_gc_get_freeze_count(rg_heap *heap)
{
    rg_objects *os = state(heap);
    return os ? rg_gc_list_size(&os->permanent) : 0;
}

/* ====================================================================== */
/* Introspection                                                           */
/* ====================================================================== */

/* Append the objects of list to out[*n..cap), counting all. */
static void append_list(const rg_gc_head *list, rg_object **out, size_t cap, size_t *n)
{
    for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g)) {
        if (*n < cap) out[*n] = rg_from_gc(g);
        (*n)++;
    }
}

intptr_t rg_gc_get_objects(rg_heap *heap, int generation, rg_object **out, size_t cap)
{
    if (generation < -1 || generation >= RG_GC_GENERATIONS) {
        errno = EINVAL;
        return -1;
    }
    rg_objects *os = state(heap);
    if (os == NULL) return -1;
    size_t n = 0;
    for (int i = 0; i < RG_GC_GENERATIONS; i++)
        if (generation == -1 || generation == i) append_list(&os->generations[i].head, out, cap, &n);
    return (intptr_t)n;
}

typedef struct target_set {
    rg_object *const *objs;
    size_t n;
} target_set;

/* Stop the traverse at the first reference to one of the targets. */
static int visit_referrer(rg_object *o, void *arg)
{
    const target_set *set = arg;
    for (size_t i = 0; i < set->n; i++)
        if (set->objs[i] == o) return 1;
    return 0;
}

size_t rg_gc_get_referrers(rg_heap *heap, rg_object *const *objs, size_t nobjs, rg_object **out,
                           size_t cap)
{
    rg_objects *os = state(heap);
    if (os == NULL) return 0;
    target_set set = {objs, nobjs};
    size_t n = 0;
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        const rg_gc_head *list = &os->generations[i].head;
        for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g)) {
            rg_object *o = rg_from_gc(g);
            if (o->type->traverse && o->type->traverse(o, visit_referrer, &set)) {
                if (n < cap) out[n] = o;
                n++;
            }
        }
    }
    return n;
}

typedef struct referent_sink {
    rg_object **out;
    size_t cap, n;
} referent_sink;

/* Collect every object the traverse visits. */
static int visit_referent(rg_object *o, void *arg)
{
    referent_sink *sink = arg;
    if (sink->n < sink->cap) sink->out[sink->n] = o;
    sink->n++;
    return 0;
}

size_t rg_gc_get_referents(rg_object *const *objs, size_t nobjs, rg_object **out, size_t cap)
{
    referent_sink sink = {out, cap, 0};
    for (size_t i = 0; i < nobjs; i++) {
        rg_object *o = objs[i];
        if (!rg_is_gc(o) || o->type->traverse == NULL) continue;
        o->type->traverse(o, visit_referent, &sink);
    }
    return sink.n;
}
