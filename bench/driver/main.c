/*
 * main.c -- refgc-bench, the benchmark driver `make bench` runs.
 *
 * Runs the allocator workloads (churn, LIFO pairs, FIFO rounds, return to
 * the OS) on refgc, glibc, mimalloc, jemalloc, tcmalloc and CPython's
 * pymalloc, the cycle-collector workloads (random graph, cyclic pairs,
 * GCBench, binary-trees, pyperformance's gc_collect and gc_traversal) on
 * refgc, CPython 3.11 (python3), Boehm GC and mimalloc, and whole Python
 * programs (bench/run/) under `refgc run` and python3, and under
 * refgc-python and python3 -- each run in a
 * worker process of its own, for several repetitions, interleaved
 * (schedule.c).  Then it prints medians, peak RSS, ratios to refgc and the
 * targets' verdicts, and writes data, gnuplot scripts, PNG plots and
 * summary.md into the output directory.
 *
 * Owns: the command line and the order of the steps.  schedule.c, run.c,
 * stats.c, targets_gc.c, report.c, report_gc.c, plot.c, plot_gc.c and
 * machine.c do the rest.
 */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"

#ifndef BENCH_PYTHON_DIR
#define BENCH_PYTHON_DIR "bench/python"
#endif
#ifndef BENCH_RUN_DIR
#define BENCH_RUN_DIR "bench/run"
#endif

/* ====================================================================== */
/* Command line                                                            */
/* ====================================================================== */

/* Print the usage text to out. */
static void usage(FILE *out)
{
    fprintf(out,
            "usage: refgc-bench [options]\n"
            "  --out DIR            results directory (default bench/results)\n"
            "  --reps N             repetitions (default 5; 2 with --quick)\n"
            "  --quick              small sizes: a smoke run of a few seconds\n"
            "  --only LIST          comma separated: alloc (= churn,lifo,fifo,rto), gc (= the\n"
            "                       rest), churn, lifo, fifo, rto, graph (graph-small,\n"
            "                       graph-medium, graph-large), pairs (pairs-dropped,\n"
            "                       pairs-kept), gcbench, binarytrees, gc_collect, gc_traversal,\n"
            "                       run (= run-gc_collect, run-gc_traversal, run-binary_trees,\n"
            "                       run-churn: bench/run/*.py under refgc run and python3),\n"
            "                       python (= py-gc_collect, py-gc_traversal, py-binary_trees,\n"
            "                       py-churn, py-json_roundtrip, py-dict_list_churn: bench/run/\n"
            "                       *.py under refgc-python and python3)\n"
            "  --peers LIST         refgc,glibc,mimalloc,jemalloc,tcmalloc,pymalloc,cpython,boehm\n"
            "                       (--alloc is the same option)\n"
            "  --churn-ops N        churn operations (default 50000000)\n"
            "  --churn-live N       churn live blocks (default 100000)\n"
            "  --lifo-iters N       LIFO malloc+free pairs (default 100000000)\n"
            "  --fifo-rounds N      FIFO rounds of 1M blocks (default 20)\n"
            "  --rto-mib N          return-to-OS volume in MiB (default 1024)\n"
            "  --graph-sizes A,B,C  graph nodes (default 100000,1000000,3000000)\n"
            "  --pairs N            cyclic pairs (default 1000000)\n"
            "  --gcbench-stretch N  GCBench stretch depth; long-lived and deepest trees N-2\n"
            "                       (default 18)\n"
            "  --binarytrees-depth N  (default 21)\n"
            "  --max-case-seconds S a case whose first run on a peer takes longer runs only\n"
            "                       once on it (default 60)\n"
            "  --python PATH        CPython 3.11 interpreter (default python3 on the PATH)\n"
            "  --python-dir DIR     the CPython scripts (default the source tree's bench/python)\n"
            "  --run-dir DIR        the whole programs (default the source tree's bench/run)\n"
            "  --refgc PATH         the refgc command (default: WORKERS/../refgc)\n"
            "  --refgc-python PATH  refgc-python (default: WORKERS/../refgc-python)\n"
            "  --workers DIR        where the worker executables are (default: beside this)\n"
            "  --no-plot            do not run gnuplot\n"
            "  --dry-run            print the worker command lines and stop\n"
            "Profile one peer with e.g.:\n"
            "  valgrind --tool=callgrind WORKERS/refgc-bench-worker-refgc churn ops=2000000\n"
            "  valgrind --tool=callgrind WORKERS/refgc-bench-gc-refgc graph n=200000\n");
}

