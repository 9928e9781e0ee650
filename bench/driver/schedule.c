/*
 * schedule.c -- who runs what, and in which order.
 *
 * Owns: the table of peers and workloads (which peer runs which case, with
 * which kind of worker), finding and identifying each peer's workers, each
 * run's command line, and the run schedule with its progress lines.
 *
 * A repetition runs every selected case once on every peer that runs it,
 * the peers in an order rotated each repetition, so that noise on the
 * machine falls on all alike.  A (case, peer) whose first run took longer
 * than --max-case-seconds is run only once (refgc's binary-trees at depth
 * 21 takes minutes), which keeps a full run's time bounded.
 *
 * CPython's runs are `python3 -E -s -B bench/python/<case>.py key=value...`
 * (-B: no __pycache__ in the source tree) with the interpreter that
 * bench/python/info.py names (sys.executable), so a pyenv shim on the PATH
 * is resolved once and not re-run for every run.  refgc-python takes the
 * same flags as python3 (it is CPython); `refgc run` takes `run FILE`.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"

const char *const peer_names[PEER_COUNT] = {"refgc",    "glibc",    "mimalloc", "jemalloc",
                                            "tcmalloc", "pymalloc", "cpython",  "boehm"};

#define COLLECTOR_PEERS (PEER_BIT(P_REFGC) | PEER_BIT(P_CPYTHON) | PEER_BIT(P_BOEHM))
#define TREE_PEERS (PEER_BIT(P_REFGC) | PEER_BIT(P_MIMALLOC) | PEER_BIT(P_BOEHM))
#define RUN_PEERS (PEER_BIT(P_REFGC) | PEER_BIT(P_CPYTHON))

const workload_def workloads[WL_COUNT] = {
    [WL_CHURN] = {"churn", "churn", WORKER_ALLOC, "churn", ALLOCATOR_PEERS},
    [WL_LIFO] = {"lifo", "lifo", WORKER_ALLOC, "lifo", ALLOCATOR_PEERS},
    [WL_FIFO] = {"fifo", "fifo", WORKER_ALLOC, "fifo", ALLOCATOR_PEERS},
    [WL_RTO] = {"rto", "rto", WORKER_ALLOC, "rto", ALLOCATOR_PEERS},
    [WL_GRAPH_SMALL] = {"graph-small", "graph", WORKER_GC, "graph", COLLECTOR_PEERS},
    [WL_GRAPH_MEDIUM] = {"graph-medium", "graph", WORKER_GC, "graph", COLLECTOR_PEERS},
    [WL_GRAPH_LARGE] = {"graph-large", "graph", WORKER_GC, "graph", COLLECTOR_PEERS},
    [WL_PAIRS_DROPPED] = {"pairs-dropped", "pairs", WORKER_GC, "pairs", COLLECTOR_PEERS},
    [WL_PAIRS_KEPT] = {"pairs-kept", "pairs", WORKER_GC, "pairs", COLLECTOR_PEERS},
    [WL_GCBENCH] = {"gcbench", "gcbench", WORKER_GC, "gcbench", TREE_PEERS},
    [WL_BINARYTREES] = {"binarytrees", "binarytrees", WORKER_GC, "binarytrees", TREE_PEERS},
    [WL_GC_COLLECT] = {"gc_collect", "gc_collect", WORKER_GC, "gc_collect", COLLECTOR_PEERS},
    [WL_GC_TRAVERSAL] = {"gc_traversal", "gc_traversal", WORKER_GC, "gc_traversal",
                         COLLECTOR_PEERS},
    [WL_RUN_GC_COLLECT] = {"run-gc_collect", "run", WORKER_SCRIPT, "gc_collect", RUN_PEERS},
    [WL_RUN_GC_TRAVERSAL] = {"run-gc_traversal", "run", WORKER_SCRIPT, "gc_traversal", RUN_PEERS},
    [WL_RUN_BINARYTREES] = {"run-binary_trees", "run", WORKER_SCRIPT, "binary_trees", RUN_PEERS},
    [WL_RUN_CHURN] = {"run-churn", "run", WORKER_SCRIPT, "churn", RUN_PEERS},
    [WL_PY_GC_COLLECT] = {"py-gc_collect", "python", WORKER_PYTHON, "gc_collect", RUN_PEERS},
    [WL_PY_GC_TRAVERSAL] = {"py-gc_traversal", "python", WORKER_PYTHON, "gc_traversal",
                            RUN_PEERS},
    [WL_PY_BINARYTREES] = {"py-binary_trees", "python", WORKER_PYTHON, "binary_trees", RUN_PEERS},
    [WL_PY_CHURN] = {"py-churn", "python", WORKER_PYTHON, "churn", RUN_PEERS},
    [WL_PY_JSON] = {"py-json_roundtrip", "python", WORKER_PYTHON, "json_roundtrip", RUN_PEERS},
    [WL_PY_DICT_LIST] = {"py-dict_list_churn", "python", WORKER_PYTHON, "dict_list_churn",
                         RUN_PEERS},
};

/* Part of the name that must serve each peer's allocator worker, and its
 * collector worker (CPython: the interpreter). */
