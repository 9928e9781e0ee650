/*
 * return_os.c -- the return-to-the-OS workload (rto).
 *
 * Keys: bytes (default 1 GiB), size (default 64), keep_every (default 100).
 * Allocates bytes/size blocks of `size` bytes (writing the first and last
 * 8 bytes of each), frees all but every keep_every-th (index 0, 100, ...),
 * trims, frees the rest, trims again, and reads the RSS at each point.
 *
 * RSS is the allocator's own: /proc/self/statm minus the resident bytes of
 * the pointer array (mincore), reported as the change from the starting
 * point (after warm-up, before the first allocation).  The pointer array
 * (16.7M pointers, 134 MB by default) is a kernel mapping; after the 99%
 * free the survivors are compacted to its front and the rest is dropped
 * with MADV_DONTNEED.
 *
 * The floor is the memory the survivors cannot avoid: the number of
 * distinct 4 KiB pages that hold any byte of a live block [p, p+size), in
 * this allocator's own layout, times 4096 (allocator headers not counted).
 * An allocator without trim (pymalloc) reports its RSS without trimming at
 * the trim points and trimmed=0.
 */
#include "alloc_shim.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "worker.h"

#define FLOOR_PAGE 4096u

/* qsort order for page numbers. */
static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Bytes in the distinct 4 KiB pages touched by the n blocks of size bytes
 * at blocks[].  The scratch array is a kernel mapping, gone on return. */
static uint64_t live_page_floor(void *const *blocks, size_t n, size_t size)
{
    if (n == 0) return 0;
    const size_t max_pages_per_block = size / FLOOR_PAGE + 2;
    const size_t cap = n * max_pages_per_block;
    uint64_t *pages = map_array(cap * sizeof *pages);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t first = (uint64_t)(uintptr_t)blocks[i] / FLOOR_PAGE;
        uint64_t last = ((uint64_t)(uintptr_t)blocks[i] + size - 1) / FLOOR_PAGE;
        for (uint64_t pg = first; pg <= last; pg++) pages[count++] = pg;
    }
    qsort(pages, count, sizeof *pages, compare_u64);
    uint64_t distinct = 0;
    for (size_t i = 0; i < count; i++)
        if (i == 0 || pages[i] != pages[i - 1]) distinct++;
    unmap_array(pages, cap * sizeof *pages);
    return distinct * FLOOR_PAGE;
}

/* The allocator's RSS change since rss_start: the process's RSS less the
 * resident part of the pointer array. */
static int64_t allocator_rss(int64_t rss_start, void *array, size_t array_bytes)
{
    return process_rss() - (int64_t)resident_bytes(array, array_bytes) - rss_start;
}

/* The rto workload: allocate, free 99%, trim, free all, trim; RSS at each. */
int run_return_to_os(void)
{
    const uint64_t total = param_u64("bytes", UINT64_C(1) << 30);
    const size_t size = param_u64("size", 64);
    const size_t keep_every = param_u64("keep_every", 100);
    if (size < 8 || keep_every == 0 || total < size) return 2;
    const size_t n = total / size;
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    const size_t array_bytes = (n * sizeof(void *) + page - 1) / page * page;
    void **ptrs = map_array(array_bytes);
    uint64_t checksum = 0;

    const int64_t rss_start = process_rss() - (int64_t)resident_bytes(ptrs, array_bytes);

    /* 1. allocate everything */
    const double t0 = now_ns();
    for (size_t i = 0; i < n; i++) {
        void *p = bench_malloc(size);
        if (p == NULL) out_of_memory("rto", size);
        touch_block(p, size, i);
        ptrs[i] = p;
    }
    const double t1 = now_ns();
    const int64_t rss_allocated = allocator_rss(rss_start, ptrs, array_bytes);

    /* 2. free all but every keep_every-th, compact the survivors */
    for (size_t i = 0; i < n; i++) {
        if (i % keep_every == 0) continue;
        checksum += first_word(ptrs[i]);
        bench_free(ptrs[i]);
    }
    const double t2 = now_ns();
    size_t live = 0;
    for (size_t i = 0; i < n; i += keep_every) ptrs[live++] = ptrs[i];
    size_t used = (live * sizeof(void *) + page - 1) / page * page;
    if (used < array_bytes) madvise((char *)ptrs + used, array_bytes - used, MADV_DONTNEED);
    const uint64_t floor_bytes = live_page_floor(ptrs, live, size);
    const int64_t rss_freed99 = allocator_rss(rss_start, ptrs, array_bytes);

    /* 3. trim */
    const double t3 = now_ns();
    const int trimmed = bench_alloc_trim();
    const double t4 = now_ns();
    const int64_t rss_trim1 = allocator_rss(rss_start, ptrs, array_bytes);

    /* 4. free the rest */
    for (size_t i = 0; i < live; i++) {
        checksum += first_word(ptrs[i]);
        bench_free(ptrs[i]);
    }
    const int64_t rss_freed_all = allocator_rss(rss_start, ptrs, array_bytes);

    /* 5. trim again */
    const double t5 = now_ns();
    bench_alloc_trim();
    const double t6 = now_ns();
    const int64_t rss_trim2 = allocator_rss(rss_start, ptrs, array_bytes);
    unmap_array(ptrs, array_bytes);

    result_u64("bytes", total);
    result_u64("size", size);
    result_u64("blocks", n);
    result_u64("live", live);
    result_u64("trimmed", (uint64_t)trimmed);
    result_i64("rss_start", rss_start);
    result_i64("rss_allocated", rss_allocated);
    result_i64("rss_freed99", rss_freed99);
    result_i64("rss_trim1", rss_trim1);
    result_i64("rss_freed_all", rss_freed_all);
    result_i64("rss_trim2", rss_trim2);
    result_u64("floor", floor_bytes);
    result_f64("trim1_over_floor", floor_bytes ? (double)rss_trim1 / (double)floor_bytes : 0.0);
    result_f64("alloc_ns_per_block", (t1 - t0) / (double)n);
    result_f64("free_ns_per_block", (t2 - t1) / (double)(n - live));
    result_f64("trim1_ms", (t4 - t3) / 1e6);
    result_f64("trim2_ms", (t6 - t5) / 1e6);
    result_u64("checksum", checksum);
    return 0;
}
