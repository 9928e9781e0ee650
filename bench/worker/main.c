/*
 * main.c -- the benchmark worker: one executable per allocator (the same
 * sources compiled with a different ALLOC_* macro), run by refgc-bench.
 *
 * Usage: refgc-bench-worker-<alloc> WORKLOAD [key=value ...]
 *   WORKLOAD: info | churn | lifo | fifo | rto
 * Prints one line of key=value pairs.  Owns: the command line, the result
 * line, the clock, RSS readings and the kernel-mapped arrays the workloads
 * keep their pointers in.
 *
 * Before any workload the allocator is set up and warmed with one 64-byte
 * malloc+free, so one-time initialisation is neither timed nor counted in
 * the starting RSS.
 */
#include "alloc_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "worker.h"

/* ====================================================================== */
/* Parameters                                                              */
/* ====================================================================== */

static int param_count;
static char **param_words;

/* The numeric parameter key=value from the command line, or fallback. */
uint64_t param_u64(const char *key, uint64_t fallback)
{
    size_t keylen = strlen(key);
    for (int i = 0; i < param_count; i++) {
        const char *w = param_words[i];
        if (strncmp(w, key, keylen) == 0 && w[keylen] == '=') {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(w + keylen + 1, &end, 0);
            if (errno != 0 || *end != '\0') {
                fprintf(stderr, "worker: bad number in %s\n", w);
                exit(2);
            }
            return v;
        }
    }
    return fallback;
}

/* ====================================================================== */
/* The result line                                                         */
/* ====================================================================== */

/* Append key=value to the result line (unsigned, signed, float, word). */
void result_u64(const char *key, uint64_t value) { printf("%s=%llu ", key, (unsigned long long)value); }
void result_i64(const char *key, int64_t value) { printf("%s=%lld ", key, (long long)value); }
void result_f64(const char *key, double value) { printf("%s=%.6g ", key, value); }

void result_str(const char *key, const char *value)
{
    /* values are single words: spaces would break the line's format */
    printf("%s=", key);
    for (const char *c = value; *c; c++) putchar(*c == ' ' || *c == '=' ? '_' : *c);
    putchar(' ');
}

/* ====================================================================== */
/* Measurement                                                             */
/* ====================================================================== */

/* CLOCK_MONOTONIC in nanoseconds. */
double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The process's resident bytes from /proc/self/statm. */
int64_t process_rss(void)
{
    /* open/read, not stdio: no allocation by the allocator under test */
    char text[128];
    int fd = open("/proc/self/statm", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    if (fd >= 0) close(fd);
    long long size = 0, resident = 0;
    if (n > 0) text[n] = '\0';
    if (n <= 0 || sscanf(text, "%lld %lld", &size, &resident) != 2) {
        fprintf(stderr, "worker: cannot read /proc/self/statm\n");
        exit(3);
    }
    return (int64_t)resident * sysconf(_SC_PAGESIZE);
}

/* Resident bytes of a page-aligned range (mincore). */
size_t resident_bytes(const void *addr, size_t len)
{
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    const size_t chunk_pages = 4096; /* mincore vector in pieces */
    unsigned char vec[4096];
    size_t total = 0;
    for (size_t off = 0; off < len; off += chunk_pages * page) {
        size_t n = len - off < chunk_pages * page ? len - off : chunk_pages * page;
        size_t pages = (n + page - 1) / page;
        if (mincore((char *)addr + off, n, vec) != 0) {
            perror("mincore");
            exit(3);
        }
        for (size_t i = 0; i < pages; i++) total += (vec[i] & 1) * page;
    }
    return total;
}

/* An anonymous mapping the allocator under test never sees. */
void *map_array(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(3);
    }
    return p;
}

/* Give a map_array mapping back. */
void unmap_array(void *addr, size_t len) { munmap(addr, len); }

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
    param_count = argc - 2;
    param_words = argv + 2;

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
