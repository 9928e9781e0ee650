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

/* A limit on the heap's size: allocations that would take the arenas in
 * use (1 MiB each) plus the large blocks' bytes beyond limit bytes fail
 * (NULL, errno ENOMEM), leaving the heap consistent.  0 removes the limit
 * (the default).  Memory already in use is never taken back. */
RG_API void rg_heap_set_limit(rg_heap *heap, size_t limit);
RG_API size_t rg_heap_get_limit(const rg_heap *heap);

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

/* Ask the C library to give back the free memory of its own heap, where
 * refgc's large blocks under mmap_threshold live (glibc: malloc_trim(0)).
 * Process-wide: it trims every malloc user, not one refgc heap.  Returns
 * how much the process's resident size dropped meanwhile; 0 where the C
 * library has no such call. */
RG_API size_t rg_trim_c_library(void);

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

/* Like rg_block_info_of, but p may be any address: 0 and *info filled when
 * p is where a block of heap starts (the pointer rg_malloc returned: in a
 * pool of heap that is in use, or one of heap's large blocks), -1 (errno
 * ENOENT) otherwise.  Never reads memory the heap does not own and never
 * aborts.  A small block that was freed still counts (pools keep no
 * per-block live bit) unless a debug heap holds it in its quarantine.  O(1)
 * for small blocks; walks heap's large blocks otherwise. */
RG_API int rg_heap_find_block(rg_heap *heap, const void *p, rg_block_info *info);

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
    /* What no trim can give back: the OS pages of the arenas that hold part
     * of a live block, the pages of mapped large blocks, and malloc'd large
     * blocks' bytes.  bytes_resident - bytes_live_pages after rg_trim is the
     * trim's overhead (arena headers, the one free block a used pool keeps
     * listed). */
    size_t bytes_live_pages;
} rg_stats;

/* The size_t fields of rg_stats above (classes left out), in declaration
 * order: a name and a byte offset each, so that front ends print or convert
 * them from one table (refgc.stats() in refgc run and in refgc-python). */
typedef struct rg_stats_field {
    const char *name;
    size_t offset;
} rg_stats_field;

/* The table; *count receives its length. */
RG_API const rg_stats_field *rg_stats_fields(size_t *count);

/* The value of field f of *stats. */
static inline size_t rg_stats_value(const rg_stats *stats, const rg_stats_field *f)
{
    return *(const size_t *)(const void *)((const char *)stats + f->offset);
}

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


/* ====================================================================== */
/* Objects and reference counting                                          */
/* ====================================================================== */

/*
 * An object is a struct whose first member is RG_OBJECT_HEAD (a reference
 * count and a type), allocated in a heap by rg_new.  Objects of RG_TYPE_GC
 * types carry CPython's 16-byte GC header just before them and are tracked
 * by the heap's cycle collector.  When a count drops to zero the object is
 * deallocated at once (rg_dealloc), as in CPython; deep chains are freed
 * with bounded C stack (CPython's trashcan, 50 levels).
 */
typedef struct rg_object rg_object;
typedef struct rg_type rg_type;

struct rg_object {
    intptr_t refcnt;
    const rg_type *type;
};

/* The first member of every object struct. */
#define RG_OBJECT_HEAD rg_object ob_base

/* Variable-size objects: the item count, then the items after the struct. */
typedef struct rg_varobject {
    rg_object ob_base;
    intptr_t size;
} rg_varobject;
#define RG_VAROBJECT_HEAD rg_varobject ob_var

#define RG_OBJ(p) ((rg_object *)(p))

/* traverse calls visit once per reference the object owns (never with
 * NULL: use RG_VISIT); a non-zero result stops the walk and is returned. */
typedef int (*rg_visitproc)(rg_object *obj, void *arg);
typedef int (*rg_traverseproc)(rg_object *self, rg_visitproc visit, void *arg);

