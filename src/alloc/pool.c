/*
 * pool.c -- small blocks: the slow halves of CPython's pymalloc_alloc and
 * pymalloc_free (the fast halves are inline in alloc.h).
 *
 * Owns: a pool's free list, lazy carving of never-used blocks, the move of a
 * pool between the used, full and empty states, and taking a fresh pool
 * from the head of usable_arenas (allocate_from_new_pool).
 *
 * Must not: touch arena lists beyond what allocate_from_new_pool does in
 * CPython; the rest of arena bookkeeping is arena.c's.
 */
#include "alloc.h"
#include "../os/os.h"
#include "../os/valgrind.h"

/* ====================================================================== */
/* Free lists                                                              */
/* ====================================================================== */

/* Re-thread the free blocks starting in parked unit u (ascending address)
 * in front of the pool's free list.  Every block that starts in a parked
 * unit below nextoffset is free: trim parked the unit only when no live
 * block overlapped it, and parked blocks are on no list, so none was handed
 * out since. */
void rg_pool_unpark(rg_pool *pool, unsigned unit)
{
    RG_ASSERT(pool->parked & (1u << unit));
    uint32_t size = RG_CLASS_SIZE(pool->szidx);
    uint32_t lo = unit * RG_UNIT_SIZE, hi = lo + RG_UNIT_SIZE;
    if (hi > pool->nextoffset) hi = pool->nextoffset;
    uint32_t first = lo <= RG_POOL_OVERHEAD
                         ? 0
                         : (lo - RG_POOL_OVERHEAD + size - 1) / size;
    uint8_t *base = rg_pool_base(pool);
    uint8_t *head = pool->freeblock;
    /* Walk downwards so that the list ends up in ascending order. */
    uint32_t off_first = RG_POOL_OVERHEAD + first * size;
    if (off_first < hi) {
        uint32_t last = (hi - 1 - RG_POOL_OVERHEAD) / size;
        for (uint32_t k = last + 1; k-- > first;) {
            uint8_t *bp = base + RG_POOL_OVERHEAD + k * size;
            rg_vg_link_set(bp, head); /* free blocks stay NOACCESS (valgrind.h) */
            head = bp;
        }
    }
    pool->freeblock = head;
    pool->parked &= ~(1u << unit);
    if (pool->parked == 0) pool->maxnextoffset = RG_POOL_SIZE - size;
}

/* Carve never-used blocks onto the (empty) free list, in ascending order:
 * the block at nextoffset and every further one that starts in the same
 * 4 KiB unit.  CPython carves one block at a time, but it hands blocks out
 * in this same order, and it too writes the link of the block at
 * nextoffset, so no page is touched that CPython would not touch.  Carving
 * a unit's worth at once keeps allocation on the inline path. */
static __attribute__((noinline)) void carve(rg_pool *pool, uint8_t *base)
{
    uint32_t size = RG_CLASS_SIZE(pool->szidx);
    uint32_t max = RG_POOL_SIZE - size; /* pool->maxnextoffset unless parked */
    RG_ASSERT(pool->freeblock == NULL && pool->nextoffset <= max);
    uint32_t off = pool->nextoffset;
    uint32_t limit = (off & ~(uint32_t)(RG_UNIT_SIZE - 1)) + RG_UNIT_SIZE;
    if (limit > max + 1) limit = max + 1;
    uint32_t n = (limit - off + size - 1) / size;
    uint8_t *b = base + off;
    pool->freeblock = b;
    RG_VG_UNDEFINED(b, (size_t)n * size); /* free blocks: NOACCESS but for this */
    for (uint32_t i = 1; i < n; i++, b += size) *(uint8_t **)b = b + size;
    *(uint8_t **)b = NULL;
    RG_VG_NOACCESS(base + off, (size_t)n * size);
    pool->nextoffset = off + n * size;
}

/* Refill from parked units (after a trim); 1 if that gave blocks. */
static __attribute__((noinline)) int refill_parked(rg_pool *pool)
{
    while (pool->parked) {
        rg_pool_unpark(pool, (unsigned)__builtin_ctz(pool->parked));
        if (pool->freeblock) return 1;
    }
    return 0;
}

/* The free list just ran dry after handing out bp and the pool is not
 * plainly full (the inline path handles that): refill it from a parked unit
 * or by carving never-used blocks; if neither is left the pool is full and
 * leaves its used list (pymalloc_pool_extend).  Returns bp.
 *
 * No rg_heap_settle here nor where a free puts a full pool back on its
 * list: neither touches an arena, and a pending empty pool of another class
 * is unaffected; a full pool of the pending pool's class pushed in front of
 * it just serves first, as it would in CPython, and the pending pool serves
 * after it exactly when CPython's alloc_new would hand it out (no arena
 * changed meanwhile). */
void *rg_pool_refill(rg_pool *pool, void *bp)
{
    RG_ASSERT(pool->freeblock == NULL);
    if (RG_UNLIKELY(pool->parked) && refill_parked(pool)) return bp;
    if (pool->nextoffset <= RG_POOL_SIZE - RG_CLASS_SIZE(pool->szidx)) {
        carve(pool, rg_pool_base(pool));
        return bp;
    }
    rg_usedpool_unlink(pool);
    return bp;
}

/* ====================================================================== */
/* A fresh pool                                                            */
/* ====================================================================== */

