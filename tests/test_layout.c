/*
 * test_layout.c -- which block, pool and arena a request gets, and when an
 * arena goes back, written from the spec (cpython-3.11-memory.md §1.4-1.5)
 * rather than from refgc's own output.
 *
 * Every expectation here is derived by hand from CPython 3.11's rules:
 * class (n-1)>>4; first block at offset 48, then lazily carved upwards;
 * LIFO reuse of freed blocks; a full pool that gets a free block goes to the
 * front of its used list; an empty pool goes to the front of its arena's
 * freepools; new pools come from the first arena of usable_arenas, which is
 * kept sorted by fewest free pools first (cases 1-4 of insert_to_freepool);
 * an arena that becomes wholly free is unmapped unless it is the last of
 * usable_arenas; unused arena slots are reused last-freed first.
 * (tests/test_cpython_diff.c checks the same against libpython itself.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "refgc.h"
#include "support/heapcheck.h"

/* Blocks per pool of the 512-byte class: (16384 - 48) / 512. */
#define BLOCKS_512 31

typedef struct where {
    unsigned arena, pool, block, size_class;
} where;

/* Position of a live small block. */
static where locate(const void *p)
{
    rg_block_info info;
    assert_int_equal(rg_block_info_of(p, &info), 0);
    assert_int_equal(info.kind, RG_BLOCK_SMALL);
    assert_int_equal((uintptr_t)p - info.pool_address, 48 + info.block_index * info.size);
    assert_int_equal(info.pool_address - info.arena_address, (uintptr_t)info.pool_index * RG_POOL_SIZE);
    return (where){info.arena_index, info.pool_index, info.block_index, info.size_class};
}

#define assert_at(p, a, pl, b)                                                \
    do {                                                                      \
        where w_ = locate(p);                                                 \
        assert_int_equal(w_.arena, (a));                                      \
        assert_int_equal(w_.pool, (pl));                                      \
        assert_int_equal(w_.block, (b));                                      \
    } while (0)

/* Arenas currently allocated. */
static size_t arenas(rg_heap *h)
{
    rg_stats s;
    rg_heap_stats(h, &s);
    return s.arenas;
}

/* A heap with CPython's exact arena release (no reserve). */
static rg_heap *cpython_heap(void)
{
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.arena_reserve = 0;
    return rg_heap_new(&c);
}

/* ====================================================================== */
/* Blocks and pools                                                        */
/* ====================================================================== */

/* Sequential carving from offset 48; a new class takes the next pool. */
static void test_first_blocks(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *a = rg_malloc(h, 1), *b = rg_malloc(h, 16), *c = rg_malloc(h, 17);
    void *d = rg_malloc(h, 9), *e = rg_malloc(h, 512);
    assert_at(a, 0, 0, 0);
    assert_at(b, 0, 0, 1);
    assert_at(c, 0, 1, 0);
    assert_at(d, 0, 0, 2);
    assert_at(e, 0, 2, 0);
    assert_int_equal(locate(c).size_class, 1);
    assert_int_equal(locate(e).size_class, 31);
    assert_int_equal((uintptr_t)a % RG_POOL_SIZE, 48);
    assert_int_equal((uintptr_t)b - (uintptr_t)a, 16);
    heap_done(h);
}

/* The last block freed is the first reused (per pool, LIFO). */
static void test_lifo_reuse(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *p[10];
    for (int i = 0; i < 10; i++) p[i] = rg_malloc(h, 40);
    rg_free(p[3]);
    rg_free(p[7]);
    rg_free(p[5]);
    assert_ptr_equal(rg_malloc(h, 33), p[5]);
    assert_ptr_equal(rg_malloc(h, 48), p[7]);
    assert_ptr_equal(rg_malloc(h, 40), p[3]);
    assert_at(rg_malloc(h, 40), 0, 0, 10); /* then carving resumes */
    heap_done(h);
}

/* A full pool gets a free block: it goes to the front of the used list,
 * so the next request reuses that block rather than the newer pool's. */
static void test_full_pool_to_front(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *p[BLOCKS_512 + 1];
    for (int i = 0; i < BLOCKS_512; i++) p[i] = rg_malloc(h, 500);
    assert_at(p[BLOCKS_512 - 1], 0, 0, BLOCKS_512 - 1); /* pool 0 is full */
    p[BLOCKS_512] = rg_malloc(h, 500);
    assert_at(p[BLOCKS_512], 0, 1, 0);
    rg_free(p[4]);                             /* pool 0: full -> used, front */
    assert_ptr_equal(rg_malloc(h, 512), p[4]); /* not pool 1's block 1 */
    assert_at(rg_malloc(h, 512), 0, 1, 1);     /* pool 0 full again */
    heap_done(h);
}