/* Py_VISIT: inside a traverse function with parameters visit and arg. */
#define RG_VISIT(o)                                                           \
    do {                                                                      \
        if ((o) != NULL) {                                                    \
            int rg_visit_result_ = visit(RG_OBJ(o), arg);                     \
            if (rg_visit_result_) return rg_visit_result_;                    \
        }                                                                     \
    } while (0)
typedef int (*rg_inquiry)(rg_object *self);
typedef void (*rg_destructor)(rg_object *self);

/* rg_type.flags */
#define RG_TYPE_GC 0x1u          /* can be in cycles: GC header, tracked at rg_new */
#define RG_TYPE_TRACK_LATER 0x2u /* GC type created untracked; it calls rg_track
                                    itself (CPython's dicts) */
#define RG_TYPE_ATOMIC_WHEN_UNTRACKED 0x4u /* untracked means it can hold
                                    nothing in a cycle (CPython's tuples):
                                    rg_may_be_tracked is false then */
#define RG_TYPE_UNTRACK_ON_FULL 0x8u /* may_untrack is asked only in full
                                    collections (dicts), not in every one
                                    (tuples) */
#define RG_TYPE_NO_TRASHCAN 0x10u /* deallocating it never recurses deeply:
                                    no trashcan (CPython's weakref) */
#define RG_TYPE_REF_ITEMS 0x20u  /* the items of this variable-size type are
                                    references (rg_object *, NULL allowed):
                                    see refs_offset */
#define RG_TYPE_WEAKREF 0x40u    /* instances are weak references
                                    (rg_weakref_new_typed): the collector
                                    and the referent's list treat them so */
#define RG_TYPE_WEAKREF_SHARED 0x80u /* a weakref type whose callback-less
                                    instances are shared: one per referent,
                                    first on its list (CPython's basic ref) */
#define RG_TYPE_WEAKREF_PROXY 0x100u /* with SHARED: the shared one sits
                                    right after the shared non-proxy one
                                    (CPython's basic proxy) */

struct rg_type {
    const char *name;
    size_t size;             /* bytes of the struct, RG_OBJECT_HEAD included */
    size_t item_size;        /* bytes per item of variable-size types, else 0 */
    unsigned flags;
    size_t weaklist_offset;  /* offset of an `rg_weakref *` member: the
                                object can be weakly referenced; 0: cannot */
    size_t preheader_size;   /* bytes reserved before the object (and its GC
                                header), a multiple of 16; CPython's managed
                                dict pre-header is 16 */
    rg_traverseproc traverse; /* every rg_object * the object owns */
    rg_inquiry clear;        /* drop the references (breaks cycles); NULL:
                                the collector cannot break cycles through it */
    rg_destructor finalize;  /* PEP 442 finalizer (tp_finalize): runs at most
                                once per object; may resurrect it */
    rg_destructor legacy_del; /* legacy tp_del: cyclic garbage reachable
                                from such an object is uncollectable */
    rg_destructor dealloc;   /* optional (tp_dealloc): must release the
                                references and end with rg_object_free(self);
                                it may call rg_call_finalizer_from_dealloc
                                and rg_clear_weakrefs.  NULL: refgc
                                finalizes, clears weak references, releases
                                what clear (or traverse) reports and frees
                                the block, as CPython's subtype_dealloc */
    rg_inquiry may_untrack;  /* asked by the collector of surviving tracked
                                objects: return 1 to be untracked (CPython
                                untracks atomic tuples and dicts this way) */
    unsigned freelist_capacity;  /* dead objects kept for reuse, per list */
    unsigned freelist_max_items; /* variable-size types: one free list per
                                item count 1..this (0: no free lists) */
    /* Optional, for the collector's speed: the object's references are
     * exactly nrefs consecutive rg_object * members at refs_offset (NULL
     * allowed), plus every item if RG_TYPE_REF_ITEMS.  The collector then
     * reads them itself instead of calling traverse through a visit
     * function per reference.  traverse is still required and must report
     * the same references in the same order (rg_heap_check verifies it). */
    size_t refs_offset;
    unsigned nrefs;
};

/* A new object: refcount 1, body zeroed (var: `size` set), tracked if its
 * type is RG_TYPE_GC (and not TRACK_LATER).  Like CPython's GC allocation it
 * adds 1 to the generation-0 count and may run a collection first, unless
 * it comes from the type's free list.  NULL (errno ENOMEM) on failure. */
RG_API rg_object *rg_new(rg_heap *heap, const rg_type *type);
RG_API rg_object *rg_new_var(rg_heap *heap, const rg_type *type, size_t nitems);

/* How many dead objects of type (with nitems items, for variable-size
 * types) its free list holds now (sys._debugmallocstats' free-list lines). */
RG_API size_t rg_freelist_count(rg_heap *heap, const rg_type *type, size_t nitems);

/* Called when a count reaches zero (by rg_decref). */
RG_API void rg_dealloc(rg_object *o);

/* For a custom dealloc: give a dead object's memory back (to its type's
 * free list, or to the heap: untracked, generation-0 count - 1). */
RG_API void rg_object_free(rg_object *o);
/* For a custom dealloc (PyObject_CallFinalizerFromDealloc): run the
 * finalizer (once) with the refcount briefly at 1; -1 if it resurrected
 * the object (stop deallocating), else 0. */
RG_API int rg_call_finalizer_from_dealloc(rg_object *o);
/* For a custom dealloc (PyObject_ClearWeakRefs): clear the weak references
 * to a dying object and run their callbacks, in CPython's order. */
RG_API void rg_clear_weakrefs(rg_object *o);

/* The heap an object lives in. */
RG_API rg_heap *rg_object_heap(const rg_object *o);

static inline void rg_incref(rg_object *o) { o->refcnt++; }
static inline void rg_decref(rg_object *o)
{
    if (--o->refcnt == 0) rg_dealloc(o);
}
static inline void rg_xincref(rg_object *o)
{
    if (o != NULL) rg_incref(o);
}
static inline void rg_xdecref(rg_object *o)
{
    if (o != NULL) rg_decref(o);
}
static inline intptr_t rg_refcount(const rg_object *o) { return o->refcnt; }

/* Py_CLEAR: set the slot to NULL, then drop the reference it held. */
#define RG_CLEAR(slot)                                                        \
    do {                                                                      \
        rg_object *rg_clear_tmp_ = (rg_object *)(slot);                       \
        if (rg_clear_tmp_ != NULL) {                                          \
            (slot) = NULL;                                                    \
            rg_decref(rg_clear_tmp_);                                         \
        }                                                                     \
    } while (0)

/* Tracking by the collector (GC types only). */
RG_API void rg_track(rg_object *o);
RG_API void rg_untrack(rg_object *o);
RG_API int rg_is_tracked(const rg_object *o);
RG_API int rg_is_finalized(const rg_object *o);
/* CPython's _PyObject_GC_MAY_BE_TRACKED: a GC object that is tracked or
 * not of an RG_TYPE_ATOMIC_WHEN_UNTRACKED type. */
RG_API int rg_may_be_tracked(const rg_object *o);

/* ====================================================================== */
/* Weak references                                                         */
/* ====================================================================== */

/* A weak reference is itself an object (of rg_weakref_type, a GC type, or
 * of a caller's RG_TYPE_WEAKREF type).  When its referent dies the
 * reference is cleared and, if it has one, its callback is called as
 * callback(ref, data) -- in CPython's order for refcount deaths and for
 * collections. */
typedef struct rg_weakref rg_weakref;
typedef void (*rg_weakref_callback)(rg_weakref *ref, rg_object *data);

RG_API extern const rg_type rg_weakref_type;

/* A weak reference to referent (whose type has a weaklist_offset).  Without
 * a callback the referent's shared reference is returned (a new reference
 * to it) when there is one; with a callback always a new one.  data (may be
 * NULL) is kept alive by the reference and passed to the callback.  NULL
 * with errno EINVAL (not weakly referenceable) or ENOMEM. */
RG_API rg_weakref *rg_weakref_new(rg_heap *heap, rg_object *referent, rg_weakref_callback callback,
                                  rg_object *data);

/* Weak references of the caller's own type (a language's weakref objects).
 * type has RG_TYPE_GC | RG_TYPE_WEAKREF and a struct that begins with
 * RG_WEAKREF_SIZE bytes the engine owns (a 16-byte aligned member of that
 * size after nothing else); its traverse must visit rg_weakref_data(ref),
 * its clear and dealloc must call rg_weakref_detach (dealloc: then
 * rg_object_free).  The list of a referent is CPython's: the shared
 * callback-less reference of an RG_TYPE_WEAKREF_SHARED type first, then
 * the shared one of an RG_TYPE_WEAKREF_SHARED|PROXY type, then all others,
 * newest first.  Sharing: without a callback, a SHARED type gets the
 * existing shared reference of its kind (proxy or not) when there is one.
 * The body after the engine's part is zeroed.  Errors as rg_weakref_new;
 * EINVAL also for a type without RG_TYPE_WEAKREF. */
#define RG_WEAKREF_SIZE 56
RG_API rg_weakref *rg_weakref_new_typed(rg_heap *heap, const rg_type *type, rg_object *referent,
                                        rg_weakref_callback callback, rg_object *data);
/* The same in two steps, for objects allocated by the caller (a language's
 * allocator): the referent's shared reference of a kind (proxy or not), if
 * any (borrowed) -- reuse it instead of allocating when sharing; then
 * link a new object of an RG_TYPE_WEAKREF type (body untouched since
 * rg_new, on no list) to referent, where its kind goes.  0, or -1 with
 * errno EINVAL. */
RG_API rg_weakref *rg_weakref_shared(const rg_object *referent, int proxy);
RG_API int rg_weakref_link(rg_weakref *ref, rg_object *referent, rg_weakref_callback callback,
                           rg_object *data);
/* For a weakref type's clear and dealloc: take ref off its referent's list
 * (it reads as dead) and drop its callback and data. */
RG_API void rg_weakref_detach(rg_weakref *ref);
/* The referent (borrowed), or NULL once it has died. */
RG_API rg_object *rg_weakref_get(const rg_weakref *ref);
/* The callback's data (borrowed; NULL when none or cleared). */
RG_API rg_object *rg_weakref_data(const rg_weakref *ref);
/* Does ref still have a callback to call? */
RG_API int rg_weakref_has_callback(const rg_weakref *ref);
/* How many weak references point at o. */
RG_API size_t rg_weakref_count(const rg_object *o);
/* The weak references to o in list order: the first (NULL if none), then
 * the one after ref (NULL at the end).  Borrowed. */
RG_API rg_weakref *rg_weakref_first(const rg_object *o);
RG_API rg_weakref *rg_weakref_next(const rg_weakref *ref);

/* ====================================================================== */
/* The cycle collector (CPython 3.11's)                                    */
/* ====================================================================== */

#define RG_GC_GENERATIONS 3
#define RG_GC_DEBUG_STATS 1u
#define RG_GC_DEBUG_COLLECTABLE 2u
#define RG_GC_DEBUG_UNCOLLECTABLE 4u
#define RG_GC_DEBUG_SAVEALL 32u
#define RG_GC_DEBUG_LEAK 38u /* COLLECTABLE | UNCOLLECTABLE | SAVEALL */

/* gc.collect(generation): collect generations 0..generation; returns the
 * unreachable objects found plus weak references freed by their own
 * callbacks plus uncollectable objects.  0 if a collection is already
 * running; -1 (errno EINVAL) if generation is not 0, 1 or 2. */
RG_API intptr_t rg_collect(rg_heap *heap, int generation);

RG_API void rg_gc_enable(rg_heap *heap);
RG_API void rg_gc_disable(rg_heap *heap);
RG_API int rg_gc_isenabled(rg_heap *heap);
RG_API void rg_gc_get_count(rg_heap *heap, long count[RG_GC_GENERATIONS]);
/* Set the generation counts (negative values count as 0), e.g. so that a
 * fresh interpreter starts where CPython's does.  No collection runs. */
RG_API void rg_gc_set_count(rg_heap *heap, const long count[RG_GC_GENERATIONS]);
RG_API void rg_gc_get_threshold(rg_heap *heap, long threshold[RG_GC_GENERATIONS]);
/* Thresholds 700, 10, 10 by default; 0 for the first stops automatic
 * collection. */
RG_API void rg_gc_set_threshold(rg_heap *heap, long t0, long t1, long t2);
/* RG_GC_DEBUG_* flags; messages go to out (stderr when NULL) in CPython's
 * words: "gc: collecting generation 0...", "gc: collectable <Node 0x...>". */
RG_API void rg_gc_set_debug(rg_heap *heap, unsigned flags, FILE *out);
RG_API unsigned rg_gc_get_debug(rg_heap *heap);

typedef struct rg_gc_stats {
    size_t collections;
    size_t collected;
    size_t uncollectable;
} rg_gc_stats;
RG_API void rg_gc_get_stats(rg_heap *heap, rg_gc_stats stats[RG_GC_GENERATIONS]);

/* gc.callbacks: called with phase "start" (collected = uncollectable = 0)
 * before and "stop" after every collection, automatic ones included. */
typedef void (*rg_gc_callback)(rg_heap *heap, const char *phase, int generation, size_t collected,
                               size_t uncollectable, void *data);
RG_API int rg_gc_add_callback(rg_heap *heap, rg_gc_callback callback, void *data);
RG_API int rg_gc_remove_callback(rg_heap *heap, rg_gc_callback callback, void *data);

/* gc.garbage: objects with a legacy finalizer found unreachable (all
 * unreachable objects under DEBUG_SAVEALL), each holding a reference.
 * Returns the count; *items (may be NULL) receives the borrowed array. */
RG_API size_t rg_gc_garbage(rg_heap *heap, rg_object *const **items);
/* Empty gc.garbage, dropping its references. */
RG_API void rg_gc_clear_garbage(rg_heap *heap);

RG_API void rg_gc_freeze(rg_heap *heap);
RG_API void rg_gc_unfreeze(rg_heap *heap);
RG_API size_t rg_gc_get_freeze_count(rg_heap *heap);

/* The tracked objects of a generation (-1: all three), in list order:
 * writes up to cap borrowed pointers into out, returns how many there are.
 * -1 (errno EINVAL) for a generation below -1 or above 2. */
RG_API intptr_t rg_gc_get_objects(rg_heap *heap, int generation, rg_object **out, size_t cap);
/* Tracked objects (generations 0-2) whose traverse visits any of objs. */
RG_API size_t rg_gc_get_referrers(rg_heap *heap, rg_object *const *objs, size_t nobjs,
                                  rg_object **out, size_t cap);
/* What traverse visits, for each GC object among objs, in traverse order. */
RG_API size_t rg_gc_get_referents(rg_object *const *objs, size_t nobjs, rg_object **out,
                                  size_t cap);

/* ====================================================================== */
/* Events and snapshots (src/events/)                                      */
/* ====================================================================== */

/*
 * A heap can report what happens inside it, one event at a time, to a sink
 * the caller installs: blocks, arenas and pools, objects created and
 * freed, tracking, free lists, and each phase of every collection with the
 * objects it touched.  A front end adds its own events to the same stream
 * (refcount changes with their causes, lines, output) with rg_event_emit.
 * With no sink installed nothing is recorded and the fast paths are the
 * same as without this section (the inline allocation and free paths are
 * switched off only while a sink is installed).
 *
 * Events are delivered synchronously, in the order things happen; the
 * event and everything it points to are valid only during the call.  A sink
 * must not allocate in the heap it observes, nor free, incref or decref
 * its objects (it may read them, and call rg_snapshot_take between
 * events of kind RG_EV_USER it emitted itself), nor install or remove a
 * sink; nor may a sink be installed or removed during a collection.
 */
typedef enum rg_event_kind {
    /* allocator */
    RG_EV_BLOCK_ALLOC = 1, /* address, size, block: a block handed out */
    RG_EV_BLOCK_FREE,      /* address, size, block: a block given back */
    RG_EV_ARENA,           /* block.arena_*; state: "new", "reused" (from the
                              reserve), "reserved" (kept mapped), "unmapped" */
    RG_EV_POOL,            /* block.arena_index/pool_index/size_class;
                              state: "used", "full", "empty" */
    RG_EV_TRIM,            /* value: resident bytes given back */
    /* objects */
    RG_EV_OBJ_NEW,         /* object, type, size, block; value 1 when it came
                              from the type's free list */
    RG_EV_OBJ_FREE,        /* object, type: its memory is given back (value 1:
                              pushed on the free list instead of freed) --
                              after its dealloc dropped its references */
    RG_EV_DEALLOC,         /* object, type: refcount reached 0 (or the
                              collector frees it); its dealloc starts */
    RG_EV_TRACK,           /* object, generation; state "resurrected" (else
                              NULL): its finalizer brought it back after
                              its RG_EV_DEALLOC */
    RG_EV_UNTRACK,         /* object, generation it left */
    /* the collector */
    RG_EV_GC_START,        /* generation, counts (before); state: "auto"
                              (an allocation crossed a threshold; type:
                              what was being allocated) or "explicit" */
    RG_EV_GC_PHASE,        /* generation, state: the phase, nobjects,
                              objects[], values[] (see docs/events.md);
                              value 1: the list was cut short (ENOMEM) */
    RG_EV_GC_FINALIZE,     /* object: its finalizer (or legacy del) is about
                              to run; generation: the collection's, or -1
                              (refcount death) */
    RG_EV_GC_CALLBACK,     /* object: the weak reference whose callback is
                              about to run; generation as GC_FINALIZE */
    RG_EV_GC_END,          /* generation, counts (after), value: collected
                              (unreachable found), value2: uncollectable */
    /* front ends (rg_event_emit) */
    RG_EV_REF,             /* object, value: its refcount now, value2: the
                              change, state: the cause ("bound to name b") */
    RG_EV_USER             /* state: a name; text: anything (front end's own) */
} rg_event_kind;

typedef struct rg_event {
    rg_event_kind kind;
    uint64_t seq;               /* 1, 2, 3... per heap since the sink was set */
    const rg_object *object;    /* NULL when the event concerns none */
    const rg_type *type;
    const void *address;        /* block events: the block */
    size_t size;                /* usable bytes of the block / object */
    rg_block_info block;        /* where the block (or object) lives; zeroed
                                   when it is not relevant; its
                                   arena_address and pool_address are
                                   stable addresses (rg_stable_address) */
    int generation;             /* -1 when not relevant */
    intptr_t value, value2;     /* per kind, see above */
    long counts[RG_GC_GENERATIONS]; /* GC_START / GC_END */
    const char *state;          /* per kind, see above; NULL when none */
    const char *text;           /* RG_EV_USER */
    size_t nobjects;            /* RG_EV_GC_PHASE */
    const rg_object *const *objects;
    const intptr_t *values;
} rg_event;

typedef void (*rg_event_sink)(rg_heap *heap, const rg_event *ev, void *data);

/* rg_events_set_sink mask bits: which families are delivered. */
#define RG_EVENTS_BLOCKS 0x1u   /* BLOCK_ALLOC/FREE, ARENA, POOL, TRIM */
#define RG_EVENTS_OBJECTS 0x2u  /* OBJ_NEW/FREE, DEALLOC, TRACK, UNTRACK */
#define RG_EVENTS_GC 0x4u       /* GC_* */
#define RG_EVENTS_FRONT 0x8u    /* REF, USER */
#define RG_EVENTS_ALL 0xfu

/* Install sink for the families in mask (NULL sink: stop).  Also starts
 * (or stops) the heap's registry of objects created while a sink is
 * installed, which rg_snapshot_take reports.  0, or -1 (ENOMEM). */
RG_API int rg_events_set_sink(rg_heap *heap, unsigned mask, rg_event_sink sink, void *data);
/* Is a sink installed? */
RG_API int rg_events_enabled(const rg_heap *heap);
/* For front ends: deliver ev (kind RG_EV_REF or RG_EV_USER; seq is set)
 * to the heap's sink, if any and if its family is in the mask. */
RG_API void rg_event_emit(rg_heap *heap, rg_event *ev);
/* The name of a kind ("block_alloc", "obj_new", "gc_phase", ...: the "ev"
 * field of docs/events.md). */
RG_API const char *rg_event_kind_name(rg_event_kind kind);

/* A stable address for a live block or object: the same on every run of
 * the same program, on every machine (arena slot and offset for small
 * blocks, order of allocation for large ones), below 2^53.  Front ends show
 * it as id() in traced runs so that outputs are reproducible.  Large blocks
 * are numbered while their heap has a sink (those older than the sink when
 * it is installed, oldest first).  Any other pointer (a static object, a
 * large block of a heap without a sink) gets its own address masked to 53
 * bits: not stable.  Never reads the memory p points to. */
RG_API uintptr_t rg_stable_address(const void *p);

/* A picture of the heap at one moment. */
typedef struct rg_snapshot_object {
    const rg_object *object;
    uintptr_t address;          /* rg_stable_address(object) */
    const rg_type *type;
    size_t size;                /* usable bytes of its block */
    intptr_t refcnt;
    int generation;             /* 0..2, 3 permanent (frozen), -1 untracked
                                   or not a GC type */
    int finalized;
    size_t first_referent;      /* into rg_snapshot.referents */
    size_t nreferents;
    rg_block_info block;
} rg_snapshot_object;

typedef struct rg_snapshot_pool {
    unsigned arena_index, pool_index;
    unsigned size_class;        /* 0..31; meaningless when empty */
    unsigned used, capacity;    /* blocks in use / that fit */
    const char *state;          /* "used", "full", "empty", "unused" */
} rg_snapshot_pool;

typedef struct rg_snapshot_arena {
    unsigned index;             /* CPython's arenaindex */
    uintptr_t address;          /* stable */
    unsigned pools_carved, pools_free;
    size_t first_pool, npools;  /* into rg_snapshot.pools */
} rg_snapshot_arena;

typedef struct rg_snapshot_freelist {
    const rg_type *type;
    size_t nitems;              /* variable-size types: the item count; else 0 */
    size_t count, capacity;
} rg_snapshot_freelist;

typedef struct rg_snapshot {
    rg_snapshot_object *objects;   /* sorted by address (RG_SNAPSHOT_OUTSIDE
                                      objects last) */
    size_t nobjects;
    size_t *referents;             /* indexes into objects; referents
                                      outside the snapshot are left out */
    size_t nreferents;
    rg_snapshot_arena *arenas;
    size_t narenas;
    rg_snapshot_pool *pools;
    size_t npools;
    rg_snapshot_freelist *freelists;
    size_t nfreelists;
    long counts[RG_GC_GENERATIONS], thresholds[RG_GC_GENERATIONS];
    int gc_enabled;
    rg_gc_stats gc_stats[RG_GC_GENERATIONS];
    rg_stats stats;
} rg_snapshot;

/* rg_snapshot_take flags */
#define RG_SNAPSHOT_ALL_TRACKED 0x1u /* every tracked object too (else only
                                        the registry and what roots reach) */
#define RG_SNAPSHOT_OUTSIDE 0x2u     /* also objects outside the heap (a front
                                        end's static ones) that roots or the
                                        snapshot's objects refer to: after the
                                        others, in the order found, block kind
                                        0, address not stable; their own
                                        references are not followed */

/* Take a snapshot: the live objects of the registry (those created since
 * the sink was installed), every object reachable from roots (through
 * traverse), and with RG_SNAPSHOT_ALL_TRACKED every tracked object; plus
 * arenas, pools, free lists, generation counts and statistics.  NULL
 * (ENOMEM) on failure.  Does not allocate in heap. */
RG_API rg_snapshot *rg_snapshot_take(rg_heap *heap, rg_object *const *roots, size_t nroots,
                                     unsigned flags);
/* The index of o in snap->objects, or (size_t)-1. */
RG_API size_t rg_snapshot_find(const rg_snapshot *snap, const rg_object *o);
RG_API void rg_snapshot_free(rg_snapshot *snap);

/* ====================================================================== */
/* Failure injection (testing)                                             */
/* ====================================================================== */

/*
 * In a library built with the CMake option REFGC_FAULT_INJECTION (which
 * defines RG_FAULT_INJECTION; `make test` builds its ASan build so), every
 * place where memory can be refused is a numbered "site", counted in one
 * sequence for the whole process: each OS request (a mapping, a remap, the
 * C library's malloc/calloc/realloc behind src/os), each arena creation,
 * each pool initialisation, each large block, each call of the rg_malloc /
 * rg_calloc / rg_realloc family (rg_obj_* too), and each object creation
 * (rg_new, rg_new_var, so every object a front end makes).  One request
 * may pass several sites (rg_malloc -> pool -> arena -> OS mapping).
 * rg_fault_arm(n) makes the n-th site from now fail once, as if the memory
 * were not there: the call returns NULL / its documented failure status
 * with errno ENOMEM, and every site after it succeeds again.  Without the
 * option the sites are compiled out (no cost); these functions then exist
 * but do nothing (rg_fault_arm returns -1).
 *
 * A program linked with a fault build also reads REFGC_FAULT_NTH=n from
 * the environment at start-up (rg_fault_arm(n) before main), and with
 * REFGC_FAULT_LOG=path appends "nth count fired site-name" to path at
 * exit: so `REFGC_FAULT_NTH=1234 refgc run prog.py` replays one failure.
 * Not thread safe: tests only.
 */
typedef enum rg_fault_site {
    RG_FAULT_NONE = 0, /* rg_fault_fired: the armed failure has not happened */
    RG_FAULT_OS,       /* a request to src/os: map, remap, malloc, calloc, realloc */
    RG_FAULT_ARENA,    /* a new arena (rg_arena_new) */
    RG_FAULT_POOL,     /* a fresh pool for a size class */
    RG_FAULT_LARGE,    /* a block over 512 bytes (new or resized) */
    RG_FAULT_ALLOC,    /* a call of rg_malloc/calloc/realloc (and rg_obj_*) */
    RG_FAULT_OBJECT    /* an object creation (rg_new, rg_new_var) */
} rg_fault_site;

/* Make the nth site counted from now fail, once (1: the next one); 0
 * disarms.  Either way the count restarts at 0.  0 on success, -1 when the
 * library was built without REFGC_FAULT_INJECTION. */
RG_API int rg_fault_arm(unsigned long nth);
/* Sites passed since the last rg_fault_arm (or since start-up). */
RG_API unsigned long rg_fault_count(void);
/* The rg_fault_site where the armed failure happened, RG_FAULT_NONE
 * (0) while it has not (or nothing is armed). */
RG_API int rg_fault_fired(void);
/* "os", "arena", "pool", "large", "alloc", "object"; "none" for 0. */
RG_API const char *rg_fault_site_name(int site);

#ifdef __cplusplus
}
#endif

#endif /* REFGC_H */
