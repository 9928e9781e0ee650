/*
 * trim.c -- rg_trim: give memory back to the OS without moving a live block.
 *
 * Owns: the page-level release CPython lacks.  In order:
 *   1. the reserve and every wholly free arena are unmapped;
 *   2. in every other arena, each resident OS page that holds no byte of a
 *      live block is released with MADV_DONTNEED -- never-carved pools,
 *      empty pools, and the free stretches of used pools.
 * Pool headers live in the arena's header page (alloc.h), so a pool's own
 * first page goes back like any other.  Free lists thread through the free
 * blocks, so before a page is released every free block whose link word
 * lies in it is unlinked; its 4 KiB unit is marked parked and the blocks are
 * threaded back in address order when the pool's free list next runs dry
 * (pool.c).  A used pool always keeps one free block on its list (the page
 * holding its link is kept if need be), so "freeblock == NULL" still means
 * "full".  An empty pool whose pages went back forgets its old free list
 * (szidx reset) and is initialised afresh when reused.
 *
 * Must not: move or touch the bytes of a live block.
 */
#include "alloc.h"
#include "../events/events.h"
#include "../os/os.h"
#include "../os/valgrind.h"

/* ====================================================================== */
/* Which units hold live blocks                                            */
/* ====================================================================== */

/* Unit (4 KiB quarter of the pool) of pool offset off. */
static unsigned unit_of(uint32_t off) { return off / RG_UNIT_SIZE; }

/* How many of the blocks [0, carved) of a pool of block size `size`
 * overlap unit u. */
static uint32_t blocks_over_unit(unsigned u, uint32_t size, uint32_t carved)
{
    uint32_t lo = u * RG_UNIT_SIZE, hi = lo + RG_UNIT_SIZE;
    uint32_t first = lo <= RG_POOL_OVERHEAD ? 0 : (lo - RG_POOL_OVERHEAD) / size;
    uint32_t last = (hi - 1 - RG_POOL_OVERHEAD) / size;
    if (last >= carved) last = carved - 1;
    return last >= first ? last - first + 1 : 0;
}

/* Count free block b (at pool offset off) against the units it overlaps. */
static void count_free(uint32_t off, uint32_t size, uint32_t freed[RG_UNITS_PER_POOL])
{
    freed[unit_of(off)]++;
    if (unit_of(off + size - 1) != unit_of(off)) freed[unit_of(off + size - 1)]++;
}

/* Bit mask of the units of pool holding part of a live block (also read
 * by rg_heap_stats for bytes_live_pages): a unit is free when every carved block overlapping it is free, i.e. when the free
 * blocks (listed or parked) overlapping it are all of them.  One walk of
 * the free list; no per-block bitmap. */
unsigned rg_pool_live_units(const rg_pool *pool)
{
    const unsigned all = (1u << RG_UNITS_PER_POOL) - 1;
    if (pool->count == 0) return 0;
    if (pool->freeblock == NULL) return all; /* full: blocks everywhere */

    uint32_t size = RG_CLASS_SIZE(pool->szidx);
    uint32_t nblocks = RG_NUMBLOCKS(pool->szidx);
    uint32_t carved = (pool->nextoffset - RG_POOL_OVERHEAD) / size;
    if (carved > nblocks) carved = nblocks;
    const uint8_t *base = rg_pool_base(pool);
    uint32_t freed[RG_UNITS_PER_POOL] = {0};

    for (const uint8_t *b = pool->freeblock; b != NULL; b = rg_vg_link_get(b))
        count_free((uint32_t)(b - base), size, freed);
    for (unsigned u = 0; u < RG_UNITS_PER_POOL; u++) {
        if (!(pool->parked & (1u << u))) continue;
        /* Every block starting in a parked unit (below nextoffset) is free. */
        uint32_t lo = u * RG_UNIT_SIZE;
        uint32_t k = lo <= RG_POOL_OVERHEAD ? 0 : (lo - RG_POOL_OVERHEAD + size - 1) / size;
        for (uint32_t off = RG_POOL_OVERHEAD + k * size; k < carved && off < lo + RG_UNIT_SIZE;
             k++, off += size)
            count_free(off, size, freed);
    }
    unsigned live = 0;
    for (unsigned u = 0; u < RG_UNITS_PER_POOL; u++)
        if (freed[u] < blocks_over_unit(u, size, carved)) live |= 1u << u;
    RG_ASSERT((live & ~all) == 0);
    return live;
}

/* ====================================================================== */
/* One arena                                                               */
/* ====================================================================== */

/* Unlink from pool's free list every block whose link word lies in a unit
 * of mask, marking those units parked.  (Links are read and written through
 * rg_vg_link_get/set: the free blocks stay NOACCESS to memcheck.) */
static void park_units(rg_pool *pool, unsigned mask)
{
    const uint8_t *base = rg_pool_base(pool);
    uint8_t *kept = NULL; /* the last block left on the list; NULL: the head */
    for (uint8_t *b = pool->freeblock; b != NULL;) {
        uint8_t *next = rg_vg_link_get(b);
        unsigned u = unit_of((uint32_t)(b - base));
        if (mask & (1u << u)) {
            if (kept != NULL) rg_vg_link_set(kept, next);
            else pool->freeblock = next;
            pool->parked |= 1u << u;
            pool->maxnextoffset = RG_PARKED_LIMIT;
        } else {
            kept = b;
        }
        b = next;
    }
}

