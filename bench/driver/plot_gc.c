/*
 * plot_gc.c -- the cycle-collector families' plots.
 *
 * graph: two panels (reachable, garbage), ns per node for each N, one bar
 * per peer, log scale (Boehm's garbage collection is three orders of
 * magnitude below the others).  pairs: two panels (dropped, kept), for
 * each pause statistic one bar per peer, ms on a log scale.  gcbench and
 * binarytrees: bar_plot of the whole time; gc_collect and gc_traversal:
 * bar_plot of the median collection.
 *
 * Owns: the data files and gnuplot scripts of these families; plot.c runs
 * gnuplot and owns the common preamble.
 */
#include <math.h>
#include <string.h>

#include "driver.h"

/* Peers that ran any case w0..w1 (inclusive), in peer order; their count. */
static int peers_of_cases(const bench_config *cfg, const peer_info *peers, int w0, int w1,
                          int out[PEER_COUNT])
{
    int n = 0;
    for (int p = 0; p < PEER_COUNT; p++)
        for (int w = w0; w <= w1; w++)
            if (peer_runs(cfg, peers, w, p)) {
                out[n++] = p;
                break;
            }
    return n;
}

/* "plot 'name.dat' index i using c:xtic(1) title 'peer', ..." for the
 * columns first..first+n-1. */
static void clustered_plot(FILE *gp, const char *name, int index, int first, const int *peer_ids,
                           int n, int with_titles)
{
    static const char *const colours[] = {"#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#f39c12"};
    fprintf(gp, "plot ");
    for (int i = 0; i < n; i++) {
        fprintf(gp, "%s'%s.dat' index %d using %d%s title '%s' lc rgb '%s'", i ? ", \\\n     " : "",
                name, index, first + i, i == 0 ? ":xtic(1)" : "",
                with_titles ? peer_names[peer_ids[i]] : "", colours[i % 5]);
    }
    fprintf(gp, "\n");
}

/* The two-panel graph chart; 0 on success. */
static int graph_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all)
{
    int ids[PEER_COUNT];
    const int n = peers_of_cases(cfg, peers, WL_GRAPH_SMALL, WL_GRAPH_LARGE, ids);
    if (n == 0) return -1;
    FILE *dat = open_in_dir(cfg->out_dir, "graph.dat", "w");
    if (dat == NULL) return -1;
    fprintf(dat, "# N, then ns per node reachable for each peer, then garbage for each:");
    for (int i = 0; i < n; i++) fprintf(dat, " %s", peer_names[ids[i]]);
    fprintf(dat, "\n");
    for (int w = WL_GRAPH_SMALL; w <= WL_GRAPH_LARGE; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        fprintf(dat, "\"N = %llu\"", (unsigned long long)cfg->graph_sizes[w - WL_GRAPH_SMALL]);
        for (int i = 0; i < n; i++)
            dat_value(dat, stat_of(all, w, ids[i], "reachable_ns_per_object").median, 3);
        for (int i = 0; i < n; i++)
            dat_value(dat, stat_of(all, w, ids[i], "garbage_ns_per_object").median, 3);
        fprintf(dat, "\n");
    }
    fclose(dat);

    FILE *gp = open_in_dir(cfg->out_dir, "graph.gp", "w");
    if (gp == NULL) return -1;
    plot_preamble(gp, "graph", 900);
    fprintf(gp,
            "set multiplot layout 2,1 title \"Full collection of a random graph (4 references "
            "per node), median of %d runs; lower is better\"\n"
            "set style data histograms\n"
            "set style histogram clustered gap 1\n"
            "set datafile missing 'NaN'\n"
            "set logscale y\n"
            "set yrange [*:*]\n"
            "set ylabel 'ns per node (log scale)'\n"
            "set key outside right top vertical\n"
            "set title 'graph reachable: rg\\_collect(heap, 2) / gc.collect() / "
            "GC\\_gcollect()'\n",
            all->reps);
    clustered_plot(gp, "graph", 0, 2, ids, n, 1);
    fprintf(gp, "set title 'graph garbage (the list dropped): the collection that frees it'\n");
    clustered_plot(gp, "graph", 0, 2 + n, ids, n, 1);
    fprintf(gp, "unset multiplot\n");
    fclose(gp);
    return 0;
}

