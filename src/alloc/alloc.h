/*
 * alloc.h -- the allocator's internal structures, shared by src/alloc/.
 *
 * Layout (CPython 3.11 obmalloc, 64-bit):
 *
 *   heap --usedpools[32]--> pools of one size class with free blocks
 *        --usable_arenas--> arenas with free pools, fewest free pools first
 *        --slots[]--------> every arena by index (CPython's `arenas` vector)
 *
 *   one arena mapping:  [ 64 KiB: rg_arena (8 KiB) at a colour offset | 64 pools x 16 KiB ]
 *                                                                        ^ address (1 MiB aligned)
 *
 *   pool:  [ 48 bytes, unused | block 0 | block 1 | ... ]   blocks at 48 + k*size
 *
 * The difference from CPython: a pool's header (rg_pool, the same fields as
 * CPython's pool_header, on a 64-byte stride) lives in the second page of the
 * arena's header, not in the first 48 bytes of the pool.  Blocks sit at
 * exactly the offsets CPython uses, but the metadata of all 64 pools is one
 * dense page, a block's header is a shift and a mask away, and a pool's
 * first OS page can be given back by rg_trim when it holds no live block.
 * Arenas are 1 MiB aligned, so every arena has 64 pools (CPython gets 63
 * when mmap returns an address that is not 16 KiB aligned).
 *
 * Invariants (checked by rg_heap_check, see check.c):
 *  - a carved pool is used (on usedpools[szidx], 0 < count < capacity,
 *    freeblock != NULL), full (on no list, freeblock == NULL, nothing parked,
 *    nothing left to carve) or empty (count == 0, on its arena's freepools);
 *  - usable_arenas is sorted by ascending nfreepools; nfp2lasta[k] is its
 *    last arena with nfreepools == k;
 *  - nfreepools == empty pools + never-carved pools;
 *  - a parked unit (4 KiB quarter of a pool released by rg_trim) holds no
 *    live block, and the free blocks starting in it are on no free list;
 *  - outside the fast paths, after rg_heap_settle: no empty pool is on a
 *    used list (heap->pending_empty is the one exception before it).
 */
#ifndef RG_ALLOC_H
#define RG_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "refgc.h"
#include "radix.h"
#include "../os/os.h"

#if UINTPTR_MAX != 0xffffffffffffffffu
#error "refgc needs a 64-bit platform"
#endif

/* ====================================================================== */
/* Conventions                                                             */
/* ====================================================================== */

/* RG_ASSERT, RG_LIKELY, RG_UNLIKELY */
#include "../os/assert.h"

/* ====================================================================== */
/* Geometry                                                                */
/* ====================================================================== */

#define RG_ALIGNMENT_SHIFT 4
#define RG_POOL_BITS 14
#define RG_ARENA_BITS 20
#define RG_POOL_MASK ((uintptr_t)RG_POOL_SIZE - 1)
#define RG_ARENA_MASK ((uintptr_t)RG_ARENA_SIZE - 1)
#define RG_META_SIZE 8192           /* the rg_arena header below an arena */
/* The header sits in a 64 KiB region below the arena, at one of 15 page
 * offsets ("colours") taken in turn: 1 MiB-aligned arenas would otherwise put
 * every arena's pool-i header in the same L2 cache set. */
#define RG_META_REGION 65536
#define RG_META_COLOURS ((RG_META_REGION - RG_META_SIZE) / 4096 + 1)
#define RG_UNIT_SIZE 4096           /* trim's bookkeeping granularity      */
#define RG_UNITS_PER_POOL (RG_POOL_SIZE / RG_UNIT_SIZE)
#define RG_UNITS_PER_ARENA (RG_ARENA_SIZE / RG_UNIT_SIZE)
#define RG_DUMMY_SIZE_IDX 0xffffu   /* szidx of a pool never initialised   */
#define RG_MAX_BLOCKS_PER_POOL ((RG_POOL_SIZE - RG_POOL_OVERHEAD) / 16)

#define RG_CLASS_SIZE(i) (((uint32_t)(i) + 1u) << RG_ALIGNMENT_SHIFT)
#define RG_NUMBLOCKS(i) ((RG_POOL_SIZE - RG_POOL_OVERHEAD) / RG_CLASS_SIZE(i))

