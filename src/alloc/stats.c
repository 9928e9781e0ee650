/*
 * stats.c -- counting a heap: rg_heap_stats and rg_heap_dump.
 *
 * Owns: the census of arenas, pools and blocks, and its printing in the
 * format of CPython 3.11's sys._debugmallocstats() (obmalloc's
 * _PyObject_DebugMallocStats): label padded to column 35, '=', the value
 * right-aligned in 21 columns with thousands separators.
 *
 * Must not: change the heap.
 */
#include <errno.h>
#include <stdio.h>

#include "alloc.h"
#include "../os/os.h"

/* ====================================================================== */
/* Census                                                                  */
/* ====================================================================== */

/* Bytes of the OS pages of arena (first `carved` pools) that hold part of
 * a live block: what rg_trim must leave resident. */
static size_t arena_live_page_bytes(const rg_arena *arena, size_t carved)
{
    const size_t page = rg_os_page_size();
    const size_t units_per_page = page >= RG_UNIT_SIZE ? page / RG_UNIT_SIZE : 1;
    const size_t unit_bytes = page >= RG_UNIT_SIZE ? page : RG_UNIT_SIZE;
    size_t bytes = 0, units_seen = 0;
    int page_live = 0;
    for (size_t i = 0; i < carved; i++) {
        unsigned live = rg_pool_live_units(&arena->pools[i]);
        for (unsigned u = 0; u < RG_UNITS_PER_POOL; u++) {
            page_live |= (live >> u) & 1;
            if (++units_seen == units_per_page) {
                if (page_live) bytes += unit_bytes;
                units_seen = 0;
                page_live = 0;
            }
        }
    }
    if (units_seen != 0 && page_live) bytes += unit_bytes;
    return bytes;
}

int rg_heap_stats(rg_heap *heap, rg_stats *s)
{
    rg_heap_settle(heap);
    memset(s, 0, sizeof *s);
    s->arenas = heap->narenas;
    s->arenas_allocated_total = heap->narenas_total;
    s->arenas_reclaimed = heap->narenas_total - heap->narenas;
    s->arenas_highwater = heap->narenas_highwater;
    s->arenas_reserved = heap->nreserve;

    for (uint32_t i = 0; i < heap->nslots; i++) {
        rg_arena *arena = heap->slots[i].arena;
        if (arena == NULL) continue;
        size_t carved = (size_t)(arena->pool_address - (uint8_t *)arena->address) >> RG_POOL_BITS;
        s->pools_unused += RG_POOLS_PER_ARENA - carved;
        for (size_t k = 0; k < carved; k++) {
            const rg_pool *pool = &arena->pools[k];
            if (pool->count == 0) {
                s->pools_empty++;
                continue;
            }
            rg_class_stats *c = &s->classes[pool->szidx];
            c->pools++;
            c->blocks_in_use += pool->count;
            c->blocks_available += RG_NUMBLOCKS(pool->szidx) - pool->count;
            if (pool->freeblock == NULL) s->pools_full++;
            else s->pools_used++;
        }
        s->bytes_mapped += rg_arena_map_size(arena);
        s->bytes_resident += rg_os_resident((char *)arena->address - arena->map_prefix,
                                            rg_arena_map_size(arena), NULL);
        s->bytes_live_pages += arena_live_page_bytes(arena, carved);
    }
    for (rg_arena *arena = heap->reserve; arena; arena = arena->nextarena) {
        s->bytes_mapped += rg_arena_map_size(arena);
        s->bytes_resident += rg_os_resident((char *)arena->address - arena->map_prefix,
                                            rg_arena_map_size(arena), NULL);
    }
    for (unsigned i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        s->small_blocks += s->classes[i].blocks_in_use;
        s->small_bytes += s->classes[i].blocks_in_use * RG_CLASS_SIZE(i);
    }
    for (rg_large *b = heap->large.next; b != &heap->large; b = b->next) {
        if (b->mapped) {
            s->bytes_mapped += b->mapped;
            s->bytes_resident += rg_os_resident(b, b->mapped, NULL);
            s->bytes_live_pages += b->mapped;
        } else {
            s->bytes_resident += sizeof(rg_large) + b->size;
            s->bytes_live_pages += sizeof(rg_large) + b->size;
        }
    }
    s->large_blocks = heap->large_blocks;
    s->large_bytes = heap->large_bytes;
    s->allocated_blocks = s->small_blocks + s->large_blocks;
    s->bytes_in_use = s->small_bytes + s->large_bytes;
    s->bytes_trimmed = heap->bytes_trimmed;
    return 0;
}

