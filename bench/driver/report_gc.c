/*
 * report_gc.c -- the cycle-collector workloads as text: one markdown table
 * per family (graph, pairs, gcbench, binarytrees, gc_collect,
 * gc_traversal) and the method section of summary.md.
 *
 * Owns: presentation only; every figure is a median over the repetitions
 * (stats.c) of a key the workers print.  "x refgc" is this peer's median /
 * refgc's, as in the allocator tables.
 */
#include <math.h>
#include <string.h>

#include "driver.h"

#define MIB 1048576.0

/* Median of key in (w, p), times scale. */
static double med(const bench_results *all, int w, int p, const char *key, double scale)
{
    return stat_of(all, w, p, key).median * scale;
}

/* This peer's median of key over refgc's, or NaN. */
static double over_refgc(const bench_results *all, int w, int p, const char *key)
{
    summary_stat mine = stat_of(all, w, p, key), base = stat_of(all, w, P_REFGC, key);
    return mine.n && base.n && base.median != 0 ? mine.median / base.median : NAN;
}

/* ====================================================================== */
/* graph                                                                   */
/* ====================================================================== */

/* What the garbage collection found: objects, or (Boehm) MiB freed. */
static void found_cell(FILE *out, const bench_results *all, int w, int p)
{
    double objects = med(all, w, p, "garbage_found", 1);
    double bytes = med(all, w, p, "garbage_bytes_freed", 1);
    if (!isnan(objects) && objects >= 0) fprintf(out, " %.0f |", objects);
    else if (!isnan(bytes) && bytes >= 0) fprintf(out, " %.1f MiB freed |", bytes / MIB);
    else fprintf(out, " - |");
}

/* The three graph sizes in one table. */
static void graph_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                        const bench_results *all)
{
    fprintf(out,
            "### Full collection of a random graph: N nodes of 4 references each\n\n"
            "Reachable: the median of %llu full collections with the graph held by one list; "
            "garbage: the one full collection after the list is dropped.  ns per node of N.\n\n",
            (unsigned long long)cfg->graph_collects);
    fprintf(out, "| N | peer | reachable ms | ns/object | x refgc | garbage ms | ns/object | "
                 "x refgc | garbage found | build s | peak RSS MiB |\n"
                 "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int w = WL_GRAPH_SMALL; w <= WL_GRAPH_LARGE; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        for (int p = 0; p < PEER_COUNT; p++) {
            if (!peer_runs(cfg, peers, w, p)) continue;
            fprintf(out, "| %llu | %s |", (unsigned long long)cfg->graph_sizes[w - WL_GRAPH_SMALL],
                    peer_names[p]);
            cell(out, med(all, w, p, "reachable_ns", 1e-6), 2);
            cell(out, med(all, w, p, "reachable_ns_per_object", 1), 1);
            cell(out, over_refgc(all, w, p, "reachable_ns_per_object"), 2);
            cell(out, med(all, w, p, "garbage_ns", 1e-6), 2);
            cell(out, med(all, w, p, "garbage_ns_per_object", 1), 1);
            cell(out, over_refgc(all, w, p, "garbage_ns_per_object"), 2);
            found_cell(out, all, w, p);
            cell(out, med(all, w, p, "build_ns", 1e-9), 2);
            cell(out, stat_peak_rss(all, w, p).median / MIB, 1);
            fprintf(out, "\n");
        }
    }
    fprintf(out, "\n");
}

/* ====================================================================== */
/* pairs                                                                   */
/* ====================================================================== */

/* Collections per generation, or Boehm's full collections. */
static void collections_cell(FILE *out, const bench_results *all, int w, int p)
{
    double full = med(all, w, p, "full_collections", 1);
    if (!isnan(full)) {
        fprintf(out, " %.0f (full) |", full);
        return;
    }
    fprintf(out, " %.0f / %.0f / %.0f |", med(all, w, p, "gen0_collections", 1),
            med(all, w, p, "gen1_collections", 1), med(all, w, p, "gen2_collections", 1));
}

/* Both pairs modes in one table. */
static void pairs_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                        const bench_results *all)
{
    fprintf(out,
            "### Cyclic pairs: %llu pairs made with automatic collection on\n\n"
            "Every collection timed from its start to its stop callback.  Dropped: each pair "
            "is garbage at once; kept: held by a list.  Boehm is not generational: its "
            "collections are under \"all pauses\".\n\n",
            (unsigned long long)cfg->pairs);
    fprintf(out, "| pairs | peer | collections gen 0/1/2 | gen-0 median us | gen-0 max us | "
                 "gen-1 median us | gen-2 median ms | gen-2 max ms | all: median us | all: max ms "
                 "| in collector ms | x refgc | loop ms | peak RSS MiB |\n"
                 "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int w = WL_PAIRS_DROPPED; w <= WL_PAIRS_KEPT; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        for (int p = 0; p < PEER_COUNT; p++) {
            if (!peer_runs(cfg, peers, w, p)) continue;
            fprintf(out, "| %s | %s |", w == WL_PAIRS_KEPT ? "kept" : "dropped", peer_names[p]);
            collections_cell(out, all, w, p);
            cell(out, med(all, w, p, "gen0_median_ns", 1e-3), 1);
            cell(out, med(all, w, p, "gen0_max_ns", 1e-3), 1);
            cell(out, med(all, w, p, "gen1_median_ns", 1e-3), 1);
            cell(out, med(all, w, p, "gen2_median_ns", 1e-6), 2);
            cell(out, med(all, w, p, "gen2_max_ns", 1e-6), 2);
            cell(out, med(all, w, p, "pause_median_ns", 1e-3), 1);
            cell(out, med(all, w, p, "pause_max_ns", 1e-6), 2);
            cell(out, med(all, w, p, "collector_ns", 1e-6), 1);
            cell(out, over_refgc(all, w, p, "collector_ns"), 2);
            cell(out, med(all, w, p, "loop_ns", 1e-6), 1);
            cell(out, stat_peak_rss(all, w, p).median / MIB, 1);
            fprintf(out, "\n");
        }
    }
    fprintf(out, "\n");
}

