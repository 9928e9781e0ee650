/*
 * driver.h -- what the files of refgc-bench (the benchmark driver) share:
 * the peers and workloads, the configuration, one worker run's result, and
 * the entry points of schedule.c, run.c, stats.c, targets_gc.c, report.c,
 * report_gc.c, plot.c, plot_gc.c and machine.c.
 *
 * The driver owns no measurement itself: every number comes from a worker
 * process, as one line of key=value pairs, plus the process's peak RSS
 * from wait4().  Two kinds of worker:
 *   - allocator workers, bench/worker/: refgc-bench-worker-<peer> for
 *     refgc, glibc, mimalloc, jemalloc, tcmalloc and pymalloc;
 *   - cycle-collector workers: refgc-bench-gc-<peer> (bench/gcworker/) for
 *     refgc, Boehm and mimalloc, and for CPython python3 running
 *     bench/python/<workload>.py;
 *   - whole Python programs, bench/run/<workload>.py, run by python3 and by
 *     `refgc run` (the interpreter front end), and by python3 and by
 *     refgc-python (CPython itself on refgc's allocator, issue 7): the
 *     driver times the process and both must print the same line.
 */
#ifndef BENCH_DRIVER_H
#define BENCH_DRIVER_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

/* ---- who is benchmarked ------------------------------------------------- */

/* The peers, refgc first: ratios are to it. */
enum peer_id {
    P_REFGC,
    P_GLIBC,
    P_MIMALLOC,
    P_JEMALLOC,
    P_TCMALLOC,
    P_PYMALLOC,
    P_CPYTHON,
    P_BOEHM,
    PEER_COUNT
};
extern const char *const peer_names[PEER_COUNT];

#define PEER_BIT(p) (1u << (p))
#define ALLOCATOR_PEERS                                                                  \
    (PEER_BIT(P_REFGC) | PEER_BIT(P_GLIBC) | PEER_BIT(P_MIMALLOC) | PEER_BIT(P_JEMALLOC) | \
     PEER_BIT(P_TCMALLOC) | PEER_BIT(P_PYMALLOC))

/* ---- what is benchmarked --------------------------------------------------
 * One workload id per measured case; a family groups the cases of one
 * table and plot (graph: three sizes; pairs: dropped and kept). */
enum workload_id {
    WL_CHURN,
    WL_LIFO,
    WL_FIFO,
    WL_RTO,
    WL_GRAPH_SMALL,
    WL_GRAPH_MEDIUM,
    WL_GRAPH_LARGE,
    WL_PAIRS_DROPPED,
    WL_PAIRS_KEPT,
    WL_GCBENCH,
    WL_BINARYTREES,
    WL_GC_COLLECT,
    WL_GC_TRAVERSAL,
    WL_RUN_GC_COLLECT,
    WL_RUN_GC_TRAVERSAL,
    WL_RUN_BINARYTREES,
    WL_RUN_CHURN,
    WL_PY_GC_COLLECT,
    WL_PY_GC_TRAVERSAL,
    WL_PY_BINARYTREES,
    WL_PY_CHURN,
    WL_PY_JSON,
    WL_PY_DICT_LIST,
    WL_COUNT
};
#define WL_GRAPH_SIZES 3
#define WL_FIRST_GC WL_GRAPH_SMALL      /* the collector workloads come next */
#define WL_FIRST_RUN WL_RUN_GC_COLLECT  /* then the Python programs: refgc run */
#define WL_FIRST_PY WL_PY_GC_COLLECT    /* and refgc-python, to the end */
_Static_assert(WL_COUNT <= 32, "workload masks are 32-bit");

/* WORKER_SCRIPT: `refgc run` / python3; WORKER_PYTHON: refgc-python / python3. */
enum worker_kind { WORKER_ALLOC, WORKER_GC, WORKER_SCRIPT, WORKER_PYTHON };

typedef struct workload_def {
    const char *name;     /* the case: --only, raw.tsv, progress lines   */
    const char *family;   /* its table and plot (and --only group)       */
    enum worker_kind kind;
    const char *command;  /* the worker's workload word; the script name */
    unsigned peers;       /* PEER_BIT of every peer that runs it          */
} workload_def;
extern const workload_def workloads[WL_COUNT];

/* One kind of worker of a peer, as found and identified at start. */
typedef struct worker_info {
    int present;               /* found, and `info` ran                    */
    char path[PATH_MAX];       /* the executable (CPython: the interpreter) */
    char version[64];
    char served_by[160];       /* what serves the allocations              */
    int served_as_expected;    /* served_by names the expected library     */
    int has_trim;              /* allocator workers                        */
} worker_info;