static const char *const expected_alloc_server[PEER_COUNT] = {
    "refgc-bench-worker-refgc", "libc.so", "libmimalloc", "libjemalloc", "libtcmalloc",
    "libpython3.11", NULL, NULL};
static const char *const expected_gc_server[PEER_COUNT] = {
    "refgc-bench-gc-refgc", NULL, "libmimalloc", NULL, NULL, NULL, "python3", "libgc.so"};

/* The worker of peer p that runs workload w. */
static const worker_info *worker_of(const peer_info *peers, int w, int p)
{
    switch (workloads[w].kind) {
    case WORKER_ALLOC: return &peers[p].alloc;
    case WORKER_GC: return &peers[p].gc;
    case WORKER_PYTHON: return &peers[p].python;
    default: return &peers[p].script;
    }
}

/* Does p run w here? */
int peer_runs(const bench_config *cfg, const peer_info *peers, int w, int p)
{
    return (cfg->workload_mask & (1u << w)) && (cfg->peer_mask & PEER_BIT(p)) &&
           (workloads[w].peers & PEER_BIT(p)) && worker_of(peers, w, p)->present;
}

/* Is any case of w's family selected? */
int family_selected(const bench_config *cfg, int w)
{
    for (int v = 0; v < WL_COUNT; v++)
        if ((cfg->workload_mask & (1u << v)) && strcmp(workloads[v].family, workloads[w].family) == 0)
            return 1;
    return 0;
}

/* ====================================================================== */
/* Finding the workers                                                     */
/* ====================================================================== */

/* name searched on the PATH (name itself if it has a slash); 0 if found. */
static int find_executable(const char *name, char *out, size_t len)
{
    if (strchr(name, '/')) {
        snprintf(out, len, "%s", name);
        return access(out, X_OK);
    }
    const char *path = getenv("PATH");
    if (path == NULL) path = "/usr/bin:/bin";
    while (*path) {
        size_t dir_len = strcspn(path, ":");
        int n = snprintf(out, len, "%.*s/%s", (int)dir_len, path, name);
        if (n > 0 && (size_t)n < len && access(out, X_OK) == 0) return 0;
        path += dir_len + (path[dir_len] == ':');
    }
    return -1;
}

/* Run `info` (argv) and fill w from its line; the warning names the peer. */
static void identify_worker(worker_info *w, char *const argv[], const char *peer,
                            const char *expected)
{
    run_result run;
    run_worker(w->path, argv, &run);
    if (!run.ok) {
        fprintf(stderr, "refgc-bench: %s: %s does not start, left out\n", peer, w->path);
        return;
    }
    w->present = 1;
    snprintf(w->version, sizeof w->version, "%s",
             result_get(&run, "version") ? result_get(&run, "version") : "?");
    snprintf(w->served_by, sizeof w->served_by, "%s",
             result_get(&run, "served_by") ? result_get(&run, "served_by") : "?");
    w->has_trim = result_num(&run, "has_trim") == 1;
    w->served_as_expected = expected == NULL || strstr(w->served_by, expected) != NULL;
    if (!w->served_as_expected)
        fprintf(stderr, "refgc-bench: WARNING: %s's allocations are served by %s\n", peer,
                w->served_by);
}