/* ====================================================================== */
/* Structures                                                              */
/* ====================================================================== */

/* The links of a pool on a usedpools list, whose head (one per size class,
 * in the heap) is a bare link.  A pool's link is its first member, so a
 * link that is not the head converts back to its pool (RG_POOL). */
typedef struct rg_pool_link {
    struct rg_pool_link *next, *prev;
} rg_pool_link;

/* CPython's pool_header, kept out of line (see above): its 48 bytes of
 * fields, padded to a cache line so that finding a block's pool header is
 * a shift and a mask. */
typedef struct rg_pool {
    _Alignas(64) rg_pool_link link; /* usedpools list; freepools via link.next */
    uint8_t *freeblock;         /* free list head; NULL iff the pool is full */
    uint32_t count;             /* blocks allocated (CPython's ref.count)  */
    uint32_t parked;            /* bit u: unit u released by trim, its free
                                   blocks off the free list                 */
    uint32_t szidx;             /* size class, or RG_DUMMY_SIZE_IDX         */
    uint32_t arenaindex;
    uint32_t nextoffset;        /* offset of the next never-used block      */
    uint32_t maxnextoffset;     /* largest valid nextoffset; RG_PARKED_LIMIT
                                   while units are parked, so that the inline
                                   "full?" test sends such pools to refill   */
} rg_pool;

#define RG_PARKED_LIMIT UINT32_MAX
#define RG_POOL(l) ((rg_pool *)(l))

/* One arena's header: CPython's arena_object, then (in the second page)
 * the 64 pool headers.  Lives in the 8 KiB just below the arena's memory. */
typedef struct rg_arena {
    rg_heap *heap;
    uintptr_t address;          /* the 1 MiB aligned arena memory            */
    uint8_t *pool_address;      /* next never-carved pool                    */
    rg_pool *freepools;         /* empty pools, linked through link.next     */
    struct rg_arena *nextarena; /* usable_arenas, or the heap's reserve      */
    struct rg_arena *prevarena;
    uint32_t index;             /* slot in the heap's table (arenaindex)     */
    uint32_t nfreepools;        /* empty + never-carved pools                */
    uint32_t ntotalpools;       /* 64                                        */
    uint32_t map_prefix;        /* bytes mapped below address                */
    _Alignas(4096) rg_pool pools[RG_POOLS_PER_ARENA];
} rg_arena;

_Static_assert(sizeof(rg_pool) == 64, "one pool header per cache line");
_Static_assert(offsetof(rg_arena, pools) == 4096, "pool headers fill the second page");
_Static_assert(sizeof(rg_arena) == RG_META_SIZE, "the arena header is two pages");

/* A block over the small threshold: this header, then the data. */
typedef struct rg_large {
    struct rg_large *prev, *next; /* the heap's list of large blocks        */
    rg_heap *heap;
    size_t size;                /* requested bytes                           */
    size_t mapped;              /* bytes mapped from the OS, 0 if malloc'd   */
    uint64_t magic;             /* RG_LARGE_MAGIC, the word just before data */
} rg_large;

#define RG_LARGE_MAGIC UINT64_C(0x52474c4152474521) /* not a debug pad word */
#define RG_LARGE_FREED UINT64_C(0x52474c4652454544)

/* One entry of the arena table: CPython's arena_object slot. */
typedef struct rg_arena_slot {
    rg_arena *arena;            /* NULL: slot unused                          */
    uint32_t next_unused;       /* unused-slot list (LIFO), RG_NO_SLOT ends it */
} rg_arena_slot;

#define RG_NO_SLOT UINT32_MAX

/* Debug mode: a freed block held back before its memory is reused. */
typedef struct rg_quarantined {
    uint8_t *base;              /* start of the debug block (data - 16)      */
    size_t size;                /* originally requested bytes                */
    char api;
} rg_quarantined;

struct rg_heap {
    /* Requests of 1..fast_limit bytes take the inline small path: 512, or 0
     * in debug mode (every request then goes through the debug layer). */
    size_t fast_limit;
    /* Per size class, the head of a circular list of used pools; the first
     * pool after it serves the next request (CPython's usedpools). */
    rg_pool_link usedpools[RG_NUM_SIZE_CLASSES];

    rg_arena *usable_arenas;
    rg_arena *nfp2lasta[RG_POOLS_PER_ARENA + 1];