/* ====================================================================== */
/* Finding a block from any address                                        */
/* ====================================================================== */

/* 1 when base (the underlying block: before a debug head) starts a carved
 * block of a pool in use in one of heap's arenas. */
static int is_small_block_of(rg_heap *heap, uintptr_t base)
{
    uintptr_t entry = rg_map_lookup(base);
    if (entry == 0) return 0;
    const rg_arena *arena = RG_MAP_ARENA(entry);
    if (arena->heap != heap || base < arena->address || base - arena->address >= RG_ARENA_SIZE)
        return 0;
    size_t k = (base - arena->address) >> RG_POOL_BITS;
    size_t carved = (size_t)(arena->pool_address - (uint8_t *)arena->address) >> RG_POOL_BITS;
    if (k >= carved) return 0;
    const rg_pool *pool = &arena->pools[k];
    if (pool->count == 0) return 0;
    uint32_t size = RG_CLASS_SIZE(pool->szidx);
    uint32_t offset = (uint32_t)(base & RG_POOL_MASK);
    return offset >= RG_POOL_OVERHEAD && (offset - RG_POOL_OVERHEAD) % size == 0 &&
           offset < RG_POOL_OVERHEAD + RG_NUMBLOCKS(pool->szidx) * size;
}

int rg_heap_find_block(rg_heap *heap, const void *p, rg_block_info *info)
{
    if (heap == NULL || p == NULL || info == NULL) {
        errno = EINVAL;
        return -1;
    }
    uintptr_t base = (uintptr_t)p - (heap->debug ? RG_DEBUG_HEAD : 0);
    int found = rg_map_lookup((uintptr_t)p) != 0 ? is_small_block_of(heap, base) : 0;
    for (const rg_large *b = heap->large.next; !found && b != &heap->large; b = b->next)
        found = (uintptr_t)(b + 1) == base;
    /* A debug heap still holds the blocks in its quarantine: freed. */
    for (size_t k = 0; found && heap->debug && k < heap->quarantine_len; k++) {
        size_t at = (heap->quarantine_head + k) % heap->config.debug_quarantine;
        found = (uintptr_t)heap->quarantine[at].base != base;
    }
    if (!found) {
        errno = ENOENT;
        return -1;
    }
    return rg_block_info_of(p, info);
}

/* One row of the field table. */
#define RG_STATS_FIELD(name) {#name, offsetof(rg_stats, name)}

const rg_stats_field *rg_stats_fields(size_t *count)
{
    static const rg_stats_field fields[] = {
        RG_STATS_FIELD(arenas),         RG_STATS_FIELD(arenas_allocated_total),
        RG_STATS_FIELD(arenas_reclaimed), RG_STATS_FIELD(arenas_highwater),
        RG_STATS_FIELD(arenas_reserved), RG_STATS_FIELD(pools_used),
        RG_STATS_FIELD(pools_full),     RG_STATS_FIELD(pools_empty),
        RG_STATS_FIELD(pools_unused),   RG_STATS_FIELD(small_blocks),
        RG_STATS_FIELD(small_bytes),    RG_STATS_FIELD(large_blocks),
        RG_STATS_FIELD(large_bytes),    RG_STATS_FIELD(allocated_blocks),
        RG_STATS_FIELD(bytes_in_use),   RG_STATS_FIELD(bytes_mapped),
        RG_STATS_FIELD(bytes_resident), RG_STATS_FIELD(bytes_trimmed),
        RG_STATS_FIELD(bytes_live_pages),
    };
    if (count != NULL) *count = sizeof fields / sizeof fields[0];
    return fields;
}

