/*
 * main.c -- refgc-bench, the benchmark driver `make bench` runs.
 *
 * Runs every workload (churn, LIFO pairs, FIFO rounds, return to the OS) on
 * every allocator (refgc, glibc, mimalloc, jemalloc, tcmalloc, CPython's
 * pymalloc), each in its own worker process, for several repetitions.  A
 * repetition runs each workload once on every allocator, the allocators in
 * an order rotated each repetition, so that machine noise hits all alike.
 * Then it prints medians, peak RSS and ratios to refgc, and writes data,
 * gnuplot scripts, PNG plots and summary.md into the output directory.
 *
 * Owns: the command line, finding and identifying the workers, the run
 * schedule and the progress lines.  stats.c, report.c, plot.c and
 * machine.c do the rest.
 */
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"

const char *const alloc_names[ALLOC_COUNT] = {"refgc",    "glibc",    "mimalloc",
                                              "jemalloc", "tcmalloc", "pymalloc"};
const char *const workload_names[WL_COUNT] = {"churn", "lifo", "fifo", "rto"};

/* Part of the file name that must serve each allocator's calls. */
static const char *const expected_server[ALLOC_COUNT] = {
    "refgc-bench-worker-refgc", "libc.so", "libmimalloc", "libjemalloc", "libtcmalloc",
    "libpython3.11"};

/* ====================================================================== */
/* Command line                                                            */
/* ====================================================================== */

/* Print the usage text to out. */
static void usage(FILE *out)
{
    fprintf(out,
            "usage: refgc-bench [options]\n"
            "  --out DIR          results directory (default bench/results)\n"
            "  --reps N           repetitions (default 5; 2 with --quick)\n"
            "  --quick            small sizes: a smoke run of a few seconds\n"
            "  --only LIST        workloads, comma separated: churn,lifo,fifo,rto\n"
            "  --alloc LIST       allocators: refgc,glibc,mimalloc,jemalloc,tcmalloc,pymalloc\n"
            "  --churn-ops N      churn operations (default 50000000)\n"
            "  --churn-live N     churn live blocks (default 100000)\n"
            "  --lifo-iters N     LIFO malloc+free pairs (default 100000000)\n"
            "  --fifo-rounds N    FIFO rounds of 1M blocks (default 20)\n"
            "  --rto-mib N        return-to-OS volume in MiB (default 1024)\n"
            "  --workers DIR      where the worker executables are (default: beside this)\n"
            "  --no-plot          do not run gnuplot\n"
            "  --dry-run          print the worker command lines and stop\n"
            "Profile one allocator with e.g.:\n"
            "  valgrind --tool=callgrind WORKERS/refgc-bench-worker-refgc churn ops=2000000\n");
}

/* Bit mask of the comma-separated names in list among names[0..count); -1
 * if one is unknown. */
