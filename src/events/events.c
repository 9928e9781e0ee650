/*
 * events.c -- a heap's event sink: installing it, delivering events, the
 * registry of objects and large blocks, stable addresses, and the hooks
 * the allocator, the object layer and the collector call.
 *
 * Owns: rg_events_set_sink, rg_events_enabled, rg_event_emit,
 * rg_event_kind_name, rg_stable_address and every rg_ev_* hook.
 *
 * Zero cost without a sink: the inline allocation and free paths are never
 * touched (a sink switches them off: fast_limit 0, tagged map entries, see
 * events.h); every other hook is one predictable branch at its call site.
 *
 * Invariants: nothing here allocates in an observed heap (libc only);
 * every registry entry is a live block of its heap (frees remove them);
 * events are delivered in the order things happen, seq counting the ones
 * delivered since the sink was set.
 */
#include <errno.h>
#include <stdlib.h>

#include "events.h"
#include "../os/os.h"

_Atomic int rg_events_active;

static void watch(rg_events *ev, int add);
static void register_large_blocks(rg_events *ev);

/* ====================================================================== */
/* Kinds                                                                   */
/* ====================================================================== */

static const char *const kind_names[] = {
    [RG_EV_BLOCK_ALLOC] = "block_alloc", [RG_EV_BLOCK_FREE] = "block_free",
    [RG_EV_ARENA] = "arena",             [RG_EV_POOL] = "pool",
    [RG_EV_TRIM] = "trim",               [RG_EV_OBJ_NEW] = "obj_new",
    [RG_EV_OBJ_FREE] = "obj_free",       [RG_EV_DEALLOC] = "dealloc",
    [RG_EV_TRACK] = "track",             [RG_EV_UNTRACK] = "untrack",
    [RG_EV_GC_START] = "gc_start",       [RG_EV_GC_PHASE] = "gc_phase",
    [RG_EV_GC_FINALIZE] = "gc_finalize", [RG_EV_GC_CALLBACK] = "gc_callback",
    [RG_EV_GC_END] = "gc_end",           [RG_EV_REF] = "ref",
    [RG_EV_USER] = "user",
};

/* The "ev" name of a kind. */
const char *rg_event_kind_name(rg_event_kind kind)
{
    if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0] || kind_names[kind] == NULL)
        return "unknown";
    return kind_names[kind];
}

/* The family (RG_EVENTS_*) of a kind. */
static unsigned family_of(rg_event_kind kind)
{
    if (kind <= RG_EV_TRIM) return RG_EVENTS_BLOCKS;
    if (kind <= RG_EV_UNTRACK) return RG_EVENTS_OBJECTS;
    if (kind <= RG_EV_GC_END) return RG_EVENTS_GC;
    return RG_EVENTS_FRONT;
}

/* ====================================================================== */
/* Delivery                                                                */
/* ====================================================================== */

/* A blank event of kind: everything zero, generation -1. */
static void event_init(rg_event *e, rg_event_kind kind)
{
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->generation = -1;
}

/* Hand e to the sink if its family is wanted; seq counts deliveries. */
static void deliver(rg_events *ev, rg_event *e)
{
    if (!(ev->mask & family_of(e->kind))) return;
    e->seq = ++ev->seq;
    ev->sink(ev->heap, e, ev->data);
}

/* A front end's event: delivered (seq set) if its family is wanted. */
void rg_event_emit(rg_heap *heap, rg_event *ev)
{
    if (heap == NULL || ev == NULL || heap->events == NULL) return;
    if (ev->kind != RG_EV_REF && ev->kind != RG_EV_USER) return;
    deliver(heap->events, ev);
}

/* Is a sink installed? */
int rg_events_enabled(const rg_heap *heap) { return heap != NULL && heap->events != NULL; }

/* ====================================================================== */
/* Installing a sink                                                       */
/* ====================================================================== */

/* Re-write the map entries of the heap's arenas with the current tag. */
static void retag_arenas(rg_heap *heap)
{
    for (uint32_t i = 0; i < heap->nslots; i++) {
        rg_arena *arena = heap->slots[i].arena;
        if (arena != NULL) rg_map_set(arena->address, (uintptr_t)arena | rg_heap_map_tag(heap));
    }
}