    rg_arena_slot *slots;       /* CPython's `arenas` vector                  */
    uint32_t nslots;
    uint32_t unused_slots;      /* head of the unused-slot list               */
    size_t narenas;             /* narenas_currently_allocated                */
    size_t narenas_total;       /* ntimes_arena_allocated                     */
    size_t narenas_highwater;

    rg_arena *reserve;          /* wholly free arenas kept mapped             */
    size_t nreserve;

    /* A pool emptied by a free while CPython would hand it straight back to
     * the next request of its class: it stays on its used list with count
     * 0 until that request (nothing to do) or any slow path (which moves it
     * to its arena first: rg_heap_settle).  Saves the round trip through
     * freepools in alloc/free loops; placement is unchanged (pool.c). */
    rg_pool *pending_empty;

    rg_large large;             /* sentinel of the large-block list           */
    size_t large_blocks;
    size_t large_bytes;
    size_t large_mapped_bytes;

    size_t bytes_trimmed;
    size_t limit;               /* rg_heap_set_limit; 0: none                 */
    rg_heap_config config;
    int debug;
    /* Made under valgrind (src/os/valgrind.h): like a debug heap, it takes
     * only the slow paths (fast_limit 0, tagged map entries), where memcheck
     * is told about every block. */
    int valgrind;

    rg_quarantined *quarantine; /* ring buffer, config.debug_quarantine long  */
    size_t quarantine_head;
    size_t quarantine_len;

    /* The object layer's state (src/object/), made by the first rg_new,
     * and how the heap's own operations reach it without depending on it. */
    void *objects;
    void (*objects_destroy)(rg_heap *heap);
    size_t (*objects_check)(rg_heap *heap, FILE *report);

    /* The events layer (src/events/): NULL unless a sink is installed.
     * While one is, fast_limit is 0 and the map entries of the heap's
     * arenas carry RG_MAP_DEBUG, so that every allocation and free takes a
     * slow path, where the hooks are. */
    struct rg_events *events;
    size_t saved_fast_limit;
};

/* The tag of the heap's arena map entries: RG_MAP_DEBUG for debug heaps,
 * heaps made under valgrind, and while a sink is installed (every free then
 * takes rg_free_slow). */
static inline uintptr_t rg_heap_map_tag(const rg_heap *heap)
{
    return (heap->debug || heap->valgrind || heap->events != NULL) ? RG_MAP_DEBUG : 0;
}

/* ====================================================================== */
/* Address arithmetic                                                      */
/* ====================================================================== */

/* The arena a pool header belongs to: the pool table is the second page
 * of the (page-aligned) arena header. */
/* Would n more bytes take the heap past its limit (arenas in use at 1 MiB
 * each plus large blocks)? */
static inline int rg_heap_over_limit(const rg_heap *heap, size_t n)
{
    if (RG_LIKELY(heap->limit == 0)) return 0;
    size_t used = heap->narenas * (size_t)RG_ARENA_SIZE + heap->large_bytes;
    return n > heap->limit || used > heap->limit - n;
}

static inline rg_arena *rg_pool_arena(const rg_pool *pool)
{
    return (rg_arena *)(((uintptr_t)pool & ~(uintptr_t)4095) - offsetof(rg_arena, pools));
}

/* Index of a pool within its arena. */
static inline uint32_t rg_pool_index(const rg_pool *pool)
{
    return (uint32_t)(pool - rg_pool_arena(pool)->pools);
}

/* The memory of a pool. */
static inline uint8_t *rg_pool_base(const rg_pool *pool)
{
    rg_arena *arena = rg_pool_arena(pool);
    return (uint8_t *)arena->address + ((size_t)(pool - arena->pools) << RG_POOL_BITS);
}

/* The header of the pool holding address p of arena: pool index (bits
 * 14..19 of p) times 64, as one shift and one mask. */
static inline rg_pool *rg_pool_of(rg_arena *arena, const void *p)
{
    _Static_assert(sizeof(rg_pool) == 1u << (RG_POOL_BITS - 8), "shift below");
    uintptr_t offset = ((uintptr_t)p >> 8) & ((RG_POOLS_PER_ARENA - 1) * sizeof(rg_pool));
    return (rg_pool *)((char *)arena->pools + offset);
}

