/*
 * valgrind.h -- telling memcheck about refgc's blocks (valgrind client
 * requests), compiled in only when <valgrind/memcheck.h> was found
 * (RG_HAVE_VALGRIND, CMake option REFGC_VALGRIND) and doing something only
 * when the process runs under valgrind.
 *
 * Owns: the RG_VG_* macros and the two free-list link accessors.  Without
 * RG_HAVE_VALGRIND every macro is a no-op that still "uses" its arguments,
 * RG_VG_ACTIVE is the constant 0 and the accessors are plain loads/stores.
 *
 * The model (see docs of issue 6 and /work/notes/valgrind.md):
 *  - each heap is one memcheck mempool (handle: the heap's address);
 *    rg_heap_delete destroys it, which forgets every block still live
 *    (deleting a heap frees them: no leak report);
 *  - a small block handed out is a chunk of its whole size class (the
 *    bytes rg_usable_size promises), undefined unless zeroed; a freed block
 *    is no chunk and NOACCESS, never-carved and parked blocks too, so a
 *    read or write after free, a double free and an overrun into a free
 *    neighbour are memcheck errors; mapped large blocks are chunks of their
 *    requested size (the page slack after them NOACCESS); large blocks from
 *    the C library's malloc are memcheck's own malloc blocks already;
 *  - the allocator's own accesses to free blocks (free-list links, debug
 *    fill patterns, trim's parking) open the bytes they touch for that
 *    access only (rg_vg_link_get / rg_vg_link_set, RG_VG_DEFINED then
 *    RG_VG_NOACCESS), so memcheck never reports the allocator itself;
 *  - under valgrind a heap takes only its slow paths (fast_limit 0, tagged
 *    map entries: rg_heap_map_tag), where these requests are: the inline
 *    fast paths carry none, so a run outside valgrind pays one load and
 *    branch per slow-path request (RG_VG_ACTIVE), nothing on fast paths.
 *
 * Invariant: RG_VG_ACTIVE is set once, by the first rg_heap_new that finds
 * itself under valgrind, before any block exists; it never goes back to 0.
 */
#ifndef RG_OS_VALGRIND_H
#define RG_OS_VALGRIND_H

#include <stddef.h>

#ifdef RG_HAVE_VALGRIND

#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

/* 1 once a heap was made under valgrind (heap.c). */
extern int rg_vg_active;

#define RG_VG_ACTIVE (__builtin_expect(rg_vg_active, 0))
#define RG_VG_RUNNING_ON_VALGRIND (RUNNING_ON_VALGRIND != 0)

/* Run a client request (a statement) only under valgrind. */
#define RG_VG_DO(request)                                                     \
    do {                                                                      \
        if (RG_VG_ACTIVE) {                                                   \
            request;                                                          \
        }                                                                     \
    } while (0)

/* The heap's mempool: made with the heap, gone with it (live chunks too). */
#define RG_VG_POOL_CREATE(heap) RG_VG_DO(VALGRIND_CREATE_MEMPOOL((heap), 0, 0))
#define RG_VG_POOL_DESTROY(heap) RG_VG_DO(VALGRIND_DESTROY_MEMPOOL(heap))

/* Block p of n bytes handed out by heap: undefined, or defined if zeroed. */
#define RG_VG_MALLOCLIKE(heap, p, n, zeroed)                                  \
    do {                                                                      \
        if (RG_VG_ACTIVE) {                                                   \
            VALGRIND_MEMPOOL_ALLOC((heap), (p), (n));                         \
            if (zeroed) (void)VALGRIND_MAKE_MEM_DEFINED((p), (n));            \
        }                                                                     \
    } while (0)

/* Block p of heap freed: no longer a chunk, NOACCESS. */
#define RG_VG_FREELIKE(heap, p) RG_VG_DO(VALGRIND_MEMPOOL_FREE((heap), (p)))

/* Block p moved to q (maybe q == p) and is now n bytes; the bits of its
 * bytes are the caller's to set. */
#define RG_VG_RESIZE(heap, p, q, n) RG_VG_DO(VALGRIND_MEMPOOL_CHANGE((heap), (p), (q), (n)))

#define RG_VG_NOACCESS(p, n) RG_VG_DO((void)VALGRIND_MAKE_MEM_NOACCESS((p), (n)))
#define RG_VG_UNDEFINED(p, n) RG_VG_DO((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#define RG_VG_DEFINED(p, n) RG_VG_DO((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))

#else /* !RG_HAVE_VALGRIND */

#define RG_VG_ACTIVE 0
#define RG_VG_RUNNING_ON_VALGRIND 0
#define RG_VG_POOL_CREATE(heap) ((void)(heap))
#define RG_VG_POOL_DESTROY(heap) ((void)(heap))
#define RG_VG_MALLOCLIKE(heap, p, n, zeroed) ((void)(heap), (void)(p), (void)(n), (void)(zeroed))
#define RG_VG_FREELIKE(heap, p) ((void)(heap), (void)(p))
#define RG_VG_RESIZE(heap, p, q, n) ((void)(heap), (void)(p), (void)(q), (void)(n))
#define RG_VG_NOACCESS(p, n) ((void)(p), (void)(n))
#define RG_VG_UNDEFINED(p, n) ((void)(p), (void)(n))
#define RG_VG_DEFINED(p, n) ((void)(p), (void)(n))

#endif /* RG_HAVE_VALGRIND */

/* ====================================================================== */
/* Free-list links: the first word of a free block                         */
/* ====================================================================== */

/* The link stored in free block b, read without memcheck seeing an access
 * to a free block. */
static inline void *rg_vg_link_get(const void *b)
{
    RG_VG_DEFINED(b, sizeof(void *));
    void *next = *(void *const *)b;
    RG_VG_NOACCESS(b, sizeof(void *));
    return next;
}

/* Store link next in free block b (which stays NOACCESS). */
static inline void rg_vg_link_set(void *b, void *next)
{
    RG_VG_UNDEFINED(b, sizeof(void *));
    *(void **)b = next;
    RG_VG_NOACCESS(b, sizeof(void *));
}

#endif /* RG_OS_VALGRIND_H */
