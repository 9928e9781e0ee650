/*
 * test_trim.c -- rg_trim and the arena reserve.
 *
 * rg_trim must give back every resident page that holds no byte of a live
 * block (empty arenas, the reserve, never-carved and empty pools, the free
 * stretches of used pools) and must never move or change a live block; the
 * free blocks it parks must all come back into use, so capacity is not lost.
 * The reserve keeps wholly free arenas mapped up to its limit and hands them
 * back first; with a limit of 0 arenas go back at once, as in CPython.
 * Resident memory is measured with mincore through rg_heap_stats.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "os/os.h"
#include "support/heapcheck.h"

/* Fill block i with its pattern. */
static void fill(unsigned char *p, size_t n, size_t i)
{
    for (size_t k = 0; k < n; k++) p[k] = (unsigned char)(i * 7 + k);
}

/* Block i still holds its pattern. */
static int intact(const unsigned char *p, size_t n, size_t i)
{
    for (size_t k = 0; k < n; k++)
        if (p[k] != (unsigned char)(i * 7 + k)) return 0;
    return 1;
}

static rg_stats stats(rg_heap *h)
{
    rg_stats s;
    rg_heap_stats(h, &s);
    return s;
}

/* Distinct 4 KiB pages holding a byte of a live block, in bytes. */
static size_t floor_bytes(void **blocks, size_t n, size_t size)
{
    size_t pages = 0;
    uintptr_t last = UINTPTR_MAX;
    for (size_t i = 0; i < n; i++) { /* blocks are in address order per pool */
        if (!blocks[i]) continue;
        uintptr_t first = (uintptr_t)blocks[i] / 4096, end = ((uintptr_t)blocks[i] + size - 1) / 4096;
        for (uintptr_t pg = first; pg <= end; pg++) {
            if (pg == last) continue;
            pages++;
            last = pg;
        }
    }
    return pages * 4096;
}

/* ====================================================================== */
/* Reserve and whole arenas                                                */
/* ====================================================================== */

/* Free everything: the reserve holds the arenas; trim unmaps them all,
 * including the last arena CPython would keep. */
static void test_free_all_then_trim(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    enum { N = 200000 };
    void **p = malloc(N * sizeof *p);
    for (size_t i = 0; i < N; i++) p[i] = rg_malloc(h, 64);
    rg_stats s = stats(h);
    assert_int_equal(s.arenas, 13);  /* 200000 / 255 -> 785 pools -> 13 arenas */
    for (size_t i = 0; i < N; i++) rg_free(p[i]);
    s = stats(h);
    assert_int_equal(s.arenas, 1);             /* the kept one */
    assert_int_equal(s.arenas_reserved, 12);
    assert_true(s.bytes_resident > 12u << 20);  /* still resident */
    size_t given = rg_trim(h);
    s = stats(h);
    assert_int_equal(s.arenas, 0);
    assert_int_equal(s.arenas_reserved, 0);
    assert_int_equal(s.bytes_mapped, 0);
    assert_int_equal(s.bytes_resident, 0);
    assert_true(given > 12u << 20);
    assert_int_equal(s.bytes_trimmed, given);
    assert_int_equal(rg_trim(h), 0); /* nothing left to give */
    /* And the heap works on. */
    void *q = rg_malloc(h, 64);
    assert_non_null(q);
    rg_free(q);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    free(p);
    heap_done(h);
}

enum { FILL_BLOCKS = 100000 }; /* of 64 B: 393 pools, 7 arenas */

/* Allocate FILL_BLOCKS blocks of 64 B, then free them all; returns the
 * (now dangling) pointer array for reuse. */
static void **fill_and_empty(rg_heap *h)
{
    void **p = malloc(FILL_BLOCKS * sizeof *p);
    for (size_t i = 0; i < FILL_BLOCKS; i++) p[i] = rg_malloc(h, 64);
    for (size_t i = 0; i < FILL_BLOCKS; i++) rg_free(p[i]);
    return p;
}

/* arena_reserve = 0: wholly free arenas are unmapped at once. */
static void test_no_reserve_is_cpython(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.arena_reserve = 0;
    rg_heap *h = rg_heap_new(&c);
    void **p = fill_and_empty(h);
    rg_stats s = stats(h);
    assert_int_equal(s.arenas, 1);
    assert_int_equal(s.arenas_reserved, 0);
    assert_int_equal(s.bytes_mapped, RG_ARENA_SIZE + rg_arena_prefix());
    free(p);
    heap_done(h);
}

/* The reserve is bounded by its limit. */
static void test_reserve_limit(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.arena_reserve = 3;
    rg_heap *h = rg_heap_new(&c);
    void **p = fill_and_empty(h);
    rg_stats s = stats(h);
    assert_int_equal(s.arenas_reserved, 3);
    assert_int_equal(s.bytes_mapped, 4 * (RG_ARENA_SIZE + rg_arena_prefix()));
    /* Allocating again uses the reserve before mapping. */
    for (size_t i = 0; i < FILL_BLOCKS; i++) p[i] = rg_malloc(h, 64);
    s = stats(h);
    assert_int_equal(s.arenas_reserved, 0);
    for (size_t i = 0; i < FILL_BLOCKS; i++) rg_free(p[i]);
    free(p);
    heap_done(h);
}

