/*
 * report.c -- the results as text: markdown tables (printed to the console
 * and into summary.md), raw.tsv with every run, and summary.md with the
 * machine, the allocators, the targets, the tables and the plots.
 *
 * Owns: presentation only; medians and verdicts come from stats.c.
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"

#define MIB 1048576.0

/* fopen of dir/name, reporting a failure. */
FILE *open_in_dir(const char *dir, const char *name, const char *mode)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, mode);
    if (f == NULL) perror(path);
    return f;
}

/* Median over repetitions of peak RSS minus the worker's starting RSS. */
static double median_rss_above_start(const bench_results *all, int w, int a)
{
    double values[all->reps];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        const run_result *run = result_at(all, w, a, r);
        double start = result_num(run, "rss_start");
        if (run->ok && !isnan(start)) values[n++] = (double)run->maxrss_kib * 1024.0 - start;
    }
    return median_of(values, n);
}

/* Print a number with "%.*f", or "-" when NaN. */
static void cell(FILE *out, double v, int decimals)
{
    if (isnan(v)) fprintf(out, " - |");
    else fprintf(out, " %.*f |", decimals, v);
}

/* Link the workload's PNG when image_dir has it. */
static void image_link(FILE *out, const char *image_dir, const char *name)
{
    if (image_dir == NULL) return;
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s.png", image_dir, name);
    if (access(path, R_OK) == 0) fprintf(out, "![%s](%s.png)\n\n", name, name);
}

/* The heading line of a speed workload. */
static void speed_heading(FILE *out, const bench_config *cfg, int w)
{
    switch (w) {
    case WL_CHURN:
        fprintf(out,
                "### churn: %llu live blocks, %llu operations (free a random live block, "
                "allocate 8..512 B)\n\n",
                (unsigned long long)cfg->churn_live, (unsigned long long)cfg->churn_ops);
        break;
    case WL_LIFO:
        fprintf(out, "### LIFO: %llu pairs of malloc(32) + free\n\n",
                (unsigned long long)cfg->lifo_iters);
        break;
    case WL_FIFO:
        fprintf(out,
                "### FIFO: %llu rounds of allocating %llu blocks of 32 B, then freeing them "
                "in allocation order\n\n",
                (unsigned long long)cfg->fifo_rounds, (unsigned long long)cfg->fifo_blocks);
        break;
    }
}

