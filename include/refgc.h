/*
 * refgc.h -- the public C API of librefgc.
 *
 * librefgc rebuilds CPython 3.11's memory management as an embeddable C
 * library.  This header is all a C user needs.  Part 1 (this release) is the
 * allocator CPython calls pymalloc: 16-byte size classes up to 512 bytes,
 * 16 KiB pools carved lazily out of 1 MiB arenas, the usedpools table and the
 * usable_arenas ordering, so that a request gets the very block CPython would
 * hand out; plus what CPython lacks: several independent heaps, a trim that
 * gives free pages back to the OS without moving a live block, a bounded
 * arena reserve against mmap/munmap thrashing, and a debug mode in the spirit
 * of PYTHONMALLOC=debug.
 *
 * Threads: a heap is used by one thread at a time (the caller serialises).
 * Separate heaps are independent and may be used from different threads at
 * the same time; rg_free() finds a block's heap from its address, so a block
 * must be freed while its heap is not in use by another thread.
 *
 * Errors: allocation functions return NULL and set errno to ENOMEM on
 * failure, leaving the heap consistent.  Sizes above PTRDIFF_MAX and
 * count*size overflows in rg_calloc fail the same way.
 *
 * 64-bit platforms only.
 */
#ifndef REFGC_H
#define REFGC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RG_VERSION_MAJOR 0
#define RG_VERSION_MINOR 1
#define RG_VERSION_PATCH 0
#define RG_VERSION_STRING "0.1.0"

#if defined(RG_BUILDING_LIBRARY) && defined(__GNUC__)
#define RG_API __attribute__((visibility("default")))
#else
#define RG_API
#endif

/* The version of the library actually linked (may differ from the header). */
RG_API const char *rg_version(void);

/* ====================================================================== */
/* Geometry: CPython 3.11 on 64-bit Linux                                  */
/* ====================================================================== */

#define RG_ALIGNMENT 16             /* every block is 16-byte aligned        */
#define RG_SMALL_REQUEST_THRESHOLD 512 /* 1..512 bytes: pools; else large  */
#define RG_NUM_SIZE_CLASSES 32      /* class i holds blocks of (i+1)*16 B    */
#define RG_POOL_SIZE 16384          /* 16 KiB pools                          */
#define RG_ARENA_SIZE 1048576       /* 1 MiB arenas                          */
#define RG_POOLS_PER_ARENA 64
#define RG_POOL_OVERHEAD 48         /* first block of a pool is at offset 48 */

/* ====================================================================== */
/* Heaps                                                                   */
/* ====================================================================== */

typedef struct rg_heap rg_heap;

/* rg_heap_config.flags */
#define RG_HEAP_DEBUG 0x1u /* pad bytes, clean/dead fill, API tags, quarantine */

typedef struct rg_heap_config {
    unsigned flags;
    /* Arenas that become wholly free are kept mapped, up to this many, and
     * reused before new ones are mapped; CPython unmaps them at once, which
     * makes allocate-all/free-all loops pay mmap+munmap and page faults every
     * round.  0 gives CPython's behaviour exactly.  rg_trim() empties it. */
    size_t arena_reserve;
    /* Requests over 512 bytes of at least this many bytes are mapped
     * straight from the OS and unmapped on free; smaller ones over 512 bytes
     * come from the C library's malloc, as in CPython. */
    size_t mmap_threshold;
    /* Debug mode: how many freed blocks are held back (filled with 0xDD) to
     * catch writes after free before their memory is reused. */
    size_t debug_quarantine;
} rg_heap_config;

#define RG_DEFAULT_ARENA_RESERVE 64
#define RG_DEFAULT_MMAP_THRESHOLD (128u * 1024u)
#define RG_DEFAULT_DEBUG_QUARANTINE 256

/* Fill *config with the defaults. */
RG_API void rg_heap_config_init(rg_heap_config *config);

/* A new, empty heap; config NULL means the defaults.  NULL (errno set) on
 * failure or an invalid config (EINVAL). */
RG_API rg_heap *rg_heap_new(const rg_heap_config *config);

/* Return everything the heap holds to the OS: arenas, the reserve and every
 * large block still allocated.  Pointers into the heap become invalid. */
RG_API void rg_heap_delete(rg_heap *heap);

/* ====================================================================== */
/* Allocation                                                              */
/* ====================================================================== */

/* Like malloc: 1..512 bytes come from pools exactly as CPython's
 * PyObject_Malloc would place them; 0 and larger sizes take the large path
 * (0 bytes gives a unique pointer, as CPython's malloc(1)). */
RG_API void *rg_malloc(rg_heap *heap, size_t size);

/* Zeroed memory for count*size bytes; NULL if the product overflows. */
RG_API void *rg_calloc(rg_heap *heap, size_t count, size_t size);