/* ====================================================================== */
/* Pages inside arenas                                                     */
/* ====================================================================== */

/* Free 99%: trim brings resident memory down to about the pages that
 * still hold a live block, without touching a live block. */
static void test_trim_sparse_heap(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    enum { N = 400000, SIZE = 64 };
    void **p = malloc(N * sizeof *p);
    for (size_t i = 0; i < N; i++) {
        p[i] = rg_malloc(h, SIZE);
        fill(p[i], SIZE, i);
    }
    for (size_t i = 0; i < N; i++) {
        if (i % 100 != 0) {
            rg_free(p[i]);
            p[i] = NULL;
        }
    }
    rg_stats before = stats(h);
    size_t given = rg_trim(h);
    rg_stats after = stats(h);
    for (size_t i = 0; i < N; i += 100) assert_true(intact(p[i], SIZE, i));
    assert_int_equal(rg_heap_check(h, stderr), 0);
    size_t floor = floor_bytes(p, N, SIZE);
    /* The census counts the same pages, before and after the trim. */
    assert_int_equal(before.bytes_live_pages, floor);
    assert_int_equal(after.bytes_live_pages, floor);
    size_t headers = after.arenas * rg_arena_prefix();
    /* Arena headers and the one page per pool that keeps a listed free
     * block may stay; everything else above the floor must go. */
    assert_true(after.bytes_resident <= floor + headers + (floor / 20));
    assert_true(before.bytes_resident - after.bytes_resident <= given);
    assert_true(given > before.bytes_resident / 4);
    assert_int_equal(after.allocated_blocks, before.allocated_blocks);
    assert_int_equal(rg_trim(h) < 64 * 1024, 1); /* nearly nothing new to give */

    /* Capacity is not lost: the blocks freed before trim come back before
     * any new pool or arena is needed. */
    size_t avail = after.classes[3].blocks_available;
    size_t pools = after.classes[3].pools;
    void **q = malloc(avail * sizeof *q);
    for (size_t i = 0; i < avail; i++) {
        q[i] = rg_malloc(h, SIZE);
        fill(q[i], SIZE, i + N);
    }
    rg_stats full = stats(h);
    assert_int_equal(full.classes[3].pools, pools);
    assert_int_equal(full.classes[3].blocks_available, 0);
    assert_int_equal(full.arenas, after.arenas);
    for (size_t i = 0; i < N; i += 100) assert_true(intact(p[i], SIZE, i));
    for (size_t i = 0; i < avail; i++) assert_true(intact(q[i], SIZE, i + N));
    assert_int_equal(rg_heap_check(h, stderr), 0);
    for (size_t i = 0; i < avail; i++) rg_free(q[i]);
    for (size_t i = 0; i < N; i += 100) rg_free(p[i]);
    free(q);
    free(p);
    heap_done(h);
}

/* Empty pools inside a busy arena go back whole and are initialised afresh
 * when reused, for their old class or another. */
static void test_trim_empty_pools(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    enum { PER_POOL = 31, POOLS = 40 };
    void *p[POOLS][PER_POOL];
    for (int k = 0; k < POOLS; k++)
        for (int i = 0; i < PER_POOL; i++) {
            p[k][i] = rg_malloc(h, 512);
            fill(p[k][i], 512, (size_t)(k * PER_POOL + i));
        }
    for (int k = 0; k < POOLS; k += 2)
        for (int i = 0; i < PER_POOL; i++) rg_free(p[k][i]);
    rg_stats before = stats(h);
    assert_int_equal(before.pools_empty, POOLS / 2);
    size_t given = rg_trim(h);
    assert_true(given >= (size_t)(POOLS / 2) * RG_POOL_SIZE);
    for (int k = 1; k < POOLS; k += 2)
        for (int i = 0; i < PER_POOL; i++)
            assert_true(intact(p[k][i], 512, (size_t)(k * PER_POOL + i)));
    /* Reuse: a trimmed empty pool starts again at block 0. */
    void *a = rg_malloc(h, 512);
    rg_block_info info;
    rg_block_info_of(a, &info);
    assert_int_equal(info.block_index, 0);
    void *b = rg_malloc(h, 100);
    rg_block_info_of(b, &info);
    assert_int_equal(info.block_index, 0);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_free(a);
    rg_free(b);
    heap_done(h);
}

/* Mapped large blocks are unmapped on free; trim leaves live ones alone. */
static void test_trim_large(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    unsigned char *big = rg_malloc(h, 3 << 20);
    fill(big, 3 << 20, 1);
    unsigned char *mid = rg_malloc(h, 2000);
    fill(mid, 2000, 2);
    rg_trim(h);
    assert_true(intact(big, 3 << 20, 1));
    assert_true(intact(mid, 2000, 2));
    rg_stats s = stats(h);
    assert_true(s.bytes_resident >= (3u << 20));
    rg_free(big);
    assert_false(rg_os_is_mapped(big - 64, 4096));
    rg_free(mid);
    heap_done(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_free_all_then_trim),
        cmocka_unit_test(test_no_reserve_is_cpython),
        cmocka_unit_test(test_reserve_limit),
        cmocka_unit_test(test_trim_sparse_heap),
        cmocka_unit_test(test_trim_empty_pools),
        cmocka_unit_test(test_trim_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
