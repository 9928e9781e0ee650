/*
 * arena.c -- arenas: the slot table, usable_arenas order, release and the
 * reserve.
 *
 * Owns: CPython's new_arena and the arena half of insert_to_freepool
 * (cases 1-4), the unused-slot list, the process-wide map registration, and
 * refgc's reserve: arenas that CPython would unmap are kept mapped (up to
 * config.arena_reserve) and reused, most recently freed first, by the next
 * arena request.  A reserved arena is logically gone -- its slot is unused,
 * its counters say so, the map no longer knows it -- so block placement is
 * exactly CPython's whether or not the reserve is on.
 *
 * Invariants: see alloc.h.  Must not: look inside pools beyond their
 * headers.
 */
#include <errno.h>

#include "alloc.h"
#include "../events/events.h"
#include "../os/os.h"
#include "../os/valgrind.h"

/* ====================================================================== */
/* Mapping                                                                 */
/* ====================================================================== */

size_t rg_arena_prefix(void)
{
    size_t page = rg_os_page_size();
    return page > RG_META_REGION ? page : RG_META_REGION;
}

size_t rg_arena_map_size(const rg_arena *arena)
{
    return (size_t)arena->map_prefix + RG_ARENA_SIZE;
}

void rg_arena_unmap(rg_arena *arena)
{
    uintptr_t address = arena->address;
    size_t prefix = arena->map_prefix;
    rg_os_unmap((void *)(address - prefix), prefix + RG_ARENA_SIZE);
}

/* Memory for a new arena: from the reserve (*reused 1), else from the OS. */
static rg_arena *arena_memory(rg_heap *heap, int *reused)
{
    rg_arena *arena = heap->reserve;
    *reused = arena != NULL;
    if (arena != NULL) {
        heap->reserve = arena->nextarena;
        heap->nreserve--;
        return arena;
    }
    size_t prefix = rg_arena_prefix();
    void *base = rg_os_map_aligned(RG_ARENA_SIZE, RG_ARENA_SIZE, prefix);
    if (base == NULL) return NULL;
    if ((uintptr_t)base >> RG_MAP_ADDRESS_BITS) { /* never expected */
        rg_os_unmap((char *)base - prefix, prefix + RG_ARENA_SIZE);
        errno = ENOMEM;
        return NULL;
    }
    size_t colour = heap->narenas_total % RG_META_COLOURS;
    arena = (rg_arena *)((char *)base - prefix + colour * 4096);
    arena->address = (uintptr_t)base;
    arena->map_prefix = (uint32_t)prefix;
    return arena;
}

/* Give arena memory back: to the reserve when it has room, else the OS. */
static void arena_memory_done(rg_heap *heap, rg_arena *arena, int may_reserve)
{
    if (may_reserve && heap->nreserve < heap->config.arena_reserve) {
        arena->nextarena = heap->reserve;
        heap->reserve = arena;
        heap->nreserve++;
        return;
    }
    rg_arena_unmap(arena);
}

/* ====================================================================== */
/* The slot table (CPython's `arenas` vector)                              */
/* ====================================================================== */

/* Double the slot table (16 at first), threading new slots in ascending
 * order onto the unused list.  -1 on failure. */
static int grow_slots(rg_heap *heap)
{
    uint32_t old = heap->nslots;
    uint32_t n = old ? old << 1 : 16;
    if (n <= old) return -1;
    rg_arena_slot *slots = rg_os_realloc(heap->slots, (size_t)n * sizeof *slots);
    if (slots == NULL) return -1;
    for (uint32_t i = old; i < n; i++) {
        slots[i].arena = NULL;
        slots[i].next_unused = (i + 1 < n) ? i + 1 : RG_NO_SLOT;
    }
    heap->slots = slots;
    heap->nslots = n;
    heap->unused_slots = old;
    return 0;
}

rg_arena *rg_arena_new(rg_heap *heap)
{
    RG_ASSERT(heap->usable_arenas == NULL);
    if (RG_FAULT(RG_FAULT_ARENA)) return NULL; /* failure injection (os.h) */
    if (rg_heap_over_limit(heap, RG_ARENA_SIZE)) {
        errno = ENOMEM;
        return NULL;
    }
    if (heap->unused_slots == RG_NO_SLOT && grow_slots(heap) != 0) {
        errno = ENOMEM;
        return NULL;
    }
    int reused;
    rg_arena *arena = arena_memory(heap, &reused);
    if (arena == NULL) return NULL;
    uintptr_t entry = (uintptr_t)arena | rg_heap_map_tag(heap);
    if (rg_map_set(arena->address, entry) != 0) {
        arena_memory_done(heap, arena, 1);
        errno = ENOMEM;
        return NULL;
    }
    uint32_t index = heap->unused_slots;
    heap->unused_slots = heap->slots[index].next_unused;
    heap->slots[index].arena = arena;

    arena->heap = heap;
    arena->index = index;
    arena->pool_address = (uint8_t *)arena->address;
    /* memcheck: every block is free until handed out (valgrind.h). */
    RG_VG_NOACCESS((void *)arena->address, RG_ARENA_SIZE);
    arena->freepools = NULL;
    arena->nfreepools = arena->ntotalpools = RG_POOLS_PER_ARENA;
    arena->nextarena = arena->prevarena = NULL;

    heap->narenas++;
    heap->narenas_total++;
    if (heap->narenas > heap->narenas_highwater) heap->narenas_highwater = heap->narenas;

    heap->usable_arenas = arena;
    RG_ASSERT(heap->nfp2lasta[arena->nfreepools] == NULL);
    heap->nfp2lasta[arena->nfreepools] = arena;
    if (RG_UNLIKELY(heap->events != NULL)) rg_ev_arena(heap, arena, reused ? "reused" : "new");
    return arena;
}

