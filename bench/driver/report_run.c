/*
 * report_run.c -- the whole Python programs (bench/run/ programs) run by
 * `refgc run` and by python3: their table, targets, plot and method.
 *
 * Owns: presentation and the verdicts of issue 4's speed target, refgc
 * run <= 1.5 x python3's wall time on each program.  Figures are medians
 * over the repetitions of the process's wall time (the driver's clock
 * around fork..wait4, so start-up is included for both) and peak RSS.
 */
#include <math.h>
#include <string.h>

#include "driver.h"

#define MIB 1048576.0
#define RUN_LIMIT 1.5

/* Is any whole program selected? */
static int any_run_selected(const bench_config *cfg)
{
    for (int w = WL_FIRST_RUN; w < WL_COUNT; w++)
        if (cfg->workload_mask & (1u << w)) return 1;
    return 0;
}

/* What each program's parameter means, for the table and the method. */
static const char *param_name(int w)
{
    switch (w) {
    case WL_RUN_GC_COLLECT: return "loops";
    case WL_RUN_GC_TRAVERSAL: return "collections";
    case WL_RUN_BINARYTREES: return "depth";
    default: return "rounds";
    }
}

/* The table: one row per program, python3 and refgc side by side. */
void write_run_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                     const bench_results *all)
{
    if (!any_run_selected(cfg)) return;
    fprintf(out, "## Whole programs: `refgc run` against python3 (CPython 3.11)\n\n"
                 "Wall time of the whole process (start-up included) and its peak RSS; "
                 "medians over the repetitions.  Target: refgc <= %.1f x python3.\n\n"
                 "| program | python3 s | refgc s | x python3 | same-run ratio | python3 MiB "
                 "| refgc MiB | x python3 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
            RUN_LIMIT);
    for (int w = WL_FIRST_RUN; w < WL_COUNT; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        fprintf(out, "| %s (%s %llu) |", workloads[w].command, param_name(w),
                (unsigned long long)cfg->run_params[w - WL_FIRST_RUN]);
        summary_stat py = stat_of(all, w, P_CPYTHON, "wall_ns");
        summary_stat rg = stat_of(all, w, P_REFGC, "wall_ns");
        int both = peer_runs(cfg, peers, w, P_CPYTHON) && peer_runs(cfg, peers, w, P_REFGC);
        cell(out, py.n ? py.median / 1e9 : NAN, 3);
        cell(out, rg.n ? rg.median / 1e9 : NAN, 3);
        cell(out, both && py.n && rg.n ? rg.median / py.median : NAN, 2);
        summary_stat paired = stat_paired_ratio(all, w, P_REFGC, P_CPYTHON, "wall_ns");
        cell(out, paired.n ? paired.median : NAN, 2);
        summary_stat py_rss = stat_peak_rss(all, w, P_CPYTHON);
        summary_stat rg_rss = stat_peak_rss(all, w, P_REFGC);
        cell(out, py_rss.n ? py_rss.median / MIB : NAN, 1);
        cell(out, rg_rss.n ? rg_rss.median / MIB : NAN, 1);
        cell(out, py_rss.n && rg_rss.n ? rg_rss.median / py_rss.median : NAN, 2);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* refgc <= 1.5 x python3 on each selected program. */
void evaluate_run_targets(const bench_config *cfg, const bench_results *all, target_list *out)
{
    for (int w = WL_FIRST_RUN; w < WL_COUNT; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        char name[96];
        snprintf(name, sizeof name, "refgc run %s.py: wall time <= %.1f x python3",
                 workloads[w].command, RUN_LIMIT);
        target_ratio(target_add(out, name, "<= 1.500 x"), all, w, P_CPYTHON, "wall_ns", RUN_LIMIT,
                     "s", 1e-9);
    }
}

/* How the programs are run (summary.md). */
void write_run_method(FILE *out, const bench_config *cfg)
{
    if (!any_run_selected(cfg)) return;
    fprintf(out,
            "### How the whole programs are run\n\n"
            "- The same file from bench/run/ runs as `python3 -E -s -B FILE N` and as "
            "`refgc run FILE N`; each prints one line of key=value pairs (counts found, "
            "checksums) and the two lines must be identical in every repetition, else both "
            "runs count as failed.\n"
            "- Time is the driver's CLOCK_MONOTONIC from fork to wait4 (interpreter start-up "
            "and teardown included); peak RSS is ru_maxrss.  The order of the two runners is "
            "rotated every repetition.\n"
            "- gc_collect: pyperformance's bm_gc_collect loop (100 rings of 21 instances, "
            "dropped, one full collection per loop); gc_traversal: bm_gc_traversal's 1,001 "
            "lists and 499,500 references, then full collections that find nothing; "
            "binary_trees: the Benchmarks Game program with 2-tuples; churn: lists grown by "
            "append and shrunk by pop, dicts with str and int keys gaining and losing "
            "entries, small containers through the free lists.\n\n");
}

/* Grouped bars: seconds per program, python3 and refgc side by side. */
int run_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all)
{
    FILE *dat = open_in_dir(cfg->out_dir, "run.dat", "w");
    if (dat == NULL) return -1;
    fprintf(dat, "# program python3_s refgc_s ratio_label\n");
    int rows = 0;
    for (int w = WL_FIRST_RUN; w < WL_COUNT; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        summary_stat py = stat_of(all, w, P_CPYTHON, "wall_ns");
        summary_stat rg = stat_of(all, w, P_REFGC, "wall_ns");
        if (!peer_runs(cfg, peers, w, P_REFGC) && !peer_runs(cfg, peers, w, P_CPYTHON)) continue;
        fprintf(dat, "%s", workloads[w].command);
        dat_value(dat, py.n ? py.median / 1e9 : NAN, 4);
        dat_value(dat, rg.n ? rg.median / 1e9 : NAN, 4);
        if (py.n && rg.n) fprintf(dat, " \"%.2fx\"\n", rg.median / py.median);
        else fprintf(dat, " \"-\"\n");
        rows++;
    }
    fclose(dat);
    if (rows == 0) return -1;
    FILE *gp = open_in_dir(cfg->out_dir, "run.gp", "w");
    if (gp == NULL) return -1;
    plot_preamble(gp, "run", 540);
    fprintf(gp,
            "set termoption noenhanced\n"
            "set title \"Whole programs: refgc run vs python3 (CPython 3.11)\\nmedian wall time "
            "of %d runs, label: refgc / python3; lower is better\"\n"
            "set ylabel 'seconds, whole process'\n"
            "set style data histogram\n"
            "set style histogram cluster gap 1\n"
            "set style fill solid 0.8 border -1\n"
            "set key top left\n"
            "set yrange [0:*]\n"
            "set offsets 0,0,graph 0.12,0\n"
            "plot 'run.dat' using 2:xtic(1) title 'python3' lc rgb '#888888', \\\n"
            "     '' using 3 title 'refgc run' lc rgb '#1f77b4', \\\n"
            "     '' using ($0+0.15):3:4 with labels offset 0,0.9 font ',10' notitle\n",
            all->reps);
    fclose(gp);
    return 0;
}