/* Table of a timed workload: ns/op, ratio to refgc, peak RSS. */
static void speed_table(FILE *out, const bench_config *cfg, const alloc_info *allocs,
                        const bench_results *all, int w)
{
    speed_heading(out, cfg, w);
    const int fifo = w == WL_FIFO;
    fprintf(out, "| allocator | ns/op median | min | max | x refgc |%s peak RSS MiB | "
                 "peak above start MiB |\n",
            fifo ? " round 1 ns/op | later rounds ns/op |" : "");
    fprintf(out, "|---|---:|---:|---:|---:|%s---:|---:|\n", fifo ? "---:|---:|" : "");
    summary_stat base = stat_of(all, w, A_REFGC, "ns_per_op");
    for (int a = 0; a < ALLOC_COUNT; a++) {
        if (!allocs[a].present) continue;
        summary_stat s = stat_of(all, w, a, "ns_per_op");
        fprintf(out, "| %s |", alloc_names[a]);
        cell(out, s.median, 2);
        cell(out, s.min, 2);
        cell(out, s.max, 2);
        cell(out, base.n && s.n ? s.median / base.median : NAN, 2);
        if (fifo) {
            cell(out, stat_of(all, w, a, "first_round_ns_per_op").median, 2);
            cell(out, stat_of(all, w, a, "later_rounds_ns_per_op").median, 2);
        }
        cell(out, stat_peak_rss(all, w, a).median / MIB, 1);
        cell(out, median_rss_above_start(all, w, a) / MIB, 1);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* Table of the return-to-OS workload: RSS above start at each phase. */
static void rto_table(FILE *out, const bench_config *cfg, const alloc_info *allocs,
                      const bench_results *all)
{
    fprintf(out,
            "### Return to the OS: %.0f MiB in 64 B blocks; free all but every 100th; trim; "
            "free the rest; trim\n\n"
            "RSS above the starting point, MiB (the pointer array excluded).  The floor is the "
            "4 KiB pages holding a byte of a surviving block, in each allocator's own layout.\n\n",
            (double)cfg->rto_bytes / MIB);
    fprintf(out, "| allocator | allocated | freed 99%% | trimmed | trimmed / floor | floor | "
                 "freed all | trimmed again | trim ms | peak RSS MiB |\n");
    fprintf(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int a = 0; a < ALLOC_COUNT; a++) {
        if (!allocs[a].present) continue;
        fprintf(out, "| %s |", alloc_names[a]);
        cell(out, stat_of(all, WL_RTO, a, "rss_allocated").median / MIB, 1);
        cell(out, stat_of(all, WL_RTO, a, "rss_freed99").median / MIB, 1);
        if (allocs[a].has_trim) {
            cell(out, stat_of(all, WL_RTO, a, "rss_trim1").median / MIB, 1);
            cell(out, stat_of(all, WL_RTO, a, "trim1_over_floor").median, 3);
        } else {
            fprintf(out, " n/a (no trim) | n/a (untrimmed: %.3f) |",
                    stat_of(all, WL_RTO, a, "trim1_over_floor").median);
        }
        cell(out, stat_of(all, WL_RTO, a, "floor").median / MIB, 1);
        cell(out, stat_of(all, WL_RTO, a, "rss_freed_all").median / MIB, 2);
        if (allocs[a].has_trim) {
            cell(out, stat_of(all, WL_RTO, a, "rss_trim2").median / MIB, 2);
            cell(out, stat_of(all, WL_RTO, a, "trim1_ms").median, 1);
        } else {
            fprintf(out, " n/a | n/a |");
        }
        cell(out, stat_peak_rss(all, WL_RTO, a).median / MIB, 1);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
}

/* Every measured workload's table, with its plot when image_dir has it. */
void write_tables(FILE *out, const bench_config *cfg, const alloc_info *allocs,
                  const bench_results *all, const char *image_dir)
{
    for (int w = 0; w < WL_COUNT; w++) {
        if (!(cfg->workload_mask & (1u << w))) continue;
        if (w == WL_RTO) rto_table(out, cfg, allocs, all);
        else speed_table(out, cfg, allocs, all, w);
        image_link(out, image_dir, workload_names[w]);
    }
}

/* The targets as a markdown table. */
void write_targets(FILE *out, const target_eval targets[TARGET_COUNT])
{
    static const char *const verdict_words[] = {"not measured", "**holds**", "**MISSED**"};
    fprintf(out, "| target | measured (medians of this run) | limit | verdict |\n");
    fprintf(out, "|---|---|---|---|\n");
    for (int i = 0; i < TARGET_COUNT; i++)
        fprintf(out, "| %s | %s | %s | %s |\n", targets[i].name, targets[i].measured,
                targets[i].limit, verdict_words[targets[i].verdict]);
    fprintf(out, "\n");
}

/* raw.tsv: one line per run with the worker's own line. */
static int write_raw(const bench_config *cfg, const alloc_info *allocs,
                     const bench_results *all)
{
    FILE *f = open_in_dir(cfg->out_dir, "raw.tsv", "w");
    if (f == NULL) return -1;
    fprintf(f, "rep\tworkload\tallocator\tok\tmaxrss_kib\twall_s\tworker_line\n");
    for (int r = 0; r < all->reps; r++)
        for (int w = 0; w < WL_COUNT; w++)
            for (int a = 0; a < ALLOC_COUNT; a++) {
                if (!(cfg->workload_mask & (1u << w)) || !allocs[a].present) continue;
                const run_result *run = result_at(all, w, a, r);
                fprintf(f, "%d\t%s\t%s\t%d\t%ld\t%.3f\t%s\n", r + 1, workload_names[w],
                        alloc_names[a], run->ok, run->maxrss_kib, run->wall_seconds, run->line);
            }
    return fclose(f);
}

/* The allocators table of summary.md. */
static void write_allocators(FILE *out, const alloc_info *allocs)
{
    static const char *const how[ALLOC_COUNT] = {
        "rg_malloc/rg_free on one rg_heap_new(NULL) heap; librefgc linked statically; "
        "trim: rg_trim(heap)",
        "glibc malloc/free; trim: malloc_trim(0)",
        "mi_malloc/mi_free (Debian libmimalloc.so); trim: mi_collect(true)",
        "malloc/free replaced by -ljemalloc; trim: mallctl thread.tcache.flush + "
        "arena.4096.purge (MALLCTL_ARENAS_ALL)",
        "malloc/free replaced by -ltcmalloc_minimal; trim: MallocExtension_ReleaseFreeMemory()",
        "PyObject_Malloc/PyObject_Free after Py_InitializeFromConfig (isolated) in "
        "Debian's libpython3.11; no trim call exists"};
    fprintf(out, "| allocator | version | allocations served by | calls |\n|---|---|---|---|\n");
    for (int a = 0; a < ALLOC_COUNT; a++) {
        if (!allocs[a].present) {
            fprintf(out, "| %s | missing | - | not run |\n", alloc_names[a]);
            continue;
        }
        fprintf(out, "| %s | %s | %s%s | %s |\n", alloc_names[a], allocs[a].version,
                allocs[a].served_by, allocs[a].served_as_expected ? "" : " (UNEXPECTED)",
                how[a]);
    }
    fprintf(out, "\n");
}

/* How each workload works, with this run's parameters. */
static void write_method(FILE *out, const bench_config *cfg)
{
    fprintf(out,
            "## How it is measured\n\n"
            "- Every allocator runs in its own process (jemalloc and tcmalloc replace malloc "
            "process-wide, so does Debian's libmimalloc.so): one worker executable per "
            "allocator, all built from bench/worker/ with the same flags.  Each worker sets "
            "its allocator up and warms it with one 64 B malloc+free before measuring.\n"
            "- A repetition runs each workload once on every allocator, in an order rotated "
            "every repetition.  Times are CLOCK_MONOTONIC around the loop; peak RSS is the "
            "worker's ru_maxrss (wait4), which includes the process baseline (pymalloc: the "
            "interpreter) and the pointer arrays; \"peak above start\" subtracts the RSS the "
            "worker had when the workload began.\n"
            "- **churn**: %llu live blocks, then %llu operations; one operation = free the "
            "block of a random slot (after reading its first word) and allocate a new one "
            "for the slot, writing its first and last 8 bytes.  Sizes: 10%% 8..15 B, 60%% "
            "16..64 B, 20%% 65..128 B, 10%% 129..512 B, uniform within each band (mean "
            "76.5 B).  One xoshiro256** stream, seed %#llx, gives victims and sizes: every "
            "allocator sees the same sequence.  ns/op = loop time / operations (the initial "
            "fill is not timed with them).\n"
            "- **LIFO**: %llu times `p = malloc(32)`, write first and last 8 bytes, read "
            "the first word, `free(p)`; ns per malloc+free pair.\n"
            "- **FIFO**: %llu rounds of: allocate %llu blocks of 32 B (writing first and last "
            "8 bytes), then free them in allocation order (reading the first word); ns per "
            "malloc+free over all rounds, the first round (which maps the memory) included.\n"
            "- **Return to the OS**: allocate %.0f MiB as 64 B blocks (writing first and last "
            "8 bytes), free all but every 100th, compact the survivors' pointers (the pointer "
            "array is an mmap, its unused tail dropped with MADV_DONTNEED), trim, free the "
            "rest, trim.  RSS is /proc/self/statm minus the array's resident pages (mincore), "
            "as a change from the start.  The floor counts the distinct 4 KiB pages holding "
            "any byte of a surviving 64 B block, from the blocks' actual addresses.\n"
            "- Checksums of the values read are printed by every worker so no work can be "
            "optimised away; the LIFO loop also passes each pointer through an empty asm "
            "barrier (the other loops store their pointers where the compiler cannot see "
            "through).\n"
            "- pymalloc runs inside an initialised interpreter, whose own objects already "
            "occupy pools of most size classes; the other allocators start from an empty "
            "heap.  ru_maxrss and statm are kernel counters that may lag by a few hundred "
            "KiB, so a workload that allocates little can show a small negative \"peak above "
            "start\".\n\n",
            (unsigned long long)cfg->churn_live, (unsigned long long)cfg->churn_ops,
            (unsigned long long)cfg->churn_seed, (unsigned long long)cfg->lifo_iters,
            (unsigned long long)cfg->fifo_rounds, (unsigned long long)cfg->fifo_blocks,
            (double)cfg->rto_bytes / MIB);
}

/* raw.tsv and summary.md. */
int write_reports(const bench_config *cfg, const alloc_info *allocs, const bench_results *all,
                  const target_eval targets[TARGET_COUNT])
{
    if (write_raw(cfg, allocs, all) != 0) return -1;
    FILE *out = open_in_dir(cfg->out_dir, "summary.md", "w");
    if (out == NULL) return -1;
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
    fprintf(out,
            "# refgc allocator benchmarks\n\n"
            "Generated by `%s` on %s%s: %d repetition(s), medians over them; ratios are "
            "ratios of medians (x refgc = this allocator's ns/op / refgc's).\n\n",
            cfg->command_line, date, cfg->quick ? " (**--quick**: reduced sizes)" : "",
            cfg->reps);
    fprintf(out, "## Machine\n\n");
    write_machine(out, cfg->load_at_start);
    fprintf(out, "\n## Allocators\n\n");
    write_allocators(out, allocs);
    fprintf(out, "## Targets\n\n");
    write_targets(out, targets);
    if (cfg->workload_mask & (1u << WL_CHURN)) {
        summary_stat py = stat_of(all, WL_CHURN, A_PYMALLOC, "ns_per_op");
        summary_stat mi = stat_of(all, WL_CHURN, A_MIMALLOC, "ns_per_op");
        if (py.n && mi.n)
            fprintf(out,
                    "For reference: CPython's own pymalloc runs churn at %.2f x mimalloc "
                    "here (the issue quotes 2.4 x).\n\n",
                    py.median / mi.median);
    }
    fprintf(out, "## Results\n\n");
    write_tables(out, cfg, allocs, all, cfg->out_dir);
    write_method(out, cfg);
    fprintf(out, "Raw data of every run: raw.tsv (the worker's line verbatim).\n");
    return fclose(out);
}
