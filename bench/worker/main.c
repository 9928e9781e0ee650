/*
 * main.c -- the benchmark worker: one executable per allocator (the same
 * sources compiled with a different ALLOC_* macro), run by refgc-bench.
 *
 * Usage: refgc-bench-worker-<alloc> WORKLOAD [key=value ...]
 *   WORKLOAD: info | churn | lifo | fifo | rto
 * Prints one line of key=value pairs.  Owns: picking the workload and the
 * allocator's identity (info); harness.c has the parameters, the result
 * line, the clock, RSS readings and the kernel-mapped arrays.
 *
 * Before any workload the allocator is set up and warmed with one 64-byte
 * malloc+free, so one-time initialisation is neither timed nor counted in
 * the starting RSS.
 */
#include "alloc_shim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker.h"

/* Report a failed allocation and exit. */
_Noreturn void out_of_memory(const char *workload, size_t size)
{
    fprintf(stderr, "worker %s: %s: allocation of %zu bytes failed\n", BENCH_ALLOC_NAME,
            workload, size);
    exit(4);
}

/* ====================================================================== */
/* main                                                                    */
/* ====================================================================== */

/* Print the allocator's identity: name, version, and the object serving it. */
static int run_info(void)
{
    result_str("version", bench_alloc_version());
    result_str("served_by", bench_alloc_served_by());
    result_u64("has_trim", (uint64_t)bench_alloc_trim()); /* trims nothing yet */
    result_u64("page_size", (uint64_t)sysconf(_SC_PAGESIZE));
    return 0;
}

/* Set the allocator up, warm it, run the named workload. */
int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s info|churn|lifo|fifo|rto [key=value ...]\n", argv[0]);
        return 2;
    }
    const char *workload = argv[1];
    harness_set_params(argc - 2, argv + 2);

    if (bench_alloc_init() != 0) return 1;
    void *warm = bench_malloc(64);
    if (warm == NULL) out_of_memory("warm-up", 64);
    touch_block(warm, 64, 1);
    bench_escape(warm);
    bench_free(warm);

    static const struct {
        const char *name;
        int (*run)(void);
    } workloads[] = {
        {"info", run_info},   {"churn", run_churn}, {"lifo", run_lifo},
        {"fifo", run_fifo},   {"rto", run_return_to_os},
    };
    for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++) {
        if (strcmp(workload, workloads[i].name) != 0) continue;
        result_str("alloc", BENCH_ALLOC_NAME);
        result_str("workload", workload);
        int rc = workloads[i].run();
        printf("\n");
        fflush(stdout);
        return rc;
    }
    fprintf(stderr, "worker: unknown workload '%s'\n", workload);
    return 2;
}