/* Does a worker executable dir/prefix-peer exist?  Its path into w. */
static int find_worker(const bench_config *cfg, const char *prefix, int p, worker_info *w)
{
    int len = snprintf(w->path, sizeof w->path, "%s/%s-%s", cfg->worker_dir, prefix, peer_names[p]);
    return len > 0 && (size_t)len < sizeof w->path && access(w->path, X_OK) == 0;
}

/* Which workers does any selected case of this kind need from p? */
static int needs_worker(const bench_config *cfg, enum worker_kind kind, int p)
{
    if (!(cfg->peer_mask & PEER_BIT(p))) return 0;
    for (int w = 0; w < WL_COUNT; w++)
        if ((cfg->workload_mask & (1u << w)) && workloads[w].kind == kind &&
            (workloads[w].peers & PEER_BIT(p)))
            return 1;
    return 0;
}

/* CPython: the interpreter and bench/python/info.py. */
static void identify_cpython(const bench_config *cfg, worker_info *w)
{
    char script[PATH_MAX + 16];
    if (find_executable(cfg->python, w->path, sizeof w->path) != 0) {
        fprintf(stderr, "refgc-bench: cpython: no interpreter '%s', left out\n", cfg->python);
        return;
    }
    snprintf(script, sizeof script, "%s/info.py", cfg->python_dir);
    if (access(script, R_OK) != 0) {
        fprintf(stderr, "refgc-bench: cpython: no %s, left out\n", script);
        return;
    }
    char *argv[] = {w->path, "-E", "-s", "-B", script, NULL};
    identify_worker(w, argv, "cpython", expected_gc_server[P_CPYTHON]);
    /* The interpreter itself from now on (not a shim in front of it). */
    if (w->present && access(w->served_by, X_OK) == 0)
        snprintf(w->path, sizeof w->path, "%s", w->served_by);
    if (w->present && strncmp(w->version, "3.11", 4) != 0)
        fprintf(stderr, "refgc-bench: WARNING: cpython is %s, not 3.11\n", w->version);
}

/* A refgc executable built at the top of the tree: explicit (an option)
 * or WORKERS/../name, into w->path; 0 if it is there. */
static int find_top_executable(const bench_config *cfg, const char *explicit, const char *name,
                               const char *option, worker_info *w)
{
    int len = explicit[0] ? snprintf(w->path, sizeof w->path, "%s", explicit)
                          : snprintf(w->path, sizeof w->path, "%.*s/../%s",
                                     (int)sizeof w->path - 32, cfg->worker_dir, name);
    if (len <= 0 || (size_t)len >= sizeof w->path || access(w->path, X_OK) != 0) {
        fprintf(stderr, "refgc-bench: %s: no %s (%s), its programs are left out\n", name,
                w->path, option);
        return -1;
    }
    return 0;
}

/* python3 as the whole programs' runner: the collector workloads'
 * interpreter, asked bench/run/info.py who it is. */
static void identify_python3_runner(const bench_config *cfg, peer_info *peer, worker_info *w)
{
    char script[PATH_MAX + 16];
    snprintf(script, sizeof script, "%s/info.py", cfg->run_dir);
    if (!peer->gc.present) identify_cpython(cfg, &peer->gc);
    *w = peer->gc;
    if (!w->present) return;
    w->present = 0;
    char *argv[] = {w->path, "-E", "-s", "-B", script, NULL};
    identify_worker(w, argv, "cpython", NULL);
}

/* The runners of bench/run/ under `refgc run`: python3 and the refgc
 * command, each asked bench/run/info.py who it is. */
static void identify_script_runner(const bench_config *cfg, int p, peer_info *peer)
{
    worker_info *w = &peer->script;
    if (p == P_CPYTHON) {
        identify_python3_runner(cfg, peer, w);
        return;
    }
    if (find_top_executable(cfg, cfg->refgc_cli, "refgc", "--refgc", w) != 0) return;
    char script[PATH_MAX + 16];
    snprintf(script, sizeof script, "%s/info.py", cfg->run_dir);
    char *argv[] = {w->path, "run", script, NULL};
    identify_worker(w, argv, "refgc run", NULL);
}