static long parse_name_list(const char *list, const char *const *names, int count)
{
    long mask = 0;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", list);
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < count; i++)
            if (strcmp(tok, names[i]) == 0) found = i;
        if (found < 0) {
            fprintf(stderr, "refgc-bench: unknown name '%s'\n", tok);
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

/* Fill cfg from argv; exits on a bad command line. */
static void parse_options(int argc, char **argv, bench_config *cfg, int *dry_run)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->out_dir, sizeof cfg->out_dir, "bench/results");
    cfg->plot = 1;
    cfg->workload_mask = (1u << WL_COUNT) - 1;
    cfg->alloc_mask = (1u << ALLOC_COUNT) - 1;
    int reps = 0;
    uint64_t churn_ops = 0, churn_live = 0, lifo_iters = 0, fifo_rounds = 0, rto_mib = 0;
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
        } else if (strcmp(opt, "--reps") == 0) {
            reps = (int)parse_count(opt, value);
        } else if (strcmp(opt, "--only") == 0) {
            long mask = parse_name_list(value, workload_names, WL_COUNT);
            if (mask <= 0) exit(2);
            cfg->workload_mask = (unsigned)mask;
        } else if (strcmp(opt, "--alloc") == 0) {
            long mask = parse_name_list(value, alloc_names, ALLOC_COUNT);
            if (mask <= 0) exit(2);
            cfg->alloc_mask = (unsigned)mask;
        } else if (strcmp(opt, "--churn-ops") == 0) {
            churn_ops = parse_count(opt, value);
        } else if (strcmp(opt, "--churn-live") == 0) {
            churn_live = parse_count(opt, value);
        } else if (strcmp(opt, "--lifo-iters") == 0) {
            lifo_iters = parse_count(opt, value);
        } else if (strcmp(opt, "--fifo-rounds") == 0) {
            fifo_rounds = parse_count(opt, value);
        } else if (strcmp(opt, "--rto-mib") == 0) {
            rto_mib = parse_count(opt, value);
        } else {
            fprintf(stderr, "refgc-bench: unknown option %s\n", opt);
            usage(stderr);
            exit(2);
        }
        if (takes_value) i++;
    }

    cfg->reps = reps ? reps : cfg->quick ? 2 : 5;
    if (cfg->reps > 1000) cfg->reps = 1000;
    cfg->churn_ops = churn_ops ? churn_ops : cfg->quick ? 2000000 : 50000000;
    cfg->churn_live = churn_live ? churn_live : 100000;
    cfg->churn_seed = 0x5eed2024;
    cfg->lifo_iters = lifo_iters ? lifo_iters : cfg->quick ? 10000000 : 100000000;
    cfg->fifo_rounds = fifo_rounds ? fifo_rounds : cfg->quick ? 3 : 20;
    cfg->fifo_blocks = 1000000;
    cfg->rto_bytes = (rto_mib ? rto_mib : cfg->quick ? 128 : 1024) << 20;
}

/* ====================================================================== */
/* Workers                                                                 */
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

/* Find each selected allocator's worker and ask it who it is. */
static void identify_workers(const bench_config *cfg, alloc_info allocs[ALLOC_COUNT])
{
    for (int a = 0; a < ALLOC_COUNT; a++) {
        alloc_info *info = &allocs[a];
        memset(info, 0, sizeof *info);
        if (!(cfg->alloc_mask & (1u << a))) continue;
        int len = snprintf(info->path, sizeof info->path, "%s/refgc-bench-worker-%s",
                           cfg->worker_dir, alloc_names[a]);
        if (len < 0 || (size_t)len >= sizeof info->path || access(info->path, X_OK) != 0) {
            fprintf(stderr, "refgc-bench: %s: no worker (%s), left out\n", alloc_names[a],
                    info->path);
            continue;
        }
        char *argv[] = {info->path, "info", NULL};
        run_result run;
        run_worker(info->path, argv, &run);
        if (!run.ok) {
            fprintf(stderr, "refgc-bench: %s: worker does not start, left out\n",
                    alloc_names[a]);
            continue;
        }
        info->present = 1;
        snprintf(info->version, sizeof info->version, "%s",
                 result_get(&run, "version") ? result_get(&run, "version") : "?");
        snprintf(info->served_by, sizeof info->served_by, "%s",
                 result_get(&run, "served_by") ? result_get(&run, "served_by") : "?");
        info->has_trim = result_num(&run, "has_trim") == 1;
        info->served_as_expected = strstr(info->served_by, expected_server[a]) != NULL;
        if (!info->served_as_expected)
            fprintf(stderr, "refgc-bench: WARNING: %s's allocations are served by %s\n",
                    alloc_names[a], info->served_by);
    }
}

/* The worker's arguments for workload w (argv[0] and argv[1] included). */
static void worker_args(const bench_config *cfg, const alloc_info *info, int w,
                        char storage[4][48], char *argv[7])
{
    int n = 0;
    argv[n++] = (char *)info->path;
    argv[n++] = (char *)workload_names[w];
    switch (w) {
    case WL_CHURN:
        snprintf(storage[0], 48, "ops=%llu", (unsigned long long)cfg->churn_ops);
        snprintf(storage[1], 48, "live=%llu", (unsigned long long)cfg->churn_live);
        snprintf(storage[2], 48, "seed=%llu", (unsigned long long)cfg->churn_seed);
        argv[n++] = storage[0];
        argv[n++] = storage[1];
        argv[n++] = storage[2];
        break;
    case WL_LIFO:
        snprintf(storage[0], 48, "iters=%llu", (unsigned long long)cfg->lifo_iters);
        argv[n++] = storage[0];
        break;
    case WL_FIFO:
        snprintf(storage[0], 48, "rounds=%llu", (unsigned long long)cfg->fifo_rounds);
        snprintf(storage[1], 48, "blocks=%llu", (unsigned long long)cfg->fifo_blocks);
        argv[n++] = storage[0];
        argv[n++] = storage[1];
        break;
    case WL_RTO:
        snprintf(storage[0], 48, "bytes=%llu", (unsigned long long)cfg->rto_bytes);
        argv[n++] = storage[0];
        break;
    }
    argv[n] = NULL;
}

