/*
 * report_run.c -- the whole Python programs (bench/run/ programs), in two
 * suites of the same shape: run by python3 and by `refgc run` (issue 4),
 * and by python3 and by refgc-python (CPython itself on refgc's allocator,
 * issue 7).  Their tables, targets, plots and method.
 *
 * Owns: presentation and the verdicts of the suites' targets: `refgc run`
 * <= 1.5 x python3's wall time on each program; refgc-python <= 1.0 x
 * python3's wall time and peak RSS on each.  Figures are medians over the
 * repetitions of the process's wall time (the driver's clock around
 * fork..wait4, so start-up is included for both) and peak RSS (ru_maxrss),
 * and same-run ratios: runner / python3 of one repetition (the two runs
 * are adjacent), their median and range.
 */
#include <math.h>
#include <string.h>

#include "driver.h"

#define MIB 1048576.0

/* ====================================================================== */
/* The suites                                                              */
/* ====================================================================== */

static const script_suite suites[] = {
    {WL_FIRST_RUN, WL_FIRST_PY, "run", "refgc run", "issue 4", 1.5, 0},
    {WL_FIRST_PY, WL_COUNT, "python", "refgc-python", "issue 7", 1.0, 1.0},
};
#define SUITE_COUNT ((int)(sizeof suites / sizeof suites[0]))

const script_suite *suite_of(int w)
{
    return w >= WL_FIRST_PY ? &suites[1] : &suites[0];
}

/* Is any program of suite selected? */
static int suite_selected(const bench_config *cfg, const script_suite *suite)
{
    for (int w = suite->first; w < suite->end; w++)
        if (cfg->workload_mask & (1u << w)) return 1;
    return 0;
}

/* What each program's parameter means, for the table and the method. */
static const char *param_name(int w)
{
    const char *command = workloads[w].command;
    if (strcmp(command, "gc_collect") == 0) return "loops";
    if (strcmp(command, "gc_traversal") == 0) return "collections";
    if (strcmp(command, "binary_trees") == 0) return "depth";
    return "rounds";
}

/* ====================================================================== */
/* Table and targets                                                       */
/* ====================================================================== */

/* A same-run ratio cell: "median (min..max)", or "-". */
static void ratio_cell(FILE *out, const summary_stat *s)
{
    if (s->n == 0) fprintf(out, " - |");
    else fprintf(out, " %.2f (%.2f..%.2f) |", s->median, s->min, s->max);
}

