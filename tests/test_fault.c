/*
 * test_fault.c -- allocation failure leaves the heap consistent.
 *
 * refgc.h promises that an allocation function returns NULL with errno
 * ENOMEM on failure and leaves the heap consistent, and that rg_realloc
 * leaves the old block untouched when it fails.  Every OS request the
 * allocator makes (maps, remaps, the C library's malloc) goes through
 * src/os, where rg_os_fail_after(n) lets the next n succeed and fails every
 * one after that.  This file provokes each place a request can fail: the
 * heap itself, the arena table, an arena's mapping, the arena-map leaf of a
 * fresh 16 GiB region, the growth of the arena table past 16 arenas,
 * malloc'd and mapped large blocks, every realloc path (small to large,
 * malloc'd to malloc'd, mapped to mapped via remap, across the mmap
 * threshold both ways, debug heaps); it checks that size overflows fail
 * before any OS request is made; and it sweeps a fixed mixed workload with
 * the failure moved one request later each run, so that every request of
 * the workload fails once.  After each failure the heap must pass
 * rg_heap_check, every live block must still hold its pattern, the counts
 * must match what the test holds, and turning injection off must make the
 * same request succeed.  Tests reach internals (alloc/alloc.h) to set up
 * exact states, e.g. "the next small request needs a 17th arena".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "os/os.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* A heap with the given flags, arena reserve and mmap threshold. */
static rg_heap *make_heap(unsigned flags, size_t reserve, size_t mmap_threshold,
                          size_t quarantine)
{
    rg_heap_config config;
    rg_heap_config_init(&config);
    config.flags = flags;
    config.arena_reserve = reserve;
    config.mmap_threshold = mmap_threshold;
    config.debug_quarantine = quarantine;
    return rg_heap_new(&config);
}

/* Patterns: block bytes are a window into a fixed pseudo-random table,
 * starting at an offset given by the block's tag, so that fill and check
 * are memcpy and memcmp.  The table is stored twice so a window of up to
 * PATTERN bytes never wraps. */
#define PATTERN 4096
static uint8_t pattern_table[2 * PATTERN];

/* Fill the pattern table (once). */
static void pattern_init(void)
{
    static int done;
    if (done) return;
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < PATTERN; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        pattern_table[i] = pattern_table[i + PATTERN] = (uint8_t)x;
    }
    done = 1;
}

/* Where the window of tag starts in the table. */
static size_t pattern_start(uint32_t tag)
{
    return ((size_t)tag * 2654435761u) % PATTERN;
}

/* Fill p[0..n) with the pattern of tag. */
static void fill(uint8_t *p, size_t n, uint32_t tag)
{
    pattern_init();
    size_t start = pattern_start(tag);
    for (size_t i = 0; i < n; i += PATTERN) {
        size_t len = n - i < PATTERN ? n - i : PATTERN;
        memcpy(p + i, pattern_table + start, len);
    }
}

/* The first offset of p[0..n) that breaks the pattern of tag, or n. */
static size_t broken_at(const uint8_t *p, size_t n, uint32_t tag)
{
    pattern_init();
    size_t start = pattern_start(tag);
    for (size_t i = 0; i < n; i += PATTERN) {
        size_t len = n - i < PATTERN ? n - i : PATTERN;
        if (memcmp(p + i, pattern_table + start, len) == 0) continue;
        for (size_t k = 0; k < len; k++)
            if (p[i + k] != pattern_table[start + k]) return i + k;
    }
    return n;
}

/* Assert p[0..n) holds the pattern of tag. */
static void assert_intact(const uint8_t *p, size_t n, uint32_t tag)
{
    size_t i = broken_at(p, n, tag);
    if (i != n) {
        print_error("block %p (%zu bytes, tag %u) broken at byte %zu\n", (const void *)p, n,
                    tag, i);
        fail();
    }
}

/* Assert the heap passes its own check. */
static void assert_consistent(rg_heap *h)
{
    size_t errors = rg_heap_check(h, stderr);
    if (errors != 0) {
        print_error("rg_heap_check found %zu violations\n", errors);
        fail();
    }
}

/* Assert that call returns NULL with errno ENOMEM. */
#define ASSERT_ENOMEM(call)                                                          \
    do {                                                                             \
        errno = 0;                                                                   \
        const void *result_ = (call);                                                \
        int errno_ = errno;                                                          \
        assert_null(result_);                                                        \
        assert_int_equal(errno_, ENOMEM);                                            \
    } while (0)

/* Teardown: injection off, whatever the test did. */
static int injection_off(void **state)
{
    (void)state;
    rg_os_fail_after(-1);
    return 0;
}

