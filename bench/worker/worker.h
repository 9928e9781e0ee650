/*
 * worker.h -- what the allocator worker's files share: the workloads'
 * entry points and the helpers to touch blocks; the command line, result
 * line, clock, RSS readings and kernel-mapped arrays come from harness.h,
 * which the cycle-collector workers share too.
 */
#ifndef BENCH_WORKER_H
#define BENCH_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h" /* parameters, result line, clock, RSS, arrays */

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