/* The runners of bench/run/ under CPython: python3 and refgc-python.  The
 * latter must have its built-in module `refgc` (python3 has none): a
 * python3 given as refgc-python would not start. */
static void identify_python_runner(const bench_config *cfg, int p, peer_info *peer)
{
    worker_info *w = &peer->python;
    if (p == P_CPYTHON) {
        identify_python3_runner(cfg, peer, w);
        return;
    }
    if (find_top_executable(cfg, cfg->refgc_python, "refgc-python", "--refgc-python", w) != 0)
        return;
    char *argv[] = {w->path, "-E", "-s", "-B", "-c",
                    "import sys, refgc; print('version=%d.%d.%d' % sys.version_info[:3], "
                    "'served_by=refgc-python:' + sys.executable)",
                    NULL};
    identify_worker(w, argv, "refgc-python", "refgc-python:");
}

/* Find each selected peer's workers and identify them. */
void identify_peers(const bench_config *cfg, peer_info peers[PEER_COUNT])
{
    for (int p = 0; p < PEER_COUNT; p++) {
        memset(&peers[p], 0, sizeof peers[p]);
        if (needs_worker(cfg, WORKER_ALLOC, p)) {
            worker_info *w = &peers[p].alloc;
            char *argv[] = {w->path, "info", NULL};
            if (find_worker(cfg, "refgc-bench-worker", p, w))
                identify_worker(w, argv, peer_names[p], expected_alloc_server[p]);
            else
                fprintf(stderr, "refgc-bench: %s: no allocator worker (%s), left out\n",
                        peer_names[p], w->path);
        }
        if (needs_worker(cfg, WORKER_GC, p)) {
            worker_info *w = &peers[p].gc;
            char *argv[] = {w->path, "info", NULL};
            if (p == P_CPYTHON)
                identify_cpython(cfg, w);
            else if (find_worker(cfg, "refgc-bench-gc", p, w))
                identify_worker(w, argv, peer_names[p], expected_gc_server[p]);
            else
                fprintf(stderr, "refgc-bench: %s: no collector worker (%s), left out\n",
                        peer_names[p], w->path);
        }
        if (needs_worker(cfg, WORKER_SCRIPT, p)) identify_script_runner(cfg, p, &peers[p]);
        if (needs_worker(cfg, WORKER_PYTHON, p)) identify_python_runner(cfg, p, &peers[p]);
    }
}

/* ====================================================================== */
/* Command lines                                                           */
/* ====================================================================== */

enum { ARG_MAX_WORDS = 12, ARG_WORD = 64 };

typedef struct worker_argv {
    char words[ARG_MAX_WORDS][ARG_WORD];
    char script[PATH_MAX + 64];
    char *argv[ARG_MAX_WORDS + 6];
    int n;      /* words in argv */
    int nwords; /* key=value words made */
} worker_argv;

/* Append a key=value word. */
static void add_param(worker_argv *a, const char *key, uint64_t value)
{
    char *word = a->words[a->nwords++];
    snprintf(word, ARG_WORD, "%s=%llu", key, (unsigned long long)value);
    a->argv[a->n++] = word;
}

