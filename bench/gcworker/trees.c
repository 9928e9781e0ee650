/*
 * trees.c -- the two tree programs, on every peer: GCBench and
 * binary-trees.  Trees are built from peer.h's tree_new and dropped with
 * tree_drop: refgc frees a dropped tree by reference counting (its nodes
 * are GC-tracked and automatic collection is on, so young generations are
 * scanned as in CPython), mimalloc frees it recursively, Boehm leaves it to
 * its collector.
 *
 * gcbench (keys stretch 18, long_lived 16, array 500000, min_depth 4,
 *   max_depth 16): Boehm's C GCBench, step for step.  Stretch the heap with
 *   a bottom-up tree of depth `stretch` and drop it; build a long-lived tree
 *   of depth `long_lived` top-down and a pointer-free array of `array`
 *   doubles (first half 1/i); then for each depth d = min..max step 2,
 *   NumIters(d) = 2 * TreeSize(stretch) / TreeSize(d) trees built top-down
 *   (Populate: children allocated into an existing parent) and as many
 *   bottom-up (MakeTree: children first), each dropped at once; finally
 *   check that the long-lived tree and array[1000] survived.  TreeSize(d) =
 *   2^(d+1) - 1.  Reports the whole time and the top-down and bottom-up
 *   sums.
 * binarytrees (key depth 21): the benchmarks game's program, one thread.
 *   max = max(depth, 6); a stretch tree of depth max+1, built, checked,
 *   dropped; a long-lived tree of depth max; for d = 4, 6, .., max:
 *   2^(max - d + 4) trees of depth d built bottom-up, checked (node count)
 *   and dropped; then the long-lived tree checked.  Reports the whole time
 *   and the sum of all checks (the same on every peer).
 * With a collector, every collection is timed (pauses.h) and reported.
 */
#include "peer.h"

#include <stdio.h>

#include "gcworker.h"
#include "harness.h"

/* Nodes in a complete binary tree of depth d. */
static uint64_t tree_size(unsigned depth) { return (UINT64_C(1) << (depth + 1)) - 1; }

/* GCBench's Populate: give node two new children, recursively, top-down. */
static void populate(enum tree_kind kind, unsigned depth, tree_node *node)
{
    if (depth == 0) return;
    depth--;
    tree_set_children(node, tree_new(kind, NULL, NULL), tree_new(kind, NULL, NULL));
    populate(kind, depth, tree_left(node));
    populate(kind, depth, tree_right(node));
}

/* GCBench's MakeTree / binary-trees' bottom_up_tree: children first. */
static tree_node *make_tree(enum tree_kind kind, unsigned depth)
{
    if (depth == 0) return tree_new(kind, NULL, NULL);
    tree_node *left = make_tree(kind, depth - 1);
    tree_node *right = make_tree(kind, depth - 1);
    return tree_new(kind, left, right);
}

/* binary-trees' item_check: the number of nodes. */
static uint64_t item_check(const tree_node *node)
{
    if (tree_left(node) == NULL) return 1;
    return 1 + item_check(tree_left(node)) + item_check(tree_right(node));
}

/* Start timing collections, when the peer has a collector. */
static void watch_collector(pause_log *log)
{
#if GCPEER_HAS_COLLECTOR
    pause_log_init(log, 1u << 20);
    collector_watch_pauses(log);
#else
    (void)log;
#endif
}

/* Stop timing and report the collector's pauses and counters. */
static void report_collector(pause_log *log)
{
#if GCPEER_HAS_COLLECTOR
    collector_unwatch_pauses();
    pause_log_report(log, GCPEER_GENERATIONAL);
    pause_log_free(log);
#else
    (void)log;
#endif
    peer_report_collector();
}

