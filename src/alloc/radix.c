/*
 * radix.c -- the process-wide arena map (see radix.h).
 */
#include "radix.h"

#include "../os/os.h"

rg_map_t rg_map;

static atomic_size_t leaf_count;

int rg_map_set(uintptr_t base, uintptr_t entry)
{
    if (base >> RG_MAP_ADDRESS_BITS) return -1;
    _Atomic uintptr_t *slot = &rg_map.root[base >> RG_MAP_ROOT_SHIFT];
    const uintptr_t empty = (uintptr_t)&rg_map.empty;
    uintptr_t offset = atomic_load_explicit(slot, memory_order_acquire);
    if (offset == 0) {
        if (entry == 0) return 0; /* nothing to clear */
        rg_map_leaf *fresh = rg_os_map(sizeof(rg_map_leaf));
        if (fresh == NULL) return -1;
        uintptr_t expected = 0;
        if (atomic_compare_exchange_strong_explicit(slot, &expected, (uintptr_t)fresh - empty,
                                                    memory_order_acq_rel,
                                                    memory_order_acquire)) {
            offset = (uintptr_t)fresh - empty;
            atomic_fetch_add_explicit(&leaf_count, 1, memory_order_relaxed);
        } else {
            /* Another thread's heap created it first. */
            rg_os_unmap(fresh, sizeof(rg_map_leaf));
            offset = expected;
        }
    }
    rg_map_leaf *leaf = (rg_map_leaf *)(empty + offset);
    atomic_store_explicit(
        &leaf->entry[(base >> RG_MAP_LEAF_SHIFT) & ((1u << RG_MAP_LEAF_BITS) - 1)],
        entry, memory_order_release);
    return 0;
}

size_t rg_map_leaf_count(void)
{
    return atomic_load_explicit(&leaf_count, memory_order_relaxed);
}
