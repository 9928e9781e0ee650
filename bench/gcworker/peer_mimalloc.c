/*
 * peer_mimalloc.c -- mimalloc with explicit frees as the tree programs'
 * baseline: identity and the pointer-free array.  No collector.  Debian's
 * libmimalloc.so also replaces malloc for the whole process; the
 * workloads call mi_malloc/mi_free directly.
 */
#include "peer.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

/* Nothing to set up. */
int peer_init(void) { return 0; }

/* mimalloc's version from the library: major*100 + minor*10 + patch. */
const char *peer_version(void)
{
    static char version[32];
    int v = mi_version();
    snprintf(version, sizeof version, "%d.%d.%d", v / 100, v / 10 % 10, v % 10);
    return version;
}

/* The shared object holding mi_malloc. */
const char *peer_served_by(void)
{
    Dl_info info;
    if (dladdr((void *)(uintptr_t)mi_malloc, &info) == 0 || info.dli_fname == NULL) return "unknown";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}

/* Free the array. */
void peer_free_atomic(void *p) { mi_free(p); }

/* No collector: nothing to report. */
void peer_report_collector(void) {}