/* GCBench. */
int run_gcbench(void)
{
    const unsigned stretch = (unsigned)param_u64("stretch", 18);
    const unsigned long_lived_depth = (unsigned)param_u64("long_lived", 16);
    const size_t array_size = param_u64("array", 500000);
    const unsigned min_depth = (unsigned)param_u64("min_depth", 4);
    const unsigned max_depth = (unsigned)param_u64("max_depth", 16);
    if (array_size <= 1000 || stretch > 30 || max_depth > stretch) return 2;
    const enum tree_kind kind = TREE_GCBENCH;
    pause_log log;
    watch_collector(&log);
    const int64_t rss_start = process_rss();
    double top_down_ns = 0, bottom_up_ns = 0;
    uint64_t nodes = 0;

    const double t_start = now_ns();
    tree_node *temp = make_tree(kind, stretch);
    tree_drop(temp, kind);
    nodes += tree_size(stretch);

    tree_node *long_lived = tree_new(kind, NULL, NULL);
    populate(kind, long_lived_depth, long_lived);
    nodes += tree_size(long_lived_depth);

    double *array = peer_alloc_atomic(array_size * sizeof *array);
    if (array == NULL) peer_out_of_memory("array");
    for (size_t i = 0; i < array_size / 2; i++) array[i] = 1.0 / (double)i;

    for (unsigned d = min_depth; d <= max_depth; d += 2) {
        const uint64_t iters = 2 * tree_size(stretch) / tree_size(d);
        double t0 = now_ns();
        for (uint64_t i = 0; i < iters; i++) {
            temp = tree_new(kind, NULL, NULL);
            populate(kind, d, temp);
            tree_drop(temp, kind);
        }
        double t1 = now_ns();
        for (uint64_t i = 0; i < iters; i++) {
            temp = make_tree(kind, d);
            tree_drop(temp, kind);
        }
        double t2 = now_ns();
        top_down_ns += t1 - t0;
        bottom_up_ns += t2 - t1;
        nodes += 2 * iters * tree_size(d);
    }
    const int failed = long_lived == NULL || tree_left(long_lived) == NULL ||
                       array[1000] != 1.0 / 1000.0;
    const double t_end = now_ns();
    if (failed) fprintf(stderr, "gcbench: Failed\n");
    const int64_t rss_end = process_rss();

    result_u64("stretch", stretch);
    result_u64("long_lived", long_lived_depth);
    result_u64("array", array_size);
    result_u64("nodes", nodes);
    result_f64("total_ns", t_end - t_start);
    result_f64("top_down_ns", top_down_ns);
    result_f64("bottom_up_ns", bottom_up_ns);
    result_f64("ns_per_node", (t_end - t_start) / (double)nodes);
    result_u64("failed", (uint64_t)failed);
    result_i64("rss_start", rss_start);
    result_i64("rss_end", rss_end);
    report_collector(&log);
    tree_drop(long_lived, kind);
    peer_free_atomic(array);
    return failed ? 5 : 0;
}

/* binary-trees. */
int run_binarytrees(void)
{
    const unsigned min_depth = 4;
    unsigned max_depth = (unsigned)param_u64("depth", 21);
    if (max_depth < min_depth + 2) max_depth = min_depth + 2;
    if (max_depth > 28) return 2;
    const enum tree_kind kind = TREE_BINARY;
    pause_log log;
    watch_collector(&log);
    const int64_t rss_start = process_rss();
    uint64_t checksum = 0, nodes = 0;

    const double t_start = now_ns();
    tree_node *stretch = make_tree(kind, max_depth + 1);
    checksum += item_check(stretch);
    tree_drop(stretch, kind);
    nodes += tree_size(max_depth + 1);

    tree_node *long_lived = make_tree(kind, max_depth);
    nodes += tree_size(max_depth);
    for (unsigned d = min_depth; d <= max_depth; d += 2) {
        const uint64_t iterations = UINT64_C(1) << (max_depth - d + min_depth);
        for (uint64_t i = 0; i < iterations; i++) {
            tree_node *t = make_tree(kind, d);
            checksum += item_check(t);
            tree_drop(t, kind);
        }
        nodes += iterations * tree_size(d);
    }
    checksum += item_check(long_lived);
    const double t_end = now_ns();
    const int64_t rss_end = process_rss();

    result_u64("depth", max_depth);
    result_u64("nodes", nodes);
    result_f64("total_ns", t_end - t_start);
    result_f64("ns_per_node", (t_end - t_start) / (double)nodes);
    result_u64("checksum", checksum);
    result_i64("rss_start", rss_start);
    result_i64("rss_end", rss_end);
    report_collector(&log);
    tree_drop(long_lived, kind);
    return 0;
}