/* Page ranges waiting to be released, so that the kernel can take many in
 * one call (rg_os_release_ranges). */
typedef struct release_batch {
    rg_os_range range[1024];
    size_t n;
} release_batch;

/* Release everything queued. */
static void batch_flush(release_batch *batch)
{
    rg_os_release_ranges(batch->range, batch->n);
    batch->n = 0;
}

/* Queue [p, p+size) for release. */
static void batch_add(release_batch *batch, void *p, size_t size)
{
    if (batch->n == sizeof batch->range / sizeof batch->range[0]) batch_flush(batch);
    batch->range[batch->n++] = (rg_os_range){p, size};
}

/* Queue the free resident pages of a partly used arena for release, after
 * parking the free blocks that lie in them; returns their bytes. */
static size_t trim_arena(rg_arena *arena, release_batch *batch)
{
    const size_t page = rg_os_page_size();
    if (page > RG_ARENA_SIZE) return 0;
    const size_t units_per_page = page >= RG_UNIT_SIZE ? page / RG_UNIT_SIZE : 1;
    const size_t npages = RG_ARENA_SIZE / page;
    const size_t carved = (size_t)(arena->pool_address - (uint8_t *)arena->address) >> RG_POOL_BITS;
    uint8_t *mem = (uint8_t *)arena->address;

    /* 1. Live units, from the pool headers and free lists. */
    uint8_t unit_live[RG_UNITS_PER_ARENA] = {0};
    for (size_t i = 0; i < carved; i++) {
        unsigned live = rg_pool_live_units(&arena->pools[i]);
        for (unsigned u = 0; u < RG_UNITS_PER_POOL; u++)
            unit_live[i * RG_UNITS_PER_POOL + u] = (live >> u) & 1;
    }

    /* 2. Resident pages with no live unit are candidates. */
    unsigned char resident[RG_ARENA_SIZE / 4096];
    rg_os_resident(mem, RG_ARENA_SIZE, resident);
    uint8_t release[RG_ARENA_SIZE / 4096];
    for (size_t j = 0; j < npages; j++) {
        release[j] = resident[j] & 1;
        for (size_t u = j * units_per_page; u < (j + 1) * units_per_page && release[j]; u++)
            if (unit_live[u]) release[j] = 0;
    }

    /* 3. Every used pool keeps one listed free block in a kept page. */
    for (size_t i = 0; i < carved; i++) {
        const rg_pool *pool = &arena->pools[i];
        if (pool->count == 0 || pool->freeblock == NULL) continue;
        int kept = 0;
        for (const uint8_t *b = pool->freeblock; b != NULL && !kept; b = rg_vg_link_get(b))
            kept = !release[(size_t)(b - mem) / page];
        if (!kept) release[(size_t)(pool->freeblock - mem) / page] = 0;
    }

    /* 4. Fix the pools before their pages go: park what lies in them. */
    for (size_t i = 0; i < carved; i++) {
        rg_pool *pool = &arena->pools[i];
        unsigned mask = 0;
        for (unsigned u = 0; u < RG_UNITS_PER_POOL; u++) {
            size_t offset = i * RG_POOL_SIZE + (size_t)u * RG_UNIT_SIZE;
            if (release[offset / page]) mask |= 1u << u;
        }
        if (mask == 0) continue;
        if (pool->count == 0) {
            pool->szidx = RG_DUMMY_SIZE_IDX; /* re-initialised when reused */
            pool->parked = 0;
        } else {
            park_units(pool, mask);
            RG_ASSERT(pool->freeblock != NULL);
        }
    }

    /* 5. Queue the runs of pages for release. */
    size_t given = 0;
    for (size_t j = 0; j < npages;) {
        if (!release[j]) {
            j++;
            continue;
        }
        size_t start = j;
        while (j < npages && release[j]) j++;
        batch_add(batch, mem + start * page, (j - start) * page);
        given += (j - start) * page;
    }
    return given;
}

/* ====================================================================== */
/* The heap                                                                */
/* ====================================================================== */

size_t rg_trim(rg_heap *heap)
{
    if (heap->debug) rg_debug_flush(heap, "rg_trim");
    rg_heap_settle(heap);
    size_t given = rg_arena_drop_reserve(heap);
    release_batch batch;
    batch.n = 0;
    for (uint32_t i = 0; i < heap->nslots; i++) {
        rg_arena *arena = heap->slots[i].arena;
        if (arena == NULL) continue;
        if (arena->nfreepools == arena->ntotalpools) {
            /* Wholly free (CPython keeps the last such arena): unmap. */
            given += rg_os_resident((char *)arena->address - arena->map_prefix,
                                    rg_arena_map_size(arena), NULL);
            rg_arena_unlink_usable(heap, arena);
            rg_arena_free_now(heap, arena);
            continue;
        }
        given += trim_arena(arena, &batch);
    }
    batch_flush(&batch);
    heap->bytes_trimmed += given;
    if (RG_UNLIKELY(heap->events != NULL)) rg_ev_trim(heap, given);
    return given;
}

size_t rg_trim_c_library(void) { return rg_os_trim_c_library(); }
