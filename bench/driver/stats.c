/*
 * stats.c -- medians over repetitions and the allocator's targets.
 *
 * Owns: median/min/max of a worker key or of peak RSS over the repetitions
 * of one (workload, peer); same-run (paired) ratios; the target list and
 * its ratio test (targets_gc.c uses them for the collector's targets); and
 * the verdict on each of the allocator's five targets:
 *   1. churn: refgc ns/op <= 0.9 x mimalloc's;
 *   2. LIFO: refgc ns/op <= 1.0 x the fastest peer's;
 *   3. FIFO: the same;
 *   4. return to the OS: RSS after freeing 99% and trimming <= 1.05 x floor;
 *   5. return to the OS: RSS after freeing all and trimming <= 2 MiB above
 *      the starting point.
 * Ratios of medians decide; the median of same-run ratios is shown beside.
 */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "driver.h"

/* qsort order for doubles. */
static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of values (sorted in place); NaN when empty. */
double median_of(double *values, int n)
{
    if (n <= 0) return NAN;
    qsort(values, (size_t)n, sizeof *values, compare_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/* Summary of n values (sorted in place). */
static summary_stat summarise(double *values, int n)
{
    summary_stat s = {n, NAN, NAN, NAN};
    if (n == 0) return s;
    s.median = median_of(values, n);
    s.min = values[0];
    s.max = values[n - 1];
    return s;
}

/* The run of workload w, peer p, repetition r. */
run_result *result_at(const bench_results *all, int w, int p, int r)
{
    return &all->runs[((size_t)w * PEER_COUNT + (size_t)p) * (size_t)all->reps + (size_t)r];
}

/* Median/min/max of a worker key over the repetitions. */
summary_stat stat_of(const bench_results *all, int w, int p, const char *key)
{
    double values[all->reps > 0 ? all->reps : 1];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        double v = result_num(result_at(all, w, p, r), key);
        if (!isnan(v)) values[n++] = v;
    }
    return summarise(values, n);
}

/* Median/min/max of the worker's peak RSS in bytes. */
summary_stat stat_peak_rss(const bench_results *all, int w, int p)
{
    double values[all->reps > 0 ? all->reps : 1];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        const run_result *run = result_at(all, w, p, r);
        if (run->ok) values[n++] = (double)run->maxrss_kib * 1024.0;
    }
    return summarise(values, n);
}

/* Median/min/max of a/b over repetitions where both ran. */
summary_stat stat_paired_ratio(const bench_results *all, int w, int a, int b, const char *key)
{
    double values[all->reps > 0 ? all->reps : 1];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        double x = result_num(result_at(all, w, a, r), key);
        double y = result_num(result_at(all, w, b, r), key);
        if (!isnan(x) && !isnan(y) && y != 0) values[n++] = x / y;
    }
    return summarise(values, n);
}

/* The peer (not refgc) with the lowest median of key in workload w, or -1. */
static int fastest_peer(const bench_results *all, int w, const char *key)
{
    int best = -1;
    double best_value = INFINITY;
    for (int p = 0; p < PEER_COUNT; p++) {
        if (p == P_REFGC) continue;
        summary_stat s = stat_of(all, w, p, key);
        if (s.n > 0 && s.median < best_value) {
            best_value = s.median;
            best = p;
        }
    }
    return best;
}

/* ====================================================================== */
/* Targets                                                                 */
/* ====================================================================== */

/* A new target, "not measured" until decided. */
target_eval *target_add(target_list *list, const char *name, const char *limit)
{
    static target_eval overflow; /* a full list swallows the rest */
    target_eval *t = list->count < TARGET_MAX ? &list->items[list->count++] : &overflow;
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    snprintf(t->limit, sizeof t->limit, "%s", limit);
    snprintf(t->measured, sizeof t->measured, "not measured");
    t->verdict = TARGET_NOT_MEASURED;
    return t;
}

