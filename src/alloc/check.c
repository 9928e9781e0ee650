/*
 * check.c -- rg_heap_check: every invariant of alloc.h, verified.
 *
 * Owns: the heap's self-test, used by the tests after every burst of
 * operations and available to users.  Walks the arena table, the
 * usable_arenas list, nfp2lasta, every pool's free list, the usedpools
 * lists, the reserve, the large-block list and the debug quarantine.
 *
 * Must not: change anything (it reads free lists, which touches pages);
 * crash on a corrupted heap: every pointer it follows is validated before it
 * is read (a pool or arena link must lie in a live arena of this heap, found
 * through the process-wide arena map and the slot table; a free block must
 * lie in its pool), and every walk stops once it is longer than the heap
 * could hold, so a broken link or a cycle is a reported violation, not a
 * signal or a hang.  Not validated: the reserve's and the large-block list's
 * links (neither is in any table; the reserve walk is bounded by its counter,
 * the large list's by its prev links) and the debug quarantine's entries.
 */
#include <stdarg.h>
#include <stdio.h>

#include "alloc.h"
#include "../os/valgrind.h"

typedef struct checker {
    FILE *report;
    size_t errors;
} checker;

/* Record one violation. */
__attribute__((format(printf, 2, 3))) static void fail(checker *c, const char *fmt, ...)
{
    c->errors++;
    if (c->report == NULL || c->errors > 100) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("rg_heap_check: ", c->report);
    vfprintf(c->report, fmt, ap);
    fputc('\n', c->report);
    va_end(ap);
}

/* ====================================================================== */
/* Pointers the checker follows                                            */
/* ====================================================================== */

_Static_assert(RG_META_REGION < RG_ARENA_SIZE, "an arena header lies in the MiB below it");

/* The arena whose header is at address a, if the process-wide map says such
 * an arena is allocated to some heap (then its header is mapped); NULL
 * otherwise, without reading a.  A header lies in the prefix just below its
 * 1 MiB aligned memory (arena.c), so that memory starts at the next 1 MiB
 * boundary above a, and its map entry (non-zero exactly while the arena
 * belongs to a heap; the lookup is safe for any address) must name a. */
static const rg_arena *mapped_arena(uintptr_t a)
{
    if (a == 0 || (a & 4095) != 0) return NULL;
    uintptr_t address = (a + RG_ARENA_SIZE) & ~RG_ARENA_MASK;
    uintptr_t entry = rg_map_lookup(address);
    if (entry == 0 || (uintptr_t)RG_MAP_ARENA(entry) != a) return NULL;
    const rg_arena *arena = (const rg_arena *)a;
    return arena->address == address ? arena : NULL;
}

/* mapped_arena(a), and one of heap's: its heap field and slot agree. */
static const rg_arena *live_arena(const rg_heap *heap, const void *a)
{
    const rg_arena *arena = mapped_arena((uintptr_t)a);
    if (arena == NULL || arena->heap != heap || arena->index >= heap->nslots ||
        heap->slots[arena->index].arena != arena)
        return NULL;
    return arena;
}

/* The pool whose link is l, if l is the link of a pool header of a live
 * arena of heap (any of its 64, carved or not); NULL otherwise, l unread. */
static const rg_pool *live_pool(const rg_heap *heap, const rg_pool_link *l)
{
    if ((uintptr_t)l % sizeof(rg_pool) != 0) return NULL;
    const rg_pool *pool = RG_POOL(l);
    return live_arena(heap, rg_pool_arena(pool)) ? pool : NULL;
}

/* ====================================================================== */
/* Pools                                                                   */
/* ====================================================================== */

