/*
 * graph.c -- full collection of a random graph (peers with a collector).
 *
 * Keys: n (1000000), seed (0x5eed2024), collects (3; 0 skips the reachable
 * collections, to profile the garbage one alone).
 * Builds n nodes of 4 references each, every reference to a node drawn
 * uniformly (xoshiro256** from the seed, with replacement, self-references
 * allowed), all held by one list of n references -- the same shape the
 * CPython script builds with lists.  Automatic collection is off while
 * building.  Then:
 *   reachable: `collects` full collections with the list alive; the median
 *              (and the first) is reported, as ns and ns per node;
 *   garbage:   the list is dropped (refgc: the nodes nobody points at die by
 *              reference counting, about e^-4 = 1.8% of them, untimed), and
 *              one full collection frees the rest, timed.
 * refgc: rg_collect(heap, 2); Boehm: GC_gcollect(), with the list the only
 * root (a static pointer; nothing on the stack refers to the graph).
 */
#include "peer.h"

#include "gcworker.h"
#include "harness.h"
#include "xoshiro.h"

enum { GRAPH_DEGREE = 4, GRAPH_MAX_COLLECTS = 99 };

/* The list holding every node: the graph's only root (volatile: it must
 * stay in memory, where Boehm scans for roots, even where the peer never
 * reads it back). */
static peer_obj *volatile graph_root;

/* Build the graph under graph_root.  Not inlined, so that no pointer into
 * the graph stays in the caller's frame (Boehm scans the stack). */
static __attribute__((noinline)) void build_graph(size_t n, uint64_t seed)
{
    peer_obj *holder = obj_list_new(n);
    graph_root = holder;
    for (size_t i = 0; i < n; i++) {
        peer_obj *node = obj_node_new(GRAPH_DEGREE);
        obj_list_set(holder, i, node);
        obj_drop(node);
    }
    xoshiro g;
    xoshiro_seed(&g, seed);
    for (size_t i = 0; i < n; i++) {
        peer_obj *node = obj_list_get(holder, i);
        for (unsigned k = 0; k < GRAPH_DEGREE; k++)
            obj_node_set(node, k, obj_list_get(holder, xoshiro_below(&g, n)));
    }
}

/* Drop the only root. */
static __attribute__((noinline)) void drop_graph(void)
{
    peer_obj *holder = graph_root;
    graph_root = NULL;
    obj_drop(holder);
}

/* The graph workload. */
int run_graph(void)
{
    const size_t n = param_u64("n", 1000000);
    const uint64_t seed = param_u64("seed", 0x5eed2024);
    size_t collects = param_u64("collects", 3);
    if (n == 0) return 2;
    if (collects > GRAPH_MAX_COLLECTS) collects = GRAPH_MAX_COLLECTS;
    const int64_t rss_start = process_rss();

    collector_disable();
    const double t_build = now_ns();
    build_graph(n, seed);
    const double build_ns = now_ns() - t_build;
    collector_enable(); /* no allocation follows: only the collections below run */

    double reachable[GRAPH_MAX_COLLECTS];
    int64_t reachable_found = 0;
    for (size_t c = 0; c < collects; c++) {
        collect_outcome out = collector_collect_full();
        reachable[c] = out.ns;
        if (out.objects > reachable_found) reachable_found = out.objects;
    }
    const double first_ns = collects ? reachable[0] : 0.0;
    const double median_ns = harness_median(reachable, collects);
    const int64_t rss_built = process_rss();

    const double t_drop = now_ns();
    drop_graph();
    const double drop_ns = now_ns() - t_drop;
    collect_outcome garbage = collector_collect_full();
    const int64_t rss_end = process_rss();

    result_u64("n", n);
    result_u64("seed", seed);
    result_f64("build_ns", build_ns);
    result_u64("collects", collects);
    result_f64("reachable_ns", median_ns);
    result_f64("reachable_first_ns", first_ns);
    result_f64("reachable_ns_per_object", median_ns / (double)n);
    result_i64("reachable_found", reachable_found);
    result_f64("drop_ns", drop_ns);
    result_f64("garbage_ns", garbage.ns);
    result_f64("garbage_ns_per_object", garbage.ns / (double)n);
    result_i64("garbage_found", garbage.objects);
    result_i64("garbage_bytes_freed", garbage.bytes_freed);
    result_i64("rss_start", rss_start);
    result_i64("rss_built", rss_built);
    result_i64("rss_end", rss_end);
    peer_report_collector();
    return reachable_found > 0 ? 5 : 0;
}