/* Tell the object layer (if it exists yet) where the events state is. */
static void publish(rg_heap *heap)
{
    rg_objects *os = rg_objects_of_heap(heap);
    if (os != NULL) os->events = heap->events;
}

/* Remove the sink: fast paths back, registry and scratch freed. */
static void stop(rg_heap *heap)
{
    rg_events *ev = heap->events;
    watch(ev, 0);
    heap->events = NULL;
    heap->fast_limit = heap->saved_fast_limit;
    retag_arenas(heap);
    publish(heap);
    atomic_fetch_sub_explicit(&rg_events_active, 1, memory_order_relaxed);
    free(ev->table);
    free(ev->objs);
    free(ev->vals);
    free(ev);
}

/* Install (or replace, or with NULL remove) the heap's sink. */
int rg_events_set_sink(rg_heap *heap, unsigned mask, rg_event_sink sink, void *data)
{
    if (heap == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (sink == NULL) {
        if (heap->events != NULL) stop(heap);
        return 0;
    }
    rg_events *ev = heap->events;
    if (ev == NULL) {
        ev = calloc(1, sizeof *ev);
        if (ev == NULL) {
            errno = ENOMEM;
            return -1;
        }
        ev->heap = heap;
        ev->generation = -1;
        heap->saved_fast_limit = heap->fast_limit;
        heap->fast_limit = 0;
        heap->events = ev;
        retag_arenas(heap);
        publish(heap);
        register_large_blocks(ev);
        watch(ev, 1);
        atomic_fetch_add_explicit(&rg_events_active, 1, memory_order_relaxed);
    }
    ev->sink = sink;
    ev->data = data;
    ev->mask = mask & RG_EVENTS_ALL;
    ev->seq = 0;
    return 0;
}

/* ====================================================================== */
/* The registry                                                            */
/* ====================================================================== */

/* Registry hash of a block address. */
static size_t reg_hash(uintptr_t block)
{
    return (size_t)((block >> 4) * UINT64_C(0x9e3779b97f4a7c15) >> 17);
}

/* The registry entry of block, or NULL. */
rg_reg_entry *rg_reg_find(rg_events *ev, uintptr_t block)
{
    if (ev->slots == 0) return NULL;
    size_t mask = ev->slots - 1;
    for (size_t h = reg_hash(block) & mask;; h = (h + 1) & mask) {
        rg_reg_entry *e = &ev->table[h];
        if (e->block == block) return e;
        if (e->block == 0) return NULL;
    }
}

/* Rebuild the table with slots entries (a power of two); -1 on ENOMEM. */
static int reg_rehash(rg_events *ev, size_t slots)
{
    rg_reg_entry *table = calloc(slots, sizeof *table);
    if (table == NULL) return -1;
    rg_reg_entry *old = ev->table;
    size_t nold = ev->slots;
    ev->table = table;
    ev->slots = slots;
    ev->tombs = 0;
    for (size_t i = 0; i < nold; i++) {
        if (old[i].block <= RG_REG_TOMB) continue;
        size_t h = reg_hash(old[i].block) & (slots - 1);
        while (table[h].block != 0) h = (h + 1) & (slots - 1);
        table[h] = old[i];
    }
    free(old);
    return 0;
}

/* The entry of block, made (empty) if absent. */
rg_reg_entry *rg_reg_put(rg_events *ev, uintptr_t block)
{
    rg_reg_entry *e = rg_reg_find(ev, block);
    if (e != NULL) return e;
    if ((ev->used + ev->tombs + 1) * 4 > ev->slots * 3) {
        size_t slots = ev->slots ? ev->slots : 256;
        while ((ev->used + 1) * 2 > slots) slots *= 2;
        if (reg_rehash(ev, slots) != 0) return NULL;
    }
    size_t mask = ev->slots - 1;
    size_t h = reg_hash(block) & mask;
    while (ev->table[h].block > RG_REG_TOMB) h = (h + 1) & mask;
    e = &ev->table[h];
    if (e->block == RG_REG_TOMB) ev->tombs--;
    e->block = block;
    e->object = NULL;
    e->serial = 0;
    ev->used++;
    return e;
}

/* Forget block (a tombstone takes its slot). */
void rg_reg_remove(rg_events *ev, uintptr_t block)
{
    rg_reg_entry *e = rg_reg_find(ev, block);
    if (e == NULL) return;
    e->block = RG_REG_TOMB;
    e->object = NULL;
    e->serial = 0;
    ev->used--;
    ev->tombs++;
}

/* ====================================================================== */
/* Stable addresses                                                        */
/* ====================================================================== */

/* Heaps with a sink: their registries know every large block (those older
 * than the sink are entered when it is installed), which is how a pointer
 * outside the arenas is recognised without reading memory around it (it
 * may be a static object).  Changed under g_watched_lock; read without it
 * (a sink is not installed or removed while another thread asks). */
static rg_events *g_watched;
static atomic_flag g_watched_lock = ATOMIC_FLAG_INIT;

/* Add ev to (or, add 0, remove it from) the watched heaps. */
static void watch(rg_events *ev, int add)
{
    while (atomic_flag_test_and_set_explicit(&g_watched_lock, memory_order_acquire)) {
    }
    if (add) {
        ev->next_watched = g_watched;
        g_watched = ev;
    } else {
        for (rg_events **link = &g_watched; *link != NULL; link = &(*link)->next_watched) {
            if (*link == ev) {
                *link = ev->next_watched;
                break;
            }
        }
    }
    atomic_flag_clear_explicit(&g_watched_lock, memory_order_release);
}

/* The data address of a large block of heap handed out at p (a debug
 * block sits RG_DEBUG_HEAD into its underlying block). */
static uintptr_t large_key(const rg_heap *heap, const void *p)
{
    return (uintptr_t)p - (heap->debug ? RG_DEBUG_HEAD : 0);
}

/* How far into its large block an object may start: a debug block's head,
 * a pre-header, the GC header. */
#define LARGE_OBJECT_OFFSET_MAX 128

/* The registry entry (with its serial) of the large block of a watched
 * heap whose data starts at or up to LARGE_OBJECT_OFFSET_MAX bytes before a
 * (an object lies a header or two into its block); *data its start,
 * *owner its heap's events.  NULL when there is none.  Reads no memory but
 * the registries. */
static rg_reg_entry *find_large(uintptr_t a, uintptr_t *data, rg_events **owner)
{
    if ((a & 15) != 0) return NULL; /* blocks and objects are 16-aligned */
    for (rg_events *ev = g_watched; ev != NULL; ev = ev->next_watched) {
        if (ev->large_serial == 0) continue; /* no large block ever */
        for (uintptr_t k = 0; k <= LARGE_OBJECT_OFFSET_MAX && k <= a; k += 16) {
            rg_reg_entry *e = rg_reg_find(ev, a - k);
            if (e == NULL || e->serial == 0) continue;
            *data = a - k;
            *owner = ev;
            return e;
        }
    }
    return NULL;
}

/* Enter the heap's large blocks, oldest first, with their serials. */
static void register_large_blocks(rg_events *ev)
{
    rg_heap *heap = ev->heap;
    for (rg_large *b = heap->large.prev; b != &heap->large; b = b->prev) {
        rg_reg_entry *e = rg_reg_put(ev, (uintptr_t)rg_large_data(b));
        if (e != NULL && e->serial == 0) e->serial = ++ev->large_serial;
    }
}

/* Stable addresses: see events.h (and rg_stable_address in refgc.h). */
uintptr_t rg_stable_address(const void *p)
{
    if (p == NULL) return 0;
    uintptr_t a = (uintptr_t)p;
    uintptr_t entry = rg_map_lookup(a);
    if (entry != 0) {
        const rg_arena *arena = RG_MAP_ARENA(entry);
        return (uintptr_t)(RG_STABLE_SMALL_BASE + ((uint64_t)arena->index << RG_ARENA_BITS) +
                           (a - arena->address));
    }
    uintptr_t d;
    rg_events *owner;
    const rg_reg_entry *e = find_large(a, &d, &owner);
    if (e == NULL) return a & ((UINT64_C(1) << 53) - 1); /* not known: not stable */
    return (uintptr_t)(RG_STABLE_LARGE_BASE + e->serial * RG_STABLE_LARGE_STRIDE + (a - d));
}

/* Is p a block of a heap (small, or a large one a registry knows)? */
static int is_block(const void *p)
{
    if (rg_map_lookup((uintptr_t)p) != 0) return 1;
    uintptr_t d;
    rg_events *owner;
    if (find_large((uintptr_t)p, &d, &owner) == NULL) return 0;
    return large_key(owner->heap, p) == d;
}

/* Block info of p with stable arena and pool addresses. */
int rg_ev_block_info(const void *p, rg_block_info *info)
{
    memset(info, 0, sizeof *info);
    if (p == NULL || !is_block(p)) return -1;
    if (rg_block_info_of(p, info) != 0) return -1;
    if (info->kind == RG_BLOCK_SMALL) {
        info->arena_address = RG_STABLE_SMALL_BASE + ((uint64_t)info->arena_index << RG_ARENA_BITS);
        info->pool_address = info->arena_address + ((uint64_t)info->pool_index << RG_POOL_BITS);
    }
    return 0;
}

/* ====================================================================== */
/* Allocator hooks                                                         */
/* ====================================================================== */

/* The pool of small block p of a normal heap, or NULL. */
static rg_pool *pool_of_block(const rg_heap *heap, const void *p)
{
    if (heap->debug) return NULL; /* debug blocks: the quarantine blurs pools */
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if (entry == 0) return NULL;
    return rg_pool_of(RG_MAP_ARENA(entry), p);
}

/* A POOL event for the pool holding p (info already filled). */
static void pool_event(rg_events *ev, const rg_block_info *info, const char *state)
{
    rg_event e;
    event_init(&e, RG_EV_POOL);
    e.block = *info;
    e.block.block_index = 0;
    e.address = (const void *)info->pool_address;
    e.size = RG_POOL_SIZE;
    e.state = state;
    deliver(ev, &e);
}

/* A BLOCK_ALLOC or BLOCK_FREE event for p with info. */
static void block_event(rg_events *ev, rg_event_kind kind, const void *p, const rg_block_info *info)
{
    rg_event e;
    event_init(&e, kind);
    e.address = p;
    e.block = *info;
    e.size = info->size;
    deliver(ev, &e);
}

/* BLOCK_ALLOC for p, with the pool's state changes around it. */
void rg_ev_block_alloc(rg_heap *heap, void *p)
{
    rg_events *ev = heap->events;
    if (rg_map_lookup((uintptr_t)p) == 0) {
        /* A large block: numbered first, so that it is known as a block. */
        rg_reg_entry *e = rg_reg_put(ev, large_key(heap, p));
        if (e != NULL) e->serial = ++ev->large_serial;
    }
    rg_block_info info;
    if (rg_ev_block_info(p, &info) != 0) return;
    rg_pool *pool = pool_of_block(heap, p);
    if (pool != NULL && pool->count == 1) pool_event(ev, &info, "used");
    block_event(ev, RG_EV_BLOCK_ALLOC, p, &info);
    if (pool != NULL && pool->freeblock == NULL) pool_event(ev, &info, "full");
}

/* Block p (info) is going: its registry entries (a debug large block has
 * two: the object's at p, the serial's at the underlying data) go. */
static void reg_forget(rg_events *ev, const void *p, const rg_block_info *info)
{
    rg_reg_remove(ev, (uintptr_t)p);
    if (info->kind != RG_BLOCK_SMALL && large_key(ev->heap, p) != (uintptr_t)p)
        rg_reg_remove(ev, large_key(ev->heap, p));
}

/* BLOCK_FREE for p, about to be freed, and what it does to its pool. */
void rg_ev_block_free(rg_heap *heap, void *p)
{
    rg_events *ev = heap->events;
    rg_block_info info;
    if (rg_ev_block_info(p, &info) != 0) return;
    rg_pool *pool = pool_of_block(heap, p);
    /* What the free is about to do to the pool (it may take the arena
     * with it, so nothing is read afterwards). */
    const char *after = NULL;
    if (pool != NULL) after = pool->count == 1 ? "empty" : pool->freeblock == NULL ? "used" : NULL;
    /* The event first: the sink may still ask for p's stable address. */
    block_event(ev, RG_EV_BLOCK_FREE, p, &info);
    reg_forget(ev, p, &info);
    if (after != NULL) pool_event(ev, &info, after);
}

/* Re-register the object of block from at block to (it moved). */
static void reg_move(rg_events *ev, uintptr_t from, uintptr_t to, const rg_object *object)
{
    if (object == NULL) return;
    rg_reg_entry *e = rg_reg_put(ev, to);
    if (e != NULL) e->object = (const rg_object *)(to + ((uintptr_t)object - from));
}

/* realloc while a sink is installed: the same placement as without one. */
void *rg_ev_realloc(rg_heap *heap, char api, void *p, size_t nbytes)
{
    rg_events *ev = heap->events;
    rg_block_info old;
    /* p is a valid block (realloc_impl checked it): a large one the
     * registry missed (it could not grow) is described all the same. */
    if (rg_ev_block_info(p, &old) != 0 && rg_block_info_of(p, &old) != 0) return NULL;
    rg_reg_entry *e = rg_reg_find(ev, (uintptr_t)p);
    const rg_object *object = e != NULL ? e->object : NULL;
    if (!heap->debug && old.kind == RG_BLOCK_SMALL) {
        /* pymalloc_realloc, as realloc_impl: keep the block when the size
         * stays in its class and shrinks by less than a quarter. */
        size_t size = old.size;
        if (nbytes <= size) {
            if (4 * nbytes > 3 * size) return p;
            size = nbytes;
        }
        void *q = api == 'o' ? rg_obj_malloc(heap, nbytes) : rg_malloc(heap, nbytes);
        if (q == NULL) return NULL;
        memcpy(q, p, size);
        rg_ev_block_free(heap, p);
        rg_raw_free(p); /* memcheck told (valgrind.h) */
        reg_move(ev, (uintptr_t)p, (uintptr_t)q, object);
        return q;
    }
    /* The old block's end is reported while it is still there (the sink
     * may ask for its stable address); then its entries are forgotten, as
     * the new block may sit at its address. */
    uintptr_t d = large_key(heap, p);
    uint64_t serial = 0;
    rg_reg_entry *se0 = rg_reg_find(ev, d);
    if (se0 != NULL) serial = se0->serial;
    block_event(ev, RG_EV_BLOCK_FREE, p, &old);
    reg_forget(ev, p, &old);
    void *q = heap->debug ? rg_debug_realloc(heap, api, p, nbytes)
                          : rg_large_realloc(rg_large_of(p), nbytes);
    if (q == NULL) {
        /* Still there after all: back as it was. */
        rg_reg_entry *se = serial != 0 ? rg_reg_put(ev, d) : NULL;
        if (se != NULL) se->serial = serial;
        reg_move(ev, (uintptr_t)p, (uintptr_t)p, object);
        block_event(ev, RG_EV_BLOCK_ALLOC, p, &old);
        return NULL;
    }
    rg_ev_block_alloc(heap, q);
    reg_move(ev, (uintptr_t)p, (uintptr_t)q, object);
    return q;
}

/* An ARENA event: state new, reused, reserved or unmapped. */
void rg_ev_arena(rg_heap *heap, const rg_arena *arena, const char *state)
{
    rg_event e;
    event_init(&e, RG_EV_ARENA);
    e.address = (const void *)arena->address;
    e.size = RG_ARENA_SIZE;
    e.block.heap = heap;
    e.block.arena_index = arena->index;
    e.block.arena_address = RG_STABLE_SMALL_BASE + ((uint64_t)arena->index << RG_ARENA_BITS);
    e.state = state;
    deliver(heap->events, &e);
}

/* A TRIM event: bytes given back. */
void rg_ev_trim(rg_heap *heap, size_t bytes)
{
    rg_event e;
    event_init(&e, RG_EV_TRIM);
    e.value = (intptr_t)bytes;
    deliver(heap->events, &e);
}

/* ====================================================================== */
/* Object hooks                                                            */
/* ====================================================================== */

/* The object state of o's heap if that heap has a sink (safe for static objects). */
rg_objects *rg_ev_objects_of(const rg_object *o)
{
    const void *block = rg_object_block(o);
    uintptr_t entry = rg_map_lookup((uintptr_t)block);
    rg_heap *heap = NULL;
    if (entry != 0) {
        heap = RG_MAP_ARENA(entry)->heap;
    } else {
        uintptr_t d;
        rg_events *owner;
        if (find_large((uintptr_t)block, &d, &owner) != NULL && large_key(owner->heap, block) == d)
            heap = owner->heap;
    }
    if (heap == NULL || heap->events == NULL) return NULL;
    rg_objects *os = rg_objects_of_heap(heap);
    return os != NULL && os->events != NULL ? os : NULL;
}

/* An event about object o: object, type, and its block. */
static void object_event(rg_event *e, rg_event_kind kind, const rg_object *o)
{
    event_init(e, kind);
    e->object = o;
    e->type = o->type;
    const void *block = rg_object_block(o);
    e->address = block;
    if (rg_ev_block_info(block, &e->block) == 0) e->size = e->block.size;
}

/* OBJ_NEW: o joins the registry. */
void rg_ev_obj_new(rg_heap *heap, const rg_object *o, int reused)
{
    rg_events *ev = heap->events;
    rg_reg_entry *r = rg_reg_put(ev, (uintptr_t)rg_object_block(o));
    if (r != NULL) r->object = o;
    rg_event e;
    object_event(&e, RG_EV_OBJ_NEW, o);
    e.value = reused != 0;
    deliver(ev, &e);
}

/* OBJ_FREE: o's memory goes back (freelist 0) or onto its free list (1). */
void rg_ev_obj_free(rg_objects *os, const rg_object *o, int freelist)
{
    rg_events *ev = os->events;
    rg_event e;
    object_event(&e, RG_EV_OBJ_FREE, o);
    e.value = freelist != 0;
    deliver(ev, &e);
    if (freelist) {
        /* Dead from now on: out of the registry (a large block keeps its
         * serial, the block stays allocated). */
        rg_reg_entry *r = rg_reg_find(ev, (uintptr_t)e.address);
        if (r != NULL && r->serial != 0) r->object = NULL;
        else rg_reg_remove(ev, (uintptr_t)e.address);
    }
}

/* DEALLOC: o's refcount reached zero. */
void rg_ev_dealloc(rg_objects *os, const rg_object *o)
{
    rg_event e;
    object_event(&e, RG_EV_DEALLOC, o);
    deliver(os->events, &e);
}

/* TRACK: o joined generation. */
void rg_ev_track(rg_objects *os, const rg_object *o, int generation)
{
    rg_event e;
    object_event(&e, RG_EV_TRACK, o);
    e.generation = generation;
    deliver(os->events, &e);
}

/* Which list o is on: walk its links to a generation's head. */
int rg_ev_generation_of(rg_objects *os, const rg_object *o)
{
    if (!rg_is_gc(o)) return -1;
    const rg_gc_head *start = rg_as_gc(o);
    if (!rg_gc_is_tracked(start)) return -1;
    const rg_gc_head *g = start;
    for (size_t steps = 0; steps < ((size_t)1 << 26); steps++) {
        g = (const rg_gc_head *)(g->next & ~RG_GC_NEXT_UNREACHABLE);
        if (g == start || g == NULL) return -1;
        for (int i = 0; i < RG_GC_GENERATIONS; i++)
            if (g == &os->generations[i].head) return i;
        if (g == &os->permanent) return RG_GC_GENERATIONS;
    }
    return -1;
}

/* UNTRACK of a live object, with the generation it leaves. */
void rg_ev_untrack(rg_objects *os, const rg_object *o)
{
    rg_event e;
    object_event(&e, RG_EV_UNTRACK, o);
    e.generation = rg_ev_generation_of(os, o);
    deliver(os->events, &e);
}

/* TRACK "resurrected": o lives on after its dealloc event. */
void rg_ev_resurrected(rg_objects *os, const rg_object *o)
{
    rg_event e;
    object_event(&e, RG_EV_TRACK, o);
    e.generation = rg_ev_generation_of(os, o);
    e.state = "resurrected";
    deliver(os->events, &e);
}

/* GC_FINALIZE: o's finalizer runs now. */
void rg_ev_finalize(rg_events *ev, const rg_object *o)
{
    rg_event e;
    object_event(&e, RG_EV_GC_FINALIZE, o);
    e.generation = ev->generation;
    deliver(ev, &e);
}

/* GC_CALLBACK: wr's callback runs now. */
void rg_ev_callback(rg_events *ev, const rg_object *wr)
{
    rg_event e;
    object_event(&e, RG_EV_GC_CALLBACK, wr);
    e.generation = ev->generation;
    deliver(ev, &e);
}

/* ====================================================================== */
/* Collector hooks                                                         */
/* ====================================================================== */

/* The generation counts into counts. */
static void copy_counts(const rg_objects *os, long counts[RG_GC_GENERATIONS])
{
    for (int i = 0; i < RG_GC_GENERATIONS; i++) counts[i] = os->generations[i].count;
}

/* GC_START: counts before, reason auto (and the type) or explicit. */
void rg_ev_gc_start(rg_objects *os, int generation)
{
    rg_events *ev = os->events;
    rg_event e;
    event_init(&e, RG_EV_GC_START);
    e.generation = generation;
    copy_counts(os, e.counts);
    e.state = ev->auto_pending ? "auto" : "explicit";
    e.type = ev->auto_pending ? ev->auto_type : NULL;
    ev->auto_pending = 0;
    ev->auto_type = NULL;
    ev->generation = generation;
    deliver(ev, &e);
}

/* GC_END: counts after, collected and uncollectable. */
void rg_ev_gc_end(rg_objects *os, int generation, size_t collected, size_t uncollectable)
{
    rg_events *ev = os->events;
    rg_event e;
    event_init(&e, RG_EV_GC_END);
    e.generation = generation;
    copy_counts(os, e.counts);
    e.value = (intptr_t)collected;
    e.value2 = (intptr_t)uncollectable;
    ev->generation = -1;
    deliver(ev, &e);
}

/* Start a phase's object list. */
void rg_ev_phase_begin(rg_events *ev)
{
    ev->n = 0;
    ev->overflow = 0;
}

/* Append o (value) to the phase's list; on ENOMEM the list is cut short. */
void rg_ev_phase_add(rg_events *ev, const rg_object *o, intptr_t value)
{
    if (ev->n == ev->cap) {
        size_t cap = ev->cap ? ev->cap * 2 : 256;
        const rg_object **objs = realloc(ev->objs, cap * sizeof *objs);
        if (objs != NULL) ev->objs = objs;
        intptr_t *vals = objs != NULL ? realloc(ev->vals, cap * sizeof *vals) : NULL;
        if (vals != NULL) ev->vals = vals;
        if (objs == NULL || vals == NULL) {
            ev->overflow = 1;
            return;
        }
        ev->cap = cap;
    }
    ev->objs[ev->n] = o;
    ev->vals[ev->n] = value;
    ev->n++;
}

/* Append every object of a GC list. */
void rg_ev_phase_add_list(rg_events *ev, const rg_gc_head *list, intptr_t value)
{
    for (const rg_gc_head *g = (const rg_gc_head *)(list->next & ~RG_GC_NEXT_UNREACHABLE); g != list;
         g = (const rg_gc_head *)(g->next & ~RG_GC_NEXT_UNREACHABLE))
        rg_ev_phase_add(ev, rg_from_gc(g), value);
}

/* Deliver the GC_PHASE of the list built. */
void rg_ev_phase_emit(rg_events *ev, const char *phase)
{
    rg_event e;
    event_init(&e, RG_EV_GC_PHASE);
    e.generation = ev->generation;
    e.state = phase;
    e.nobjects = ev->n;
    e.objects = ev->objs;
    e.values = ev->vals;
    e.value = ev->overflow; /* 1: the list was cut short (out of memory) */
    deliver(ev, &e);
}