/* The arena leaves the heap: slot unused, map entry cleared, counters. */
static void arena_retire(rg_heap *heap, rg_arena *arena)
{
    uint32_t index = arena->index;
    heap->slots[index].arena = NULL;
    heap->slots[index].next_unused = heap->unused_slots;
    heap->unused_slots = index;
    rg_map_set(arena->address, 0);
    heap->narenas--;
}

void rg_arena_release(rg_heap *heap, rg_arena *arena)
{
    if (RG_UNLIKELY(heap->events != NULL))
        rg_ev_arena(heap, arena, heap->nreserve < heap->config.arena_reserve ? "reserved" : "unmapped");
    arena_retire(heap, arena);
    arena_memory_done(heap, arena, 1);
}

/* ====================================================================== */
/* usable_arenas order                                                     */
/* ====================================================================== */

void rg_arena_unlink_usable(rg_heap *heap, rg_arena *arena)
{
    uint32_t nf = arena->nfreepools;
    if (heap->nfp2lasta[nf] == arena) {
        rg_arena *p = arena->prevarena;
        heap->nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
    }
    if (arena->prevarena) arena->prevarena->nextarena = arena->nextarena;
    else heap->usable_arenas = arena->nextarena;
    if (arena->nextarena) arena->nextarena->prevarena = arena->prevarena;
    arena->nextarena = arena->prevarena = NULL;
}

void rg_arena_pool_freed(rg_heap *heap, rg_pool *pool)
{
    rg_arena *ao = rg_pool_arena(pool);
    pool->link.next = (rg_pool_link *)ao->freepools; /* link is the first member */
    ao->freepools = pool;

    uint32_t nf = ao->nfreepools;
    /* If ao was the rightmost arena with nf free pools, the entry moves to
     * its left neighbour when that has the same count.  (nf == 0: ao is on
     * no list and nfp2lasta[0] is always NULL.) */
    rg_arena *lastnf = heap->nfp2lasta[nf];
    if (lastnf == ao) {
        rg_arena *p = ao->prevarena;
        heap->nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
    }
    ao->nfreepools = ++nf;

    if (nf == ao->ntotalpools && ao->nextarena != NULL) {
        /* Case 1: wholly free and not the last arena of usable_arenas (the
         * last one is kept against thrashing, bpo-37257). */
        if (ao->prevarena == NULL) heap->usable_arenas = ao->nextarena;
        else ao->prevarena->nextarena = ao->nextarena;
        ao->nextarena->prevarena = ao->prevarena;
        rg_arena_release(heap, ao);
        return;
    }
    if (nf == 1) {
        /* Case 2: its first free pool; it was on no list.  Goes first. */
        ao->nextarena = heap->usable_arenas;
        ao->prevarena = NULL;
        if (heap->usable_arenas) heap->usable_arenas->prevarena = ao;
        heap->usable_arenas = ao;
        if (heap->nfp2lasta[1] == NULL) heap->nfp2lasta[1] = ao;
        return;
    }
    if (heap->nfp2lasta[nf] == NULL) heap->nfp2lasta[nf] = ao;
    if (ao == lastnf) return; /* Case 4: still in order. */

    /* Case 3: slide ao right, to just after lastnf. */
    RG_ASSERT(ao->nextarena != NULL && lastnf != NULL);
    if (ao->prevarena != NULL) ao->prevarena->nextarena = ao->nextarena;
    else heap->usable_arenas = ao->nextarena;
    ao->nextarena->prevarena = ao->prevarena;
    ao->prevarena = lastnf;
    ao->nextarena = lastnf->nextarena;
    if (ao->nextarena != NULL) ao->nextarena->prevarena = ao;
    lastnf->nextarena = ao;
}

/* ====================================================================== */
/* Whole-heap operations                                                   */
/* ====================================================================== */

/* Unmap a wholly free arena at once, bypassing the reserve (for rg_trim).
 * The arena must be off usable_arenas. */
void rg_arena_free_now(rg_heap *heap, rg_arena *arena)
{
    if (RG_UNLIKELY(heap->events != NULL)) rg_ev_arena(heap, arena, "unmapped");
    arena_retire(heap, arena);
    arena_memory_done(heap, arena, 0);
}

/* Unmap every arena of the reserve; returns the resident bytes given back. */
size_t rg_arena_drop_reserve(rg_heap *heap)
{
    size_t given = 0;
    while (heap->reserve != NULL) {
        rg_arena *arena = heap->reserve;
        heap->reserve = arena->nextarena;
        heap->nreserve--;
        if (RG_UNLIKELY(heap->events != NULL)) rg_ev_arena(heap, arena, "unmapped");
        given += rg_os_resident((char *)arena->address - arena->map_prefix,
                                rg_arena_map_size(arena), NULL);
        rg_arena_unmap(arena);
    }
    return given;
}
