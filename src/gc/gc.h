/*
 * gc.h -- the cycle collector's internals, shared by src/gc/.
 *
 * The collector is CPython 3.11's (Modules/gcmodule.c), step for step: the
 * gen-0 count is tied to GC allocations (new.c), a collection runs inside
 * the allocation that crosses the threshold (collect_generations picks the
 * oldest generation over its threshold, generation 2 only when
 * long_lived_pending >= long_lived_total / 4), and gc_collect_main
 * (collect.c) runs CPython's phases in CPython's order.  gcapi.c is the gc
 * module's surface; check.c the collector's invariants for rg_heap_check.
 */
#ifndef RG_GC_H
#define RG_GC_H

#include <stdio.h>

#include "../object/object.h"

typedef struct rg_gc_callback_entry {
    rg_gc_callback fn;
    void *data;
} rg_gc_callback_entry;

typedef struct rg_gc_state {
    int enabled;
    int collecting;
    size_t long_lived_total;   /* survivors of the last full collection */
    size_t long_lived_pending; /* promoted into gen 2 since then */
    unsigned debug;
    FILE *out;                 /* debug messages; NULL: stderr */
    rg_gc_stats stats[RG_GC_GENERATIONS];
    rg_gc_callback_entry *callbacks;
    size_t ncallbacks, callbacks_cap;
    rg_object **garbage;       /* gc.garbage: strong references */
    size_t ngarbage, garbage_cap;
} rg_gc_state;

/* The heap's object state with its collector state, created on first
 * use; NULL (errno ENOMEM) if that fails. */
rg_objects *rg_gc_objects(rg_heap *heap);

/* A collection of generation (0..2) with callbacks; the caller has set
 * gc->collecting.  Returns CPython's n + m. */
size_t rg_gc_collect_with_callbacks(rg_objects *os, int generation);

/* Append o to gc.garbage (a new reference); 0, or -1 if out of memory. */
int rg_gc_garbage_append(rg_gc_state *gc, rg_object *o);

/* Where debug messages go. */
static inline FILE *rg_gc_out(const rg_gc_state *gc) { return gc->out ? gc->out : stderr; }

/* The collector's invariants (rg_heap_check's objects_check hook). */
size_t rg_gc_check(rg_heap *heap, FILE *report);

#endif /* RG_GC_H */
