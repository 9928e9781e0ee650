/*
 * report.c -- the results as text: markdown tables (printed to the console
 * and into summary.md), raw.tsv with every run, and summary.md with the
 * machine, the peers, the targets, the tables, the plots and the method.
 *
 * Owns: presentation only, and the allocator workloads' tables; medians and
 * verdicts come from stats.c and targets_gc.c, the collector workloads'
 * tables and method from report_gc.c.
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
static double median_rss_above_start(const bench_results *all, int w, int p)
{
    double values[all->reps];
    int n = 0;
    for (int r = 0; r < all->reps; r++) {
        const run_result *run = result_at(all, w, p, r);
        double start = result_num(run, "rss_start");
        if (run->ok && !isnan(start)) values[n++] = (double)run->maxrss_kib * 1024.0 - start;
    }
    return median_of(values, n);
}

/* Print a number with "%.*f", or "-" when NaN. */
void cell(FILE *out, double v, int decimals)
{
    if (isnan(v)) fprintf(out, " - |");
    else fprintf(out, " %.*f |", decimals, v);
}

/* Link the family's PNG when image_dir has it. */
void image_link(FILE *out, const char *image_dir, const char *name)
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
static void speed_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                        const bench_results *all, int w)
{
    speed_heading(out, cfg, w);
    const int fifo = w == WL_FIFO;
    fprintf(out, "| allocator | ns/op median | min | max | x refgc |%s peak RSS MiB | "
                 "peak above start MiB |\n",
            fifo ? " round 1 ns/op | later rounds ns/op |" : "");
    fprintf(out, "|---|---:|---:|---:|---:|%s---:|---:|\n", fifo ? "---:|---:|" : "");
    summary_stat base = stat_of(all, w, P_REFGC, "ns_per_op");
    for (int a = 0; a < PEER_COUNT; a++) {
        if (!peer_runs(cfg, peers, w, a)) continue;
        summary_stat s = stat_of(all, w, a, "ns_per_op");
        fprintf(out, "| %s |", peer_names[a]);
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
static void rto_table(FILE *out, const bench_config *cfg, const peer_info *peers,
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
    for (int a = 0; a < PEER_COUNT; a++) {
        if (!peer_runs(cfg, peers, WL_RTO, a)) continue;
        const int has_trim = peers[a].alloc.has_trim;
        fprintf(out, "| %s |", peer_names[a]);
        cell(out, stat_of(all, WL_RTO, a, "rss_allocated").median / MIB, 1);
        cell(out, stat_of(all, WL_RTO, a, "rss_freed99").median / MIB, 1);
        if (has_trim) {
            cell(out, stat_of(all, WL_RTO, a, "rss_trim1").median / MIB, 1);
            cell(out, stat_of(all, WL_RTO, a, "trim1_over_floor").median, 3);
        } else {
            fprintf(out, " n/a (no trim) | n/a (untrimmed: %.3f) |",
                    stat_of(all, WL_RTO, a, "trim1_over_floor").median);
        }
        cell(out, stat_of(all, WL_RTO, a, "floor").median / MIB, 1);
        cell(out, stat_of(all, WL_RTO, a, "rss_freed_all").median / MIB, 2);
        if (has_trim) {
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

/* Name the (case, peer) pairs that ran once because of the time cap. */
void write_capped_note(FILE *out, const bench_config *cfg, const peer_info *peers,
                       const bench_results *all, int w0, int w1)
{
    int named = 0;
    for (int w = w0; w <= w1; w++)
        for (int p = 0; p < PEER_COUNT; p++) {
            if (!peer_runs(cfg, peers, w, p) || all->reps < 2 || !result_at(all, w, p, 1)->skipped)
                continue;
            fprintf(out, "%s%s on %s", named++ ? ", " : "Run once (the first run took longer "
                    "than the time cap, --max-case-seconds): ", workloads[w].name, peer_names[p]);
            fprintf(out, " (%.0f s)", result_at(all, w, p, 0)->wall_seconds);
        }
    if (named) fprintf(out, ".\n\n");
}

/* Is w the first case of its family? */
static int first_of_family(int w)
{
    return w == 0 || strcmp(workloads[w - 1].family, workloads[w].family) != 0;
}

/* Every measured family's table, with its plot when image_dir has it. */
void write_tables(FILE *out, const bench_config *cfg, const peer_info *peers,
                  const bench_results *all, const char *image_dir)
{
    int gc_heading = 0;
    for (int w = 0; w < WL_COUNT; w++) {
        if (!first_of_family(w) || !family_selected(cfg, w)) continue;
        if (w >= WL_FIRST_RUN) {
            write_run_table(out, cfg, peers, all, suite_of(w));
            image_link(out, image_dir, workloads[w].family);
            continue;
        }
        if (w >= WL_FIRST_GC && !gc_heading++)
            fprintf(out, "## The cycle collector: refgc, CPython 3.11, Boehm GC, mimalloc\n\n");
        if (w == WL_RTO) rto_table(out, cfg, peers, all);
        else if (w < WL_FIRST_GC) speed_table(out, cfg, peers, all, w);
        else write_gc_table(out, cfg, peers, all, w);
        int last = w;
        while (last + 1 < WL_COUNT && strcmp(workloads[last + 1].family, workloads[w].family) == 0)
            last++;
        write_capped_note(out, cfg, peers, all, w, last);
        image_link(out, image_dir, workloads[w].family);
    }
}

/* The targets as a markdown table. */
void write_targets(FILE *out, const target_list *targets)
{
    static const char *const verdict_words[] = {"not measured", "**holds**", "**MISSED**"};
    fprintf(out, "| target | measured (medians of this run) | limit | verdict |\n");
    fprintf(out, "|---|---|---|---|\n");
    for (int i = 0; i < targets->count; i++) {
        const target_eval *t = &targets->items[i];
        fprintf(out, "| %s | %s | %s | %s |\n", t->name, t->measured, t->limit,
                verdict_words[t->verdict]);
    }
    fprintf(out, "\n");
}

/* raw.tsv: one line per run with the worker's own line. */
static int write_raw(const bench_config *cfg, const peer_info *peers,
                     const bench_results *all)
{
    FILE *f = open_in_dir(cfg->out_dir, "raw.tsv", "w");
    if (f == NULL) return -1;
    fprintf(f, "rep\tworkload\tpeer\tok\tmaxrss_kib\twall_s\tcpu_s\tworker_line\n");
    for (int r = 0; r < all->reps; r++)
        for (int w = 0; w < WL_COUNT; w++)
            for (int p = 0; p < PEER_COUNT; p++) {
                const run_result *run = result_at(all, w, p, r);
                if (!peer_runs(cfg, peers, w, p) || run->skipped) continue;
                fprintf(f, "%d\t%s\t%s\t%d\t%ld\t%.3f\t%.3f\t%s\n", r + 1, workloads[w].name,
                        peer_names[p], run->ok, run->maxrss_kib, run->wall_seconds,
                        run->cpu_seconds, run->line);
            }
    return fclose(f);
}

/* One row of the peers table: a worker kind of peer p. */
static void peer_row(FILE *out, int p, const char *kind, const worker_info *w, const char *how)
{
    if (!w->present) {
        fprintf(out, "| %s | %s | missing | - | not run |\n", peer_names[p], kind);
        return;
    }
    fprintf(out, "| %s | %s | %s | %s%s | %s |\n", peer_names[p], kind, w->version, w->served_by,
            w->served_as_expected ? "" : " (UNEXPECTED)", how);
}

/* The peers table of summary.md: each worker that was needed. */
static void write_peers(FILE *out, const bench_config *cfg, const peer_info *peers)
{
    static const char *const alloc_how[PEER_COUNT] = {
        "rg_malloc/rg_free on one rg_heap_new(NULL) heap; librefgc linked statically; "
        "trim: rg_trim(heap)",
        "glibc malloc/free; trim: malloc_trim(0)",
        "mi_malloc/mi_free (Debian libmimalloc.so); trim: mi_collect(true)",
        "malloc/free replaced by -ljemalloc; trim: mallctl thread.tcache.flush + "
        "arena.4096.purge (MALLCTL_ARENAS_ALL)",
        "malloc/free replaced by -ltcmalloc_minimal; trim: MallocExtension_ReleaseFreeMemory()",
        "PyObject_Malloc/PyObject_Free after Py_InitializeFromConfig (isolated) in "
        "Debian's libpython3.11; no trim call exists",
        NULL, NULL};
    static const char *const gc_how[PEER_COUNT] = {
        "rg_new objects (GC-tracked), rg_incref/rg_decref, rg_collect(heap, 2); thresholds "
        "700/10/10; pauses from rg_gc_add_callback start/stop",
        NULL,
        "mi_malloc/mi_free, trees freed recursively (tree programs only)",
        NULL, NULL, NULL,
        "python3 -E -s -B bench/python/<workload>.py: lists, gc.collect(), gc.callbacks; the "
        "interpreter's own objects frozen (gc.freeze) first",
        "GC_MALLOC, GC_gcollect(); conservative, non-incremental, one marker thread; pauses "
        "from GC_EVENT_START/END"};
    fprintf(out, "| peer | worker | version | allocations served by | calls |\n"
                 "|---|---|---|---|---|\n");
    for (int p = 0; p < PEER_COUNT; p++) {
        if (!(cfg->peer_mask & PEER_BIT(p))) continue;
        int alloc_used = 0, gc_used = 0, script_used = 0, python_used = 0;
        for (int w = 0; w < WL_COUNT; w++) {
            if (!(cfg->workload_mask & (1u << w)) || !(workloads[w].peers & PEER_BIT(p))) continue;
            if (workloads[w].kind == WORKER_ALLOC) alloc_used = 1;
            else if (workloads[w].kind == WORKER_GC) gc_used = 1;
            else if (workloads[w].kind == WORKER_PYTHON) python_used = 1;
            else script_used = 1;
        }
        if (alloc_used) peer_row(out, p, "allocator", &peers[p].alloc, alloc_how[p]);
        if (gc_used) peer_row(out, p, "collector", &peers[p].gc, gc_how[p]);
        if (script_used)
            peer_row(out, p, "programs", &peers[p].script,
                     p == P_REFGC ? "refgc run bench/run/<program>.py N"
                                  : "python3 -E -s -B bench/run/<program>.py N");
        if (python_used)
            peer_row(out, p, "CPython programs", &peers[p].python,
                     p == P_REFGC ? "refgc-python -E -s -B bench/run/<program>.py N (CPython "
                                    "3.11 with refgc as its MEM and OBJ allocator)"
                                  : "python3 -E -s -B bench/run/<program>.py N");
    }
    fprintf(out, "\n");
}

/* How each allocator workload works, with this run's parameters. */
static void write_method(FILE *out, const bench_config *cfg)
{
    fprintf(out,
            "## How it is measured: the allocator\n\n"
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
int write_reports(const bench_config *cfg, const peer_info *peers, const bench_results *all,
                  const target_list *targets)
{
    if (write_raw(cfg, peers, all) != 0) return -1;
    FILE *out = open_in_dir(cfg->out_dir, "summary.md", "w");
    if (out == NULL) return -1;
    char date[64];
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
    fprintf(out,
            "# refgc benchmarks: the allocator and the cycle collector\n\n"
            "Generated by `%s` on %s%s: %d repetition(s), medians over them; ratios are "
            "ratios of medians (x refgc = this peer's figure / refgc's).\n\n",
            cfg->command_line, date, cfg->quick ? " (**--quick**: reduced sizes)" : "",
            cfg->reps);
    fprintf(out, "## Machine\n\n");
    write_machine(out, cfg->load_at_start);
    fprintf(out, "\n## Peers\n\n");
    write_peers(out, cfg, peers);
    fprintf(out, "## Targets\n\n");
    write_targets(out, targets);
    if (cfg->workload_mask & (1u << WL_CHURN)) {
        summary_stat py = stat_of(all, WL_CHURN, P_PYMALLOC, "ns_per_op");
        summary_stat mi = stat_of(all, WL_CHURN, P_MIMALLOC, "ns_per_op");
        if (py.n && mi.n)
            fprintf(out,
                    "For reference: CPython's own pymalloc runs churn at %.2f x mimalloc "
                    "here (the issue quotes 2.4 x).\n\n",
                    py.median / mi.median);
    }
    fprintf(out, "## Results\n\n");
    write_tables(out, cfg, peers, all, cfg->out_dir);
    for (int w = 0; w < WL_FIRST_GC; w++)
        if (cfg->workload_mask & (1u << w)) {
            write_method(out, cfg);
            break;
        }
    for (int w = WL_FIRST_GC; w < WL_FIRST_RUN; w++)
        if (cfg->workload_mask & (1u << w)) {
            write_gc_method(out, cfg);
            break;
        }
    write_run_method(out, cfg);
    fprintf(out, "Raw data of every run: raw.tsv (the worker's line verbatim).\n");
    return fclose(out);
}
