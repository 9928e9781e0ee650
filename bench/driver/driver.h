/*
 * driver.h -- what the files of refgc-bench (the benchmark driver) share:
 * the allocators and workloads, the configuration, one worker run's
 * result, and the entry points of run.c, stats.c, report.c, plot.c and
 * machine.c.
 *
 * The driver owns no measurement itself: every number comes from a worker
 * process (bench/worker/), one executable per allocator, as one line of
 * key=value pairs, plus the process's peak RSS from wait4().
 */
#ifndef BENCH_DRIVER_H
#define BENCH_DRIVER_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

/* ---- what is benchmarked ------------------------------------------------ */

/* The allocators, refgc first: ratios are to it. */
enum alloc_id { A_REFGC, A_GLIBC, A_MIMALLOC, A_JEMALLOC, A_TCMALLOC, A_PYMALLOC, ALLOC_COUNT };
extern const char *const alloc_names[ALLOC_COUNT];

enum workload_id { WL_CHURN, WL_LIFO, WL_FIFO, WL_RTO, WL_COUNT };
extern const char *const workload_names[WL_COUNT];

typedef struct alloc_info {
    int present;               /* worker executable found and `info` ran  */
    char path[PATH_MAX];
    char version[64];
    char served_by[128];       /* shared object serving the allocations   */
    int served_as_expected;    /* served_by names the expected library    */
    int has_trim;
} alloc_info;

typedef struct bench_config {
    char out_dir[PATH_MAX];
    char worker_dir[PATH_MAX];
    int reps;
    int quick;
    int plot;
    unsigned workload_mask;    /* bit per workload_id                      */
    unsigned alloc_mask;       /* bit per alloc index                      */
    uint64_t churn_ops, churn_live, churn_seed;
    uint64_t lifo_iters;
    uint64_t fifo_rounds, fifo_blocks;
    uint64_t rto_bytes;
    char command_line[1024];
    char load_at_start[64];    /* /proc/loadavg when the runs began        */
} bench_config;

/* ---- one worker run ------------------------------------------------------- */

enum { RESULT_MAX_KEYS = 40 };

typedef struct result_pair {
    char key[32];
    char value[64];
} result_pair;

typedef struct run_result {
    int ok;
    int npairs;
    result_pair pairs[RESULT_MAX_KEYS];
    long maxrss_kib;           /* ru_maxrss of the worker                  */
    double wall_seconds;
    char line[2048];           /* the worker's line as printed             */
} run_result;

/* All results: [workload][alloc][rep]. */
typedef struct bench_results {
    int reps;
    run_result *runs;
} bench_results;

/* The run of workload w, allocator a, repetition r. */
run_result *result_at(const bench_results *all, int w, int a, int r);

/* ---- run.c ---------------------------------------------------------------- */

/* Run worker `path` with argv (NULL-terminated, argv[0] included) and
 * collect its line; out->ok is 0 (a message on stderr) if it failed. */
void run_worker(const char *path, char *const argv[], run_result *out);

/* The value of key in a run, or NULL. */
const char *result_get(const run_result *run, const char *key);

/* The numeric value of key, or NaN. */
double result_num(const run_result *run, const char *key);

/* ---- stats.c -------------------------------------------------------------- */

typedef struct summary_stat {
    int n;                      /* runs that had the value                  */
    double median, min, max;
} summary_stat;

/* Median/min/max of key over the repetitions of (w, a). */
summary_stat stat_of(const bench_results *all, int w, int a, const char *key);

/* Median/min/max of peak RSS (bytes) over the repetitions of (w, a). */
summary_stat stat_peak_rss(const bench_results *all, int w, int a);

/* Median over repetitions of run(a, key) / run(b, key), taking only
 * repetitions where both ran: the same-run ratio. */
summary_stat stat_paired_ratio(const bench_results *all, int w, int a, int b, const char *key);

/* Median of a double array (sorted in place); NaN for n == 0. */
double median_of(double *values, int n);

enum target_verdict { TARGET_NOT_MEASURED, TARGET_HOLDS, TARGET_MISSED };

typedef struct target_eval {
    const char *name;           /* short, e.g. "churn vs mimalloc"           */
    char measured[160];         /* what was measured, in words               */
    char limit[80];
    enum target_verdict verdict;
} target_eval;

enum { TARGET_COUNT = 5 };

/* Evaluate the five targets from the results. */
void evaluate_targets(const bench_config *cfg, const alloc_info *allocs,
                      const bench_results *all, target_eval out[TARGET_COUNT]);

/* ---- report.c ------------------------------------------------------------- */

/* Write the tables (markdown) of every measured workload to out; with
 * image_dir set, each is followed by its PNG if image_dir holds one. */
void write_tables(FILE *out, const bench_config *cfg, const alloc_info *allocs,
                  const bench_results *all, const char *image_dir);

/* Write the targets table to out. */
void write_targets(FILE *out, const target_eval targets[TARGET_COUNT]);

/* Write raw.tsv and summary.md into the out directory; 0 on success. */
int write_reports(const bench_config *cfg, const alloc_info *allocs, const bench_results *all,
                  const target_eval targets[TARGET_COUNT]);

/* ---- plot.c --------------------------------------------------------------- */

/* Write .dat and .gp files for every measured workload and run gnuplot on
 * them (PNG into the out directory).  Returns the number of PNGs made. */
int write_plots(const bench_config *cfg, const alloc_info *allocs, const bench_results *all);

/* ---- machine.c ------------------------------------------------------------ */

/* Describe the machine and build as markdown bullet lines. */
void write_machine(FILE *out, const char *load_at_start);

/* The load average, "1min 5min 15min". */
void machine_load(char *buf, size_t len);

/* One line: CPU model, cores, kernel (for the console). */
void machine_one_line(char *buf, size_t len);

/* ---- helpers ---------------------------------------------------------------- */

/* fopen of dir/name; NULL with a message on failure. */
FILE *open_in_dir(const char *dir, const char *name, const char *mode);

#endif /* BENCH_DRIVER_H */
