/*
 * object.c -- objects' memory and tracking: allocation, free lists, the
 * generation lists' membership, and the per-heap object state.
 *
 * Owns: rg_object_alloc (a free-list object or a fresh block, header set),
 * rg_object_free (back to the free list, or to the heap with CPython's
 * PyObject_GC_Del accounting: untrack, generation-0 count - 1 if positive),
 * rg_track/rg_untrack, and the free-list table.
 *
 * CPython's free lists are per type (and per size for tuples) and bypass
 * the collector's counting both ways: taking an object does not count as a
 * GC allocation, caching one does not count as a deallocation.  A full
 * collection empties them (rg_freelists_clear).
 *
 * While an event sink is installed, frees announce themselves (OBJ_FREE)
 * and so does explicit tracking (TRACK/UNTRACK): src/events/.
 *
 * Under valgrind (src/os/valgrind.h) a parked object's whole block is
 * NOACCESS -- link word included -- so a use after free of an object on a
 * free list is a memcheck error although its block is still allocated:
 * the link is written before the block is closed and read through
 * rg_vg_link_get, a reused block is UNDEFINED again before it is zeroed,
 * and one going back to the heap DEFINED (as it was when parked) before it
 * is released (vg_parked).
 *
 * Must not: run collections (src/gc/ decides that) or call finalizers.
 */
#include <errno.h>
#include <string.h>

#include "object.h"
#include "../events/events.h"
#include "../os/os.h"
#include "../os/valgrind.h"

/* ====================================================================== */
/* Per-heap state                                                          */
/* ====================================================================== */

void rg_objects_destroy(rg_heap *heap)
{
    rg_objects *os = heap->objects;
    if (os == NULL) return;
    heap->objects = NULL;
    rg_os_free(os->freelists);
    rg_os_free(os);
}

