/*
 * events.h -- the events layer's internals: a heap's sink, its registry of
 * objects and large blocks, and the hooks the allocator, the object layer
 * and the collector call (only ever behind `if (RG_UNLIKELY(x->events))`).
 *
 * While a sink is installed (heap->events != NULL):
 *  - heap->fast_limit is 0, so every allocation takes alloc_slow, and the
 *    heap's arena map entries carry RG_MAP_DEBUG (rg_heap_map_tag), so every
 *    free takes free_slow: the inline paths of alloc.h are unchanged and
 *    the hooks sit on the slow paths only;
 *  - the registry (a libc-backed open-addressed table keyed by block
 *    address) holds every object made since (until its memory is freed or
 *    goes to a free list) and every large block with its allocation serial
 *    (what rg_stable_address numbers large blocks by; the blocks older than
 *    the sink are entered when it is installed);
 *  - the heap is on a process-wide list of watched heaps, through which
 *    rg_stable_address recognises a large block without reading the memory
 *    around a pointer (which may be a front end's static object).
 *
 * A hook that cannot reach its heap cheaply (rg_untrack, finalizers, weak
 * reference callbacks) tests rg_events_active first.
 *
 * Invariants: nothing here allocates in the observed heap; every array an
 * event points to is libc memory owned by rg_events.
 */
#ifndef RG_EVENTS_H
#define RG_EVENTS_H

#include "../object/object.h"

/* One registry slot: block 0 = empty, RG_REG_TOMB = deleted. */
typedef struct rg_reg_entry {
    uintptr_t block;          /* the block's address (what rg_free gets)    */
    const rg_object *object;  /* the object in it, or NULL                  */
    uint64_t serial;          /* large blocks: allocation order, from 1     */
} rg_reg_entry;

#define RG_REG_TOMB ((uintptr_t)1)

typedef struct rg_events {
    rg_heap *heap;
    struct rg_events *next_watched; /* the heaps with a sink (events.c) */
    rg_event_sink sink;
    void *data;
    unsigned mask;
    uint64_t seq;
    /* the registry */
    rg_reg_entry *table;
    size_t slots, used, tombs;
    uint64_t large_serial;
    /* the collection under way */
    const rg_type *auto_type; /* set by an automatic collection's trigger */
    int auto_pending;
    int generation;           /* of the running collection, else -1      */
    /* scratch for GC_PHASE arrays */
    const rg_object **objs;
    intptr_t *vals;
    size_t n, cap;
    int overflow;             /* an append failed: the phase is cut short */
} rg_events;

/* ====================================================================== */
/* Registry (events.c)                                                     */
/* ====================================================================== */

rg_reg_entry *rg_reg_find(rg_events *ev, uintptr_t block);
/* Insert or update; NULL if the table could not grow. */
rg_reg_entry *rg_reg_put(rg_events *ev, uintptr_t block);
void rg_reg_remove(rg_events *ev, uintptr_t block);

/* ====================================================================== */
/* Hooks (events.c)                                                        */
/* ====================================================================== */

/* alloc_slow gave p (nbytes requested) / free_slow is about to free p. */
void rg_ev_block_alloc(rg_heap *heap, void *p);
void rg_ev_block_free(rg_heap *heap, void *p);
/* realloc of p to nbytes while a sink is installed (any block kind). */
void *rg_ev_realloc(rg_heap *heap, char api, void *p, size_t nbytes);
void rg_ev_arena(rg_heap *heap, const rg_arena *arena, const char *state);
void rg_ev_trim(rg_heap *heap, size_t bytes);

void rg_ev_obj_new(rg_heap *heap, const rg_object *o, int reused);
void rg_ev_obj_free(rg_objects *os, const rg_object *o, int freelist);
void rg_ev_dealloc(rg_objects *os, const rg_object *o);
void rg_ev_track(rg_objects *os, const rg_object *o, int generation);
/* Untracking of a live object (rg_untrack): its generation is looked up. */
void rg_ev_untrack(rg_objects *os, const rg_object *o);
/* o's finalizer brought it back after its DEALLOC: TRACK, state
 * "resurrected", with its generation (-1 when untracked). */
void rg_ev_resurrected(rg_objects *os, const rg_object *o);
void rg_ev_finalize(rg_events *ev, const rg_object *o);
void rg_ev_callback(rg_events *ev, const rg_object *wr);

void rg_ev_gc_start(rg_objects *os, int generation);
void rg_ev_gc_end(rg_objects *os, int generation, size_t collected, size_t uncollectable);
/* A phase: begin (empty the scratch), add objects, emit. */
void rg_ev_phase_begin(rg_events *ev);
void rg_ev_phase_add(rg_events *ev, const rg_object *o, intptr_t value);
void rg_ev_phase_emit(rg_events *ev, const char *phase);
/* Add every object of a GC list (UNREACHABLE marks ignored), each with
 * value. */
void rg_ev_phase_add_list(rg_events *ev, const rg_gc_head *list, intptr_t value);

/* The generation (0..2, 3 permanent) of a tracked object, -1 if none. */
int rg_ev_generation_of(rg_objects *os, const rg_object *o);

/* How many heaps have a sink installed (process-wide): the hooks that
 * cannot reach their heap cheaply (rg_untrack, finalizers, weakref
 * callbacks) test this first. */
extern _Atomic int rg_events_active;
static inline int rg_events_maybe(void)
{
    return atomic_load_explicit(&rg_events_active, memory_order_relaxed) != 0;
}
/* The object state of o's heap when that heap has a sink, else NULL
 * (also for an object in no heap: a front end's static object). */
rg_objects *rg_ev_objects_of(const rg_object *o);

/* Stable addresses: small blocks at SMALL_BASE + arena index * 1 MiB +
 * offset in the arena; large ones at LARGE_BASE + serial * 4096. */
#define RG_STABLE_SMALL_BASE UINT64_C(0x7f0000000000)
#define RG_STABLE_LARGE_BASE UINT64_C(0x550000000000)
#define RG_STABLE_LARGE_STRIDE 4096u

/* rg_block_info_of with the two addresses made stable; -1 when p is no
 * block of a heap (a static object). */
int rg_ev_block_info(const void *p, rg_block_info *info);
#endif /* RG_EVENTS_H */
