/*
 * main.c -- the cycle-collector benchmark worker: one executable per peer
 * (refgc, boehm, mimalloc), run by refgc-bench.
 *
 * Usage: refgc-bench-gc-<peer> WORKLOAD [key=value ...]
 *   WORKLOAD: info | graph | pairs | gcbench | binarytrees | gc_collect |
 *             gc_traversal   (mimalloc: info, gcbench, binarytrees)
 * Prints one line of key=value pairs.  Owns: picking the workload and the
 * peer's identity (info).  The peer is set up and warmed with one tree node
 * made and dropped before any workload.
 */
#include "peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcworker.h"
#include "harness.h"

/* Report a failed allocation and exit. */
_Noreturn void peer_out_of_memory(const char *what)
{
    fprintf(stderr, "worker %s: allocation of a %s failed\n", GCPEER_NAME, what);
    exit(4);
}

/* The peer's identity: version and the object serving its allocations. */
static int run_info(void)
{
    result_str("version", peer_version());
    result_str("served_by", peer_served_by());
    result_u64("has_collector", GCPEER_HAS_COLLECTOR);
    peer_report_collector();
    return 0;
}

/* Set the peer up, warm it, run the named workload. */
int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(void);
    } workloads[] = {
        {"info", run_info},
        {"gcbench", run_gcbench},
        {"binarytrees", run_binarytrees},
#if GCPEER_HAS_COLLECTOR
        {"graph", run_graph},
        {"pairs", run_pairs},
        {"gc_collect", run_gc_collect},
        {"gc_traversal", run_gc_traversal},
#endif
    };
    if (argc < 2) {
        fprintf(stderr, "usage: %s WORKLOAD [key=value ...]; workloads:", argv[0]);
        for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++)
            fprintf(stderr, " %s", workloads[i].name);
        fprintf(stderr, "\n");
        return 2;
    }
    const char *workload = argv[1];
    harness_set_params(argc - 2, argv + 2);
    if (peer_init() != 0) return 1;
    tree_drop(tree_new(TREE_GCBENCH, NULL, NULL), TREE_GCBENCH);

    for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++) {
        if (strcmp(workload, workloads[i].name) != 0) continue;
        result_str("peer", GCPEER_NAME);
        result_str("workload", workload);
        int rc = workloads[i].run();
        printf("\n");
        fflush(stdout);
        return rc;
    }
    fprintf(stderr, "worker %s: unknown workload '%s'\n", GCPEER_NAME, workload);
    return 2;
}