typedef struct peer_info {
    worker_info alloc;         /* refgc-bench-worker-<peer>                */
    worker_info gc;            /* refgc-bench-gc-<peer> / python3          */
    worker_info script;        /* `refgc run` / python3, for bench/run/     */
    worker_info python;        /* refgc-python / python3, for bench/run/    */
} peer_info;

typedef struct bench_config {
    char out_dir[PATH_MAX];
    char worker_dir[PATH_MAX];
    char python[PATH_MAX];     /* the CPython interpreter (name or path)   */
    char python_dir[PATH_MAX]; /* bench/python                             */
    char run_dir[PATH_MAX];    /* bench/run: the whole programs            */
    char refgc_cli[PATH_MAX];  /* the refgc command (default: beside the workers' dir) */
    char refgc_python[PATH_MAX]; /* refgc-python (default: likewise)       */
    int reps;
    int quick;
    int plot;
    unsigned workload_mask;    /* bit per workload_id                      */
    unsigned peer_mask;        /* bit per peer_id                          */
    /* allocator workloads */
    uint64_t churn_ops, churn_live, churn_seed;
    uint64_t lifo_iters;
    uint64_t fifo_rounds, fifo_blocks;
    uint64_t rto_bytes;
    /* collector workloads */
    uint64_t graph_sizes[WL_GRAPH_SIZES], graph_seed, graph_collects;
    uint64_t pairs;
    uint64_t gcbench_stretch;  /* long-lived and max depth: stretch - 2 */
    uint64_t gcbench_array;
    uint64_t binarytrees_depth;
    uint64_t gc_collect_loops, gc_traversal_loops;
    /* whole programs: each script's one parameter */
    uint64_t run_params[WL_COUNT - WL_FIRST_RUN];
    double max_case_seconds;   /* a first run longer than this: run once  */
    char command_line[1024];
    char load_at_start[64];    /* /proc/loadavg when the runs began        */
} bench_config;

/* ---- one worker run ------------------------------------------------------- */

enum { RESULT_MAX_KEYS = 64 };

typedef struct result_pair {
    char key[32];
    char value[64];
} result_pair;

typedef struct run_result {
    int ok;
    int skipped;               /* not run: its first run was over the cap  */
    int npairs;
    result_pair pairs[RESULT_MAX_KEYS];
    long maxrss_kib;           /* ru_maxrss of the worker                  */
    double wall_seconds;
    double cpu_seconds;        /* its user + system time (wait4)            */
    char line[4096];           /* the worker's line as printed             */
} run_result;

/* All results: [workload][peer][rep]. */
typedef struct bench_results {
    int reps;
    run_result *runs;
} bench_results;

/* The run of workload w, peer p, repetition r. */
run_result *result_at(const bench_results *all, int w, int p, int r);

/* ---- schedule.c ------------------------------------------------------------ */

/* Does peer p run workload w in this configuration (selected, and its
 * worker found)? */
int peer_runs(const bench_config *cfg, const peer_info *peers, int w, int p);

/* Is any case of w's family selected? (w: any case of the family) */
int family_selected(const bench_config *cfg, int w);

/* Find each selected peer's workers and ask them who they are. */
void identify_peers(const bench_config *cfg, peer_info peers[PEER_COUNT]);

/* Run the whole schedule into all; with dry_run, print the command lines.
 * A (case, peer) whose first run takes longer than cfg->max_case_seconds
 * is not repeated (its later runs are marked skipped). */
void run_schedule(const bench_config *cfg, const peer_info peers[PEER_COUNT],
                  bench_results *all, int dry_run);

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

/* Median/min/max of key over the repetitions of (w, p). */
summary_stat stat_of(const bench_results *all, int w, int p, const char *key);

/* Median/min/max of peak RSS (bytes) over the repetitions of (w, p). */
summary_stat stat_peak_rss(const bench_results *all, int w, int p);

/* Median over repetitions of run(a, key) / run(b, key), taking only
 * repetitions where both ran: the same-run ratio. */
summary_stat stat_paired_ratio(const bench_results *all, int w, int a, int b, const char *key);

/* Median of a double array (sorted in place); NaN for n == 0. */
double median_of(double *values, int n);

enum target_verdict { TARGET_NOT_MEASURED, TARGET_HOLDS, TARGET_MISSED };

typedef struct target_eval {
    char name[96];              /* what is promised, e.g. "churn: ..."      */
    char measured[200];         /* what was measured, in words               */
    char limit[48];
    enum target_verdict verdict;
} target_eval;

enum { TARGET_MAX = 48 };

