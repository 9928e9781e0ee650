/*
 * alloc_shim.c -- everything allocator-specific in the worker except the
 * timed calls (alloc_shim.h has those): start-up, trim, version, and which
 * shared object really serves the allocations.
 *
 * Trim, per allocator: refgc rg_trim(heap); glibc malloc_trim(0); mimalloc
 * mi_collect(true); jemalloc flushes this thread's tcache then purges every
 * arena (mallctl "arena.<MALLCTL_ARENAS_ALL>.purge"); tcmalloc
 * MallocExtension_ReleaseFreeMemory(); pymalloc has no trim.
 */
#include "alloc_shim.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(ALLOC_GLIBC)
#include <gnu/libc-version.h>
#include <malloc.h>
#elif defined(ALLOC_JEMALLOC)
#include <jemalloc/jemalloc.h>
#elif defined(ALLOC_TCMALLOC)
#include <gperftools/malloc_extension_c.h>
#include <gperftools/tcmalloc.h>
#endif

/* The address of the function that serves bench_malloc. */
static void *allocation_entry(void);

#if defined(ALLOC_REFGC)
rg_heap *bench_heap;

/* Set the allocator up. */
int bench_alloc_init(void)
{
    bench_heap = rg_heap_new(NULL);
    if (bench_heap == NULL) {
        perror("rg_heap_new");
        return -1;
    }
    return 0;
}

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void)
{
    rg_trim(bench_heap);
    return 1;
}

/* The allocator's version. */
const char *bench_alloc_version(void) { return rg_version(); }

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)rg_malloc; }

#elif defined(ALLOC_GLIBC)
/* Set the allocator up. */
int bench_alloc_init(void) { return 0; }

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void)
{
    malloc_trim(0);
    return 1;
}

/* The allocator's version. */
const char *bench_alloc_version(void) { return gnu_get_libc_version(); }

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)malloc; }

#elif defined(ALLOC_MIMALLOC)
/* Set the allocator up. */
int bench_alloc_init(void) { return 0; }

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void)
{
    mi_collect(true);
    return 1;
}

/* The allocator's version. */
const char *bench_alloc_version(void)
{
    static char version[32];
    int v = mi_version(); /* major*100 + minor*10 + patch, e.g. 209 */
    snprintf(version, sizeof version, "%d.%d.%d", v / 100, v / 10 % 10, v % 10);
    return version;
}

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)mi_malloc; }

#elif defined(ALLOC_JEMALLOC)
#define BENCH_STR2(x) #x
#define BENCH_STR(x) BENCH_STR2(x)

/* Set the allocator up. */
int bench_alloc_init(void) { return 0; }

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void)
{
    if (mallctl("thread.tcache.flush", NULL, NULL, NULL, 0) != 0)
        fprintf(stderr, "jemalloc: thread.tcache.flush failed\n");
    if (mallctl("arena." BENCH_STR(MALLCTL_ARENAS_ALL) ".purge", NULL, NULL, NULL, 0) != 0)
        fprintf(stderr, "jemalloc: arena purge failed\n");
    return 1;
}

/* The allocator's version. */
const char *bench_alloc_version(void)
{
    static char version[32];
    const char *full = "unknown";
    size_t len = sizeof full;
    mallctl("version", &full, &len, NULL, 0);
    snprintf(version, sizeof version, "%.*s", (int)strcspn(full, "-"), full);
    return version;
}

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)malloc; }

#elif defined(ALLOC_TCMALLOC)
/* Set the allocator up. */
int bench_alloc_init(void) { return 0; }

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void)
{
    MallocExtension_ReleaseFreeMemory();
    return 1;
}

/* The allocator's version. */
const char *bench_alloc_version(void)
{
    static char version[32];
    int major = 0, minor = 0;
    const char *patch = "";
    tc_version(&major, &minor, &patch);
    snprintf(version, sizeof version, "%d.%d%s", major, minor, patch ? patch : "");
    return version;
}

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)malloc; }

#elif defined(ALLOC_PYMALLOC)
/* Set the allocator up. */
int bench_alloc_init(void)
{
    /* Isolated: no PYTHON* variable (PYTHONMALLOC above all) can change the
     * allocator under test. */
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.install_signal_handlers = 0;
    PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        fprintf(stderr, "Py_InitializeFromConfig failed: %s\n",
                status.err_msg ? status.err_msg : "?");
        return -1;
    }
    return 0;
}

/* Give free memory back to the OS; 1 if the allocator can. */
int bench_alloc_trim(void) { return 0; }

/* The allocator's version. */
const char *bench_alloc_version(void)
{
    static char version[32];
    const char *full = Py_GetVersion();
    snprintf(version, sizeof version, "%.*s", (int)strcspn(full, " "), full);
    return version;
}

/* The function bench_malloc calls. */
static void *allocation_entry(void) { return (void *)(uintptr_t)PyObject_Malloc; }
#endif

/* Base name of the object that holds the allocation entry point. */
const char *bench_alloc_served_by(void)
{
    Dl_info info;
    if (dladdr(allocation_entry(), &info) == 0 || info.dli_fname == NULL) return "unknown";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}
