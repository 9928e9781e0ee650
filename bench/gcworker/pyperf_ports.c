/*
 * pyperf_ports.c -- ports of pyperformance's two collector benchmarks
 * (pyperformance/data-files/benchmarks/bm_gc_collect and bm_gc_traversal),
 * for the peers with a collector.
 *
 * gc_collect (keys cycles 100, links 20, loops 100): each loop collects
 *   (untimed), makes `cycles` rings, each a node and `links` more, linked
 *   both ways through next/prev (a ring of links + 1 = 21 nodes; the
 *   Python benchmark's Node objects), holds the first node of each in a
 *   list, drops the list, and times one full collection -- which must find
 *   at least cycles * (links + 1) objects (refgc).  Reports the median
 *   collection and ns per ring node.
 * gc_traversal (keys levels 1000, loops 20): level 0 is an empty list;
 *   level n a list of n references to level n - 1 (so 1,001 lists and
 *   499,500 references at 1,000 levels); the last level is kept.  Each loop
 *   collects (untimed) and then times one full collection, which must find
 *   nothing.  Reports the median collection and ns per reference.
 */
#include "peer.h"

#include <stdio.h>

#include "gcworker.h"
#include "harness.h"

enum { RING_NEXT = 0, RING_PREV = 1, PORT_MAX_LOOPS = 100000 };

/* The rings' list, then the top level (statics: Boehm's roots). */
static peer_obj *volatile port_root;

/* current.next = next; next.prev = current (pyperformance's link_next). */
static inline void link_next(peer_obj *current, peer_obj *next)
{
    obj_node_set(current, RING_NEXT, next);
    obj_node_set(next, RING_PREV, current);
}

/* create_gc_cycles: the rings under port_root. */
static __attribute__((noinline)) void create_rings(size_t cycles, size_t links)
{
    port_root = obj_list_new(cycles);
    for (size_t c = 0; c < cycles; c++) {
        peer_obj *first = obj_node_new(2);
        obj_list_set(port_root, c, first);
        peer_obj *current = first;
        for (size_t i = 0; i < links; i++) {
            peer_obj *next = obj_node_new(2);
            link_next(current, next);
            obj_drop(next); /* current (or the ring) holds it now */
            current = next;
        }
        if (links) link_next(current, first); /* a ring of one is no ring */
        obj_drop(first);
    }
}

/* Drop port_root. */
static __attribute__((noinline)) void drop_root(void)
{
    peer_obj *root = port_root;
    port_root = NULL;
    obj_drop(root);
}

/* Report the median, total and per-item time of the timed collections. */
static void report_collections(double *ns, size_t loops, double items, const char *per_key)
{
    double total = 0;
    for (size_t i = 0; i < loops; i++) total += ns[i];
    const double median = harness_median(ns, loops);
    result_u64("loops", loops);
    result_f64("collect_ns", median);
    result_f64("collect_total_ns", total);
    result_f64(per_key, median / items);
}

/* pyperformance's gc_collect. */
int run_gc_collect(void)
{
    const size_t cycles = param_u64("cycles", 100);
    const size_t links = param_u64("links", 20);
    const size_t loops = param_u64("loops", 100);
    if (cycles == 0 || loops == 0 || loops > PORT_MAX_LOOPS) return 2;
    double *ns = map_array(loops * sizeof *ns);
    const int64_t expected = (int64_t)(cycles * (links + 1));
    int64_t least_found = INT64_MAX;
    for (size_t l = 0; l < loops; l++) {
        collector_collect_full();
        create_rings(cycles, links);
        drop_root();
        collect_outcome out = collector_collect_full();
        ns[l] = out.ns;
        if (out.objects >= 0 && out.objects < least_found) least_found = out.objects;
    }
    result_u64("cycles", cycles);
    result_u64("links", links);
    result_u64("objects", (uint64_t)expected);
    report_collections(ns, loops, (double)expected, "ns_per_object");
    result_i64("found", least_found == INT64_MAX ? -1 : least_found);
    unmap_array(ns, loops * sizeof *ns);
    if (least_found != INT64_MAX && least_found < expected) {
        fprintf(stderr, "gc_collect: found %lld objects, expected >= %lld\n", (long long)least_found,
                (long long)expected);
        return 5;
    }
    return 0;
}

/* create_recursive_containers: the levels, the last under port_root. */
static __attribute__((noinline)) void create_levels(size_t levels)
{
    peer_obj *current = obj_list_new(0);
    for (size_t n = 0; n < levels; n++) {
        peer_obj *level = obj_list_new(n);
        for (size_t i = 0; i < n; i++) obj_list_set(level, i, current);
        obj_drop(current);
        current = level;
    }
    port_root = current;
}

/* pyperformance's gc_traversal. */
int run_gc_traversal(void)
{
    const size_t levels = param_u64("levels", 1000);
    const size_t loops = param_u64("loops", 20);
    if (loops == 0 || loops > PORT_MAX_LOOPS) return 2;
    double *ns = map_array(loops * sizeof *ns);
    create_levels(levels);
    const double references = (double)levels * (double)(levels - 1) / 2.0;
    int64_t most_found = 0;
    for (size_t l = 0; l < loops; l++) {
        collector_collect_full();
        collect_outcome out = collector_collect_full();
        ns[l] = out.ns;
        if (out.objects > most_found) most_found = out.objects;
    }
    result_u64("levels", levels);
    result_u64("objects", levels + 1);
    result_f64("references", references);
    report_collections(ns, loops, references, "ns_per_reference");
    result_i64("found", most_found);
    unmap_array(ns, loops * sizeof *ns);
    drop_root();
    return most_found > 0 ? 5 : 0;
}
