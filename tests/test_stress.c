/*
 * test_stress.c -- randomized stress test of librefgc's allocator against a
 * shadow model.
 *
 * Usage: test_stress <seed> <ops>.  The operation interpreter and the model
 * live in tests/fuzz/alloc_model.c (shared with the libFuzzer target
 * fuzz_alloc): here a fixed-seed xoshiro256** stream makes every choice,
 * for <ops> random allocator operations over three heaps (seed % 4 == 3:
 * the third is a debug heap), with a full sweep (every live block's
 * contents, info and overlap, rg_heap_stats against the model,
 * rg_heap_check) every 10,000 operations, and a teardown that must leave
 * every heap empty.  Also a deterministic check of the size-class rule.
 * Why: the allocator's fast paths, trim's page parking and the reserve
 * interact in ways no hand-written unit test enumerates; a long random run
 * with an independent oracle catches corruption, lost blocks and broken
 * invariants wherever they arise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "fuzz/alloc_model.h"

static unsigned long g_seed, g_ops;

/* Small requests report kind SMALL and class (n-1)>>4; others are large. */
static void test_block_info_classes(void **state)
{
    (void)state;
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    rg_heap *h = rg_heap_new(&cfg);
    assert_non_null(h);
    for (size_t n = 0; n <= 600; n++) {
        for (int fam = 0; fam < 2; fam++) {
            void *p = fam ? rg_obj_malloc(h, n) : rg_malloc(h, n);
            rg_block_info info;
            assert_non_null(p);
            assert_int_equal(rg_block_info_of(p, &info), 0);
            assert_ptr_equal(info.heap, h);
            if (n >= 1 && n <= 512) {
                assert_int_equal(info.kind, RG_BLOCK_SMALL);
                assert_int_equal(info.size_class, (n - 1) >> 4);
                assert_int_equal(info.size, ((n - 1) >> 4) * 16 + 16);
            } else {
                assert_int_equal(info.kind, RG_BLOCK_LARGE);
                assert_int_equal(info.size, n);
            }
            if (fam) rg_obj_free(p);
            else rg_free(p);
        }
    }
    void *p = rg_malloc(h, cfg.mmap_threshold);
    rg_block_info info;
    assert_int_equal(rg_block_info_of(p, &info), 0);
    assert_int_equal(info.kind, RG_BLOCK_MAPPED);
    rg_free(p);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_heap_delete(h);

    /* A debug heap: 24 bytes of decoration go on top of the request. */
    cfg.flags = RG_HEAP_DEBUG;
    cfg.debug_quarantine = 4;
    h = rg_heap_new(&cfg);
    assert_non_null(h);
    for (size_t n = 0; n <= 520; n++) {
        p = rg_malloc(h, n);
        assert_int_equal(rg_block_info_of(p, &info), 0);
        assert_int_equal(info.kind, n + RG_DEBUG_EXTRA <= 512 ? RG_BLOCK_SMALL : RG_BLOCK_LARGE);
        if (info.kind == RG_BLOCK_SMALL) assert_int_equal(info.size_class, (n + RG_DEBUG_EXTRA - 1) >> 4);
        assert_int_equal(info.size, n);
        rg_free(p);
    }
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_heap_delete(h);
}

/* The randomized run (a disagreement aborts with a message on stderr). */
static void test_random_ops(void **state)
{
    (void)state;
    choice_src src;
    choice_init_seed(&src, g_seed * UINT64_C(0x2545F4914F6CDD1D) + 1);
    alloc_model_params p = {.src = &src, .ops = g_ops, .seed = g_seed, .verbose = 1};
    assert_true(alloc_model_run(&p) >= g_ops);
}

/* test_stress <seed> <ops> */
int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <seed> <ops>\n", argv[0]);
        return 2;
    }
    g_seed = strtoul(argv[1], NULL, 10);
    g_ops = strtoul(argv[2], NULL, 10);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_info_classes),
        cmocka_unit_test(test_random_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
