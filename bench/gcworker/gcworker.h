/*
 * gcworker.h -- the cycle-collector worker's workloads.  One executable per
 * peer, refgc-bench-gc-<peer>, built from the same sources with one
 * GCPEER_* macro (peer.h); each workload prints its keys on the result
 * line (harness.h) and returns 0 on success.
 *
 *   graph          full collection of a random graph, reachable then garbage
 *   pairs          1M small cyclic pairs with automatic collection: pauses
 *   gcbench        Boehm's GCBench (Ellis, Kovac, Boehm)
 *   binarytrees    the benchmarks game's binary-trees
 *   gc_collect     pyperformance's gc_collect: rings dropped, then collected
 *   gc_traversal   pyperformance's gc_traversal: a live graph collected
 *
 * graph, pairs and the two pyperformance ports need a collector; mimalloc
 * runs the tree programs only.
 */
#ifndef BENCH_GCWORKER_H
#define BENCH_GCWORKER_H

int run_gcbench(void);
int run_binarytrees(void);
int run_graph(void);
int run_pairs(void);
int run_gc_collect(void);
int run_gc_traversal(void);

#endif /* BENCH_GCWORKER_H */