/* ====================================================================== */
/* The arena-map leaf (must run before any arena exists in this process)  */
/* ====================================================================== */

/* Child-side check: report and exit 1 when cond is false. */
#define CHILD_CHECK(cond)                                                            \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: child check failed: %s\n", __FILE__, __LINE__,    \
                    #cond);                                                          \
            _exit(1);                                                                \
        }                                                                            \
    } while (0)

/* In a child: the first arena of the process needs a leaf of the arena map;
 * make exactly that request fail, then recover. */
static void leaf_failure_child(size_t reserve)
{
    CHILD_CHECK(rg_map_leaf_count() == 0);
    rg_heap *h = make_heap(0, reserve, RG_DEFAULT_MMAP_THRESHOLD, 0);
    CHILD_CHECK(h != NULL);
    /* Allowed: the slot table and the arena mapping.  Fails: the leaf. */
    rg_os_fail_after(2);
    errno = 0;
    void *p = rg_malloc(h, 16);
    int err = errno;
    CHILD_CHECK(p == NULL && err == ENOMEM);
    CHILD_CHECK(rg_map_leaf_count() == 0);
    CHILD_CHECK(h->narenas == 0 && h->nslots == 16);
    CHILD_CHECK(h->nreserve == (reserve ? 1u : 0u)); /* mapped arena kept or unmapped */
    CHILD_CHECK(rg_heap_check(h, stderr) == 0);
    /* Nothing else may have broken: a large block needs no arena. */
    rg_os_fail_after(-1);
    p = rg_malloc(h, 16);
    CHILD_CHECK(p != NULL);
    CHILD_CHECK(rg_map_leaf_count() == 1);
    CHILD_CHECK(rg_heap_of(p) == h);
    CHILD_CHECK(h->narenas == 1 && h->narenas_total == 1 && h->nreserve == 0);
    CHILD_CHECK(rg_heap_check(h, stderr) == 0);
    memset(p, 0x5A, 16);
    rg_free(p);
    CHILD_CHECK(rg_heap_check(h, stderr) == 0);
    rg_heap_delete(h);
    _exit(0);
}

/* Run leaf_failure_child in a fresh child and assert it passed. */
static void run_leaf_child(size_t reserve)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) leaf_failure_child(reserve);
    int status;
    while (waitpid(pid, &status, 0) < 0) assert_int_equal(errno, EINTR);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        print_error("leaf child (reserve %zu) failed: status 0x%x\n", reserve,
                    (unsigned)status);
        fail();
    }
}

/* The leaf of the arena map failing: this process has no leaf yet (this
 * test runs first), so a forked child's first arena needs one; the arena
 * must go to the reserve (or back to the OS) and the heap stay usable. */
static void test_map_leaf_failure(void **state)
{
    (void)state;
    if (rg_map_leaf_count() != 0) {
        print_error("test_map_leaf_failure must run before any arena is made\n");
        fail();
    }
    run_leaf_child(RG_DEFAULT_ARENA_RESERVE);
    run_leaf_child(0);
    assert_int_equal(rg_map_leaf_count(), 0);
}

/* ====================================================================== */
/* Heaps, arenas, the arena table                                          */
/* ====================================================================== */

/* rg_heap_new fails cleanly: the heap's own memory, and (debug) its
 * quarantine; nothing leaks (LeakSanitizer checks in the ASan build). */
static void test_heap_new_failure(void **state)
{
    (void)state;
    rg_os_fail_after(0);
    ASSERT_ENOMEM(rg_heap_new(NULL));
    ASSERT_ENOMEM(make_heap(RG_HEAP_DEBUG, 0, RG_DEFAULT_MMAP_THRESHOLD, 16));
    rg_os_fail_after(1); /* the heap succeeds, its quarantine fails */
    ASSERT_ENOMEM(make_heap(RG_HEAP_DEBUG, 0, RG_DEFAULT_MMAP_THRESHOLD, 16));
    /* One request is all a normal heap and a quarantine-less debug heap need. */
    rg_os_fail_after(1);
    rg_heap *h = rg_heap_new(NULL);
    assert_non_null(h);
    rg_heap_delete(h);
    rg_os_fail_after(1);
    h = make_heap(RG_HEAP_DEBUG, 0, RG_DEFAULT_MMAP_THRESHOLD, 0);
    assert_non_null(h);
    rg_heap_delete(h);
    rg_os_fail_after(-1);
    h = make_heap(RG_HEAP_DEBUG, 0, RG_DEFAULT_MMAP_THRESHOLD, 16);
    assert_non_null(h);
    rg_heap_delete(h);
}

/* The first arena: the arena table (0) or the arena's mapping (1) fails;
 * small requests of every family return NULL/ENOMEM, nothing changes, and
 * the same request then succeeds. */