/* One carved pool of arena; *used_out counts used pools per class. */
static void check_pool(checker *c, const rg_arena *arena, const rg_pool *pool,
                       size_t used_per_class[RG_NUM_SIZE_CLASSES])
{
    unsigned idx = (unsigned)(pool - arena->pools);
    if (pool->arenaindex != arena->index)
        fail(c, "arena %u pool %u: arenaindex %u", arena->index, idx, pool->arenaindex);
    if (pool->count == 0) return; /* empty: checked through freepools */
    if (pool->szidx >= RG_NUM_SIZE_CLASSES) {
        fail(c, "arena %u pool %u: in use with size index %u", arena->index, idx, pool->szidx);
        return;
    }
    uint32_t size = RG_CLASS_SIZE(pool->szidx);
    uint32_t nblocks = RG_NUMBLOCKS(pool->szidx);
    if (pool->maxnextoffset != (pool->parked ? RG_PARKED_LIMIT : RG_POOL_SIZE - size))
        fail(c, "arena %u pool %u: maxnextoffset %u", arena->index, idx, pool->maxnextoffset);
    if (pool->nextoffset < RG_POOL_OVERHEAD + size || pool->nextoffset > RG_POOL_SIZE ||
        (pool->nextoffset - RG_POOL_OVERHEAD) % size != 0)
        fail(c, "arena %u pool %u: nextoffset %u", arena->index, idx, pool->nextoffset);
    uint32_t carved = (pool->nextoffset - RG_POOL_OVERHEAD) / size;
    if (carved > nblocks) carved = nblocks;
    if (pool->count > carved)
        fail(c, "arena %u pool %u: count %u > carved %u", arena->index, idx, pool->count, carved);

    uint64_t seen[(RG_MAX_BLOCKS_PER_POOL + 63) / 64] = {0};
    const uint8_t *base = rg_pool_base(pool);
    uint32_t listed = 0;
    for (const uint8_t *b = pool->freeblock; b != NULL; b = rg_vg_link_get(b)) {
        uintptr_t off = (uintptr_t)(b - base);
        if (b < base || off >= RG_POOL_SIZE || off < RG_POOL_OVERHEAD ||
            (off - RG_POOL_OVERHEAD) % size != 0 || off >= pool->nextoffset) {
            fail(c, "arena %u pool %u: bad free block %p", arena->index, idx, (const void *)b);
            return;
        }
        uint32_t k = (uint32_t)(off - RG_POOL_OVERHEAD) / size;
        if (seen[k / 64] & (UINT64_C(1) << (k % 64))) {
            fail(c, "arena %u pool %u: free list cycles at block %u", arena->index, idx, k);
            return;
        }
        seen[k / 64] |= UINT64_C(1) << (k % 64);
        if (pool->parked & (1u << (off / RG_UNIT_SIZE)))
            fail(c, "arena %u pool %u: listed block %u in a parked unit", arena->index, idx, k);
        listed++;
    }
    uint32_t parked_blocks = 0;
    for (uint32_t k = 0; k < carved; k++) {
        uint32_t off = RG_POOL_OVERHEAD + k * size;
        if (pool->parked & (1u << (off / RG_UNIT_SIZE))) parked_blocks++;
    }
    if (pool->count + listed + parked_blocks != carved)
        fail(c, "arena %u pool %u: %u allocated + %u listed + %u parked != %u carved",
             arena->index, idx, pool->count, listed, parked_blocks, carved);
    int full = pool->count == nblocks;
    if (full != (pool->freeblock == NULL))
        fail(c, "arena %u pool %u: count %u of %u but freeblock %p", arena->index, idx,
             pool->count, nblocks, (const void *)pool->freeblock);
    if (!full) used_per_class[pool->szidx]++;
}

/* ====================================================================== */
/* Arenas                                                                  */
/* ====================================================================== */