/* No used pool of class szidx: take a pool from the first usable arena
 * (mapping an arena if none), make it the class's only used pool and return
 * its first free block (allocate_from_new_pool). */
void *rg_pool_alloc_new(rg_heap *heap, uint32_t szidx)
{
    if (RG_FAULT(RG_FAULT_POOL)) return NULL; /* failure injection (os.h) */
    rg_heap_settle(heap);
    rg_arena *ua = heap->usable_arenas;
    if (RG_UNLIKELY(ua == NULL)) {
        ua = rg_arena_new(heap);
        if (ua == NULL) return NULL;
    }
    RG_ASSERT(ua->nfreepools > 0);

    /* ua already has the fewest free pools; taking one keeps it first. */
    if (heap->nfp2lasta[ua->nfreepools] == ua)
        heap->nfp2lasta[ua->nfreepools] = NULL;
    if (ua->nfreepools > 1) {
        RG_ASSERT(heap->nfp2lasta[ua->nfreepools - 1] == NULL);
        heap->nfp2lasta[ua->nfreepools - 1] = ua;
    }

    rg_pool *pool = ua->freepools;
    if (RG_LIKELY(pool != NULL)) {
        ua->freepools = RG_POOL(pool->link.next); /* a cached empty pool */
    } else {
        /* Carve off a never-used pool. */
        RG_ASSERT(ua->pool_address < (uint8_t *)ua->address + RG_ARENA_SIZE);
        pool = &ua->pools[(size_t)(ua->pool_address - (uint8_t *)ua->address) >> RG_POOL_BITS];
        pool->arenaindex = ua->index;
        pool->szidx = RG_DUMMY_SIZE_IDX;
        pool->parked = 0;
        ua->pool_address += RG_POOL_SIZE;
    }
    if (--ua->nfreepools == 0) {
        /* Wholly allocated: leaves usable_arenas. */
        heap->usable_arenas = ua->nextarena;
        if (ua->nextarena) ua->nextarena->prevarena = NULL;
    }

    /* The class had no used pool: this one becomes the whole list. */
    rg_pool_link *head = &heap->usedpools[szidx];
    RG_ASSERT(head->next == head);
    pool->link.next = pool->link.prev = head;
    head->next = head->prev = &pool->link;
    pool->count = 1;

    uint8_t *bp;
    if (pool->szidx == szidx) {
        /* Last held this class: its free list is still good. */
        bp = pool->freeblock;
        RG_ASSERT(bp != NULL);
        if ((pool->freeblock = rg_vg_link_get(bp)) == NULL) return rg_pool_refill(pool, bp);
        return bp;
    }
    /* Initialise: hand out the first block; the next ones become the free
     * list; the rest stays untouched until needed. */
    uint32_t size = RG_CLASS_SIZE(szidx);
    uint8_t *base = rg_pool_base(pool);
    pool->szidx = szidx;
    pool->parked = 0;
    pool->nextoffset = RG_POOL_OVERHEAD + size;
    pool->maxnextoffset = RG_POOL_SIZE - size;
    pool->freeblock = NULL;
    carve(pool, base);
    return base + RG_POOL_OVERHEAD;
}

/* ====================================================================== */
/* Free: the state changes                                                 */
/* ====================================================================== */

/* Would CPython give the just-emptied pool straight back to the next
 * request of its class that finds no other used pool?  True when the pool
 * is the last on its used list (pools join only at the front, so every
 * other one serves first, as in CPython where this one has left) and, once
 * on its arena's freepools (at the front), its arena would head
 * usable_arenas: case 2 of insert_to_freepool (the arena had no free pool),
 * or the arena already heads the list and keeps that place (case 4)
 * without being released (case 1).  Then alloc_new would take this very
 * pool, pop its free list and undo the arena bookkeeping exactly -- as long
 * as no arena changes meanwhile, which is why every path that changes one
 * settles the pending pool first. */
static int comes_straight_back(const rg_heap *heap, const rg_pool *pool, const rg_arena *arena)
{
    if (pool->link.next != &heap->usedpools[pool->szidx]) return 0;
    uint32_t nf = arena->nfreepools;
    if (nf == 0) return 1;
    if (heap->usable_arenas != arena) return 0;
    const rg_arena *next = arena->nextarena;
    if (next == NULL) return 1;
    if (nf + 1 == arena->ntotalpools) return 0;
    return next->nfreepools > nf;
}

/* The pool's last allocated block was freed: it goes to its arena, or
 * waits as heap->pending_empty when it would come straight back. */
void rg_pool_free_now_empty(rg_pool *pool)
{
    RG_ASSERT(pool->count == 0);
    rg_arena *arena = rg_pool_arena(pool);
    rg_heap *heap = arena->heap;
    /* Taken back and emptied again with no arena changed since (a change
     * would have settled it): it still comes straight back. */
    if (heap->pending_empty == pool) return;
    rg_heap_settle(heap);
    if (comes_straight_back(heap, pool, arena)) {
        heap->pending_empty = pool;
        return;
    }
    rg_usedpool_unlink(pool);
    rg_arena_pool_freed(heap, pool);
}

void rg_heap_settle(rg_heap *heap)
{
    rg_pool *pool = heap->pending_empty;
    if (RG_LIKELY(pool == NULL)) return;
    heap->pending_empty = NULL;
    if (pool->count != 0) return; /* its class took it back */
    rg_usedpool_unlink(pool);
    rg_arena_pool_freed(heap, pool);
}