static void test_first_arena_failure(void **state)
{
    (void)state;
    for (long allowed = 0; allowed <= 1; allowed++) {
        for (unsigned flags = 0; flags <= RG_HEAP_DEBUG; flags += RG_HEAP_DEBUG) {
            rg_heap *h = make_heap(flags, RG_DEFAULT_ARENA_RESERVE, RG_DEFAULT_MMAP_THRESHOLD, 8);
            assert_non_null(h);
            static const size_t sizes[] = {1, 16, 100, 488, 512};
            for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
                if (flags && sizes[k] > 488) continue; /* + 24 would go large */
                /* Once the table exists only the mapping is left to fail. */
                rg_os_fail_after(h->nslots ? 0 : allowed);
                ASSERT_ENOMEM(rg_malloc(h, sizes[k]));
                rg_os_fail_after(h->nslots ? 0 : allowed);
                ASSERT_ENOMEM(rg_obj_calloc(h, 1, sizes[k]));
                assert_int_equal(h->narenas, 0);
                assert_int_equal(h->nslots, allowed ? 16 : 0);
                assert_consistent(h);
            }
            rg_stats s;
            assert_int_equal(rg_heap_stats(h, &s), 0);
            assert_int_equal(s.allocated_blocks, 0);
            assert_int_equal(s.arenas, 0);
            rg_os_fail_after(-1);
            uint8_t *p = rg_malloc(h, 100);
            assert_non_null(p);
            fill(p, 100, 7);
            assert_int_equal(h->narenas, 1);
            assert_consistent(h);
            assert_intact(p, 100, 7);
            rg_free(p);
            rg_heap_delete(h);
        }
    }
}

/* Would the next 512-byte request need a new arena? */
static int next_needs_arena(const rg_heap *h)
{
    const uint32_t cls = RG_NUM_SIZE_CLASSES - 1;
    return h->usable_arenas == NULL && h->usedpools[cls].next == &h->usedpools[cls];
}

/* Allocate 512-byte blocks (each holding its index) from blocks[n] on:
 * the first may map an arena, the rest fill it until the next request
 * needs another.  Returns the new count. */
static size_t fill_arena(rg_heap *h, uint8_t **blocks, size_t n, size_t cap)
{
    do {
        assert_true(n < cap);
        blocks[n] = rg_malloc(h, 512);
        assert_non_null(blocks[n]);
        memcpy(blocks[n], &n, sizeof n);
        n++;
    } while (!next_needs_arena(h));
    return n;
}

/* Assert every block still holds its index. */
static void assert_indexed(uint8_t *const *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t v;
        memcpy(&v, blocks[i], sizeof v);
        assert_int_equal(v, i);
    }
}

/* A later arena's mapping fails while the table has room. */
static void test_second_arena_failure(void **state)
{
    (void)state;
    const size_t per_arena = RG_NUMBLOCKS(RG_NUM_SIZE_CLASSES - 1) * RG_POOLS_PER_ARENA;
    uint8_t **blocks = calloc(2 * per_arena + 1, sizeof *blocks);
    assert_non_null(blocks);
    rg_heap *h = make_heap(0, 0, RG_DEFAULT_MMAP_THRESHOLD, 0);
    assert_non_null(h);
    size_t n = fill_arena(h, blocks, 0, 2 * per_arena);
    assert_int_equal(n, per_arena);
    assert_int_equal(h->narenas, 1);
    rg_os_fail_after(0);
    ASSERT_ENOMEM(rg_malloc(h, 512));
    ASSERT_ENOMEM(rg_calloc(h, 2, 256));
    /* Other classes need a pool, hence an arena, too. */
    ASSERT_ENOMEM(rg_malloc(h, 16));
    assert_int_equal(h->narenas, 1);
    assert_consistent(h);
    assert_indexed(blocks, n);
    /* Freeing needs no OS request and makes room again. */
    rg_free(blocks[--n]);
    uint8_t *again = rg_malloc(h, 500);
    assert_non_null(again);
    blocks[n] = again;
    memcpy(again, &n, sizeof n);
    n++;
    rg_os_fail_after(-1);
    uint8_t *p = rg_malloc(h, 512);
    assert_non_null(p);
    assert_int_equal(h->narenas, 2);
    assert_consistent(h);
    assert_indexed(blocks, n);
    rg_free(p);
    for (size_t i = 0; i < n; i++) rg_free(blocks[i]);
    assert_consistent(h);
    rg_heap_delete(h);
    free(blocks);
}

/* The arena table is full (16 arenas): growing it fails (0), or it grows
 * and the 17th arena's mapping fails (1); then it all works. */