/* Bit mask of the workloads named in list (cases, families, alloc, gc);
 * -1 if a name is unknown. */
static long parse_workloads(const char *list)
{
    long mask = 0;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", list);
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        long found = 0;
        for (int w = 0; w < WL_COUNT; w++)
            if (strcmp(tok, workloads[w].name) == 0 || strcmp(tok, workloads[w].family) == 0 ||
                (strcmp(tok, "alloc") == 0 && w < WL_FIRST_GC) ||
                (strcmp(tok, "gc") == 0 && w >= WL_FIRST_GC && w < WL_FIRST_RUN))
                found |= 1L << w;
        if (found == 0) {
            fprintf(stderr, "refgc-bench: unknown workload '%s'\n", tok);
            return -1;
        }
        mask |= found;
    }
    return mask;
}

/* Bit mask of the peers named in list; -1 if one is unknown. */
static long parse_peers(const char *list)
{
    long mask = 0;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", list);
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int p = 0; p < PEER_COUNT; p++)
            if (strcmp(tok, peer_names[p]) == 0) found = p;
        if (found < 0) {
            fprintf(stderr, "refgc-bench: unknown peer '%s'\n", tok);
            return -1;
        }
        mask |= 1L << found;
    }
    return mask;
}

/* A positive integer option value; exits on nonsense. */
static uint64_t parse_count(const char *option, const char *text)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end || v == 0) {
        fprintf(stderr, "refgc-bench: %s needs a positive number, not '%s'\n", option, text);
        exit(2);
    }
    return v;
}

/* Three positive integers "A,B,C"; exits on nonsense. */
static void parse_sizes(const char *option, const char *text, uint64_t sizes[WL_GRAPH_SIZES])
{
    char copy[128];
    snprintf(copy, sizeof copy, "%s", text);
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (n == WL_GRAPH_SIZES) break;
        sizes[n++] = parse_count(option, tok);
    }
    if (n != WL_GRAPH_SIZES) {
        fprintf(stderr, "refgc-bench: %s needs %d sizes, as 100000,1000000,3000000\n", option,
                WL_GRAPH_SIZES);
        exit(2);
    }
}

/* Explicit sizes from the command line (0: the default). */
typedef struct size_options {
    uint64_t churn_ops, churn_live, lifo_iters, fifo_rounds, rto_mib;
    uint64_t graph_sizes[WL_GRAPH_SIZES], pairs, gcbench_stretch, binarytrees_depth;
} size_options;

/* v if set, else the quick or the full default. */
static uint64_t pick(uint64_t v, int quick, uint64_t quick_default, uint64_t full_default)
{
    return v ? v : quick ? quick_default : full_default;
}

/* The sizes of every workload, from the options and --quick. */
static void apply_sizes(bench_config *cfg, const size_options *o)
{
    const int q = cfg->quick;
    cfg->reps = cfg->reps ? cfg->reps : q ? 2 : 5;
    if (cfg->reps > 1000) cfg->reps = 1000;
    cfg->churn_ops = pick(o->churn_ops, q, 2000000, 50000000);
    cfg->churn_live = pick(o->churn_live, q, 100000, 100000);
    cfg->churn_seed = 0x5eed2024;
    cfg->lifo_iters = pick(o->lifo_iters, q, 10000000, 100000000);
    cfg->fifo_rounds = pick(o->fifo_rounds, q, 3, 20);
    cfg->fifo_blocks = 1000000;
    cfg->rto_bytes = pick(o->rto_mib, q, 128, 1024) << 20;
    static const uint64_t full_graph[WL_GRAPH_SIZES] = {100000, 1000000, 3000000};
    static const uint64_t quick_graph[WL_GRAPH_SIZES] = {10000, 100000, 300000};
    for (int i = 0; i < WL_GRAPH_SIZES; i++)
        cfg->graph_sizes[i] = pick(o->graph_sizes[i], q, quick_graph[i], full_graph[i]);
    cfg->graph_seed = 0x5eed2024;
    cfg->graph_collects = 3;
    cfg->pairs = pick(o->pairs, q, 100000, 1000000);
    cfg->gcbench_stretch = pick(o->gcbench_stretch, q, 14, 18);
    if (cfg->gcbench_stretch < 6) cfg->gcbench_stretch = 6;
    cfg->gcbench_array = 500000;
    cfg->binarytrees_depth = pick(o->binarytrees_depth, q, 14, 21);
    cfg->gc_collect_loops = q ? 20 : 100;
    cfg->gc_traversal_loops = q ? 5 : 20;
    cfg->run_params[WL_RUN_GC_COLLECT - WL_FIRST_RUN] = q ? 30 : 300;
    cfg->run_params[WL_RUN_GC_TRAVERSAL - WL_FIRST_RUN] = q ? 20 : 200;
    cfg->run_params[WL_RUN_BINARYTREES - WL_FIRST_RUN] = q ? 12 : 16;
    cfg->run_params[WL_RUN_CHURN - WL_FIRST_RUN] = q ? 500 : 5000;
    cfg->run_params[WL_PY_GC_COLLECT - WL_FIRST_RUN] = q ? 30 : 300;
    cfg->run_params[WL_PY_GC_TRAVERSAL - WL_FIRST_RUN] = q ? 20 : 200;
    cfg->run_params[WL_PY_BINARYTREES - WL_FIRST_RUN] = q ? 12 : 16;
    cfg->run_params[WL_PY_CHURN - WL_FIRST_RUN] = q ? 500 : 5000;
    cfg->run_params[WL_PY_JSON - WL_FIRST_RUN] = q ? 2 : 10;
    cfg->run_params[WL_PY_DICT_LIST - WL_FIRST_RUN] = q ? 3 : 20;
    if (cfg->max_case_seconds == 0) cfg->max_case_seconds = 60;
}