/* ====================================================================== */
/* The report                                                              */
/* ====================================================================== */

/* One "label = value" line (obmalloc's printone); returns value. */
static size_t print_line(FILE *out, const char *label, size_t value)
{
    size_t original = value;
    char digits[32];
    char field[32];
    int n = 0, k = 0;
    do {
        if (k == 3) {
            digits[n++] = ',';
            k = 0;
        }
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
        k++;
    } while (value != 0);
    for (int i = 0; i < n; i++) field[i] = digits[n - 1 - i];
    field[n] = '\0';
    fprintf(out, "%-35s=%21s\n", label, field);
    return original;
}

void rg_heap_dump(rg_heap *heap, FILE *out)
{
    rg_stats s;
    rg_heap_stats(heap, &s);
    char label[96];

    fprintf(out, "Small block threshold = %d, in %u size classes.\n",
            RG_SMALL_REQUEST_THRESHOLD, RG_NUM_SIZE_CLASSES);
    fputs("\nclass   size   num pools   blocks in use  avail blocks\n"
          "-----   ----   ---------   -------------  ------------\n", out);
    size_t allocated = 0, available = 0, headers = 0, quantization = 0;
    for (unsigned i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        const rg_class_stats *c = &s.classes[i];
        if (c->pools == 0) continue;
        uint32_t size = RG_CLASS_SIZE(i);
        fprintf(out, "%5u %6u %11zu %15zu %13zu\n", i, size, c->pools, c->blocks_in_use,
                c->blocks_available);
        allocated += c->blocks_in_use * size;
        available += c->blocks_available * size;
        headers += c->pools * RG_POOL_OVERHEAD;
        quantization += c->pools * ((RG_POOL_SIZE - RG_POOL_OVERHEAD) % size);
    }
    fputc('\n', out);
    print_line(out, "# arenas allocated total", s.arenas_allocated_total);
    print_line(out, "# arenas reclaimed", s.arenas_reclaimed);
    print_line(out, "# arenas highwater mark", s.arenas_highwater);
    print_line(out, "# arenas allocated current", s.arenas);
    snprintf(label, sizeof label, "%zu arenas * %d bytes/arena", s.arenas, RG_ARENA_SIZE);
    print_line(out, label, s.arenas * RG_ARENA_SIZE);
    fputc('\n', out);

    size_t unused_pools = s.pools_empty + s.pools_unused;
    size_t total = print_line(out, "# bytes in allocated blocks", allocated);
    total += print_line(out, "# bytes in available blocks", available);
    snprintf(label, sizeof label, "%zu unused pools * %d bytes", unused_pools, RG_POOL_SIZE);
    total += print_line(out, label, unused_pools * RG_POOL_SIZE);
    total += print_line(out, "# bytes lost to pool headers", headers);
    total += print_line(out, "# bytes lost to quantization", quantization);
    total += print_line(out, "# bytes lost to arena alignment", 0);
    print_line(out, "Total", total);

    /* refgc's arena map has a root and leaves (CPython: root, mid, bot). */
    size_t leaves = rg_map_leaf_count();
    fputs("\narena map counts\n", out);
    print_line(out, "# arena map leaf nodes", leaves);
    fputc('\n', out);
    total = print_line(out, "# bytes lost to arena map root", sizeof rg_map.root);
    total += print_line(out, "# bytes lost to arena map leaves", leaves * sizeof(rg_map_leaf));
    print_line(out, "Total", total);

    fputs("\nrefgc\n", out);
    print_line(out, "# arenas in reserve", s.arenas_reserved);
    print_line(out, "# bytes in arena headers", s.arenas * (size_t)RG_META_SIZE);
    print_line(out, "# large blocks", s.large_blocks);
    print_line(out, "# bytes in large blocks", s.large_bytes);
    print_line(out, "# bytes mapped", s.bytes_mapped);
    print_line(out, "# bytes resident", s.bytes_resident);
    print_line(out, "# bytes given back by trim", s.bytes_trimmed);
    print_line(out, "# bytes in pages holding live blocks", s.bytes_live_pages);
}
