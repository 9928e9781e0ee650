/*
 * os.h -- the only door to the kernel and the C library's allocator.
 *
 * Owns: mapping, unmapping, remapping and releasing pages; asking which pages
 * are resident; the process RSS; the system malloc used for blocks over the
 * small threshold and for bookkeeping.  Everything above goes through here, so
 * that a test can make any of these fail (rg_os_fail_after) and check that
 * the allocator returns NULL with its heap intact.
 *
 * Must not: know about arenas, pools or heaps.
 */
#ifndef RG_OS_H
#define RG_OS_H

#include <stddef.h>
#include <stdint.h>

/* The OS page size (a power of two, at least 4096). */
size_t rg_os_page_size(void);

/* Fresh zeroed read/write anonymous memory, page aligned; NULL on failure. */
void *rg_os_map(size_t size);

/* size bytes at an address aligned to align (a power of two, at least a
 * page), with prefix bytes (a multiple of the page size) mapped just below
 * it.  The mapping is [result - prefix, result + size).  NULL on failure. */
void *rg_os_map_aligned(size_t size, size_t align, size_t prefix);

/* Unmap [p, p+size). */
void rg_os_unmap(void *p, size_t size);

/* Grow or shrink a mapping, moving it if needed; NULL on failure (the old
 * mapping is then intact). */
void *rg_os_remap(void *p, size_t old_size, size_t new_size);

/* Give the pages of [p, p+size) back to the OS; they read as zero after.
 * p and size must be page aligned. */
void rg_os_release(void *p, size_t size);

/* The same for many ranges at once: one process_madvise(2) call per 1024
 * ranges where the kernel supports MADV_DONTNEED there (Linux 6.x, with
 * batched TLB flushes), one madvise per range otherwise. */
typedef struct rg_os_range {
    void *base;
    size_t size;
} rg_os_range;
void rg_os_release_ranges(const rg_os_range *ranges, size_t n);

/* Which pages of [p, p+size) are resident: writes one byte per page into
 * vec (bit 0 set = resident) and returns the resident byte count.  vec may
 * be NULL when only the count is wanted.  p must be page aligned. */
size_t rg_os_resident(const void *p, size_t size, unsigned char *vec);

/* Is every page of [p, p+size) mapped?  (For tests of unmapping.) */
int rg_os_is_mapped(const void *p, size_t size);

/* The process's resident set size in bytes (from /proc/self/statm), or 0. */
size_t rg_os_rss(void);

/* glibc's malloc_trim(0): the C library's heap (where large blocks of up to
 * the mmap threshold live) gives its free pages back; returns the drop of
 * the resident set size around the call (0 without glibc).  For the refgc
 * modules' trim(c_library=True). */
size_t rg_os_trim_c_library(void);

/* The C library's allocator, behind the same failure injection. */
void *rg_os_malloc(size_t size);
void *rg_os_calloc(size_t count, size_t size);
void *rg_os_realloc(void *p, size_t size);
void rg_os_free(void *p);

/* Failure injection for tests: after n more successful requests (maps,
 * remaps, mallocs), every further request fails until reset with n < 0.
 * Not thread safe; tests only. */
void rg_os_fail_after(long n);

/* ---------------------------------------------------------------------- */
/* Failure injection sites (fault.c; refgc.h "Failure injection")          */
/* ---------------------------------------------------------------------- */

/* RG_FAULT(site): count one site of kind site (an rg_fault_site); true when
 * it is the armed one, which must then fail (errno is ENOMEM).  Without
 * RG_FAULT_INJECTION it is the constant 0 and costs nothing. */
#ifdef RG_FAULT_INJECTION
int rg_fault_hit(int site);
#define RG_FAULT(site) __builtin_expect(rg_fault_hit(site), 0)
/* For test drivers (tests/fault/): while a handler is set it decides at
 * every site instead of the armed number: handler(kind, n) with n the
 * site's number since the last arm; 1 makes the site fail.  It must not
 * allocate in any heap; errno is kept when it returns 0.  NULL: back to
 * rg_fault_arm's single failure. */
typedef int (*rg_fault_handler)(int site, unsigned long n);
void rg_fault_set_handler(rg_fault_handler handler);
/* Blocks of rg_os_malloc/calloc/realloc not yet given to rg_os_free
 * (fault builds: a sweep compares it with a run without failure). */
long rg_os_live_blocks(void);
/* Once the armed failure fired, rg_heap_delete reports the blocks a heap
 * still held and its rg_heap_check count; the last report (0 if none
 * since the last call) is read back once by rg_fault_deleted_heap. */
void rg_fault_note_deleted_heap(size_t blocks, size_t errors);
int rg_fault_deleted_heap(size_t *blocks, size_t *errors);
#else
#define RG_FAULT(site) 0
#endif

#endif /* RG_OS_H */