static void test_arena_table_growth_failure(void **state)
{
    (void)state;
    const size_t per_arena = RG_NUMBLOCKS(RG_NUM_SIZE_CLASSES - 1) * RG_POOLS_PER_ARENA;
    const size_t cap = 17 * per_arena;
    uint8_t **blocks = calloc(cap, sizeof *blocks);
    assert_non_null(blocks);
    rg_heap *h = make_heap(0, RG_DEFAULT_ARENA_RESERVE, RG_DEFAULT_MMAP_THRESHOLD, 0);
    assert_non_null(h);
    size_t n = 0;
    for (int a = 0; a < 16; a++) n = fill_arena(h, blocks, n, cap);
    assert_int_equal(n, 16 * per_arena);
    assert_int_equal(h->narenas, 16);
    assert_int_equal(h->nslots, 16);
    assert_int_equal(h->unused_slots, RG_NO_SLOT);

    rg_os_fail_after(0); /* the table's realloc fails */
    ASSERT_ENOMEM(rg_malloc(h, 512));
    assert_int_equal(h->nslots, 16);
    assert_int_equal(h->narenas, 16);
    assert_consistent(h);

    rg_os_fail_after(1); /* the table grows, the arena's mapping fails */
    ASSERT_ENOMEM(rg_obj_malloc(h, 400));
    assert_int_equal(h->nslots, 32);
    assert_int_equal(h->narenas, 16);
    assert_consistent(h);
    assert_indexed(blocks, n);

    rg_os_fail_after(-1);
    blocks[n] = rg_malloc(h, 512);
    assert_non_null(blocks[n]);
    memcpy(blocks[n], &n, sizeof n);
    n++;
    assert_int_equal(h->narenas, 17);
    rg_block_info info;
    assert_int_equal(rg_block_info_of(blocks[n - 1], &info), 0);
    assert_int_equal(info.arena_index, 16);
    assert_consistent(h);
    assert_indexed(blocks, n);
    rg_stats s;
    assert_int_equal(rg_heap_stats(h, &s), 0);
    assert_int_equal(s.allocated_blocks, n);
    for (size_t i = 0; i < n; i++) rg_free(blocks[i]);
    assert_consistent(h);
    rg_heap_delete(h);
    free(blocks);
}

/* ====================================================================== */
/* Large blocks                                                            */
/* ====================================================================== */

/* Large requests fail cleanly on both paths (malloc'd, mapped), for every
 * entry point, on normal and debug heaps. */
static void test_large_failure(void **state)
{
    (void)state;
    for (unsigned flags = 0; flags <= RG_HEAP_DEBUG; flags += RG_HEAP_DEBUG) {
        /* No quarantine: a freed debug block leaves the counts at once. */
        rg_heap *h = make_heap(flags, RG_DEFAULT_ARENA_RESERVE, 64 * 1024, 0);
        assert_non_null(h);
        uint8_t *keep = rg_malloc(h, 3000);
        assert_non_null(keep);
        fill(keep, 3000, 3);
        static const size_t sizes[] = {0, 513, 1000, 60000, 65536, 100000, 1u << 22};
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            size_t n = sizes[k];
            if (flags && n == 0) continue; /* a debug 0 is small */
            rg_os_fail_after(0);
            ASSERT_ENOMEM(rg_malloc(h, n));
            ASSERT_ENOMEM(rg_obj_malloc(h, n));
            ASSERT_ENOMEM(rg_calloc(h, 1, n));
            ASSERT_ENOMEM(rg_obj_calloc(h, n, 1));
            ASSERT_ENOMEM(rg_realloc(h, NULL, n));
            rg_stats s;
            assert_int_equal(rg_heap_stats(h, &s), 0);
            assert_int_equal(s.large_blocks, 1);
            assert_int_equal(s.large_bytes, flags ? 3000 + 24 : 3000);
            assert_consistent(h);
            rg_os_fail_after(-1);
            uint8_t *p = rg_calloc(h, 1, n);
            assert_non_null(p);
            fill(p, n, 9);
            assert_intact(p, n, 9);
            rg_free(p);
        }
        assert_intact(keep, 3000, 3);
        rg_free(keep);
        assert_consistent(h);
        rg_heap_delete(h);
    }
}

/* One realloc case: a block of from bytes grown or shrunk to to. */
typedef struct resize {
    size_t from, to;
} resize;

/* Realloc failing leaves the block as it was: contents, usable size, kind,
 * heap counts; the same realloc then succeeds and keeps the contents. */