/* ====================================================================== */
/* GCBench and binary-trees                                                */
/* ====================================================================== */

/* One tree program's table. */
static void tree_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                       const bench_results *all, int w)
{
    const int gcbench = w == WL_GCBENCH;
    if (gcbench)
        fprintf(out,
                "### GCBench: stretch tree depth %llu, long-lived tree depth %llu, %llu doubles, "
                "depths 4..%llu step 2, top-down and bottom-up\n\n",
                (unsigned long long)cfg->gcbench_stretch,
                (unsigned long long)cfg->gcbench_stretch - 2,
                (unsigned long long)cfg->gcbench_array,
                (unsigned long long)cfg->gcbench_stretch - 2);
    else
        fprintf(out, "### binary-trees, depth %llu\n\n", (unsigned long long)cfg->binarytrees_depth);
    fprintf(out, "refgc: GC-tracked nodes freed by dropping the root, automatic collection on; "
                 "mimalloc: explicit recursive frees; Boehm: GC_MALLOC, collected "
                 "automatically.\n\n");
    fprintf(out, "| peer | total ms | min | max | x refgc | %s | ns/node | in collector ms | "
                 "collections | longest pause ms | peak RSS MiB |\n"
                 "|---|---:|---:|---:|---:|%s---:|---:|---:|---:|---:|\n",
            gcbench ? "top-down ms | bottom-up ms" : "nodes", gcbench ? "---:|---:|" : "---:|");
    for (int p = 0; p < PEER_COUNT; p++) {
        if (!peer_runs(cfg, peers, w, p)) continue;
        summary_stat total = stat_of(all, w, p, "total_ns");
        fprintf(out, "| %s |", peer_names[p]);
        cell(out, total.median * 1e-6, 1);
        cell(out, total.min * 1e-6, 1);
        cell(out, total.max * 1e-6, 1);
        cell(out, over_refgc(all, w, p, "total_ns"), 2);
        if (gcbench) {
            cell(out, med(all, w, p, "top_down_ns", 1e-6), 1);
            cell(out, med(all, w, p, "bottom_up_ns", 1e-6), 1);
        } else {
            cell(out, med(all, w, p, "nodes", 1), 0);
        }
        cell(out, med(all, w, p, "ns_per_node", 1), 2);
        cell(out, med(all, w, p, "collector_ns", 1e-6), 1);
        cell(out, med(all, w, p, "collections", 1), 0);
        cell(out, med(all, w, p, "pause_max_ns", 1e-6), 2);
        cell(out, stat_peak_rss(all, w, p).median / MIB, 1);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* ====================================================================== */
/* pyperformance's gc_collect and gc_traversal                             */
/* ====================================================================== */

/* One port's table. */
static void port_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                       const bench_results *all, int w)
{
    const int collect = w == WL_GC_COLLECT;
    const char *per_key = collect ? "ns_per_object" : "ns_per_reference";
    if (collect)
        fprintf(out, "### pyperformance gc_collect: 100 rings of 21 nodes dropped, then one full "
                     "collection (median of %llu per run)\n\n",
                (unsigned long long)cfg->gc_collect_loops);
    else
        fprintf(out, "### pyperformance gc_traversal: 1,000 levels (1,001 lists, 499,500 "
                     "references) alive, one full collection (median of %llu per run)\n\n",
                (unsigned long long)cfg->gc_traversal_loops);
    fprintf(out, "| peer | collection us | min | max | x refgc | %s | found | peak RSS MiB |\n"
                 "|---|---:|---:|---:|---:|---:|---:|---:|\n",
            collect ? "ns per node" : "ns per reference");
    for (int p = 0; p < PEER_COUNT; p++) {
        if (!peer_runs(cfg, peers, w, p)) continue;
        summary_stat s = stat_of(all, w, p, "collect_ns");
        fprintf(out, "| %s |", peer_names[p]);
        cell(out, s.median * 1e-3, 1);
        cell(out, s.min * 1e-3, 1);
        cell(out, s.max * 1e-3, 1);
        cell(out, over_refgc(all, w, p, "collect_ns"), 2);
        cell(out, med(all, w, p, per_key, 1), 2);
        double found = med(all, w, p, "found", 1);
        if (found < 0) fprintf(out, " (not told) |");
        else cell(out, found, 0);
        cell(out, stat_peak_rss(all, w, p).median / MIB, 1);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* The table of the family of w. */
void write_gc_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                    const bench_results *all, int w)
{
    switch (w) {
    case WL_GRAPH_SMALL: graph_table(out, cfg, peers, all); break;
    case WL_PAIRS_DROPPED: pairs_table(out, cfg, peers, all); break;
    case WL_GCBENCH:
    case WL_BINARYTREES: tree_table(out, cfg, peers, all, w); break;
    case WL_GC_COLLECT:
    case WL_GC_TRAVERSAL: port_table(out, cfg, peers, all, w); break;
    }
}

/* ====================================================================== */
/* Method                                                                  */
/* ====================================================================== */

/* How the collector workloads are run and timed. */
void write_gc_method(FILE *out, const bench_config *cfg)
{
    fprintf(out,
            "## How it is measured: the cycle collector\n\n"
            "- One process per run, as for the allocators: `refgc-bench-gc-<peer>` (refgc, "
            "boehm, mimalloc; bench/gcworker/) and `python3 -E -s -B bench/python/<workload>.py` "
            "for CPython.  Each script first collects and gc.freeze()s the interpreter's own "
            "~11,800 objects, so CPython's collections see the workload's objects only, as "
            "refgc's do.\n"
            "- refgc: objects made with rg_new on one rg_heap_new(NULL) heap (thresholds 700, "
            "10, 10): Node1..Node4 (1..4 references), List (a variable-size object of "
            "references), GCBench's node (two children, two ints) and binary-trees' (two "
            "children); each type has traverse and clear and no free list.  A full collection "
            "is rg_collect(heap, 2).  CPython: the same shapes with lists (a node = [a, b, c, "
            "d]), class instances for gc_collect's ring nodes; gc.collect().  Boehm 8.2: "
            "GC_MALLOC'd arrays of pointers; GC_gcollect(); the roots are static pointers.\n"
            "- **graph**: N = %llu, %llu, %llu nodes of 4 references to uniformly drawn nodes "
            "(seed %#llx; CPython draws its own with random.Random), held by one list of N; "
            "automatic collection off while building.  Reachable = median of %llu full "
            "collections with the list alive; garbage = the one full collection after the list "
            "is dropped (the ~1.8%% of nodes nobody refers to die by reference counting first, "
            "untimed).  Boehm frees wholly empty blocks inside the collection and sweeps the "
            "rest lazily, so its garbage figure is mostly that.\n"
            "- **pairs**: %llu pairs (two 1-reference nodes pointing at each other: `a = "
            "[None]; b = [a]; a[0] = b`) made with automatic collection on; dropped at once, or "
            "kept in a list of %llu slots made first.  Each collection is timed from its "
            "start callback to its stop callback (refgc: rg_gc_add_callback; CPython: "
            "gc.callbacks, whose pauses include a few microseconds of callback machinery; "
            "Boehm: GC_EVENT_START/GC_EVENT_END).  CPython's lists come from a free list of "
            "80 that does not count as GC allocations, so CPython runs about 10%% fewer gen-0 "
            "collections than refgc in the dropped case.  With the pairs dropped, CPython runs "
            "no gen-2 collection: its frozen start-up objects count in long_lived_total, so the "
            "25%% rule never lets one start.\n"
            "- **GCBench** (Boehm's C version): stretch %llu, long-lived %llu (top-down), "
            "%llu doubles (pointer-free), depths 4..%llu step 2 with 2 x TreeSize(%llu) / "
            "TreeSize(d) trees each top-down and bottom-up.  **binary-trees** depth %llu "
            "(benchmarks game, one thread).  total = the whole program; in collector = the "
            "sum of all pauses.\n"
            "- **gc_collect**, **gc_traversal**: pyperformance's two collector benchmarks, their "
            "shapes rewritten for CPython (bench/python/) and ported to C "
            "(bench/gcworker/pyperf_ports.c); %llu and %llu timed collections per run, the "
            "median reported.\n\n",
            (unsigned long long)cfg->graph_sizes[0], (unsigned long long)cfg->graph_sizes[1],
            (unsigned long long)cfg->graph_sizes[2], (unsigned long long)cfg->graph_seed,
            (unsigned long long)cfg->graph_collects, (unsigned long long)cfg->pairs,
            (unsigned long long)cfg->pairs, (unsigned long long)cfg->gcbench_stretch,
            (unsigned long long)cfg->gcbench_stretch - 2, (unsigned long long)cfg->gcbench_array,
            (unsigned long long)cfg->gcbench_stretch - 2,
            (unsigned long long)cfg->gcbench_stretch, (unsigned long long)cfg->binarytrees_depth,
            (unsigned long long)cfg->gc_collect_loops,
            (unsigned long long)cfg->gc_traversal_loops);
}
