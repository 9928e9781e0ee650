/*
 * malloc.c -- the public entry points: rg_malloc, rg_calloc, rg_realloc,
 * rg_free (and the rg_obj_ family), plus per-block introspection.
 *
 * Owns: dispatch.  A request of 1..512 bytes on a normal heap takes the
 * inline pool path (alloc.h); 0, larger sizes and every request of a debug
 * heap go to the slow path.  rg_free looks the address up in the arena map:
 * an arena entry without the debug tag is a small block of a normal heap;
 * anything else is sorted out by rg_free_slow.  While an event sink is
 * installed (src/events/) every request and every free takes the slow
 * paths, which call the event hooks.
 *
 * Must not: duplicate pool or arena logic (pool.c, arena.c own it).
 */
#include <errno.h>

#include "alloc.h"
#include "../events/events.h"
#include "../os/os.h"
#include "../os/valgrind.h"

#define API_MEM RG_API_MEM
#define API_OBJ RG_API_OBJ

/* ====================================================================== */
/* Ownership                                                               */
/* ====================================================================== */

/* The large header of a non-arena block: p itself for a normal heap, or the
 * underlying block of a debug block.  *debug tells which.  Fatal when p is
 * neither (a foreign pointer, a freed large block, or a corrupted header). */
static rg_large *large_header(const void *p, int *debug, const char *func)
{
    uintptr_t a = (uintptr_t)p;
    size_t page = rg_os_page_size();
    if ((a & (page - 1)) < RG_DEBUG_HEAD + sizeof(uint64_t) &&
        (a < page || !rg_os_is_mapped((const void *)((a & ~(uintptr_t)(page - 1)) - page), page)))
        rg_fatal(func, "p=%p was not allocated by refgc (or its header is corrupted)", p);
    const uint64_t *word = p;
    if (word[-1] == RG_LARGE_MAGIC) {
        *debug = 0;
        return rg_large_of(p);
    }
    const uint64_t *base = (const uint64_t *)((const uint8_t *)p - RG_DEBUG_HEAD);
    if (base[-1] == RG_LARGE_MAGIC && rg_large_of(base)->heap->debug) {
        *debug = 1;
        return rg_large_of(base);
    }
    if (word[-1] == RG_LARGE_FREED || base[-1] == RG_LARGE_FREED)
        rg_fatal(func, "double free of large block p=%p (its header is marked freed)", p);
    rg_fatal(func, "p=%p was not allocated by refgc (or its header is corrupted)", p);
}

rg_heap *rg_owner(const void *p, int *is_small)
{
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if (entry != 0) {
        *is_small = 1;
        return (RG_MAP_ARENA(entry))->heap;
    }
    int debug;
    *is_small = 0;
    return large_header(p, &debug, "rg_heap_of")->heap;
}

/* ====================================================================== */
/* Small blocks on the slow paths, memcheck told (valgrind.h)              */
/* ====================================================================== */

/* rg_small_alloc with the link word of the block it hands out opened for
 * its read; the block becomes a chunk of its whole class, undefined. */
static void *small_alloc_tracked(rg_heap *heap, size_t nbytes)
{
    uint32_t szidx = (uint32_t)(nbytes - 1) >> RG_ALIGNMENT_SHIFT;
    if (RG_VG_ACTIVE) {
        rg_pool_link *head = &heap->usedpools[szidx];
        if (head->next != head) RG_VG_DEFINED(RG_POOL(head->next)->freeblock, sizeof(void *));
    }
    void *p = rg_small_alloc(heap, nbytes);
    if (p != NULL) RG_VG_MALLOCLIKE(heap, p, RG_CLASS_SIZE(szidx), 0);
    return p;
}

/* rg_small_free, then the block is no chunk (NOACCESS).  A double free is
 * memcheck's "invalid write" of the link into the freed block. */
static void small_free_tracked(rg_arena *arena, void *p)
{
    rg_heap *heap = arena->heap; /* the free may give the arena back */
    rg_small_free(arena, p);
    RG_VG_FREELIKE(heap, p);
}