static void realloc_case(unsigned flags, size_t threshold, resize r)
{
    rg_heap *h = make_heap(flags, RG_DEFAULT_ARENA_RESERVE, threshold, 4);
    assert_non_null(h);
    uint8_t *p = rg_malloc(h, r.from);
    assert_non_null(p);
    fill(p, r.from, 42);
    rg_block_info before, after;
    assert_int_equal(rg_block_info_of(p, &before), 0);
    rg_stats s0, s1;
    assert_int_equal(rg_heap_stats(h, &s0), 0);

    rg_os_fail_after(0);
    errno = 0;
    void *q = rg_realloc(h, p, r.to);
    if (q != NULL) {
        print_error("realloc %zu -> %zu (flags %u, threshold %zu) succeeded with every OS "
                    "request failing\n", r.from, r.to, flags, threshold);
        fail();
    }
    assert_int_equal(errno, ENOMEM);
    ASSERT_ENOMEM(rg_obj_realloc(h, NULL, r.to));
    assert_intact(p, r.from, 42);
    assert_int_equal(rg_block_info_of(p, &after), 0);
    assert_memory_equal(&before, &after, sizeof before);
    assert_int_equal(rg_heap_stats(h, &s1), 0);
    assert_int_equal(s1.allocated_blocks, s0.allocated_blocks);
    assert_int_equal(s1.large_bytes, s0.large_bytes);
    assert_int_equal(s1.large_blocks, s0.large_blocks);
    assert_consistent(h);

    rg_os_fail_after(-1);
    q = rg_realloc(h, p, r.to);
    assert_non_null(q);
    assert_intact(q, r.from < r.to ? r.from : r.to, 42);
    assert_consistent(h);
    rg_free(q);
    rg_heap_delete(h);
}

/* Every realloc path that needs the OS, failing. */
static void test_realloc_failure(void **state)
{
    (void)state;
    static const resize normal[] = {
        {100, 1000},      /* small -> malloc'd */
        {100, 300000},    /* small -> mapped */
        {1000, 2000},     /* malloc'd -> malloc'd (realloc) */
        {1000, 600},      /* malloc'd shrinking stays malloc'd */
        {1000, 100},      /* a malloc'd block stays on malloc even when small */
        {1000, 300000},   /* malloc'd -> mapped (new block) */
        {200000, 400000}, /* mapped -> mapped (remap, growing) */
        {400000, 200000}, /* mapped -> mapped (remap, shrinking) */
        {200000, 1000},   /* mapped -> malloc'd (new block) */
        {0, 5000},        /* the zero-byte block is malloc'd */
    };
    for (size_t k = 0; k < sizeof normal / sizeof *normal; k++)
        realloc_case(0, 128 * 1024, normal[k]);
    /* A debug heap always moves: every resize needs a new block. */
    static const resize debug[] = {
        {100, 1000}, {1000, 2000}, {2000, 1000}, {100, 300000}, {200000, 400000},
        {300000, 50}, {0, 700},
    };
    for (size_t k = 0; k < sizeof debug / sizeof *debug; k++)
        realloc_case(RG_HEAP_DEBUG, 128 * 1024, debug[k]);
}

/* A realloc that needs no OS request succeeds with injection on: within
 * a class, or to a new class served by the arena already mapped. */
static void test_realloc_without_os(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    assert_non_null(h);
    uint8_t *p = rg_malloc(h, 100);
    assert_non_null(p);
    fill(p, 100, 5);
    rg_os_fail_after(0);
    uint8_t *q = rg_realloc(h, p, 110); /* same class: the same block */
    assert_ptr_equal(q, p);
    q = rg_realloc(h, p, 300); /* a new pool in the same arena */
    assert_non_null(q);
    assert_intact(q, 100, 5);
    q = rg_realloc(h, q, 20);
    assert_non_null(q);
    assert_intact(q, 20, 5);
    assert_int_equal(h->narenas, 1);
    assert_consistent(h);
    rg_free(q);
    rg_os_fail_after(-1);
    rg_heap_delete(h);
}

/* ====================================================================== */
/* Overflow                                                                */
/* ====================================================================== */

/* Overflowing or oversized requests fail with ENOMEM before any OS
 * request: with one request allowed, they all fail and the one request is
 * still there for the next large malloc (which needs exactly one). */