/* Fill cfg from argv; exits on a bad command line. */
static void parse_options(int argc, char **argv, bench_config *cfg, int *dry_run)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->out_dir, sizeof cfg->out_dir, "bench/results");
    snprintf(cfg->python, sizeof cfg->python, "python3");
    snprintf(cfg->python_dir, sizeof cfg->python_dir, "%s", BENCH_PYTHON_DIR);
    snprintf(cfg->run_dir, sizeof cfg->run_dir, "%s", BENCH_RUN_DIR);
    cfg->plot = 1;
    cfg->workload_mask = (1u << WL_COUNT) - 1;
    cfg->peer_mask = (1u << PEER_COUNT) - 1;
    size_options sizes;
    memset(&sizes, 0, sizeof sizes);
    *dry_run = 0;

    size_t used = 0;
    for (int i = 0; i < argc && used < sizeof cfg->command_line; i++)
        used += (size_t)snprintf(cfg->command_line + used, sizeof cfg->command_line - used,
                                 "%s%s", i ? " " : "", i ? argv[i] : "refgc-bench");

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = 1;
        if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(opt, "--quick") == 0) {
            cfg->quick = 1;
            takes_value = 0;
        } else if (strcmp(opt, "--no-plot") == 0) {
            cfg->plot = 0;
            takes_value = 0;
        } else if (strcmp(opt, "--dry-run") == 0) {
            *dry_run = 1;
            takes_value = 0;
        } else if (value == NULL) {
            fprintf(stderr, "refgc-bench: %s needs a value (or is unknown)\n", opt);
            usage(stderr);
            exit(2);
        } else if (strcmp(opt, "--out") == 0) {
            snprintf(cfg->out_dir, sizeof cfg->out_dir, "%s", value);
        } else if (strcmp(opt, "--workers") == 0) {
            snprintf(cfg->worker_dir, sizeof cfg->worker_dir, "%s", value);
        } else if (strcmp(opt, "--python") == 0) {
            snprintf(cfg->python, sizeof cfg->python, "%s", value);
        } else if (strcmp(opt, "--python-dir") == 0) {
            snprintf(cfg->python_dir, sizeof cfg->python_dir, "%s", value);
        } else if (strcmp(opt, "--run-dir") == 0) {
            snprintf(cfg->run_dir, sizeof cfg->run_dir, "%s", value);
        } else if (strcmp(opt, "--refgc") == 0) {
            snprintf(cfg->refgc_cli, sizeof cfg->refgc_cli, "%s", value);
        } else if (strcmp(opt, "--refgc-python") == 0) {
            snprintf(cfg->refgc_python, sizeof cfg->refgc_python, "%s", value);
        } else if (strcmp(opt, "--reps") == 0) {
            cfg->reps = (int)parse_count(opt, value);
        } else if (strcmp(opt, "--only") == 0) {
            long mask = parse_workloads(value);
            if (mask <= 0) exit(2);
            cfg->workload_mask = (unsigned)mask;
        } else if (strcmp(opt, "--peers") == 0 || strcmp(opt, "--alloc") == 0) {
            long mask = parse_peers(value);
            if (mask <= 0) exit(2);
            cfg->peer_mask = (unsigned)mask;
        } else if (strcmp(opt, "--churn-ops") == 0) {
            sizes.churn_ops = parse_count(opt, value);
        } else if (strcmp(opt, "--churn-live") == 0) {
            sizes.churn_live = parse_count(opt, value);
        } else if (strcmp(opt, "--lifo-iters") == 0) {
            sizes.lifo_iters = parse_count(opt, value);
        } else if (strcmp(opt, "--fifo-rounds") == 0) {
            sizes.fifo_rounds = parse_count(opt, value);
        } else if (strcmp(opt, "--rto-mib") == 0) {
            sizes.rto_mib = parse_count(opt, value);
        } else if (strcmp(opt, "--graph-sizes") == 0) {
            parse_sizes(opt, value, sizes.graph_sizes);
        } else if (strcmp(opt, "--pairs") == 0) {
            sizes.pairs = parse_count(opt, value);
        } else if (strcmp(opt, "--gcbench-stretch") == 0) {
            sizes.gcbench_stretch = parse_count(opt, value);
        } else if (strcmp(opt, "--binarytrees-depth") == 0) {
            sizes.binarytrees_depth = parse_count(opt, value);
        } else if (strcmp(opt, "--max-case-seconds") == 0) {
            cfg->max_case_seconds = (double)parse_count(opt, value);
        } else {
            fprintf(stderr, "refgc-bench: unknown option %s\n", opt);
            usage(stderr);
            exit(2);
        }
        if (takes_value) i++;
    }
    apply_sizes(cfg, &sizes);
}