/* One progress line for a finished run. */
static void print_progress(int rep, int reps, int w, int a, const run_result *run)
{
    fprintf(stderr, "[%d/%d] %-5s %-9s ", rep + 1, reps, workload_names[w], alloc_names[a]);
    if (!run->ok) {
        fprintf(stderr, "FAILED\n");
        return;
    }
    if (w == WL_RTO)
        fprintf(stderr, "after trim %8.1f MiB (floor %.1f), final %6.2f MiB",
                result_num(run, "rss_trim1") / 1048576.0, result_num(run, "floor") / 1048576.0,
                result_num(run, "rss_trim2") / 1048576.0);
    else
        fprintf(stderr, "%8.2f ns/op", result_num(run, "ns_per_op"));
    fprintf(stderr, "  peak %7.1f MiB  (%.1f s)\n", run->maxrss_kib / 1024.0, run->wall_seconds);
}

/* Run the whole schedule into all. */
static void run_schedule(const bench_config *cfg, const alloc_info allocs[ALLOC_COUNT],
                         bench_results *all, int dry_run)
{
    int order[ALLOC_COUNT], count = 0;
    for (int a = 0; a < ALLOC_COUNT; a++)
        if (allocs[a].present) order[count++] = a;
    for (int rep = 0; rep < cfg->reps; rep++) {
        for (int w = 0; w < WL_COUNT; w++) {
            if (!(cfg->workload_mask & (1u << w))) continue;
            for (int k = 0; k < count; k++) {
                int a = order[(k + rep) % count];
                char storage[4][48];
                char *argv[7];
                worker_args(cfg, &allocs[a], w, storage, argv);
                if (dry_run) {
                    for (int i = 0; argv[i]; i++) printf("%s%s", i ? " " : "", argv[i]);
                    printf("\n");
                    continue;
                }
                run_result *run = result_at(all, w, a, rep);
                run_worker(allocs[a].path, argv, run);
                print_progress(rep, cfg->reps, w, a, run);
            }
        }
        if (dry_run) break;
    }
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
    static alloc_info allocs[ALLOC_COUNT];
    int dry_run;
    parse_options(argc, argv, &cfg, &dry_run);
    if (cfg.worker_dir[0] == '\0') default_worker_dir(cfg.worker_dir, sizeof cfg.worker_dir);

    identify_workers(&cfg, allocs);
    if (!allocs[A_REFGC].present)
        fprintf(stderr, "refgc-bench: refgc's worker is missing: no ratios to refgc\n");

    bench_results all = {cfg.reps, NULL};
    all.runs = calloc((size_t)WL_COUNT * ALLOC_COUNT * (size_t)cfg.reps, sizeof *all.runs);
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
    run_schedule(&cfg, allocs, &all, dry_run);
    if (dry_run) return 0;

    target_eval targets[TARGET_COUNT];
    evaluate_targets(&cfg, allocs, &all, targets);
    printf("\n");
    write_tables(stdout, &cfg, allocs, &all, NULL);
    printf("## Targets\n\n");
    write_targets(stdout, targets);

    if (make_dirs(cfg.out_dir) != 0) {
        fprintf(stderr, "refgc-bench: cannot create %s: %s\n", cfg.out_dir, strerror(errno));
        return 1;
    }
    int plots = cfg.plot ? write_plots(&cfg, allocs, &all) : 0;
    if (write_reports(&cfg, allocs, &all, targets) != 0) return 1;
    printf("\nWrote %s/summary.md, raw.tsv and %d plot(s).\n", cfg.out_dir, plots);
    free(all.runs);
    return 0;
}