/* ====================================================================== */
/* Allocation                                                              */
/* ====================================================================== */

void *rg_raw_alloc(rg_heap *heap, size_t nbytes, int zero)
{
    if (nbytes - 1 < RG_SMALL_REQUEST_THRESHOLD) {
        void *p = small_alloc_tracked(heap, nbytes);
        if (p != NULL && zero) memset(p, 0, nbytes);
        return p;
    }
    return rg_large_alloc(heap, nbytes, zero);
}

void rg_raw_free(void *p)
{
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if (entry != 0) small_free_tracked(RG_MAP_ARENA(entry), p);
    else rg_large_free(rg_large_of(p));
}

/* Everything but the inline small path. */
static void *alloc_any(rg_heap *heap, char api, size_t nbytes, int zero)
{
    if (heap->debug) return rg_debug_alloc(heap, api, nbytes, zero);
    if (nbytes > (size_t)PTRDIFF_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    return rg_raw_alloc(heap, nbytes, zero);
}

/* The slow path, which every request takes while a sink is installed. */
void *rg_alloc_slow(rg_heap *heap, char api, size_t nbytes, int zero)
{
    void *p = alloc_any(heap, api, nbytes, zero);
    if (RG_UNLIKELY(heap->events != NULL) && p != NULL) rg_ev_block_alloc(heap, p);
    return p;
}

void *rg_malloc(rg_heap *heap, size_t size) { return rg_alloc_inline(heap, API_MEM, size); }

void *rg_obj_malloc(rg_heap *heap, size_t size) { return rg_alloc_inline(heap, API_OBJ, size); }

/* calloc for either family. */
static void *calloc_impl(rg_heap *heap, char api, size_t count, size_t size)
{
    size_t nbytes;
    if (RG_FAULT(RG_FAULT_ALLOC)) return NULL; /* failure injection (os.h) */
    if (__builtin_mul_overflow(count, size, &nbytes)) {
        errno = ENOMEM;
        return NULL;
    }
    if (RG_LIKELY(nbytes - 1 < heap->fast_limit)) {
        void *p = rg_small_alloc(heap, nbytes);
        if (p != NULL) memset(p, 0, nbytes);
        return p;
    }
    return rg_alloc_slow(heap, api, nbytes, 1);
}

void *rg_calloc(rg_heap *heap, size_t count, size_t size)
{
    return calloc_impl(heap, API_MEM, count, size);
}

void *rg_obj_calloc(rg_heap *heap, size_t count, size_t size)
{
    return calloc_impl(heap, API_OBJ, count, size);
}

/* ====================================================================== */
/* Free                                                                    */
/* ====================================================================== */

/* Everything but a small block of a normal heap. */
void rg_free_slow(void *p, uintptr_t entry, char api, const char *func)
{
    if (p == NULL) return;
    if (entry != 0) {
        /* A debug heap's block, a block of a heap made under valgrind, or
         * any while a sink is installed. */
        rg_arena *arena = RG_MAP_ARENA(entry);
        rg_heap *heap = arena->heap;
        if (RG_UNLIKELY(heap->events != NULL)) rg_ev_block_free(heap, p);
        if (heap->debug) rg_debug_free(heap, api, p, func);
        else small_free_tracked(arena, p);
        return;
    }
    int debug;
    rg_large *b = large_header(p, &debug, func);
    if (RG_UNLIKELY(b->heap->events != NULL)) rg_ev_block_free(b->heap, p);
    if (debug) rg_debug_free(b->heap, api, p, func);
    else if (b->heap->debug)
        rg_fatal(func, "p=%p is not a block handed out by a debug heap", p);
    else rg_large_free(b);
}

void rg_free(void *p) { rg_free_inline(p, API_MEM, "rg_free"); }

void rg_obj_free(void *p) { rg_free_inline(p, API_OBJ, "rg_obj_free"); }

/* ====================================================================== */
/* Realloc                                                                 */
/* ====================================================================== */

/* pymalloc_realloc: keep small block p of arena when the size stays
 * within its class and shrinks by less than a quarter, else move it. */
static void *small_realloc(rg_arena *arena, void *p, size_t nbytes)
{
    size_t size = RG_CLASS_SIZE(rg_pool_of(arena, p)->szidx);
    if (nbytes <= size) {
        if (4 * nbytes > 3 * size) return p;
        size = nbytes;
    }
    void *q = rg_malloc(arena->heap, nbytes);
    if (q != NULL) {
        memcpy(q, p, size);
        small_free_tracked(arena, p);
    }
    return q;
}

static void *realloc_impl(rg_heap *heap, char api, void *p, size_t nbytes)
{
    if (p == NULL) return api == API_OBJ ? rg_obj_malloc(heap, nbytes) : rg_malloc(heap, nbytes);
    if (RG_FAULT(RG_FAULT_ALLOC)) return NULL; /* failure injection (os.h) */
    if (nbytes > (size_t)PTRDIFF_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    const char *func = api == API_OBJ ? "rg_obj_realloc" : "rg_realloc";
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if ((intptr_t)entry > 0) return small_realloc((rg_arena *)entry, p, nbytes);
    if (entry != 0) {
        rg_arena *arena = RG_MAP_ARENA(entry);
        if (RG_UNLIKELY(arena->heap->events != NULL)) return rg_ev_realloc(arena->heap, api, p, nbytes);
        if (arena->heap->debug) return rg_debug_realloc(arena->heap, api, p, nbytes);
        return small_realloc(arena, p, nbytes); /* a heap made under valgrind */
    }
    int debug;
    rg_large *b = large_header(p, &debug, func);
    if (RG_UNLIKELY(b->heap->events != NULL)) return rg_ev_realloc(b->heap, api, p, nbytes);
    if (debug) return rg_debug_realloc(b->heap, api, p, nbytes);
    /* A block CPython gave to malloc stays there whatever its new size. */
    return rg_large_realloc(b, nbytes);
}

void *rg_realloc(rg_heap *heap, void *p, size_t size)
{
    return realloc_impl(heap, API_MEM, p, size);
}

void *rg_obj_realloc(rg_heap *heap, void *p, size_t size)
{
    return realloc_impl(heap, API_OBJ, p, size);
}

/* ====================================================================== */
/* Introspection                                                           */
/* ====================================================================== */

rg_heap *rg_heap_of(const void *p)
{
    if (p == NULL) return NULL;
    int is_small;
    return rg_owner(p, &is_small);
}

int rg_block_info_of(const void *p, rg_block_info *info)
{
    if (p == NULL || info == NULL) {
        errno = EINVAL;
        return -1;
    }
    memset(info, 0, sizeof *info);
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if (entry != 0) {
        rg_arena *arena = RG_MAP_ARENA(entry);
        rg_pool *pool = rg_pool_of(arena, p);
        uint32_t size = RG_CLASS_SIZE(pool->szidx);
        uintptr_t offset = ((uintptr_t)p & RG_POOL_MASK);
        info->heap = arena->heap;
        info->kind = RG_BLOCK_SMALL;
        info->size = arena->heap->debug ? rg_debug_size(p) : size;
        info->size_class = pool->szidx;
        info->arena_index = arena->index;
        info->pool_index = rg_pool_index(pool);
        info->block_index = (uint32_t)((offset - RG_POOL_OVERHEAD) / size);
        info->arena_address = arena->address;
        info->pool_address = (uintptr_t)rg_pool_base(pool);
        return 0;
    }
    int debug;
    rg_large *b = large_header(p, &debug, "rg_block_info_of");
    info->heap = b->heap;
    info->kind = b->mapped ? RG_BLOCK_MAPPED : RG_BLOCK_LARGE;
    info->size = debug ? rg_debug_size(p) : b->size;
    return 0;
}

size_t rg_usable_size(const void *p)
{
    rg_block_info info;
    if (rg_block_info_of(p, &info) != 0) return 0;
    return info.size;
}
