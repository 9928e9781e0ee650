/*
 * radix.h -- the process-wide map from addresses to refgc arenas.
 *
 * CPython answers "is p one of pymalloc's blocks?" with a three-level radix
 * tree over 1 MiB "ideal arenas" (address_in_range).  refgc's arenas are
 * always 1 MiB aligned, so a two-level tree keyed by bits 20..47 of the
 * address gives the arena itself: a 16384-entry root (static, zero pages
 * until touched) and 16384-entry leaves mapped on first use and never freed.
 * A leaf entry holds the arena's header address, with RG_MAP_DEBUG (bit 63)
 * set for arenas of debug heaps and of heaps with an event sink installed
 * (rg_heap_map_tag: their frees must take the slow path), or 0; so "a small block of a normal heap"
 * is the single test (intptr_t)entry > 0.
 *
 * rg_free runs this lookup on every call, so it has no test but the final
 * one: a root entry is the offset of its leaf from rg_map.empty (an all-zero
 * leaf in BSS that is only ever read), so the zero-initialised root lands
 * there; root and empty leaf share one base address; and bits 48..63 of the
 * address are masked off, not checked (user addresses never have them, and
 * pointer tags such as arm64's top byte are ignored as the hardware does).
 *
 * Invariants: an entry is non-zero exactly while its arena is allocated to a
 * heap; leaves are only ever added.  Lookups are lock-free; registration of
 * different arenas may run in parallel (one leaf creation wins a CAS).
 * No arena is ever registered at or above 2^48.
 */
#ifndef RG_RADIX_H
#define RG_RADIX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define RG_MAP_LEAF_BITS 14
#define RG_MAP_ROOT_BITS 14
#define RG_MAP_LEAF_SHIFT 20 /* = arena bits */
#define RG_MAP_ROOT_SHIFT (RG_MAP_LEAF_SHIFT + RG_MAP_LEAF_BITS)
#define RG_MAP_ADDRESS_BITS (RG_MAP_ROOT_SHIFT + RG_MAP_ROOT_BITS) /* 48 */
#define RG_MAP_DEBUG ((uintptr_t)1 << 63)

typedef struct rg_map_leaf {
    _Atomic uintptr_t entry[1u << RG_MAP_LEAF_BITS];
} rg_map_leaf;

typedef struct rg_map_t {
    /* Offset of each leaf from `empty` (0: none yet). */
    _Atomic uintptr_t root[1u << RG_MAP_ROOT_BITS];
    rg_map_leaf empty;
} rg_map_t;

extern rg_map_t rg_map;

/* The entry for the arena containing address a, or 0. */
static inline uintptr_t rg_map_lookup(uintptr_t a)
{
    uintptr_t top = (a >> RG_MAP_ROOT_SHIFT) & ((1u << RG_MAP_ROOT_BITS) - 1);
    uintptr_t leaf = (uintptr_t)&rg_map.empty +
                     atomic_load_explicit(&rg_map.root[top], memory_order_relaxed);
    return atomic_load_explicit(
        &((rg_map_leaf *)leaf)->entry[(a >> RG_MAP_LEAF_SHIFT) & ((1u << RG_MAP_LEAF_BITS) - 1)],
        memory_order_relaxed);
}

/* The arena of a non-zero entry. */
#define RG_MAP_ARENA(entry) ((rg_arena *)((entry) & ~RG_MAP_DEBUG))

/* Set the entry of the 1 MiB-aligned arena at base (0 to clear).  Returns 0,
 * or -1 if a leaf was needed and could not be mapped. */
int rg_map_set(uintptr_t base, uintptr_t entry);

/* Leaves mapped so far (process-wide), for the stats report. */
size_t rg_map_leaf_count(void);

#endif /* RG_RADIX_H */