/* The parameters of workload w. */
static void add_params(const bench_config *cfg, int w, worker_argv *a)
{
    switch (w) {
    case WL_CHURN:
        add_param(a, "ops", cfg->churn_ops);
        add_param(a, "live", cfg->churn_live);
        add_param(a, "seed", cfg->churn_seed);
        break;
    case WL_LIFO: add_param(a, "iters", cfg->lifo_iters); break;
    case WL_FIFO:
        add_param(a, "rounds", cfg->fifo_rounds);
        add_param(a, "blocks", cfg->fifo_blocks);
        break;
    case WL_RTO: add_param(a, "bytes", cfg->rto_bytes); break;
    case WL_GRAPH_SMALL:
    case WL_GRAPH_MEDIUM:
    case WL_GRAPH_LARGE:
        add_param(a, "n", cfg->graph_sizes[w - WL_GRAPH_SMALL]);
        add_param(a, "seed", cfg->graph_seed);
        add_param(a, "collects", cfg->graph_collects);
        break;
    case WL_PAIRS_DROPPED:
    case WL_PAIRS_KEPT:
        add_param(a, "pairs", cfg->pairs);
        add_param(a, "keep", w == WL_PAIRS_KEPT);
        break;
    case WL_GCBENCH:
        add_param(a, "stretch", cfg->gcbench_stretch);
        add_param(a, "long_lived", cfg->gcbench_stretch - 2);
        add_param(a, "max_depth", cfg->gcbench_stretch - 2);
        add_param(a, "array", cfg->gcbench_array);
        break;
    case WL_BINARYTREES: add_param(a, "depth", cfg->binarytrees_depth); break;
    case WL_GC_COLLECT: add_param(a, "loops", cfg->gc_collect_loops); break;
    case WL_GC_TRAVERSAL: add_param(a, "loops", cfg->gc_traversal_loops); break;
    default:
        /* the whole programs take one bare number */
        snprintf(a->words[a->nwords], ARG_WORD, "%llu",
                 (unsigned long long)cfg->run_params[w - WL_FIRST_RUN]);
        a->argv[a->n++] = a->words[a->nwords++];
    }
}

/* The command line of workload w on peer p. */
static void build_argv(const bench_config *cfg, const peer_info *peers, int w, int p,
                       worker_argv *a)
{
    const worker_info *worker = worker_of(peers, w, p);
    a->n = a->nwords = 0;
    a->argv[a->n++] = (char *)worker->path;
    if (workloads[w].kind == WORKER_SCRIPT || workloads[w].kind == WORKER_PYTHON) {
        snprintf(a->script, sizeof a->script, "%s/%s.py", cfg->run_dir, workloads[w].command);
        if (p == P_CPYTHON || workloads[w].kind == WORKER_PYTHON) {
            a->argv[a->n++] = "-E";
            a->argv[a->n++] = "-s";
            a->argv[a->n++] = "-B";
        } else {
            a->argv[a->n++] = "run";
        }
        a->argv[a->n++] = a->script;
    } else if (p == P_CPYTHON) {
        snprintf(a->script, sizeof a->script, "%s/%s.py", cfg->python_dir, workloads[w].command);
        a->argv[a->n++] = "-E";
        a->argv[a->n++] = "-s";
        a->argv[a->n++] = "-B";
        a->argv[a->n++] = a->script;
    } else {
        a->argv[a->n++] = (char *)workloads[w].command;
    }
    add_params(cfg, w, a);
    a->argv[a->n] = NULL;
}

/* ====================================================================== */
/* Running                                                                 */
/* ====================================================================== */

/* The headline of a finished run, after its names. */
static void print_headline(int w, const run_result *run)
{
    switch (w) {
    case WL_RTO:
        fprintf(stderr, "after trim %8.1f MiB (floor %.1f), final %6.2f MiB",
                result_num(run, "rss_trim1") / 1048576.0, result_num(run, "floor") / 1048576.0,
                result_num(run, "rss_trim2") / 1048576.0);
        break;
    case WL_GRAPH_SMALL:
    case WL_GRAPH_MEDIUM:
    case WL_GRAPH_LARGE:
        fprintf(stderr, "n=%-8.0f reachable %7.1f ns/obj, garbage %7.1f ns/obj",
                result_num(run, "n"), result_num(run, "reachable_ns_per_object"),
                result_num(run, "garbage_ns_per_object"));
        break;
    case WL_PAIRS_DROPPED:
    case WL_PAIRS_KEPT:
        fprintf(stderr, "median pause %7.1f us, max %7.2f ms, in collector %7.1f ms",
                result_num(run, "pause_median_ns") / 1e3, result_num(run, "pause_max_ns") / 1e6,
                result_num(run, "collector_ns") / 1e6);
        break;
    case WL_GCBENCH:
    case WL_BINARYTREES:
        fprintf(stderr, "total %8.1f ms", result_num(run, "total_ns") / 1e6);
        if (result_get(run, "collector_ns"))
            fprintf(stderr, " (collector %.1f ms)", result_num(run, "collector_ns") / 1e6);
        break;
    case WL_GC_COLLECT:
    case WL_GC_TRAVERSAL:
        fprintf(stderr, "collection %9.1f us", result_num(run, "collect_ns") / 1e3);
        break;
    default:
        if (w >= WL_FIRST_RUN) fprintf(stderr, "whole program %8.1f ms", run->wall_seconds * 1e3);
        else fprintf(stderr, "%8.2f ns/op", result_num(run, "ns_per_op"));
    }
}