/* CPython's realloc: a small block that stays in its class, or shrinks by
 * less than a quarter, is returned unchanged; otherwise the data moves.
 * p NULL: like rg_malloc(heap, size).  p non-NULL: the block's own heap is
 * used (heap may be NULL).  On failure NULL is returned and p is untouched.
 * size 0 returns a valid block, never frees. */
RG_API void *rg_realloc(rg_heap *heap, void *p, size_t size);

/* Free a block of any heap; NULL is a no-op. */
RG_API void rg_free(void *p);

/* The object-allocator family (CPython's PyObject_* beside PyMem_*): the
 * same allocator, but in debug mode blocks carry API tag 'o' instead of 'm'
 * and mixing families is reported. */
RG_API void *rg_obj_malloc(rg_heap *heap, size_t size);
RG_API void *rg_obj_calloc(rg_heap *heap, size_t count, size_t size);
RG_API void *rg_obj_realloc(rg_heap *heap, void *p, size_t size);
RG_API void rg_obj_free(void *p);

/* Give memory back to the OS without moving any live block: unmap the
 * reserve and every wholly free arena, and release (MADV_DONTNEED) every
 * OS page inside the remaining arenas that holds no live block.  Returns the
 * number of resident bytes given back. */
RG_API size_t rg_trim(rg_heap *heap);

/* ====================================================================== */
/* Introspection                                                           */
/* ====================================================================== */

/* The heap a live block belongs to, or NULL for NULL. */
RG_API rg_heap *rg_heap_of(const void *p);

/* Bytes usable at p: the size class for a small block, the requested size
 * for a large one (debug mode: the requested size). */
RG_API size_t rg_usable_size(const void *p);

enum rg_block_kind {
    RG_BLOCK_SMALL = 1,  /* in a pool */
    RG_BLOCK_LARGE = 2,  /* from the C library's malloc */
    RG_BLOCK_MAPPED = 3  /* mapped straight from the OS */
};

typedef struct rg_block_info {
    rg_heap *heap;
    int kind;                 /* enum rg_block_kind */
    size_t size;              /* usable bytes */
    /* small blocks only (the rest 0): */
    unsigned size_class;      /* 0..31 */
    unsigned arena_index;     /* the arena's slot: CPython's arenaindex */
    unsigned pool_index;      /* 0..63 within the arena */
    unsigned block_index;     /* offset in pool = 48 + block_index*size */
    uintptr_t arena_address;  /* 1 MiB aligned */
    uintptr_t pool_address;   /* 16 KiB aligned */
} rg_block_info;

/* Where the live block p lives.  0 on success, -1 (errno EINVAL) for NULL. */
RG_API int rg_block_info_of(const void *p, rg_block_info *info);

typedef struct rg_class_stats {
    size_t pools;            /* used + full pools of this class */
    size_t blocks_in_use;
    size_t blocks_available; /* free blocks in those pools */
} rg_class_stats;

typedef struct rg_stats {
    /* CPython's arena counters */
    size_t arenas;                 /* allocated now */
    size_t arenas_allocated_total; /* ever */
    size_t arenas_reclaimed;       /* total - now */
    size_t arenas_highwater;
    size_t arenas_reserved;        /* wholly free, kept mapped for reuse */
    /* pools by state */
    size_t pools_used;             /* some blocks allocated, some free */
    size_t pools_full;
    size_t pools_empty;            /* carved, no block allocated */
    size_t pools_unused;           /* never carved yet */
    rg_class_stats classes[RG_NUM_SIZE_CLASSES];
    /* blocks and bytes */
    size_t small_blocks;           /* blocks allocated in pools */
    size_t small_bytes;            /* their class sizes summed */
    size_t large_blocks;           /* blocks on the large path */
    size_t large_bytes;            /* their requested sizes summed */
    size_t allocated_blocks;       /* small + large: sys.getallocatedblocks() */
    size_t bytes_in_use;           /* small_bytes + large_bytes */
    size_t bytes_mapped;           /* arenas with metadata, reserve, mapped blocks */
    size_t bytes_resident;         /* of those, resident now (mincore) + malloc'd */
    size_t bytes_trimmed;          /* given back by rg_trim so far */
} rg_stats;

/* Fill *stats.  Walks every arena (O(arenas + pools)) and asks the kernel
 * which pages are resident.  0 on success. */
RG_API int rg_heap_stats(rg_heap *heap, rg_stats *stats);

/* Print the heap in the format of CPython 3.11's sys._debugmallocstats()
 * (the pymalloc part), then refgc's own lines. */
RG_API void rg_heap_dump(rg_heap *heap, FILE *out);

/* Check every invariant of the heap's structures (lists, counts, order,
 * free lists).  Returns the number of violations, each described on report
 * when report is not NULL.  O(heap). */
RG_API size_t rg_heap_check(rg_heap *heap, FILE *report);

#ifdef __cplusplus
}
#endif

#endif /* REFGC_H */
