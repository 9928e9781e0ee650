/*
 * worker.h -- what the worker's files share: the workloads' entry points,
 * the command-line parameters, the result line, the clock, RSS readings and
 * big arrays that bypass the allocator under test.
 *
 * A worker runs one workload and prints one line of key=value pairs on
 * stdout (the driver parses it); diagnostics go to stderr and a failure
 * exits non-zero.
 */
#ifndef BENCH_WORKER_H
#define BENCH_WORKER_H

#include <stddef.h>
#include <stdint.h>

/* ---- parameters: the command line's key=value words -------------------- */

/* The value of parameter key, or fallback when absent. */
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

/* Write value into the first and last 8 bytes of block p of size bytes
 * (size >= 8; they overlap when size is 8). */
static inline void touch_block(void *p, size_t size, uint64_t value)
{
    __builtin_memcpy(p, &value, 8);
    __builtin_memcpy((char *)p + size - 8, &value, 8);
}

/* The first word of block p. */
static inline uint64_t first_word(const void *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}

/* Exit with a message: an allocation failed. */
_Noreturn void out_of_memory(const char *workload, size_t size);

/* ---- workloads (each prints its keys; 0 on success) --------------------- */

int run_churn(void);
int run_lifo(void);
int run_fifo(void);
int run_return_to_os(void);

#endif /* BENCH_WORKER_H */