/* An empty pool keeps its class's free list: reused for the same class it
 * pops the last block freed; for another class it is initialised afresh. */
static void test_empty_pool_reuse(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *b0 = rg_malloc(h, 16), *b1 = rg_malloc(h, 16);
    void *other = rg_malloc(h, 100); /* pool 1, keeps the arena busy */
    rg_free(b0);
    rg_free(b1); /* pool 0 empty: list is b1, b0, then the carved block 2 */
    assert_ptr_equal(rg_malloc(h, 16), b1);
    assert_ptr_equal(rg_malloc(h, 16), b0);
    assert_at(rg_malloc(h, 16), 0, 0, 2);
    heap_done(h);

    h = rg_heap_new(NULL);
    b0 = rg_malloc(h, 16);
    other = rg_malloc(h, 100);
    rg_free(b0);                       /* pool 0 empty */
    void *x = rg_malloc(h, 200);       /* class 12 takes pool 0 */
    assert_at(x, 0, 0, 0);
    assert_int_equal(locate(x).size_class, 12);
    assert_at(rg_malloc(h, 200), 0, 0, 1);
    rg_free(other);
    heap_done(h);
}

/* A pool emptied by every free of an alloc/free loop is the pool the next
 * request of any class gets: its own class pops the same block, another
 * class re-initialises it (the empty pool heads its arena's freepools). */
static void test_empty_pool_round_trip(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    for (int i = 0; i < 5; i++) {
        void *a = rg_malloc(h, 32);
        assert_at(a, 0, 0, 0);
        rg_free(a);
    }
    void *c = rg_malloc(h, 100); /* class 6 takes the empty pool 0 */
    assert_at(c, 0, 0, 0);
    assert_int_equal(locate(c).size_class, 6);
    void *d = rg_malloc(h, 32); /* class 1 now needs pool 1 */
    assert_at(d, 0, 1, 0);
    rg_free(d);
    void *e = rg_malloc(h, 48);  /* class 2: pool 1 is empty again, takes it */
    assert_at(e, 0, 1, 0);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.pools_empty, 0);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_free(c);
    rg_free(e);
    rg_heap_stats(h, &s);
    assert_int_equal(s.pools_empty, 2);
    heap_done(h);
}

/* Empty pools are reused most recently emptied first, before carving. */
static void test_freepools_lifo(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *p[6];
    for (int i = 0; i < 6; i++) p[i] = rg_malloc(h, 16 * (i + 1)); /* pools 0..5 */
    for (int i = 0; i < 6; i++) assert_at(p[i], 0, (unsigned)i, 0);
    rg_free(p[1]);
    rg_free(p[4]);
    rg_free(p[2]); /* freepools: 2, 4, 1 */
    assert_at(rg_malloc(h, 400), 0, 2, 0);
    assert_at(rg_malloc(h, 416), 0, 4, 0);
    assert_at(rg_malloc(h, 432), 0, 1, 0);
    assert_at(rg_malloc(h, 448), 0, 6, 0); /* then carving */
    heap_done(h);
}

/* ====================================================================== */
/* Arenas                                                                  */
/* ====================================================================== */

/* Fill `pools` whole pools of 512-byte blocks; returns the blocks. */
static void **fill_pools(rg_heap *h, size_t pools)
{
    void **p = malloc(pools * BLOCKS_512 * sizeof *p);
    for (size_t i = 0; i < pools * BLOCKS_512; i++) p[i] = rg_malloc(h, 512);
    return p;
}

/* Free every block of pool `pool` of arena `arena` among blocks[0..n). */
static void free_pool(void **blocks, size_t n, unsigned arena, unsigned pool)
{
    for (size_t i = 0; i < n; i++) {
        if (blocks[i] == NULL) continue;
        where w = locate(blocks[i]);
        if (w.arena == arena && w.pool == pool) {
            rg_free(blocks[i]);
            blocks[i] = NULL;
        }
    }
}

/* 64 pools an arena; the 65th pool opens arena 1. */
static void test_arena_fills(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void **p = fill_pools(h, 64);
    assert_at(p[64 * BLOCKS_512 - 1], 0, 63, BLOCKS_512 - 1);
    assert_int_equal(arenas(h), 1);
    void *q = rg_malloc(h, 512);
    assert_at(q, 1, 0, 0);
    assert_int_equal(arenas(h), 2);
    free(p);
    heap_done(h);
}

/* usable_arenas order: new pools come from the arena with the fewest free
 * pools (case 2 puts an arena with its first free pool at the head; case 3
 * slides an arena right past those with fewer free pools; case 4 keeps
 * the rightmost arena of a count in place). */