static void test_overflow_makes_no_request(void **state)
{
    (void)state;
    const size_t half = SIZE_MAX / 2 + 1;
    const size_t too_big = (size_t)PTRDIFF_MAX + 1;
    for (unsigned flags = 0; flags <= RG_HEAP_DEBUG; flags += RG_HEAP_DEBUG) {
        rg_heap *h = make_heap(flags, RG_DEFAULT_ARENA_RESERVE, RG_DEFAULT_MMAP_THRESHOLD, 4);
        assert_non_null(h);
        uint8_t *small = rg_malloc(h, 64), *large = rg_malloc(h, 4000);
        assert_non_null(small);
        assert_non_null(large);
        fill(small, 64, 1);
        fill(large, 4000, 2);
        static const size_t huge[] = {SIZE_MAX, SIZE_MAX - 15, (size_t)PTRDIFF_MAX + 1,
                                      (size_t)PTRDIFF_MAX, (size_t)PTRDIFF_MAX - 23,
                                      (size_t)PTRDIFF_MAX - 4096};
        rg_os_fail_after(1);
        for (size_t k = 0; k < sizeof huge / sizeof *huge; k++) {
            size_t n = huge[k];
            ASSERT_ENOMEM(rg_malloc(h, n));
            ASSERT_ENOMEM(rg_obj_malloc(h, n));
            ASSERT_ENOMEM(rg_calloc(h, 1, n));
            ASSERT_ENOMEM(rg_obj_calloc(h, n, 1));
            ASSERT_ENOMEM(rg_realloc(h, NULL, n));
            ASSERT_ENOMEM(rg_realloc(h, small, n));
            ASSERT_ENOMEM(rg_obj_realloc(h, NULL, n));
            ASSERT_ENOMEM(rg_realloc(h, large, n));
        }
        const size_t products[][2] = {{half, 2}, {2, half}, {(size_t)1 << 32, (size_t)1 << 32},
                                      {SIZE_MAX, SIZE_MAX}, {3, SIZE_MAX / 3 + 1},
                                      {too_big, 1}, {1, too_big}, {too_big / 2 + 1, 2}};
        for (size_t k = 0; k < sizeof products / sizeof *products; k++) {
            ASSERT_ENOMEM(rg_calloc(h, products[k][0], products[k][1]));
            ASSERT_ENOMEM(rg_obj_calloc(h, products[k][0], products[k][1]));
        }
        assert_intact(small, 64, 1);
        assert_intact(large, 4000, 2);
        assert_consistent(h);
        /* The one request was not spent. */
        uint8_t *p = rg_malloc(h, 1000);
        assert_non_null(p);
        ASSERT_ENOMEM(rg_malloc(h, 1000));
        rg_os_fail_after(-1);
        rg_free(p);
        rg_free(small);
        rg_free(large);
        assert_consistent(h);
        rg_heap_delete(h);
    }
}

/* ====================================================================== */
/* The sweep                                                               */
/* ====================================================================== */

#define SLOTS 96
#define BULK 5200 /* 400..488-byte blocks: three arenas; clearing releases one */
#define STEPS 500
#define EDGE 16   /* bulk blocks carry the pattern at both ends only */

typedef struct block {
    uint8_t *p;
    size_t n;
    uint32_t tag;
    int obj;  /* allocated through the rg_obj_ family */
    int bulk; /* pattern at the ends only (speed) */
} block;

typedef struct workload {
    rg_heap *h;
    int debug;
    block slot[SLOTS];
    block bulk[BULK];
    uint32_t rng;
    uint32_t next_tag;
    size_t failures;   /* calls that returned NULL */
    size_t live;       /* blocks held */
    long rearm;        /* < 0: injection stays failing; else re-armed to this */
} workload;

/* The next pseudo-random number (fixed sequence). */
static uint32_t next_rand(workload *w)
{
    w->rng = w->rng * 1103515245u + 12345u;
    return w->rng >> 8;
}

/* A request size: mostly small, some malloc'd, a few mapped, some 0. */
static size_t pick_size(workload *w)
{
    uint32_t r = next_rand(w) % 100;
    if (r < 4) return 0;
    if (r < 64) return 1 + next_rand(w) % 512;
    if (r < 92) return 513 + next_rand(w) % 20000;
    return 70000 + next_rand(w) % 190000;
}

/* Fill a block with its pattern (a bulk block at its ends only). */
static void fill_block(const block *b)
{
    if (b->bulk && b->n > 2 * EDGE) {
        fill(b->p, EDGE, b->tag);
        fill(b->p + b->n - EDGE, EDGE, b->tag + 1);
    } else {
        fill(b->p, b->n, b->tag);
    }
}

/* Assert the first keep bytes of a block (all: keep = n) hold its pattern. */
static void check_block(const block *b, size_t keep)
{
    if (b->bulk && b->n > 2 * EDGE) {
        assert_intact(b->p, EDGE, b->tag);
        assert_intact(b->p + b->n - EDGE, EDGE, b->tag + 1);
    } else {
        assert_intact(b->p, keep, b->tag);
    }
}

/* A call returned NULL: it must be ENOMEM, the heap must be consistent
 * and, when re-arming, injection is set again. */
