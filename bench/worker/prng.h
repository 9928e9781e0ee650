/*
 * prng.h -- the churn workload's random numbers: xoshiro256** seeded by
 * splitmix64 from a fixed seed, so every allocator sees the very same
 * sequence of victims and sizes; and the size distribution.
 *
 * Size distribution (8..512 bytes, weighted towards 16..64), by percent:
 *    10%  8..15 B     uniform
 *    60%  16..64 B    uniform
 *    20%  65..128 B   uniform
 *    10%  129..512 B  uniform
 * Mean 76.5 B.  The band is picked from the low 16 bits of a draw, the size
 * within the band from the next 16 bits, by table lookup (no data-dependent
 * branch, so branch prediction costs the same for every allocator).
 */
#ifndef BENCH_PRNG_H
#define BENCH_PRNG_H

#include <stdint.h>

#include "xoshiro.h" /* tests/support: the generator tests and benchmarks share */

/* A value in [0, n) from 32 random bits (multiply-high; bias < n/2^32). */
static inline uint32_t prng_below(uint32_t bits, uint32_t n)
{
    return (uint32_t)(((uint64_t)bits * n) >> 32);
}

/* The churn size for 32 random bits, following the table above. */
static inline uint32_t churn_size(uint32_t bits)
{
    static const uint16_t band_base[4] = {8, 16, 65, 129};
    static const uint16_t band_width[4] = {8, 49, 64, 384};
    /* band of each percent 0..99 */
    static const uint8_t band_of_percent[100] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    };
    uint32_t percent = ((bits & 0xffffu) * 100u) >> 16;
    uint32_t band = band_of_percent[percent];
    uint32_t within = ((bits >> 16) * band_width[band]) >> 16;
    return band_base[band] + within;
}

#endif /* BENCH_PRNG_H */
