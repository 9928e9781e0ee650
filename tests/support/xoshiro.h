/*
 * xoshiro.h -- the fixed-seed random numbers of the randomized tests and the
 * benchmarks: xoshiro256** (Blackman and Vigna), seeded by splitmix64.
 *
 * One header for both, so that "the same seed" means the same sequence in
 * every test and benchmark.  Header-only; no state outside the caller's.
 */
#ifndef RG_XOSHIRO_H
#define RG_XOSHIRO_H

#include <stddef.h>
#include <stdint.h>

typedef struct xoshiro {
    uint64_t s[4];
} xoshiro;

/* One step of splitmix64: seeds xoshiro, and is a cheap hash of a counter. */
static inline uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Seed the 256-bit state from one 64-bit seed. */
static inline void xoshiro_seed(xoshiro *g, uint64_t seed)
{
    for (int i = 0; i < 4; i++) g->s[i] = splitmix64(&seed);
}

/* Rotate x left by k bits (0 < k < 64). */
static inline uint64_t xoshiro_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* The next 64 random bits. */
static inline uint64_t xoshiro_next(xoshiro *g)
{
    uint64_t *s = g->s;
    uint64_t result = xoshiro_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = xoshiro_rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n) (modulo; the bias is below n / 2^64); 0 when n is 0. */
static inline size_t xoshiro_below(xoshiro *g, size_t n)
{
    return n ? (size_t)(xoshiro_next(g) % n) : 0;
}

#endif /* RG_XOSHIRO_H */
