/*
 * harness.c -- the benchmark workers' common ground (harness.h): parameters,
 * the result line, the clock, RSS, kernel-mapped arrays and medians.
 *
 * Compiled into every worker executable, allocator workers and
 * cycle-collector workers alike; it includes no allocator header and
 * never calls malloc itself, so it is the same code for every peer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

/* ====================================================================== */
/* Parameters                                                              */
/* ====================================================================== */

static int param_count;
static char **param_words;

/* Remember the key=value words of the command line. */
void harness_set_params(int count, char **words)
{
    param_count = count;
    param_words = words;
}

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

/* ====================================================================== */
/* Medians                                                                 */
/* ====================================================================== */

/* qsort order for doubles. */
static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of values (sorted in place); 0 when empty. */
double harness_median(double *values, size_t n)
{
    if (n == 0) return 0.0;
    qsort(values, n, sizeof *values, compare_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}
