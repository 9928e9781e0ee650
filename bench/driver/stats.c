/*
 * stats.c -- medians over repetitions and the targets.
 *
 * Owns: median/min/max of a worker key or of peak RSS over the repetitions
 * of one (workload, allocator); same-run (paired) ratios; and the verdict
 * on each of the five targets:
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

/* The run of workload w, allocator a, repetition r. */
run_result *result_at(const bench_results *all, int w, int a, int r)
{
    return &all->runs[((size_t)w * ALLOC_COUNT + (size_t)a) * (size_t)all->reps + (size_t)r];
}

/* Median/min/max of a worker key over the repetitions. */
summary_stat stat_of(const bench_results *all, int w, int a, const char *key)
{
    double values[all->reps > 0 ? all->reps : 1];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        double v = result_num(result_at(all, w, a, r), key);
        if (!isnan(v)) values[n++] = v;
    }
    return summarise(values, n);
}

/* Median/min/max of the worker's peak RSS in bytes. */
summary_stat stat_peak_rss(const bench_results *all, int w, int a)
{
    double values[all->reps > 0 ? all->reps : 1];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        const run_result *run = result_at(all, w, a, r);
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
    for (int a = 0; a < ALLOC_COUNT; a++) {
        if (a == A_REFGC) continue;
        summary_stat s = stat_of(all, w, a, key);
        if (s.n > 0 && s.median < best_value) {
            best_value = s.median;
            best = a;
        }
    }
    return best;
}

/* Target: refgc's ns/op in w at most limit x peer's; peer -1 = fastest. */
static void speed_target(const bench_results *all, int w, int peer, double limit,
                         target_eval *t)
{
    if (peer < 0) peer = fastest_peer(all, w, "ns_per_op");
    summary_stat mine = stat_of(all, w, A_REFGC, "ns_per_op");
    summary_stat theirs = peer >= 0 ? stat_of(all, w, peer, "ns_per_op") : (summary_stat){0};
    if (mine.n == 0 || theirs.n == 0) {
        t->verdict = TARGET_NOT_MEASURED;
        snprintf(t->measured, sizeof t->measured, "not measured");
        return;
    }
    double ratio = mine.median / theirs.median;
    summary_stat paired = stat_paired_ratio(all, w, A_REFGC, peer, "ns_per_op");
    snprintf(t->measured, sizeof t->measured,
             "refgc %.2f ns/op vs %s %.2f ns/op: **%.3f x** (same-run ratios: median %.3f, "
             "%.3f..%.3f)",
             mine.median, alloc_names[peer], theirs.median, ratio, paired.median, paired.min,
             paired.max);
    t->verdict = ratio <= limit ? TARGET_HOLDS : TARGET_MISSED;
}

/* The verdict on each of the five targets. */
void evaluate_targets(const bench_config *cfg, const alloc_info *allocs,
                      const bench_results *all, target_eval out[TARGET_COUNT])
{
    (void)allocs;
    memset(out, 0, sizeof(target_eval) * TARGET_COUNT);
    out[0].name = "churn: refgc <= 0.9 x mimalloc (ns/op)";
    snprintf(out[0].limit, sizeof out[0].limit, "<= 0.900 x");
    out[1].name = "LIFO 32 B pairs: refgc <= 1.0 x fastest peer";
    snprintf(out[1].limit, sizeof out[1].limit, "<= 1.000 x");
    out[2].name = "FIFO rounds: refgc <= 1.0 x fastest peer";
    snprintf(out[2].limit, sizeof out[2].limit, "<= 1.000 x");
    out[3].name = "return to OS: RSS after free 99% + trim <= 1.05 x floor";
    snprintf(out[3].limit, sizeof out[3].limit, "<= 1.050 x floor");
    out[4].name = "return to OS: RSS after free all + trim <= 2 MiB above start";
    snprintf(out[4].limit, sizeof out[4].limit, "<= 2.00 MiB");
    for (int i = 0; i < TARGET_COUNT; i++) {
        out[i].verdict = TARGET_NOT_MEASURED;
        snprintf(out[i].measured, sizeof out[i].measured, "not measured");
    }

    if (cfg->workload_mask & (1u << WL_CHURN)) speed_target(all, WL_CHURN, A_MIMALLOC, 0.9, &out[0]);
    if (cfg->workload_mask & (1u << WL_LIFO)) speed_target(all, WL_LIFO, -1, 1.0, &out[1]);
    if (cfg->workload_mask & (1u << WL_FIFO)) speed_target(all, WL_FIFO, -1, 1.0, &out[2]);

    if (cfg->workload_mask & (1u << WL_RTO)) {
        summary_stat ratio = stat_of(all, WL_RTO, A_REFGC, "trim1_over_floor");
        summary_stat trim1 = stat_of(all, WL_RTO, A_REFGC, "rss_trim1");
        summary_stat floor_bytes = stat_of(all, WL_RTO, A_REFGC, "floor");
        if (ratio.n > 0) {
            snprintf(out[3].measured, sizeof out[3].measured,
                     "%.1f MiB vs floor %.1f MiB: **%.4f x** (runs %.4f..%.4f)",
                     trim1.median / 1048576.0, floor_bytes.median / 1048576.0, ratio.median,
                     ratio.min, ratio.max);
            out[3].verdict = ratio.median <= 1.05 ? TARGET_HOLDS : TARGET_MISSED;
        }
        summary_stat trim2 = stat_of(all, WL_RTO, A_REFGC, "rss_trim2");
        if (trim2.n > 0) {
            snprintf(out[4].measured, sizeof out[4].measured,
                     "**%.2f MiB** above start (runs %.2f..%.2f)", trim2.median / 1048576.0,
                     trim2.min / 1048576.0, trim2.max / 1048576.0);
            out[4].verdict = trim2.median <= 2.0 * 1048576.0 ? TARGET_HOLDS : TARGET_MISSED;
        }
    }
}
