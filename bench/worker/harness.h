/*
 * harness.h -- what every benchmark worker shares, whatever it measures:
 * the command line's key=value parameters, the one result line, the clock,
 * RSS readings and big arrays that bypass the allocator or collector under
 * test.  Used by the allocator workers (bench/worker/) and the
 * cycle-collector workers (bench/gcworker/).
 *
 * A worker runs one workload and prints one line of key=value pairs on
 * stdout (the driver parses it); diagnostics go to stderr and a failure
 * exits non-zero.  Nothing here allocates from the allocator under test
 * except stdio's own buffer for the result line.
 */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* ---- parameters: the command line's key=value words -------------------- */

/* Remember the words after the workload name (argv + 2). */
void harness_set_params(int count, char **words);

/* The value of parameter key, or fallback when absent; exits on a value
 * that is not a number. */
uint64_t param_u64(const char *key, uint64_t fallback);

/* ---- the result line ---------------------------------------------------- */

/* Append key=value to the line printed at the end (one word per value). */
void result_u64(const char *key, uint64_t value);
void result_i64(const char *key, int64_t value);
void result_f64(const char *key, double value);
void result_str(const char *key, const char *value);

/* ---- measurement -------------------------------------------------------- */

/* CLOCK_MONOTONIC in nanoseconds. */
double now_ns(void);

/* The process's resident set in bytes (/proc/self/statm). */
int64_t process_rss(void);

/* Bytes of [addr, addr+len) resident now (mincore); addr page aligned. */
size_t resident_bytes(const void *addr, size_t len);

/* An anonymous private mapping of len bytes, straight from the kernel so
 * the allocator under test never sees it; exits on failure. */
void *map_array(size_t len);
void unmap_array(void *addr, size_t len);

/* ---- summaries of samples ------------------------------------------------ */

/* Median of n doubles (sorted in place); 0 when n is 0. */
double harness_median(double *values, size_t n);

#endif /* BENCH_HARNESS_H */