/* The table: one row per program, python3 and the runner side by side. */
void write_run_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                     const bench_results *all, const script_suite *suite)
{
    if (!suite_selected(cfg, suite)) return;
    fprintf(out, "## Whole programs: `%s` against python3 (CPython 3.11, %s)\n\n"
                 "Wall time of the whole process (start-up included) and its peak RSS; "
                 "medians over the repetitions, and the same-run ratios (%s / python3 in one "
                 "repetition: median, min..max).  Target: %s <= %.1f x python3's wall time",
            suite->runner, suite->issue, suite->runner, suite->runner, suite->time_limit);
    if (suite->rss_limit > 0) fprintf(out, " and <= %.1f x its peak RSS", suite->rss_limit);
    fprintf(out, ".  CPU time (user + system, from wait4) is shown beside: on a loaded "
                 "machine it is the steadier figure.\n\n"
                 "| program | python3 s | %s s | x python3 | same-run ratio | CPU same-run ratio "
                 "| python3 MiB | %s MiB | x python3 | same-run ratio |\n"
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            suite->runner, suite->runner);
    for (int w = suite->first; w < suite->end; w++) {
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
        ratio_cell(out, &paired);
        summary_stat paired_cpu = stat_paired_ratio(all, w, P_REFGC, P_CPYTHON, "cpu_ns");
        ratio_cell(out, &paired_cpu);
        summary_stat py_rss = stat_peak_rss(all, w, P_CPYTHON);
        summary_stat rg_rss = stat_peak_rss(all, w, P_REFGC);
        cell(out, py_rss.n ? py_rss.median / MIB : NAN, 1);
        cell(out, rg_rss.n ? rg_rss.median / MIB : NAN, 1);
        cell(out, py_rss.n && rg_rss.n ? rg_rss.median / py_rss.median : NAN, 3);
        summary_stat paired_rss = stat_paired_ratio(all, w, P_REFGC, P_CPYTHON, "maxrss_kib");
        ratio_cell(out, &paired_rss);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* Each suite's limits on each selected program. */
void evaluate_run_targets(const bench_config *cfg, const bench_results *all, target_list *out)
{
    for (int i = 0; i < SUITE_COUNT; i++) {
        const script_suite *suite = &suites[i];
        for (int w = suite->first; w < suite->end; w++) {
            if (!(cfg->workload_mask & (1u << w))) continue;
            char name[96], limit[48];
            snprintf(name, sizeof name, "%s %s.py: wall time <= %.1f x python3", suite->runner,
                     workloads[w].command, suite->time_limit);
            snprintf(limit, sizeof limit, "<= %.3f x", suite->time_limit);
            target_ratio(target_add(out, name, limit), all, w, P_CPYTHON, "wall_ns",
                         suite->time_limit, "s", 1e-9);
            if (suite->rss_limit <= 0) continue;
            snprintf(name, sizeof name, "%s %s.py: peak RSS <= %.1f x python3", suite->runner,
                     workloads[w].command, suite->rss_limit);
            snprintf(limit, sizeof limit, "<= %.3f x", suite->rss_limit);
            target_ratio(target_add(out, name, limit), all, w, P_CPYTHON, "maxrss_kib",
                         suite->rss_limit, "MiB", 1 / 1024.0);
        }
    }
}

/* ====================================================================== */
/* Method                                                                  */
/* ====================================================================== */

/* How the programs are run (summary.md), once for both suites. */
void write_run_method(FILE *out, const bench_config *cfg)
{
    int run = suite_selected(cfg, &suites[0]), python = suite_selected(cfg, &suites[1]);
    if (!run && !python) return;
    fprintf(out,
            "### How the whole programs are run\n\n"
            "- The same file from bench/run/ runs as `python3 -E -s -B FILE N` and as%s%s%s; "
            "each prints one line of key=value pairs (counts found, checksums) and the two "
            "lines must be identical in every repetition, else both runs count as failed.\n"
            "- Time is the driver's CLOCK_MONOTONIC from fork to wait4 (interpreter start-up "
            "and teardown included); CPU time is user + system time from wait4; peak RSS is "
            "ru_maxrss.  The order of the two runners is "
            "rotated every repetition, and each pair of runs is adjacent: the same-run ratio "
            "of a repetition compares runs made under the same load.\n"
            "- gc_collect: pyperformance's bm_gc_collect loop (100 rings of 21 instances, "
            "dropped, one full collection per loop); gc_traversal: bm_gc_traversal's 1,001 "
            "lists and 499,500 references, then full collections that find nothing; "
            "binary_trees: the Benchmarks Game program with 2-tuples; churn: lists grown by "
            "append and shrunk by pop, dicts with str and int keys gaining and losing "
            "entries, small containers through the free lists.\n",
            run ? " `refgc run FILE N`" : "", run && python ? " and as" : "",
            python ? " `refgc-python -E -s -B FILE N`" : "");
    if (python)
        fprintf(out,
                "- refgc-python only (full CPython): json_roundtrip: json.dumps and json.loads "
                "of 20,000 nested records (~3.7 MB of text a round), each round checked equal, "
                "crc32 of the texts; dict_list_churn: 20,000 records a round grouped into a "
                "dict of lists, sorted, sliced, merged and copied, comprehensions, the lot "
                "dropped.\n");
    fprintf(out, "\n");
}

/* ====================================================================== */
/* Plot                                                                    */
/* ====================================================================== */

/* Grouped bars, two panels: seconds and peak MiB per program, python3 and
 * the runner side by side, labelled with runner / python3. */
int run_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all,
             const script_suite *suite)
{
    char name[64];
    snprintf(name, sizeof name, "%s.dat", suite->family);
    FILE *dat = open_in_dir(cfg->out_dir, name, "w");
    if (dat == NULL) return -1;
    fprintf(dat, "# program python3_s runner_s time_label python3_mib runner_mib rss_label\n");
    int rows = 0;
    for (int w = suite->first; w < suite->end; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        if (!peer_runs(cfg, peers, w, P_REFGC) && !peer_runs(cfg, peers, w, P_CPYTHON)) continue;
        summary_stat py = stat_of(all, w, P_CPYTHON, "wall_ns");
        summary_stat rg = stat_of(all, w, P_REFGC, "wall_ns");
        summary_stat py_rss = stat_peak_rss(all, w, P_CPYTHON);
        summary_stat rg_rss = stat_peak_rss(all, w, P_REFGC);
        fprintf(dat, "%s", workloads[w].command);
        dat_value(dat, py.n ? py.median / 1e9 : NAN, 4);
        dat_value(dat, rg.n ? rg.median / 1e9 : NAN, 4);
        if (py.n && rg.n) fprintf(dat, " \"%.2fx\"", rg.median / py.median);
        else fprintf(dat, " \"-\"");
        dat_value(dat, py_rss.n ? py_rss.median / MIB : NAN, 2);
        dat_value(dat, rg_rss.n ? rg_rss.median / MIB : NAN, 2);
        if (py_rss.n && rg_rss.n) fprintf(dat, " \"%.3fx\"\n", rg_rss.median / py_rss.median);
        else fprintf(dat, " \"-\"\n");
        rows++;
    }
    fclose(dat);
    if (rows == 0) return -1;
    snprintf(name, sizeof name, "%s.gp", suite->family);
    FILE *gp = open_in_dir(cfg->out_dir, name, "w");
    if (gp == NULL) return -1;
    plot_preamble(gp, suite->family, 900);
    fprintf(gp,
            "set termoption noenhanced\n"
            "set multiplot layout 2,1 title \"Whole programs: %s vs python3 (CPython 3.11)\\n"
            "medians of %d runs, labels: %s / python3; lower is better\"\n"
            "set style data histogram\n"
            "set style histogram cluster gap 1\n"
            "set style fill solid 0.8 border -1\n"
            "set key top left\n"
            "set yrange [0:*]\n"
            "set offsets 0,0,graph 0.15,0\n"
            "set ylabel 'seconds, whole process'\n"
            "plot '%s.dat' using 2:xtic(1) title 'python3' lc rgb '#888888', \\\n"
            "     '' using 3 title '%s' lc rgb '#1f77b4', \\\n"
            "     '' using ($0+0.15):3:4 with labels offset 0,0.9 font ',10' notitle\n"
            "set ylabel 'peak RSS, MiB (ru_maxrss)'\n"
            "plot '%s.dat' using 5:xtic(1) title 'python3' lc rgb '#888888', \\\n"
            "     '' using 6 title '%s' lc rgb '#1f77b4', \\\n"
            "     '' using ($0+0.15):6:7 with labels offset 0,0.9 font ',10' notitle\n"
            "unset multiplot\n",
            suite->runner, all->reps, suite->runner, suite->family, suite->runner,
            suite->family, suite->runner);
    fclose(gp);
    return 0;
}