static void test_usable_arenas_order(void **state)
{
    (void)state;
    rg_heap *h = cpython_heap();
    size_t n = 3 * 64 * BLOCKS_512;
    void **p = fill_pools(h, 3 * 64); /* arenas 0, 1, 2 full */
    assert_int_equal(arenas(h), 3);

    free_pool(p, n, 0, 10); /* case 2: [A0(1)] */
    free_pool(p, n, 1, 20); /* case 2: [A1(1), A0(1)] */
    free_pool(p, n, 1, 21); /* case 3: A1 slides after A0: [A0(1), A1(2)] */
    void *x = rg_malloc(h, 16);
    assert_at(x, 0, 10, 0); /* from A0, the arena with fewest free pools */
    /* Now [A1(2)]; A0 is full again.  Free in A2 and A0. */
    free_pool(p, n, 2, 5);  /* case 2: [A2(1), A1(2)] */
    free_pool(p, n, 2, 6);  /* rightmost with 1 is A2 itself: case 4 -> [A2(2), A1(2)] */
    void *y = rg_malloc(h, 32);
    assert_at(y, 2, 6, 0);  /* head A2; its freepools: 6, 5 */
    void *z = rg_malloc(h, 48);
    assert_at(z, 2, 5, 0);  /* A2 again (now 0 free -> leaves the list) */
    void *w = rg_malloc(h, 64);
    assert_at(w, 1, 21, 0); /* then A1: freepools 21, 20 */
    assert_int_equal(rg_heap_check(h, stderr), 0);
    free(p);
    heap_done(h);
}

/* Case 1: a wholly free arena is unmapped, unless it is the last one of
 * usable_arenas; its slot is reused first by the next arena. */
static void test_arena_release(void **state)
{
    (void)state;
    rg_heap *h = cpython_heap();
    size_t n = 3 * 64 * BLOCKS_512;
    void **p = fill_pools(h, 3 * 64);
    void *tail = rg_malloc(h, 16); /* arena 3, pool 0 */
    assert_at(tail, 3, 0, 0);
    assert_int_equal(arenas(h), 4);
    /* Empty arena 1 pool by pool: it climbs usable_arenas and, wholly
     * free but with arena 3 after it, goes back to the OS. */
    for (unsigned pool = 0; pool < 64; pool++) free_pool(p, n, 1, pool);
    assert_int_equal(arenas(h), 3);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas_reclaimed, 1);
    assert_int_equal(s.arenas_reserved, 0);
    /* Arena 3 is the emptiest and last: freeing its only block keeps it. */
    rg_free(tail);
    assert_int_equal(arenas(h), 3);
    /* Fill arena 3 up and one more pool: the new arena gets slot 1. */
    void **more = fill_pools(h, 65);
    assert_at(more[0], 3, 0, 0);
    assert_at(more[64 * BLOCKS_512], 1, 0, 0);
    assert_int_equal(arenas(h), 4);
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas_highwater, 4);
    assert_int_equal(s.arenas_allocated_total, 5);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    free(p);
    free(more);
    heap_done(h);
}

/* With the default reserve, placement is the same and counters say the
 * arena is gone, but its memory stays mapped and comes back first. */
static void test_reserve_keeps_placement(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    size_t n = 2 * 64 * BLOCKS_512;
    void **p = fill_pools(h, 2 * 64);
    void *tail = rg_malloc(h, 16);
    rg_block_info info;
    rg_block_info_of(p[0], &info);
    uintptr_t arena0 = info.arena_address;
    for (unsigned pool = 0; pool < 64; pool++) free_pool(p, n, 0, pool);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas, 2);
    assert_int_equal(s.arenas_reclaimed, 1);
    assert_int_equal(s.arenas_reserved, 1);
    void **more = fill_pools(h, 64 + 1); /* arena 2 fills, then a new one */
    void *fresh = more[64 * BLOCKS_512];
    rg_block_info_of(fresh, &info);
    assert_int_equal(info.arena_index, 0);          /* CPython's slot choice */
    assert_int_equal(info.arena_address, arena0);   /* the reserved memory */
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas_reserved, 0);
    rg_free(tail);
    free(p);
    free(more);
    heap_done(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_blocks),
        cmocka_unit_test(test_lifo_reuse),
        cmocka_unit_test(test_full_pool_to_front),
        cmocka_unit_test(test_empty_pool_reuse),
        cmocka_unit_test(test_empty_pool_round_trip),
        cmocka_unit_test(test_freepools_lifo),
        cmocka_unit_test(test_arena_fills),
        cmocka_unit_test(test_usable_arenas_order),
        cmocka_unit_test(test_arena_release),
        cmocka_unit_test(test_reserve_keeps_placement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
