/*
 * choice.h -- the "choice source" of the randomized engine tests: where an
 * operation interpreter (tests/fuzz/alloc_model.c, tests/fuzz/gc_model.c)
 * reads each decision it makes.  Either a fixed-seed xoshiro256** stream
 * (the stress tests: test_stress, test_gc_stress, `make stress`) or the
 * bytes of a fuzz input (the libFuzzer targets fuzz_alloc and fuzz_gc, and
 * their corpus replays).  One interpreter serves both.
 *
 * Invariants: a byte-driven source never reads past its input; once the
 * input is exhausted every choice is 0 and choice_done() is true, so the
 * interpreter finishes its current operation, stops, and tears down.  Bits
 * that need not be chosen (the content pattern of a block) come from
 * choice_noise(), which never consumes input: a fixed-seed generator in
 * both modes, so that a fuzz input replays identically.  Header-only; no
 * state outside the caller's.
 */
#ifndef RG_CHOICE_H
#define RG_CHOICE_H

#include <stddef.h>
#include <stdint.h>

#include "support/xoshiro.h"

typedef struct choice_src {
    xoshiro rng;         /* the stream (seeded mode) or the noise (byte mode) */
    const uint8_t *data; /* byte mode: the input */
    size_t size, pos;
    int from_data;       /* 1: byte mode */
    int exhausted;       /* byte mode: a choice asked for more than was left */
} choice_src;

/* A seeded source: every choice from xoshiro256** seeded with seed. */
static inline void choice_init_seed(choice_src *c, uint64_t seed)
{
    *c = (choice_src){0};
    xoshiro_seed(&c->rng, seed);
}

/* A byte source over data[0, size) (not copied: it must outlive c). */
static inline void choice_init_data(choice_src *c, const uint8_t *data, size_t size)
{
    *c = (choice_src){0};
    c->data = data;
    c->size = size;
    c->from_data = 1;
    xoshiro_seed(&c->rng, UINT64_C(0x5eed0f00d));
}

/* Has a byte source run out?  (Never, for a seeded one.) */
static inline int choice_done(const choice_src *c) { return c->exhausted; }

/* nbytes little-endian bytes of input (0 past the end, which marks it done). */
static inline uint64_t choice_bytes(choice_src *c, unsigned nbytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < nbytes; i++) {
        if (c->pos >= c->size) {
            c->exhausted = 1;
            return 0;
        }
        v |= (uint64_t)c->data[c->pos++] << (8 * i);
    }
    return v;
}

/* Uniform in [0, n) (seeded), or the next 1, 2, 4 or 8 bytes modulo n; 0
 * when n is 0 or 1 (which consume nothing). */
static inline size_t choice_below(choice_src *c, size_t n)
{
    if (n <= 1) return 0;
    if (!c->from_data) return xoshiro_below(&c->rng, n);
    unsigned nb = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : n <= UINT64_C(0x100000000) ? 4 : 8;
    return (size_t)(choice_bytes(c, nb) % n);
}

/* 64 chosen bits. */
static inline uint64_t choice_u64(choice_src *c)
{
    return c->from_data ? choice_bytes(c, 8) : xoshiro_next(&c->rng);
}

/* 64 bits nobody needs to choose (never consumes input). */
static inline uint64_t choice_noise(choice_src *c) { return xoshiro_next(&c->rng); }

#endif /* RG_CHOICE_H */