typedef struct target_list {
    int count;
    target_eval items[TARGET_MAX];
} target_list;

/* A new target at the end of list, "not measured" until decided. */
target_eval *target_add(target_list *list, const char *name, const char *limit);

/* Decide t from two medians of one key: refgc's `mine` against a peer's
 * `theirs`, holding when mine / theirs <= limit; the median of same-run
 * ratios (refgc / peer) is shown beside. */
void target_ratio(target_eval *t, const bench_results *all, int w, int peer, const char *key,
                  double limit, const char *unit, double unit_scale);

/* The allocator targets (stats.c) and the collector targets (targets_gc.c). */
void evaluate_alloc_targets(const bench_config *cfg, const bench_results *all, target_list *out);
void evaluate_gc_targets(const bench_config *cfg, const bench_results *all, target_list *out);

/* ---- report_run.c: the whole programs ---------------------------------------
 * Two suites of the same shape: one program file run by python3 and by a
 * refgc runner, interleaved, the same line printed by both.  "run": `refgc
 * run` (issue 4, wall time <= 1.5 x python3); "python": refgc-python
 * (issue 7, wall time and peak RSS <= 1.0 x python3). */
typedef struct script_suite {
    int first, end;            /* its workloads: first <= w < end           */
    const char *family;        /* --only name, plot and data file names     */
    const char *runner;        /* "refgc run", "refgc-python"               */
    const char *issue;         /* where the target comes from               */
    double time_limit;         /* wall time <= limit x python3               */
    double rss_limit;          /* peak RSS <= limit x python3; 0: no target  */
} script_suite;

/* The suite workload w (>= WL_FIRST_RUN) belongs to. */
const script_suite *suite_of(int w);

/* The targets of the whole programs, both suites. */
void evaluate_run_targets(const bench_config *cfg, const bench_results *all, target_list *out);

/* ---- report.c, report_gc.c, report_run.c ----------------------------------- */

/* A suite's table of the whole programs, and how both suites are run
 * (report_run.c). */
void write_run_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                     const bench_results *all, const script_suite *suite);
void write_run_method(FILE *out, const bench_config *cfg);
/* <family>.dat and <family>.gp: wall time and peak RSS bars, python3 and
 * the suite's runner side by side; 0 on success. */
int run_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all,
             const script_suite *suite);


/* Print a number with "%.*f", or "-" when NaN, as a table cell. */
void cell(FILE *out, double v, int decimals);

/* Link family's PNG when image_dir has it. */
void image_link(FILE *out, const char *image_dir, const char *family);

/* Write the tables (markdown) of every measured workload to out; with
 * image_dir set, each is followed by its PNG if image_dir holds one. */
void write_tables(FILE *out, const bench_config *cfg, const peer_info *peers,
                  const bench_results *all, const char *image_dir);

/* The table of one collector family (w: its first case). */
void write_gc_table(FILE *out, const bench_config *cfg, const peer_info *peers,
                    const bench_results *all, int w);

/* How the collector workloads are measured (summary.md). */
void write_gc_method(FILE *out, const bench_config *cfg);

/* A line naming the (case, peer) pairs of cases w0..w1 that ran only
 * once because their first run was over the time cap; nothing if none. */
void write_capped_note(FILE *out, const bench_config *cfg, const peer_info *peers,
                       const bench_results *all, int w0, int w1);

/* Write the targets table to out. */
void write_targets(FILE *out, const target_list *targets);

/* Write raw.tsv and summary.md into the out directory; 0 on success. */
int write_reports(const bench_config *cfg, const peer_info *peers, const bench_results *all,
                  const target_list *targets);

/* ---- plot.c, plot_gc.c -------------------------------------------------------- */

/* Write .dat and .gp files for every measured family and run gnuplot on
 * them (PNG into the out directory).  Returns the number of PNGs made. */
int write_plots(const bench_config *cfg, const peer_info *peers, const bench_results *all);

/* Gnuplot preamble: terminal, output file name.png, colours. */
void plot_preamble(FILE *gp, const char *name, int height);

/* A data value for gnuplot: NaN is written as NaN (a missing point). */
void dat_value(FILE *f, double v, int decimals);

/* Bars of the median of key (times scale) per peer of workload w, with
 * min..max whiskers and labels "value (x refgc)", into family.png; 0 on
 * success. */
int bar_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all, int w,
             const char *key, double scale, const char *ylabel, const char *title);

/* The collector families' plots (graph and pairs; the rest are bar_plot);
 * 0 on success. */
int gc_plot(const bench_config *cfg, const peer_info *peers, const bench_results *all, int w);

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