static void check_arena(checker *c, const rg_heap *heap, const rg_arena *arena, uint32_t slot,
                        size_t used_per_class[RG_NUM_SIZE_CLASSES])
{
    if (arena->index != slot) fail(c, "slot %u holds arena with index %u", slot, arena->index);
    if (arena->heap != heap) fail(c, "arena %u: wrong heap", slot);
    if (arena->address & RG_ARENA_MASK) fail(c, "arena %u: unaligned", slot);
    uintptr_t entry = rg_map_lookup(arena->address);
    uintptr_t want = (uintptr_t)arena | rg_heap_map_tag(heap);
    if (entry != want) fail(c, "arena %u: map entry %#lx, want %#lx", slot, (unsigned long)entry,
                            (unsigned long)want);
    if (arena->ntotalpools != RG_POOLS_PER_ARENA) fail(c, "arena %u: ntotalpools", slot);
    size_t off = (size_t)(arena->pool_address - (uint8_t *)arena->address);
    if (off > RG_ARENA_SIZE || off % RG_POOL_SIZE != 0) {
        fail(c, "arena %u: pool_address offset %zu", slot, off);
        return;
    }
    size_t carved = off / RG_POOL_SIZE;
    size_t empty = 0;
    for (const rg_pool *p = arena->freepools; p != NULL; p = RG_POOL(p->link.next)) {
        uintptr_t at = (uintptr_t)p - (uintptr_t)arena->pools; /* wraps if below */
        if (at >= sizeof arena->pools || at % sizeof(rg_pool) != 0) {
            fail(c, "arena %u: freepools link %p is not a pool of this arena", slot,
                 (const void *)p);
            return;
        }
        size_t k = at / sizeof(rg_pool);
        if (k >= carved || p->count != 0) {
            fail(c, "arena %u: freepools holds pool %zu (count %u)", slot, k, p->count);
            return;
        }
        if (++empty > carved) {
            fail(c, "arena %u: freepools cycles", slot);
            return;
        }
    }
    size_t zero = 0;
    for (size_t k = 0; k < carved; k++) {
        if (arena->pools[k].count == 0) zero++;
        check_pool(c, arena, &arena->pools[k], used_per_class);
    }
    if (zero != empty) fail(c, "arena %u: %zu empty pools, %zu on freepools", slot, zero, empty);
    if (arena->nfreepools != empty + (RG_POOLS_PER_ARENA - carved))
        fail(c, "arena %u: nfreepools %u != %zu empty + %zu uncarved", slot, arena->nfreepools,
             empty, RG_POOLS_PER_ARENA - carved);
}

/* usable_arenas: linked both ways, sorted, exactly the arenas with free
 * pools; nfp2lasta[k] its last arena with k free pools. */
static void check_usable(checker *c, const rg_heap *heap)
{
    size_t n = 0, want = 0;
    for (uint32_t i = 0; i < heap->nslots; i++)
        if (heap->slots[i].arena && heap->slots[i].arena->nfreepools > 0) want++;
    const rg_arena *last[RG_POOLS_PER_ARENA + 1] = {0};
    const rg_arena *prev = NULL;
    for (const rg_arena *a = heap->usable_arenas; a != NULL; a = a->nextarena) {
        if (live_arena(heap, a) == NULL) {
            fail(c, "usable_arenas: link into memory that is not a live arena of this heap (%p)",
                 (const void *)a);
            return;
        }
        if (++n > want) {
            fail(c, "usable_arenas has more arenas than have free pools (or cycles)");
            return;
        }
        if (a->prevarena != prev) fail(c, "usable_arenas: arena %u prevarena wrong", a->index);
        if (a->nfreepools == 0) fail(c, "usable_arenas: arena %u has no free pool", a->index);
        if (prev && prev->nfreepools > a->nfreepools)
            fail(c, "usable_arenas: arena %u (%u free) after arena %u (%u free)", a->index,
                 a->nfreepools, prev->index, prev->nfreepools);
        if (a->nfreepools <= RG_POOLS_PER_ARENA) last[a->nfreepools] = a;
        prev = a;
    }
    if (n != want) fail(c, "usable_arenas holds %zu arenas, %zu have free pools", n, want);
    for (unsigned k = 0; k <= RG_POOLS_PER_ARENA; k++)
        if (heap->nfp2lasta[k] != last[k])
            fail(c, "nfp2lasta[%u] is not the last usable arena with %u free pools", k, k);
}

/* ====================================================================== */
/* The heap                                                                */
/* ====================================================================== */