/* refgc's median of key against peer's: holds when the ratio <= limit. */
void target_ratio(target_eval *t, const bench_results *all, int w, int peer, const char *key,
                  double limit, const char *unit, double unit_scale)
{
    summary_stat mine = stat_of(all, w, P_REFGC, key);
    summary_stat theirs = peer >= 0 ? stat_of(all, w, peer, key) : (summary_stat){0};
    if (mine.n == 0 || theirs.n == 0 || theirs.median == 0) return;
    double ratio = mine.median / theirs.median;
    summary_stat paired = stat_paired_ratio(all, w, P_REFGC, peer, key);
    snprintf(t->measured, sizeof t->measured,
             "refgc %.4g %s vs %s %.4g %s: **%.3f x** (same-run ratios: median %.3f, "
             "%.3f..%.3f)",
             mine.median * unit_scale, unit, peer_names[peer], theirs.median * unit_scale, unit,
             ratio, paired.median, paired.min, paired.max);
    t->verdict = ratio <= limit ? TARGET_HOLDS : TARGET_MISSED;
}

/* Is workload w selected? */
static int selected(const bench_config *cfg, int w) { return (cfg->workload_mask & (1u << w)) != 0; }

/* The verdict on each of the allocator's five targets (those of the
 * selected workloads). */
void evaluate_alloc_targets(const bench_config *cfg, const bench_results *all, target_list *out)
{
    if (selected(cfg, WL_CHURN))
        target_ratio(target_add(out, "churn: refgc <= 0.9 x mimalloc (ns/op)", "<= 0.900 x"), all,
                     WL_CHURN, P_MIMALLOC, "ns_per_op", 0.9, "ns/op", 1);
    if (selected(cfg, WL_LIFO))
        target_ratio(target_add(out, "LIFO 32 B pairs: refgc <= 1.0 x fastest peer", "<= 1.000 x"),
                     all, WL_LIFO, fastest_peer(all, WL_LIFO, "ns_per_op"), "ns_per_op", 1.0,
                     "ns/op", 1);
    if (selected(cfg, WL_FIFO))
        target_ratio(target_add(out, "FIFO rounds: refgc <= 1.0 x fastest peer", "<= 1.000 x"),
                     all, WL_FIFO, fastest_peer(all, WL_FIFO, "ns_per_op"), "ns_per_op", 1.0,
                     "ns/op", 1);
    if (!selected(cfg, WL_RTO)) return;
    target_eval *rto99 = target_add(
        out, "return to OS: RSS after free 99% + trim <= 1.05 x floor", "<= 1.050 x floor");
    target_eval *rto_all = target_add(
        out, "return to OS: RSS after free all + trim <= 2 MiB above start", "<= 2.00 MiB");
    summary_stat ratio = stat_of(all, WL_RTO, P_REFGC, "trim1_over_floor");
    summary_stat trim1 = stat_of(all, WL_RTO, P_REFGC, "rss_trim1");
    summary_stat floor_bytes = stat_of(all, WL_RTO, P_REFGC, "floor");
    if (ratio.n > 0) {
        snprintf(rto99->measured, sizeof rto99->measured,
                 "%.1f MiB vs floor %.1f MiB: **%.4f x** (runs %.4f..%.4f)",
                 trim1.median / 1048576.0, floor_bytes.median / 1048576.0, ratio.median,
                 ratio.min, ratio.max);
        rto99->verdict = ratio.median <= 1.05 ? TARGET_HOLDS : TARGET_MISSED;
    }
    summary_stat trim2 = stat_of(all, WL_RTO, P_REFGC, "rss_trim2");
    if (trim2.n > 0) {
        snprintf(rto_all->measured, sizeof rto_all->measured,
                 "**%.2f MiB** above start (runs %.2f..%.2f)", trim2.median / 1048576.0,
                 trim2.min / 1048576.0, trim2.max / 1048576.0);
        rto_all->verdict = trim2.median <= 2.0 * 1048576.0 ? TARGET_HOLDS : TARGET_MISSED;
    }
}