rg_objects *rg_objects_get(rg_heap *heap)
{
    rg_objects *os = heap->objects;
    if (RG_LIKELY(os != NULL)) return os;
    os = rg_os_calloc(1, sizeof *os);
    if (os == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    os->heap = heap;
    static const long default_thresholds[RG_GC_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        rg_gc_list_init(&os->generations[i].head);
        os->generations[i].threshold = default_thresholds[i];
    }
    rg_gc_list_init(&os->permanent);
    os->events = heap->events;
    heap->objects = os;
    heap->objects_destroy = rg_objects_destroy;
    return os;
}

rg_objects *rg_objects_of_slow(const rg_object *o)
{
    rg_heap *heap = rg_heap_of(rg_object_block(o));
    return heap->objects;
}

rg_heap *rg_object_heap(const rg_object *o) { return rg_heap_of(rg_object_block(o)); }

size_t rg_object_block_size(const rg_type *t, size_t nitems)
{
    size_t size = t->preheader_size + (rg_type_is_gc(t) ? sizeof(rg_gc_head) : 0);
    size_t items;
    if (__builtin_mul_overflow(nitems, t->item_size, &items) ||
        __builtin_add_overflow(size, t->size, &size) || __builtin_add_overflow(size, items, &size))
        return SIZE_MAX;
    /* Round to pointer alignment, as CPython's _PyObject_VAR_SIZE does. */
    return (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

/* ====================================================================== */
/* Free lists                                                              */
/* ====================================================================== */

/* memcheck: a parked object o of type t (nitems items) is a NOACCESS
 * block; how = 0 NOACCESS, 1 UNDEFINED (reused), 2 DEFINED (released). */
static void vg_parked(const rg_type *t, size_t nitems, rg_object *o, int how)
{
    if (!RG_VG_ACTIVE) return;
    void *block = rg_object_block_of_type(o, t);
    size_t n = rg_object_block_size(t, t->item_size ? nitems : 0);
    if (how == 0) RG_VG_NOACCESS(block, n);
    else if (how == 1) RG_VG_UNDEFINED(block, n);
    else RG_VG_DEFINED(block, n);
}

/* Does t keep dead objects of nitems items? */
static int keeps_freelist(const rg_type *t, size_t nitems)
{
    if (t->freelist_capacity == 0) return 0;
    if (t->item_size == 0) return 1;
    return nitems >= 1 && nitems <= t->freelist_max_items;
}

/* Slot of (t, nitems) in the table, or the empty slot where it would go. */
static rg_freelist *freelist_slot(rg_objects *os, const rg_type *t, size_t nitems)
{
    size_t mask = os->freelist_slots - 1;
    size_t h = (((uintptr_t)t >> 4) * UINT64_C(0x9e3779b97f4a7c15) + nitems) & mask;
    for (;; h = (h + 1) & mask) {
        rg_freelist *fl = &os->freelists[h];
        if (fl->type == NULL || (fl->type == t && fl->nitems == nitems)) return fl;
    }
}

/* The free list of (t, nitems), created if create; NULL if absent or if
 * the table could not grow. */
static rg_freelist *freelist_find(rg_objects *os, const rg_type *t, size_t nitems, int create)
{
    if (os->freelist_slots == 0) {
        if (!create) return NULL;
    } else {
        rg_freelist *fl = freelist_slot(os, t, nitems);
        if (fl->type != NULL || !create) return fl->type != NULL ? fl : NULL;
        if ((os->freelist_used + 1) * 2 <= os->freelist_slots) {
            fl->type = t;
            fl->nitems = nitems;
            fl->order = (unsigned)os->freelist_used++;
            return fl;
        }
    }
    /* Grow (or make) the table and rehash. */
    size_t slots = os->freelist_slots ? os->freelist_slots * 2 : 16;
    rg_freelist *table = rg_os_calloc(slots, sizeof *table);
    if (table == NULL) return NULL;
    rg_freelist *old = os->freelists;
    size_t nold = os->freelist_slots;
    os->freelists = table;
    os->freelist_slots = slots;
    for (size_t i = 0; i < nold; i++)
        if (old[i].type != NULL) *freelist_slot(os, old[i].type, old[i].nitems) = old[i];
    rg_os_free(old);
    rg_freelist *fl = freelist_slot(os, t, nitems);
    fl->type = t;
    fl->nitems = nitems;
    fl->order = (unsigned)os->freelist_used++;
    return fl;
}

/* Really free the block of dead object o: CPython's PyObject_GC_Del.  A
 * small block of a normal heap goes straight back to its pool.  While a
 * sink is installed no block takes that way (its map entries are tagged),
 * so the OBJ_FREE event (when announce) costs nothing without one. */
static void release_block(rg_objects *os, rg_object *o, int announce)
{
    if (rg_is_gc(o)) {
        rg_gc_head *g = rg_as_gc(o);
        if (rg_gc_is_tracked(g)) rg_gc_list_remove(g);
        if (os->generations[0].count > 0) os->generations[0].count--;
    }
    void *block = rg_object_block(o);
    uintptr_t entry = rg_map_lookup((uintptr_t)block);
    if (RG_LIKELY((intptr_t)entry > 0)) {
        rg_small_free(RG_MAP_ARENA(entry), block);
        return;
    }
    if (announce && RG_UNLIKELY(os->events != NULL)) rg_ev_obj_free(os, o, 0);
    rg_obj_free(block);
}

/* The free list made order-th, or NULL. */
static rg_freelist *freelist_by_order(rg_objects *os, size_t order)
{
    for (size_t i = 0; i < os->freelist_slots; i++)
        if (os->freelists[i].type != NULL && os->freelists[i].order == order) return &os->freelists[i];
    return NULL;
}

/* Empty every free list, in the order the lists were made (not the
 * table's, which hashes type addresses: the blocks go back in the same
 * order in every build and run, and so do the events saying so). */
void rg_freelists_clear(rg_objects *os)
{
    for (size_t k = 0; k < os->freelist_used; k++) {
        rg_freelist *fl = freelist_by_order(os, k);
        if (fl == NULL) continue;
        while (fl->first != NULL) {
            rg_object *o = fl->first;
            vg_parked(fl->type, fl->nitems, o, 2);
            fl->first = (rg_object *)o->refcnt;
            fl->count--;
            o->refcnt = 0;
            release_block(os, o, 0); /* announced when it joined the list */
        }
    }
}

/* ====================================================================== */
/* Allocation and release                                                  */
/* ====================================================================== */

/* Zero n bytes (a multiple of 8) at p: objects are small, and a loop of
 * word stores beats a call to memset for them. */
static inline void zero_words(void *p, size_t n)
{
    uint64_t *w = p;
    if (n > 256) {
        memset(p, 0, n);
        return;
    }
    for (size_t i = 0; i < n / 8; i++) w[i] = 0;
}

rg_object *rg_object_alloc(rg_objects *os, const rg_type *t, size_t nitems, int *reused)
{
    size_t head = t->preheader_size + (rg_type_is_gc(t) ? sizeof(rg_gc_head) : 0);
    size_t block;
    if (RG_LIKELY(t->item_size == 0)) {
        block = (head + t->size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    } else {
        block = rg_object_block_size(t, nitems);
        if (block == SIZE_MAX) {
            errno = ENOMEM;
            return NULL;
        }
    }
    char *mem = NULL;
    *reused = 0;
    if (t->freelist_capacity && keeps_freelist(t, nitems)) {
        rg_freelist *fl = freelist_find(os, t, nitems, 0);
        if (fl != NULL && fl->first != NULL) {
            rg_object *o = fl->first;
            fl->first = rg_vg_link_get(&o->refcnt);
            fl->count--;
            vg_parked(t, nitems, o, 1); /* zeroed below */
            *reused = 1;
            mem = (char *)o - head;
        }
    }
    if (mem == NULL) {
        rg_heap *heap = os->heap;
        mem = (block - 1 < heap->fast_limit) ? rg_small_alloc(heap, block)
                                             : rg_obj_malloc(heap, block);
        if (mem == NULL) return NULL;
    }
    /* Zero the preheader, header and body, as PyType_GenericAlloc does. */
    zero_words(mem, block);
    rg_object *o = (rg_object *)(mem + head);
    o->refcnt = 1;
    o->type = t;
    if (t->item_size) ((rg_varobject *)o)->size = (intptr_t)nitems;
    return o;
}

void rg_object_free(rg_object *o) { rg_object_free_in(rg_objects_of(o), o); }

/* The free list of o's type (and item count) if it has room for o. */
static rg_freelist *freelist_with_room(rg_objects *os, const rg_object *o)
{
    const rg_type *t = o->type;
    size_t nitems = t->item_size ? (size_t)((const rg_varobject *)o)->size : 0;
    if (!keeps_freelist(t, nitems)) return NULL;
    rg_freelist *fl = freelist_find(os, t, nitems, 1);
    return fl != NULL && fl->count < t->freelist_capacity ? fl : NULL;
}

void rg_object_free_in(rg_objects *os, rg_object *o)
{
    const rg_type *t = o->type;
    if (RG_LIKELY(t->freelist_capacity == 0)) {
        release_block(os, o, 1);
        return;
    }
    if (rg_is_gc(o)) {
        rg_gc_head *g = rg_as_gc(o);
        if (rg_gc_is_tracked(g)) rg_gc_list_remove(g);
    }
    rg_freelist *fl = freelist_with_room(os, o);
    if (fl == NULL) {
        release_block(os, o, 1);
        return;
    }
    if (RG_UNLIKELY(os->events != NULL)) rg_ev_obj_free(os, o, 1);
    /* Cached dead, uncounted: linked through the refcnt word. */
    o->refcnt = (intptr_t)fl->first;
    fl->first = o;
    fl->count++;
    vg_parked(t, fl->nitems, o, 0);
}

/* ====================================================================== */
/* Tracking                                                                */
/* ====================================================================== */

void rg_track(rg_object *o)
{
    if (!rg_is_gc(o) || rg_gc_is_tracked(rg_as_gc(o))) return;
    rg_objects *os = rg_objects_of(o);
    rg_object_track(os, o);
    /* A dying object tracked for its finalizer (subtype_dealloc) is not
     * announced: its dealloc event said it is going. */
    if (RG_UNLIKELY(os->events != NULL) && o->refcnt > 0) rg_ev_track(os, o, 0);
}

/* rg_untrack of a live object while some heap has a sink. */
static __attribute__((noinline)) void untrack_announced(rg_object *o)
{
    rg_objects *os = rg_ev_objects_of(o);
    if (os != NULL && o->refcnt > 0) rg_ev_untrack(os, o);
}

void rg_untrack(rg_object *o)
{
    if (!rg_is_gc(o)) return;
    rg_gc_head *g = rg_as_gc(o);
    if (rg_gc_is_tracked(g)) {
        if (RG_UNLIKELY(rg_events_maybe())) untrack_announced(o);
        rg_gc_list_remove(g);
    }
}

int rg_is_tracked(const rg_object *o) { return rg_is_gc(o) && rg_gc_is_tracked(rg_as_gc(o)); }

int rg_is_finalized(const rg_object *o) { return rg_is_gc(o) && rg_gc_finalized(rg_as_gc(o)); }

int rg_may_be_tracked(const rg_object *o)
{
    if (!rg_is_gc(o)) return 0;
    if (o->type->flags & RG_TYPE_ATOMIC_WHEN_UNTRACKED) return rg_gc_is_tracked(rg_as_gc(o));
    return 1;
}

size_t rg_freelist_count(rg_heap *heap, const rg_type *type, size_t nitems)
{
    rg_objects *os = rg_objects_of_heap(heap);
    if (os == NULL) return 0;
    rg_freelist *fl = freelist_find(os, type, type->item_size ? nitems : 0, 0);
    return fl != NULL ? fl->count : 0;
}