/* ====================================================================== */
/* Small blocks (pool.c)                                                   */
/* ====================================================================== */

void *rg_pool_alloc_new(rg_heap *heap, uint32_t szidx);
/* The free list ran dry after handing out bp: refill it; returns bp. */
void *rg_pool_refill(rg_pool *pool, void *bp);
/* The last allocated block of pool was freed. */
void rg_pool_free_now_empty(rg_pool *pool);
/* Re-thread the free blocks of parked unit u onto the pool's free list. */
void rg_pool_unpark(rg_pool *pool, unsigned unit);
/* Finish a deferred pool-empty transition, if one is pending.  Every path
 * that touches arenas, and every heap-wide operation, calls this first. */
void rg_heap_settle(rg_heap *heap);

/* Bit u set: 4 KiB unit u of pool holds part of a live block (trim.c). */
unsigned rg_pool_live_units(const rg_pool *pool);

/* Remove pool from the used list it is on. */
static inline void rg_usedpool_unlink(rg_pool *pool)
{
    pool->link.prev->next = pool->link.next;
    pool->link.next->prev = pool->link.prev;
}

/* Link pool at the front of its size class's used list. */
static inline void rg_usedpool_push_front(rg_heap *heap, rg_pool *pool)
{
    rg_pool_link *head = &heap->usedpools[pool->szidx];
    rg_pool_link *next = head->next;
    pool->link.next = next;
    pool->link.prev = head;
    next->prev = &pool->link;
    head->next = &pool->link;
}

/* A block of 1..512 bytes, placed as CPython places it; NULL if no arena
 * could be mapped.  Under random churn most pools are full, so a pool
 * running dry and leaving its list is as common as not: that stays inline;
 * carving, parked units and fresh pools are tail calls. */
static inline void *rg_small_alloc(rg_heap *heap, size_t nbytes)
{
    uint32_t szidx = (uint32_t)(nbytes - 1) >> RG_ALIGNMENT_SHIFT;
    rg_pool_link *head = &heap->usedpools[szidx];
    rg_pool_link *first = head->next;
    if (RG_UNLIKELY(first == head)) return rg_pool_alloc_new(heap, szidx);
    rg_pool *pool = RG_POOL(first);
    uint8_t *bp = pool->freeblock;
    RG_ASSERT(bp != NULL);
    uint8_t *next = *(uint8_t **)bp;
    pool->count++;
    pool->freeblock = next;
    if (RG_UNLIKELY(next == NULL)) {
        if (RG_LIKELY(pool->nextoffset > pool->maxnextoffset)) {
            rg_usedpool_unlink(pool); /* full */
            return bp;
        }
        return rg_pool_refill(pool, bp);
    }
    return bp;
}

/* Free small block p of arena.  A free to a full pool (common under
 * churn) moves it to the front of its used list inline. */
static inline void rg_small_free(rg_arena *arena, void *p)
{
    rg_pool *pool = rg_pool_of(arena, p);
    uint8_t *last = pool->freeblock;
    RG_ASSERT(pool->count > 0);
    *(uint8_t **)p = last;
    pool->freeblock = (uint8_t *)p;
    if (RG_UNLIKELY(last == NULL)) {
        pool->count--;
        rg_usedpool_push_front(arena->heap, pool);
        return;
    }
    if (RG_UNLIKELY(--pool->count == 0)) rg_pool_free_now_empty(pool);
}

/* ====================================================================== */
/* The entry points' dispatch (malloc.c), inline for their callers         */
/* ====================================================================== */

/* The two API families the debug layer tells apart. */
#define RG_API_MEM 'm' /* rg_malloc & co.      */
#define RG_API_OBJ 'o' /* rg_obj_malloc & co.  */

/* Everything but the inline small path of an allocation (malloc.c). */
void *rg_alloc_slow(rg_heap *heap, char api, size_t nbytes, int zero);
/* Everything but the inline free of a small block of a normal heap. */
void rg_free_slow(void *p, uintptr_t entry, char api, const char *func);

/* rg_malloc / rg_obj_malloc (api), inline: malloc.c defines them with it,
 * and CPython's allocator glue (src/cpython/pymem.c) calls it directly,
 * which saves a call per block on the path every object takes. */
