/*
 * large.c -- blocks of 0 or more than 512 bytes.
 *
 * Owns: the large path.  CPython sends these to the C library's malloc; so
 * does refgc below config.mmap_threshold.  At or above it the block is mapped
 * straight from the OS and unmapped on free, so its pages go back at once;
 * realloc of a mapped block uses mremap.  Each block carries an rg_large
 * header (48 bytes) linking it into its heap's list, so that rg_free finds
 * the heap, the statistics count the bytes and rg_heap_delete frees what is
 * left.  The word just before the data is RG_LARGE_MAGIC: rg_free uses it to
 * tell a large block from a debug block and from a foreign pointer.
 *
 * Invariants: a block is mapped iff its size >= mmap_threshold (kept across
 * realloc); the heap's counters equal the sums over its list.
 */
#include <errno.h>
#include <stddef.h>

#include "alloc.h"
#include "../os/os.h"
#include "../os/valgrind.h"

/* Largest request the large path accepts (room for header and rounding). */
#define LARGE_MAX ((size_t)PTRDIFF_MAX - sizeof(rg_large) - (1u << 20))

/* Bytes to map for a block of nbytes. */
static size_t mapped_size(size_t nbytes)
{
    size_t page = rg_os_page_size();
    return (sizeof(rg_large) + nbytes + page - 1) & ~(page - 1);
}

/* Put b (header fields set) on its heap's list and count it. */
static void large_link(rg_heap *heap, rg_large *b)
{
    b->heap = heap;
    b->magic = RG_LARGE_MAGIC;
    b->next = heap->large.next;
    b->prev = &heap->large;
    heap->large.next->prev = b;
    heap->large.next = b;
    heap->large_blocks++;
    heap->large_bytes += b->size;
    heap->large_mapped_bytes += b->mapped;
}

/* Take b off its heap's list and uncount it. */
static void large_unlink(rg_large *b)
{
    rg_heap *heap = b->heap;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    heap->large_blocks--;
    heap->large_bytes -= b->size;
    heap->large_mapped_bytes -= b->mapped;
}

/* memcheck (valgrind.h): mapped block b holds its size bytes: a fresh one
 * becomes a chunk of heap (defined if zeroed), a resized one keeps its
 * first old bytes and the rest is undefined; the page slack after them is
 * NOACCESS.  Blocks from the C library's malloc are memcheck's own. */
static void mapped_tell(rg_heap *heap, rg_large *b, int fresh, size_t old, int zero)
{
    uint8_t *data = rg_large_data(b);
    if (fresh) RG_VG_MALLOCLIKE(heap, data, b->size, zero);
    else if (b->size > old) RG_VG_UNDEFINED(data + old, b->size - old);
    RG_VG_NOACCESS(data + b->size, b->mapped - sizeof(rg_large) - b->size);
}

/* A fresh block of the kind its size calls for; header fields size and
 * mapped set, not linked.  NULL on failure. */
static rg_large *large_new(rg_heap *heap, size_t nbytes, int zero)
{
    rg_large *b;
    size_t mapped = 0;
    if (nbytes >= heap->config.mmap_threshold) {
        mapped = mapped_size(nbytes);
        b = rg_os_map(mapped); /* zero filled */
    } else if (zero) {
        b = rg_os_calloc(1, sizeof(rg_large) + nbytes);
    } else {
        b = rg_os_malloc(sizeof(rg_large) + nbytes);
    }
    if (b == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    b->size = nbytes;
    b->mapped = mapped;
    if (mapped) mapped_tell(heap, b, 1, 0, zero);
    return b;
}

/* Return b's memory (already unlinked). */
static void large_release(rg_large *b)
{
    b->magic = RG_LARGE_FREED;
    if (b->mapped) {
        RG_VG_FREELIKE(b->heap, rg_large_data(b));
        rg_os_unmap(b, b->mapped);
    } else {
        rg_os_free(b);
    }
}

void *rg_large_alloc(rg_heap *heap, size_t nbytes, int zero)
{
    if (RG_FAULT(RG_FAULT_LARGE)) return NULL; /* failure injection (os.h) */
    if (nbytes > LARGE_MAX || rg_heap_over_limit(heap, nbytes)) {
        errno = ENOMEM;
        return NULL;
    }
    rg_large *b = large_new(heap, nbytes, zero);
    if (b == NULL) return NULL;
    large_link(heap, b);
    return rg_large_data(b);
}

void rg_large_free(rg_large *b)
{
    large_unlink(b);
    large_release(b);
}

void *rg_large_realloc(rg_large *b, size_t nbytes)
{
    rg_heap *heap = b->heap;
    if (RG_FAULT(RG_FAULT_LARGE)) return NULL; /* failure injection (os.h) */
    if (nbytes > LARGE_MAX || (nbytes > b->size && rg_heap_over_limit(heap, nbytes - b->size))) {
        errno = ENOMEM;
        return NULL;
    }
    int want_mapped = nbytes >= heap->config.mmap_threshold;
    rg_large *nb;
    if (want_mapped && b->mapped) {
        size_t size = mapped_size(nbytes), old = b->size;
        void *old_data = rg_large_data(b);
        large_unlink(b);
        nb = rg_os_remap(b, b->mapped, size);
        if (nb == NULL) {
            large_link(heap, b);
            errno = ENOMEM;
            return NULL;
        }
        nb->size = nbytes;
        nb->mapped = size;
        RG_VG_RESIZE(heap, old_data, rg_large_data(nb), nbytes); /* mremap moved the bits */
        mapped_tell(heap, nb, 0, old, 0);
    } else if (!want_mapped && !b->mapped) {
        large_unlink(b);
        nb = rg_os_realloc(b, sizeof(rg_large) + nbytes);
        if (nb == NULL) {
            large_link(heap, b);
            errno = ENOMEM;
            return NULL;
        }
        nb->size = nbytes;
    } else {
        /* Crossing the threshold: a block of the other kind, then copy. */
        nb = large_new(heap, nbytes, 0);
        if (nb == NULL) return NULL;
        memcpy(rg_large_data(nb), rg_large_data(b), b->size < nbytes ? b->size : nbytes);
        large_unlink(b);
        large_release(b);
    }
    large_link(heap, nb);
    return rg_large_data(nb);
}

void rg_large_free_all(rg_heap *heap)
{
    while (heap->large.next != &heap->large) rg_large_free(heap->large.next);
}
