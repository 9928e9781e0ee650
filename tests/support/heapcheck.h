/*
 * heapcheck.h -- how every engine test scenario ends (issue 6 §1): the heap
 * is checked -- rg_heap_check(h, stderr) must find nothing -- and deleted.
 *
 * Owns: heap_done(h), the one place the tests of tests/test_*.c end a heap
 * with, and heap_done_empty(h) for fixtures whose heap must also be empty:
 * the collector tests' (tests/support/pymodel.h) and the Python layer's
 * (pyfx_teardown, tests/lang/support/pyfixture.h).  Tests that run whole
 * programs end them with py_runtime_finish_checked (the same checks).
 *
 * Invariants: the heap is deleted before the verdict, so a failing check
 * does not leak it into the next test; the check's report goes to stderr
 * (every broken invariant, one line each).  Include after <cmocka.h>.
 */
#ifndef REFGC_TESTS_HEAPCHECK_H
#define REFGC_TESTS_HEAPCHECK_H

#include <stdio.h>

#include "refgc.h"

/* rg_heap_check(h) == 0, asserted after h is deleted. */
static inline void heap_done(rg_heap *h)
{
    size_t errors = rg_heap_check(h, stderr);
    rg_heap_delete(h);
    assert_int_equal(errors, 0);
}

/* heap_done for a heap that must hold no block: rg_trim first (a debug
 * heap's quarantine is emptied, each block's dead fill verified), then the
 * check, the block count (the heap dumped to stderr if any is left). */
static inline void heap_done_empty(rg_heap *h)
{
    rg_trim(h);
    size_t errors = rg_heap_check(h, stderr);
    rg_stats st;
    int stats = rg_heap_stats(h, &st);
    if (stats == 0 && st.allocated_blocks != 0) rg_heap_dump(h, stderr);
    rg_heap_delete(h);
    assert_int_equal(stats, 0);
    assert_int_equal(errors, 0);
    assert_int_equal(st.allocated_blocks, 0);
}

#endif /* REFGC_TESTS_HEAPCHECK_H */