static inline void *rg_alloc_inline(rg_heap *heap, char api, size_t size)
{
    if (RG_FAULT(RG_FAULT_ALLOC)) return NULL; /* failure injection (os.h) */
    if (RG_LIKELY(size - 1 < heap->fast_limit)) return rg_small_alloc(heap, size);
    return rg_alloc_slow(heap, api, size, 0);
}

/* rg_free / rg_obj_free (api, func: the name errors report), inline as
 * rg_alloc_inline. */
static inline void rg_free_inline(void *p, char api, const char *func)
{
    uintptr_t entry = rg_map_lookup((uintptr_t)p);
    if (RG_LIKELY((intptr_t)entry > 0)) {
        rg_small_free((rg_arena *)entry, p);
        return;
    }
    rg_free_slow(p, entry, api, func);
}

/* ====================================================================== */
/* Arenas (arena.c)                                                        */
/* ====================================================================== */

/* A fresh arena on the head of usable_arenas; NULL on failure. */
rg_arena *rg_arena_new(rg_heap *heap);
/* Give a wholly free arena (already off usable_arenas) back: to the reserve
 * when it has room, else to the OS.  Its slot becomes unused. */
void rg_arena_release(rg_heap *heap, rg_arena *arena);
/* Unmap an arena's memory and header (arena must be off every list). */
void rg_arena_unmap(rg_arena *arena);
/* Bytes mapped below an arena for its header (RG_META_REGION, or a page if
 * pages are bigger). */
size_t rg_arena_prefix(void);
/* Bytes of an arena mapping (header page(s) + memory). */
size_t rg_arena_map_size(const rg_arena *arena);
/* An empty pool went back to its arena: CPython's insert_to_freepool. */
void rg_arena_pool_freed(rg_heap *heap, rg_pool *pool);
/* Unlink arena from usable_arenas (any position), fixing nfp2lasta. */
void rg_arena_unlink_usable(rg_heap *heap, rg_arena *arena);
/* Unmap a wholly free arena now, bypassing the reserve (off every list). */
void rg_arena_free_now(rg_heap *heap, rg_arena *arena);
/* Unmap the reserve; returns the resident bytes given back. */
size_t rg_arena_drop_reserve(rg_heap *heap);

/* ====================================================================== */
/* Large blocks (large.c)                                                  */
/* ====================================================================== */

void *rg_large_alloc(rg_heap *heap, size_t nbytes, int zero);
void rg_large_free(rg_large *block);
void *rg_large_realloc(rg_large *block, size_t nbytes);
void rg_large_free_all(rg_heap *heap);

static inline rg_large *rg_large_of(const void *data)
{
    return (rg_large *)((uintptr_t)data - sizeof(rg_large));
}

static inline void *rg_large_data(rg_large *block) { return block + 1; }

/* ====================================================================== */
/* Debug layer (debug.c)                                                   */
/* ====================================================================== */

#define RG_DEBUG_HEAD 16  /* size (big endian) + API id + 7 pad bytes */
#define RG_DEBUG_TAIL 8   /* 8 pad bytes */
#define RG_DEBUG_EXTRA (RG_DEBUG_HEAD + RG_DEBUG_TAIL)
#define RG_FORBIDDENBYTE 0xFD
#define RG_CLEANBYTE 0xCD
#define RG_DEADBYTE 0xDD

void *rg_debug_alloc(rg_heap *heap, char api, size_t nbytes, int zero);
void rg_debug_free(rg_heap *heap, char api, void *p, const char *func);
void *rg_debug_realloc(rg_heap *heap, char api, void *p, size_t nbytes);
void rg_debug_flush(rg_heap *heap, const char *func);
size_t rg_debug_size(const void *p);
/* Bytes of quarantined block q that no longer hold DEADBYTE (the first at
 * *first): 0 unless it was written after free. */
size_t rg_debug_dead_check(const rg_quarantined *q, size_t *first);

/* The small-or-large allocation under the debug layer. */
void *rg_raw_alloc(rg_heap *heap, size_t nbytes, int zero);
void rg_raw_free(void *p);

/* Report a misuse of the API (never returns). */
_Noreturn void rg_fatal(const char *func, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The heap owning pointer p with its debug flag resolved: the arena entry for
 * small blocks, the large header otherwise.  Used by the slow entry points. */
rg_heap *rg_owner(const void *p, int *is_small);

#endif /* RG_ALLOC_H */