/* The pause statistics of the pairs chart: key, label, Boehm's key. */
static const struct {
    const char *key, *label;
} pair_stats[] = {
    {"gen0_median_ns", "gen-0 median"}, {"pause_median_ns", "median (all)"},
    {"gen0_max_ns", "gen-0 max"},       {"gen2_max_ns", "gen-2 max"},
    {"pause_max_ns", "max (all)"},      {"collector_ns", "total in collector"},
};

/* The two-panel pairs chart; 0 on success. */
static int pairs_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all)
{
    int ids[PEER_COUNT];
    const int n = peers_of_cases(cfg, peers, WL_PAIRS_DROPPED, WL_PAIRS_KEPT, ids);
    if (n == 0) return -1;
    FILE *dat = open_in_dir(cfg->out_dir, "pairs.dat", "w");
    if (dat == NULL) return -1;
    for (int w = WL_PAIRS_DROPPED; w <= WL_PAIRS_KEPT; w++) {
        fprintf(dat, "# %s: statistic, then ms for each peer:", workloads[w].name);
        for (int i = 0; i < n; i++) fprintf(dat, " %s", peer_names[ids[i]]);
        fprintf(dat, "\n");
        for (size_t s = 0; s < sizeof pair_stats / sizeof pair_stats[0]; s++) {
            fprintf(dat, "\"%s\"", pair_stats[s].label);
            for (int i = 0; i < n; i++) {
                summary_stat st = stat_of(all, w, ids[i], pair_stats[s].key);
                dat_value(dat, st.n && st.median > 0 ? st.median * 1e-6 : NAN, 6);
            }
            fprintf(dat, "\n");
        }
        fprintf(dat, "\n\n");
    }
    fclose(dat);

    FILE *gp = open_in_dir(cfg->out_dir, "pairs.gp", "w");
    if (gp == NULL) return -1;
    plot_preamble(gp, "pairs", 900);
    fprintf(gp,
            "set multiplot layout 2,1 title \"%llu cyclic pairs with automatic collection: "
            "pauses, median of %d runs; lower is better\"\n"
            "set style data histograms\n"
            "set style histogram clustered gap 1\n"
            "set datafile missing 'NaN'\n"
            "set logscale y\n"
            "set yrange [*:*]\n"
            "set ylabel 'ms (log scale)'\n"
            "set key outside right top vertical\n"
            "set title 'pairs dropped at once'\n",
            (unsigned long long)cfg->pairs, all->reps);
    clustered_plot(gp, "pairs", 0, 2, ids, n, 1);
    fprintf(gp, "set title 'pairs kept alive in a list'\n");
    clustered_plot(gp, "pairs", 1, 2, ids, n, 1);
    fprintf(gp, "unset multiplot\n");
    fclose(gp);
    return 0;
}

/* The plot of the family of w. */
int gc_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all, int w)
{
    char title[200];
    switch (w) {
    case WL_GRAPH_SMALL: return graph_plot(cfg, peers, all);
    case WL_PAIRS_DROPPED: return pairs_plot(cfg, peers, all);
    case WL_GCBENCH:
        snprintf(title, sizeof title,
                 "GCBench: stretch %llu, long-lived %llu, %llu doubles, depths 4..%llu",
                 (unsigned long long)cfg->gcbench_stretch,
                 (unsigned long long)cfg->gcbench_stretch - 2,
                 (unsigned long long)cfg->gcbench_array,
                 (unsigned long long)cfg->gcbench_stretch - 2);
        return bar_plot(cfg, peers, all, w, "total_ns", 1e-6, "ms, whole program", title);
    case WL_BINARYTREES:
        snprintf(title, sizeof title, "binary-trees depth %llu (refgc: GC objects, automatic "
                 "collection; mimalloc: explicit frees)",
                 (unsigned long long)cfg->binarytrees_depth);
        return bar_plot(cfg, peers, all, w, "total_ns", 1e-6, "ms, whole program", title);
    case WL_GC_COLLECT:
        return bar_plot(cfg, peers, all, w, "collect_ns", 1e-3, "us per full collection",
                        "pyperformance gc\\\\_collect: 100 rings of 21 nodes, one collection");
    case WL_GC_TRAVERSAL:
        return bar_plot(cfg, peers, all, w, "collect_ns", 1e-3, "us per full collection",
                        "pyperformance gc\\\\_traversal: 1,000 levels, 499,500 references, "
                        "nothing to free");
    }
    return -1;
}