static void note_failure(workload *w, int err)
{
    assert_int_equal(err, ENOMEM);
    /* The first failures of a run hit fresh paths; later ones (injection
     * stays on) are covered by the checkpoints. */
    if (w->failures++ < 8) assert_consistent(w->h);
    if (w->rearm >= 0) rg_os_fail_after(w->rearm);
}

/* A call returned a block of n bytes: it must be ours and big enough. */
static void note_block(workload *w, block *b, uint8_t *p, size_t n, int obj)
{
    assert_ptr_equal(rg_heap_of(p), w->h);
    assert_true(rg_usable_size(p) >= n);
    assert_int_equal((uintptr_t)p % RG_ALIGNMENT, 0);
    b->p = p;
    b->n = n;
    b->obj = obj;
    b->tag = ++w->next_tag;
    fill_block(b);
}

/* Allocate n bytes into empty slot b by entry point how (0 rg_malloc,
 * 1 rg_calloc, 2 rg_obj_malloc, 3 rg_obj_calloc). */
static void op_alloc(workload *w, block *b, size_t n, uint32_t how)
{
    errno = 0;
    uint8_t *p;
    switch (how) {
    case 0: p = rg_malloc(w->h, n); break;
    case 1: p = rg_calloc(w->h, 1, n); break;
    case 2: p = rg_obj_malloc(w->h, n); break;
    default: p = rg_obj_calloc(w->h, n, 1); break;
    }
    int err = errno;
    if (p == NULL) {
        note_failure(w, err);
        return;
    }
    if (how % 2 == 1 && n > 0) /* calloc: all zero */
        assert_true(p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
    note_block(w, b, p, n, how >= 2);
    w->live++;
}

/* Resize full slot b; on failure the old block must be untouched. */
static void op_realloc(workload *w, block *b)
{
    size_t n = pick_size(w);
    errno = 0;
    uint8_t *q = b->obj ? rg_obj_realloc(w->h, b->p, n) : rg_realloc(w->h, b->p, n);
    int err = errno;
    if (q == NULL) {
        check_block(b, b->n);
        note_failure(w, err);
        return;
    }
    block moved = *b;
    moved.p = q;
    check_block(&moved, b->n < n ? b->n : n);
    note_block(w, b, q, n, b->obj);
}

/* Free full slot b after checking it. */
static void op_free(workload *w, block *b)
{
    check_block(b, b->n);
    if (b->obj) rg_obj_free(b->p);
    else rg_free(b->p);
    b->p = NULL;
    w->live--;
}

/* Every held block intact, the heap consistent, its counts ours. */
static void checkpoint(workload *w)
{
    for (size_t i = 0; i < SLOTS; i++)
        if (w->slot[i].p) check_block(&w->slot[i], w->slot[i].n);
    for (size_t i = 0; i < BULK; i++)
        if (w->bulk[i].p) check_block(&w->bulk[i], w->bulk[i].n);
    assert_consistent(w->h);
    rg_stats s;
    assert_int_equal(rg_heap_stats(w->h, &s), 0);
    size_t quarantined = w->debug ? w->h->quarantine_len : 0;
    assert_int_equal(s.allocated_blocks, w->live + quarantined);
}

enum bulk_mode { BULK_FILL, BULK_THIN, BULK_CLEAR };

/* The bulk of small blocks: fill the empty places, free every other one,
 * or free them all (arenas then go to the reserve or the OS). */
static void bulk_phase(workload *w, enum bulk_mode mode)
{
    for (size_t i = 0; i < BULK; i++) {
        block *b = &w->bulk[i];
        b->bulk = 1;
        if (mode == BULK_FILL && b->p == NULL)
            op_alloc(w, b, 400 + next_rand(w) % 89, (uint32_t)(i % 3)); /* small in debug too */
        else if (b->p != NULL && (mode == BULK_CLEAR || (mode == BULK_THIN && i % 2)))
            op_free(w, b);
    }
}

/* The fixed workload, twice: fill the bulk, mixed operations on the slots
 * (midway: thin the bulk and trim), then clear the bulk. */
static void run_workload(workload *w)
{
    for (int phase = 0; phase < 2; phase++) {
        bulk_phase(w, BULK_FILL);
        checkpoint(w);
        for (int step = 0; step < STEPS; step++) {
            block *b = &w->slot[next_rand(w) % SLOTS];
            if (b->p == NULL) op_alloc(w, b, pick_size(w), next_rand(w) % 4);
            else if (next_rand(w) % 3 == 0) op_realloc(w, b);
            else if (next_rand(w) % 2 == 0) op_free(w, b);
            if (step % 125 == 124) checkpoint(w);
            if (step == STEPS / 2) {
                bulk_phase(w, BULK_THIN);
                rg_trim(w->h);
                checkpoint(w);
            }
        }
        bulk_phase(w, BULK_CLEAR);
        checkpoint(w);
    }
    rg_trim(w->h);
    checkpoint(w);
}

/* Free whatever the workload still holds. */
static void release_all(workload *w)
{
    for (size_t i = 0; i < SLOTS; i++)
        if (w->slot[i].p) op_free(w, &w->slot[i]);
    for (size_t i = 0; i < BULK; i++)
        if (w->bulk[i].p) op_free(w, &w->bulk[i]);
}

/* One run with the failure after `allowed` requests; returns the number of
 * failed calls. */
static size_t sweep_run(const rg_heap_config *config, long allowed, long rearm)
{
    static workload w; /* large: not on the stack */
    memset(&w, 0, sizeof w);
    w.h = rg_heap_new(config);
    assert_non_null(w.h);
    w.debug = (config->flags & RG_HEAP_DEBUG) != 0;
    w.rng = 12345;
    w.rearm = rearm;
    rg_os_fail_after(allowed);
    run_workload(&w);
    /* Still failing (permanent mode): freeing and trimming need no OS. */
    release_all(&w);
    rg_trim(w.h);
    checkpoint(&w);
    /* Injection off: every kind of request works again. */
    rg_os_fail_after(-1);
    static const size_t sizes[] = {16, 512, 1000, 300000};
    uint8_t *p[4];
    for (int i = 0; i < 4; i++) {
        p[i] = rg_malloc(w.h, sizes[i]);
        assert_non_null(p[i]);
        fill(p[i], sizes[i], (uint32_t)i);
    }
    assert_consistent(w.h);
    for (int i = 0; i < 4; i++) {
        assert_intact(p[i], sizes[i], (uint32_t)i);
        rg_free(p[i]);
    }
    /* Delete with every OS request failing: it needs none. */
    rg_os_fail_after(0);
    rg_heap_delete(w.h);
    rg_os_fail_after(-1);
    return w.failures;
}

/* Sweep the failure point over every OS request of the workload: run with
 * n = 0, 1, 2, ... requests allowed until a run sees no failure.  Every
 * earlier run must have failed somewhere (the injection reached the
 * workload), and the workload must make a good number of requests. */
static void sweep(const rg_heap_config *config, long rearm, const char *name)
{
    long n = 0;
    size_t failed_runs = 0;
    for (;; n++) {
        assert_true(n < 4000);
        size_t failures = sweep_run(config, n, rearm);
        if (failures == 0) break;
        failed_runs++;
    }
    print_message("    sweep %s: %ld OS requests, every one failed once (%zu runs)\n", name, n,
                  failed_runs + 1);
    assert_true(n >= 20);
}

/* The sweep on a normal heap with the defaults (reserve on). */
static void test_sweep_normal(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    sweep(&c, -1, "normal");
}

/* The sweep with no reserve and a low mmap threshold (more unmaps and
 * remaps), failures re-armed after 2 more successes each time. */
static void test_sweep_no_reserve_rearmed(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.arena_reserve = 0;
    c.mmap_threshold = 8192;
    sweep(&c, 2, "no reserve, re-armed");
}

/* The sweep on a debug heap (quarantine on). */
static void test_sweep_debug(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.flags = RG_HEAP_DEBUG;
    c.debug_quarantine = 16;
    c.mmap_threshold = 64 * 1024;
    sweep(&c, -1, "debug");
}

/* Run the tests in order (test_map_leaf_failure must be first). */
int main(void)
{
    const struct CMUnitTest tests[] = {
        /* First: needs a process with no arena-map leaf yet. */
        cmocka_unit_test_teardown(test_map_leaf_failure, injection_off),
        cmocka_unit_test_teardown(test_heap_new_failure, injection_off),
        cmocka_unit_test_teardown(test_first_arena_failure, injection_off),
        cmocka_unit_test_teardown(test_second_arena_failure, injection_off),
        cmocka_unit_test_teardown(test_arena_table_growth_failure, injection_off),
        cmocka_unit_test_teardown(test_large_failure, injection_off),
        cmocka_unit_test_teardown(test_realloc_failure, injection_off),
        cmocka_unit_test_teardown(test_realloc_without_os, injection_off),
        cmocka_unit_test_teardown(test_overflow_makes_no_request, injection_off),
        cmocka_unit_test_teardown(test_sweep_normal, injection_off),
        cmocka_unit_test_teardown(test_sweep_no_reserve_rearmed, injection_off),
        cmocka_unit_test_teardown(test_sweep_debug, injection_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