/* ====================================================================== */
/* main                                                                    */
/* ====================================================================== */

/* Default worker directory: the one refgc-bench itself lives in. */
static void default_worker_dir(char *dir, size_t len)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        snprintf(dir, len, ".");
        return;
    }
    self[n] = '\0';
    snprintf(dir, len, "%s", dirname(self));
}

/* mkdir -p; 0 on success. */
static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* Identify the workers, run the schedule, report. */
int main(int argc, char **argv)
{
    static bench_config cfg;
    static peer_info peers[PEER_COUNT];
    int dry_run;
    parse_options(argc, argv, &cfg, &dry_run);
    if (cfg.worker_dir[0] == '\0') default_worker_dir(cfg.worker_dir, sizeof cfg.worker_dir);

    identify_peers(&cfg, peers);
    if (!peers[P_REFGC].alloc.present && !peers[P_REFGC].gc.present)
        fprintf(stderr, "refgc-bench: refgc's workers are missing: no ratios to refgc\n");

    bench_results all = {cfg.reps, NULL};
    all.runs = calloc((size_t)WL_COUNT * PEER_COUNT * (size_t)cfg.reps, sizeof *all.runs);
    if (all.runs == NULL) {
        perror("calloc");
        return 1;
    }
    char machine[512];
    machine_one_line(machine, sizeof machine);
    machine_load(cfg.load_at_start, sizeof cfg.load_at_start);
    if (!dry_run)
        fprintf(stderr, "refgc-bench: %d repetitions on %s (load %s)\n", cfg.reps, machine,
                cfg.load_at_start);
    run_schedule(&cfg, peers, &all, dry_run);
    if (dry_run) return 0;

    static target_list targets;
    evaluate_alloc_targets(&cfg, &all, &targets);
    evaluate_gc_targets(&cfg, &all, &targets);
    evaluate_run_targets(&cfg, &all, &targets);
    printf("\n");
    write_tables(stdout, &cfg, peers, &all, NULL);
    printf("## Targets\n\n");
    write_targets(stdout, &targets);

    if (make_dirs(cfg.out_dir) != 0) {
        fprintf(stderr, "refgc-bench: cannot create %s: %s\n", cfg.out_dir, strerror(errno));
        return 1;
    }
    int plots = cfg.plot ? write_plots(&cfg, peers, &all) : 0;
    if (write_reports(&cfg, peers, &all, &targets) != 0) return 1;
    printf("\nWrote %s/summary.md, raw.tsv and %d plot(s).\n", cfg.out_dir, plots);
    free(all.runs);
    return 0;
}