/* Add key=value (a number) to a successful run's pairs. */
static void add_result(run_result *run, const char *key, double value)
{
    if (!run->ok || run->npairs == RESULT_MAX_KEYS) return;
    result_pair *pair = &run->pairs[run->npairs++];
    snprintf(pair->key, sizeof pair->key, "%s", key);
    snprintf(pair->value, sizeof pair->value, "%.0f", value);
}

/* A whole program's run: its wall time, CPU time and peak RSS become the
 * keys wall_ns, cpu_ns and maxrss_kib (so that same-run ratios can be
 * taken of them),
 * and its line must equal the other runner's in this repetition (else both
 * fail: a program that prints something else did not do the same work). */
static void note_script_run(const bench_results *all, int w, int p, int rep, run_result *run)
{
    add_result(run, "wall_ns", run->wall_seconds * 1e9);
    add_result(run, "cpu_ns", run->cpu_seconds * 1e9);
    add_result(run, "maxrss_kib", (double)run->maxrss_kib);
    run_result *other = result_at(all, w, p == P_REFGC ? P_CPYTHON : P_REFGC, rep);
    if (run->ok && other->ok && strcmp(run->line, other->line) != 0) {
        fprintf(stderr, "refgc-bench: %s: %s and python3 disagree:\n  %s\n  %s\n",
                workloads[w].name, suite_of(w)->runner, run->line, other->line);
        run->ok = other->ok = 0;
    }
}

/* One progress line for a finished run. */
static void print_progress(int rep, int reps, int w, int p, const run_result *run)
{
    fprintf(stderr, "[%d/%d] %-13s %-9s ", rep + 1, reps, workloads[w].name, peer_names[p]);
    if (!run->ok) {
        fprintf(stderr, "FAILED\n");
        return;
    }
    print_headline(w, run);
    fprintf(stderr, "  peak %7.1f MiB  (%.1f s)\n", run->maxrss_kib / 1024.0, run->wall_seconds);
}

/* Run the whole schedule into all. */
void run_schedule(const bench_config *cfg, const peer_info peers[PEER_COUNT],
                  bench_results *all, int dry_run)
{
    for (int rep = 0; rep < cfg->reps; rep++) {
        for (int w = 0; w < WL_COUNT; w++) {
            int order[PEER_COUNT], count = 0;
            for (int p = 0; p < PEER_COUNT; p++)
                if (peer_runs(cfg, peers, w, p)) order[count++] = p;
            for (int k = 0; k < count; k++) {
                int p = order[(k + rep) % count];
                worker_argv a;
                build_argv(cfg, peers, w, p, &a);
                if (dry_run) {
                    for (int i = 0; a.argv[i]; i++) printf("%s%s", i ? " " : "", a.argv[i]);
                    printf("\n");
                    continue;
                }
                run_result *run = result_at(all, w, p, rep);
                const run_result *first = result_at(all, w, p, 0);
                if (rep > 0 && first->wall_seconds > cfg->max_case_seconds) {
                    run->skipped = 1;
                    if (rep == 1)
                        fprintf(stderr, "[%d/%d] %-13s %-9s runs once: its first run took %.0f s "
                                "(over %.0f s)\n", rep + 1, cfg->reps, workloads[w].name,
                                peer_names[p], first->wall_seconds, cfg->max_case_seconds);
                    continue;
                }
                run_worker(a.argv[0], a.argv, run);
                if (w >= WL_FIRST_RUN) note_script_run(all, w, p, rep, run);
                print_progress(rep, cfg->reps, w, p, run);
            }
        }
        if (dry_run) break;
    }
}