size_t rg_heap_check(rg_heap *heap, FILE *report)
{
    checker c = {report, 0};
    size_t used_per_class[RG_NUM_SIZE_CLASSES] = {0};
    rg_heap_settle(heap);

    size_t narenas = 0;
    for (uint32_t i = 0; i < heap->nslots; i++) {
        const rg_arena *arena = heap->slots[i].arena;
        if (arena == NULL) continue;
        narenas++;
        if (mapped_arena((uintptr_t)arena) == NULL) {
            fail(&c, "slot %u: %p is not an arena in the map", i, (const void *)arena);
            continue;
        }
        check_arena(&c, heap, arena, i, used_per_class);
    }
    if (narenas != heap->narenas) fail(&c, "%zu arenas in slots, counter says %zu", narenas, heap->narenas);
    if (heap->narenas_highwater < heap->narenas || heap->narenas_total < heap->narenas)
        fail(&c, "arena counters inconsistent");

    size_t unused = 0;
    for (uint32_t s = heap->unused_slots; s != RG_NO_SLOT; s = heap->slots[s].next_unused) {
        if (s >= heap->nslots || heap->slots[s].arena != NULL || ++unused > heap->nslots) {
            fail(&c, "unused slot list is broken at slot %u", s);
            break;
        }
    }
    if (unused + narenas != heap->nslots)
        fail(&c, "%zu unused + %zu used slots != %u", unused, narenas, heap->nslots);

    check_usable(&c, heap);

    for (unsigned i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        const rg_pool_link *head = &heap->usedpools[i];
        size_t n = 0;
        const rg_pool_link *prev = head;
        const rg_pool_link *l;
        for (l = head->next; l != head; l = l->next) {
            const rg_pool *p = live_pool(heap, l);
            if (p == NULL) {
                fail(&c, "usedpools[%u]: link into memory that is not a live pool of this heap (%p)",
                     i, (const void *)l);
                break;
            }
            if (l->prev != prev) fail(&c, "usedpools[%u]: prev link broken", i);
            if (p->szidx != i || p->count == 0 || p->freeblock == NULL) {
                fail(&c, "usedpools[%u]: pool not used or of class %u", i, p->szidx);
                break;
            }
            if (++n > used_per_class[i]) break; /* longer than the heap holds */
            prev = l;
        }
        if (l == head && head->prev != prev) fail(&c, "usedpools[%u]: head's prev link broken", i);
        if (n != used_per_class[i])
            fail(&c, "usedpools[%u] lists %zu pools, %zu are used", i, n, used_per_class[i]);
    }

    size_t nreserve = 0;
    for (const rg_arena *a = heap->reserve; a != NULL; a = a->nextarena) {
        if (++nreserve > heap->nreserve) break;
        if (rg_map_lookup(a->address) != 0) fail(&c, "reserved arena still in the map");
    }
    if (nreserve != heap->nreserve) fail(&c, "reserve holds %zu arenas, counter says %zu", nreserve, heap->nreserve);
    if (heap->nreserve > heap->config.arena_reserve) fail(&c, "reserve over its limit");

    size_t nlarge = 0, bytes = 0, mapped = 0;
    const rg_large *prev = &heap->large;
    for (const rg_large *b = heap->large.next; b != &heap->large; b = b->next) {
        if (b->prev != prev || b->heap != heap || b->magic != RG_LARGE_MAGIC) {
            fail(&c, "large block %p: header broken", (const void *)(b + 1));
            break;
        }
        if ((b->mapped != 0) != (b->size >= heap->config.mmap_threshold))
            fail(&c, "large block %p: mapped %zu for %zu bytes", (const void *)(b + 1), b->mapped, b->size);
        nlarge++;
        bytes += b->size;
        mapped += b->mapped;
        prev = b;
    }
    if (nlarge != heap->large_blocks || bytes != heap->large_bytes || mapped != heap->large_mapped_bytes)
        fail(&c, "large counters: %zu blocks %zu bytes, lists %zu blocks %zu bytes",
             heap->large_blocks, heap->large_bytes, nlarge, bytes);

    for (size_t k = 0; k < heap->quarantine_len; k++) {
        const rg_quarantined *q = &heap->quarantine[(heap->quarantine_head + k) % heap->config.debug_quarantine];
        size_t first = 0;
        if (rg_debug_dead_check(q, &first) != 0)
            fail(&c, "quarantined block %p written after free at p%+ld",
                 (const void *)(q->base + RG_DEBUG_HEAD), (long)first - RG_DEBUG_HEAD);
    }
    if (heap->objects_check) c.errors += heap->objects_check(heap, report);
    return c.errors;
}
