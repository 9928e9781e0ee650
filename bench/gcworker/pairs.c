/*
 * pairs.c -- many small cyclic pairs with automatic collection on: the
 * collector's pauses (peers with a collector).
 *
 * Keys: pairs (1000000), keep (0 or 1).
 * One pair is two nodes of one reference each pointing at each other (in
 * CPython: a = [None]; b = [a]; a[0] = b).  keep=0 ("dropped"): each pair
 * is dropped at once and becomes cyclic garbage.  keep=1 ("kept"): the first
 * node of every pair is stored in a list of `pairs` slots made before the
 * loop, so everything stays alive.  Every collection the allocations set off
 * is timed from its start to its stop, per generation (pauses.h); the loop's
 * own time is reported too.
 */
#include "peer.h"

#include "gcworker.h"
#include "harness.h"

/* The list of kept pairs (a static: Boehm's root). */
static peer_obj *volatile kept_pairs;

/* Make one pair; store it at slot i of kept_pairs when keeping. */
static inline void make_pair(size_t i)
{
    peer_obj *a = obj_node_new(1);
    peer_obj *b = obj_node_new(1);
    obj_node_set(b, 0, a);
    obj_node_set(a, 0, b);
    if (kept_pairs != NULL) obj_list_set(kept_pairs, i, a);
    obj_drop(a);
    obj_drop(b);
}

/* The pairs workload. */
int run_pairs(void)
{
    const size_t pairs = param_u64("pairs", 1000000);
    const int keep = param_u64("keep", 0) != 0;
    if (pairs == 0) return 2;
    if (keep) kept_pairs = obj_list_new(pairs);
    pause_log log;
    pause_log_init(&log, 2 * pairs / 16 + 4096);
    const int64_t rss_start = process_rss();

    collector_watch_pauses(&log);
    const double t0 = now_ns();
    for (size_t i = 0; i < pairs; i++) make_pair(i);
    const double t1 = now_ns();
    collector_unwatch_pauses();

    result_u64("pairs", pairs);
    result_u64("keep", (uint64_t)keep);
    result_f64("loop_ns", t1 - t0);
    result_f64("ns_per_pair", (t1 - t0) / (double)pairs);
    pause_log_report(&log, GCPEER_GENERATIONAL);
    result_i64("rss_start", rss_start);
    result_i64("rss_end", process_rss());
    peer_report_collector();
    pause_log_free(&log);
    return 0;
}
