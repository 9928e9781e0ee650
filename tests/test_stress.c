/*
 * test_stress.c -- randomized stress test of librefgc against a shadow model.
 *
 * Usage: test_stress <seed> <ops>.  A fixed-seed PRNG drives <ops> random
 * allocator operations -- rg_malloc, rg_calloc, rg_realloc, rg_free and the
 * rg_obj_ family, sizes 0 B .. 1 MiB (mostly 1..512) -- over three heaps
 * with different configurations (defaults; arena_reserve 0, i.e. exactly
 * CPython; a small reserve with mmap_threshold 4096, which is a debug heap
 * for seeds = 3 mod 4), in phases of random churn, bulk allocation, bulk
 * freeing in random/FIFO/LIFO order, realloc storms and rg_trim.  The shadow
 * model is a table of the live blocks (pointer, requested size, content seed,
 * heap, family, expected kind/class/usable size); it never asks the library
 * what to expect.  Every live block is filled with a pattern derived from its
 * seed and checked byte for byte when it is freed or reallocated, after
 * every trim of its heap and in periodic full sweeps.  Each new block is
 * checked for 16-byte alignment, its heap (rg_heap_of), its usable size, its
 * kind and size class (rg_block_info_of: class (n-1)>>4 for 1..512 bytes on
 * a normal heap) and its geometry; calloc memory must read zero, a debug
 * heap's fresh memory 0xCD; realloc must keep the prefix and follow CPython's
 * keep-in-place rule.  Sweeps also sort every live block by address to prove
 * no two overlap, compare rg_heap_stats with the model's counts and run
 * rg_heap_check.  At the end everything is freed and trimmed and each heap
 * must report 0 arenas, 0 blocks and nothing mapped.  Why: the allocator's
 * fast paths, trim's page parking and the reserve interact in ways no
 * hand-written unit test enumerates; a long random run with an independent
 * oracle catches corruption, lost blocks and broken invariants wherever they
 * arise.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "refgc.h"
#include "support/xoshiro.h"
#include "alloc/alloc.h"

#define NHEAPS 3
#define MAX_LIVE 200000
#define LIVE_BUDGET ((size_t)96 << 20)  /* bytes of live blocks, all heaps */
#define SWEEP_EVERY 16384
#define TRIM_ONE_IN 10000               /* chance per churn op of a trim   */
#define GOLDEN UINT64_C(0x9E3779B97F4A7C15)

enum { FAM_MEM = 0, FAM_OBJ = 1 };
enum { HOW_MALLOC, HOW_CALLOC, HOW_REALLOC_NULL };

/* One live block of the shadow model. */
typedef struct block {
    uint8_t *p;
    size_t size;    /* requested bytes */
    size_t extent;  /* usable bytes the model expects (and fills) */
    uint64_t seed;  /* content pattern */
    uint64_t seq;   /* allocation order, for FIFO/LIFO frees */
    uint8_t heap;   /* index into S.heaps */
    uint8_t family; /* FAM_MEM or FAM_OBJ */
    uint8_t kind;   /* expected enum rg_block_kind */
    uint8_t klass;  /* size class of the underlying small block */
} block;

/* One heap under test and the model's per-heap aggregates. */
typedef struct heap_slot {
    rg_heap *h;
    rg_heap_config cfg;
    int debug;
    const char *name;
    size_t nsmall, nlarge, small_bytes, large_bytes;
    size_t class_blocks[RG_NUM_SIZE_CLASSES];
    size_t prev_reserve, reserve_max, reserve_reuses;
    size_t trims, trimmed_bytes;
} heap_slot;

/* Whole-test state. */
static struct {
    xoshiro rng;
    unsigned long seed;
    unsigned long ops_target, ops;
    block *live;
    size_t nlive, peak_live;
    size_t live_bytes;
    uint64_t next_seq;
    heap_slot heaps[NHEAPS];
    unsigned long checks, sweeps, heap_checks, trims;
    unsigned long long bytes_checked;
} S;

/* Fail the current test with a message naming the op count and seed. */
#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        S.checks++;                                                             \
        if (!(cond)) {                                                          \
            fprintf(stderr, "seed %lu op %lu: ", S.seed, S.ops);                \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            fail_msg("%s:%d: check failed: %s", __FILE__, __LINE__, #cond);     \
        }                                                                       \
    } while (0)

/* ====================================================================== */
/* PRNG (xoshiro256**, seeded by splitmix64)                               */
/* ====================================================================== */

/* Seed the generator. */
static void rnd_seed(uint64_t seed) { xoshiro_seed(&S.rng, seed); }

/* Next 64 random bits. */
static uint64_t rnd64(void) { return xoshiro_next(&S.rng); }

/* Uniform in [0, n). */
static size_t rnd_below(size_t n) { return xoshiro_below(&S.rng, n); }

/* Roughly log-uniform in [lo, hi]. */
static size_t rnd_log(size_t lo, size_t hi)
{
    unsigned elo = 63 - (unsigned)__builtin_clzll(lo), ehi = 63 - (unsigned)__builtin_clzll(hi);
    unsigned e = elo + (unsigned)rnd_below(ehi - elo + 1);
    size_t v = ((size_t)1 << e) + rnd_below((size_t)1 << e);
    return v < lo ? lo : v > hi ? hi : v;
}

/* ====================================================================== */
/* Content patterns                                                        */
/* ====================================================================== */

/* Byte i of the pattern of seed: byte i%8 of word i/8 = seed ^ (i/8+1)*GOLDEN. */
static uint8_t pat_byte(uint64_t seed, size_t i)
{
    uint64_t w = seed ^ ((uint64_t)(i / 8 + 1) * GOLDEN);
    uint8_t b[8];
    memcpy(b, &w, 8);
    return b[i % 8];
}

/* Write the pattern of seed over p[from, to). */
static void pattern_fill(uint8_t *p, size_t from, size_t to, uint64_t seed)
{
    size_t i = from;
    for (; i < to && (i & 7); i++) p[i] = pat_byte(seed, i);
    uint64_t acc = (uint64_t)(i / 8 + 1) * GOLDEN;
    for (; i + 8 <= to; i += 8, acc += GOLDEN) {
        uint64_t w = seed ^ acc;
        memcpy(p + i, &w, 8);
    }
    for (; i < to; i++) p[i] = pat_byte(seed, i);
}

/* First byte of p[from, to) not holding the pattern of seed, or SIZE_MAX. */
static size_t pattern_bad(const uint8_t *p, size_t from, size_t to, uint64_t seed)
{
    S.bytes_checked += to > from ? to - from : 0;
    size_t i = from;
    for (; i < to && (i & 7); i++)
        if (p[i] != pat_byte(seed, i)) return i;
    uint64_t acc = (uint64_t)(i / 8 + 1) * GOLDEN, diff = 0;
    size_t start = i;
    for (; i + 8 <= to; i += 8, acc += GOLDEN) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        diff |= w ^ seed ^ acc;
    }
    if (diff != 0) {
        for (size_t j = start; j < i; j++)
            if (p[j] != pat_byte(seed, j)) return j;
    }
    for (; i < to; i++)
        if (p[i] != pat_byte(seed, i)) return i;
    return SIZE_MAX;
}

/* First byte of p[from, to) that is not value, or SIZE_MAX. */
static size_t fill_bad(const uint8_t *p, size_t from, size_t to, uint8_t value)
{
    S.bytes_checked += to > from ? to - from : 0;
    unsigned acc = 0;
    for (size_t i = from; i < to; i++) acc |= (unsigned)(p[i] ^ value);
    if (acc == 0) return SIZE_MAX;
    for (size_t i = from; i < to; i++)
        if (p[i] != value) return i;
    return SIZE_MAX;
}

/* Check that block b still holds its pattern over [from, to). */
static void check_pattern(const block *b, size_t from, size_t to, const char *when)
{
    size_t bad = pattern_bad(b->p, from, to, b->seed);
    CHECK(bad == SIZE_MAX, "%s: block %p (%zu bytes, heap %s, kind %d) damaged at byte %zu: 0x%02x, want 0x%02x",
          when, (void *)b->p, b->size, S.heaps[b->heap].name, b->kind, bad,
          bad == SIZE_MAX ? 0 : b->p[bad], bad == SIZE_MAX ? 0 : pat_byte(b->seed, bad));
}

/* ====================================================================== */
/* The model                                                               */
/* ====================================================================== */

/* The kind a fresh block of n bytes gets on heap hs. */
static int expect_kind(const heap_slot *hs, size_t n)
{
    size_t raw = hs->debug ? n + RG_DEBUG_EXTRA : n;
    if (raw >= 1 && raw <= RG_SMALL_REQUEST_THRESHOLD) return RG_BLOCK_SMALL;
    return raw >= hs->cfg.mmap_threshold ? RG_BLOCK_MAPPED : RG_BLOCK_LARGE;
}

/* Fill kind, klass and extent of b for a fresh block of b->size bytes. */
static void expect_fresh(block *b)
{
    const heap_slot *hs = &S.heaps[b->heap];
    size_t raw = hs->debug ? b->size + RG_DEBUG_EXTRA : b->size;
    b->kind = (uint8_t)expect_kind(hs, b->size);
    b->klass = b->kind == RG_BLOCK_SMALL ? (uint8_t)((raw - 1) >> 4) : 0;
    b->extent = (b->kind == RG_BLOCK_SMALL && !hs->debug) ? RG_CLASS_SIZE(b->klass) : b->size;
}

/* Count b into (sign +1) or out of (sign -1) its heap's aggregates. */
static void account(const block *b, int sign)
{
    heap_slot *hs = &S.heaps[b->heap];
    size_t d = (size_t)(long)sign;
    if (b->kind == RG_BLOCK_SMALL) {
        hs->nsmall += d;
        hs->small_bytes += d * RG_CLASS_SIZE(b->klass);
        hs->class_blocks[b->klass] += d;
    } else {
        hs->nlarge += d;
        hs->large_bytes += d * b->size;
    }
    S.live_bytes += d * b->extent;
}

/* Add a block to the table. */
static void model_add(const block *b)
{
    CHECK(S.nlive < MAX_LIVE, "model table full");
    S.live[S.nlive++] = *b;
    account(b, +1);
    if (S.nlive > S.peak_live) S.peak_live = S.nlive;
}

/* Remove entry idx (swap with the last, so popping the end keeps order). */
static void model_remove(size_t idx)
{
    account(&S.live[idx], -1);
    S.live[idx] = S.live[--S.nlive];
}

/* Check everything the library says about b against the model. */
static void verify_block(const block *b, const char *when)
{
    const heap_slot *hs = &S.heaps[b->heap];
    CHECK(((uintptr_t)b->p & (RG_ALIGNMENT - 1)) == 0, "%s: %p not 16-byte aligned", when, (void *)b->p);
    CHECK(rg_heap_of(b->p) == hs->h, "%s: rg_heap_of(%p) is not heap %s", when, (void *)b->p, hs->name);
    size_t usable = rg_usable_size(b->p);
    CHECK(usable >= b->size && usable == b->extent, "%s: rg_usable_size(%p) = %zu, requested %zu, expected %zu",
          when, (void *)b->p, usable, b->size, b->extent);
    rg_block_info info;
    CHECK(rg_block_info_of(b->p, &info) == 0, "%s: rg_block_info_of failed", when);
    CHECK(info.heap == hs->h && info.kind == b->kind && info.size == b->extent,
          "%s: block %p of %zu bytes on %s: info kind %d size %zu, expected kind %d size %zu", when,
          (void *)b->p, b->size, hs->name, info.kind, info.size, b->kind, b->extent);
    if (b->kind != RG_BLOCK_SMALL) {
        CHECK(info.size_class == 0 && info.arena_address == 0, "%s: large block with small info", when);
        return;
    }
    uint32_t csize = RG_CLASS_SIZE(b->klass);
    uintptr_t start = info.pool_address + RG_POOL_OVERHEAD + (uintptr_t)info.block_index * csize;
    CHECK(info.size_class == b->klass, "%s: %zu-byte block %p on %s: size class %u, expected %u", when,
          b->size, (void *)b->p, hs->name, info.size_class, b->klass);
    CHECK((info.arena_address & RG_ARENA_MASK) == 0 && info.pool_index < RG_POOLS_PER_ARENA &&
              info.pool_address == info.arena_address + (uintptr_t)info.pool_index * RG_POOL_SIZE &&
              info.block_index < RG_NUMBLOCKS(b->klass) &&
              (uintptr_t)b->p == start + (hs->debug ? RG_DEBUG_HEAD : 0),
          "%s: block %p: inconsistent geometry (arena %#lx pool %u block %u)", when, (void *)b->p,
          (unsigned long)info.arena_address, info.pool_index, info.block_index);
}

/* ====================================================================== */
/* Sizes                                                                   */
/* ====================================================================== */

/* A size near one of heap hs's boundaries. */
static size_t boundary_size(const heap_slot *hs)
{
    size_t t = hs->cfg.mmap_threshold;
    size_t list[] = {0, 1, 15, 16, 17, 32, 488, 489, 511, 512, 513, 514, 1024,
                     t - 1, t, t + 1, t - RG_DEBUG_EXTRA, 4095, 4096, 4097, 65536};
    return list[rnd_below(sizeof list / sizeof list[0])];
}

/* A request size: ~85% 1..512, ~12% 513..64 KiB, ~3% up to 1 MiB, plus 0
 * and boundary sizes; large sizes shrink when the live budget is spent. */
static size_t rand_size(const heap_slot *hs)
{
    size_t r = rnd_below(1000), n;
    if (r < 5) n = 0;
    else if (r < 25) n = boundary_size(hs);
    else if (r < 860) n = 1 + rnd_below(512);
    else if (r < 970) n = rnd_log(513, 65536);
    else n = rnd_log(65537, (size_t)1 << 20);
    if (n > 4096 && S.live_bytes + n > LIVE_BUDGET) n = 1 + rnd_below(512);
    return n;
}

/* A new size for a realloc of b: in its class, 0, across 512 and across
 * the heap's mmap_threshold, or any size. */
static size_t realloc_size(const block *b)
{
    const heap_slot *hs = &S.heaps[b->heap];
    size_t s = b->size, t = hs->cfg.mmap_threshold, r = rnd_below(100), n;
    if (r < 8) n = 0;
    else if (r < 30 && s <= 512) {
        size_t lo = s > 48 ? s - 48 : 1, hi = s + 48 > 512 ? 512 : s + 48;
        n = lo + rnd_below(hi - lo + 1);
    } else if (r < 30) n = s - s / 4 + rnd_below(s / 2 + 1);
    else if (r < 45) n = s <= 512 ? 513 + rnd_below(2048) : 1 + rnd_below(512);
    else if (r < 60) n = s < t ? t + rnd_below(t) : t / 2 + rnd_below(t / 2);
    else if (r < 70) n = boundary_size(hs);
    else n = rand_size(hs);
    if (n > 4096 && S.live_bytes + n > LIVE_BUDGET) n = 1 + rnd_below(512);
    return n;
}

/* ====================================================================== */
/* Operations                                                              */
/* ====================================================================== */

/* Allocate n bytes on heap hi, the way how says; check and record it. */
static void op_alloc(unsigned hi, size_t n, int how)
{
    heap_slot *hs = &S.heaps[hi];
    block b = {0};
    b.size = n;
    b.heap = (uint8_t)hi;
    b.family = (uint8_t)rnd_below(2);
    b.seed = rnd64() | 1;
    b.seq = ++S.next_seq;
    int zero = 0;
    void *p;
    S.ops++;
    if (how == HOW_CALLOC) {
        size_t cnt = 1, sz = n, d = (size_t[]){1, 2, 3, 4, 8, 16}[rnd_below(6)];
        if (n == 0) cnt = rnd_below(3), sz = cnt ? 0 : 7;
        else if (n % d == 0) cnt = d, sz = n / d;
        else if (rnd_below(2)) cnt = n, sz = 1;
        p = b.family ? rg_obj_calloc(hs->h, cnt, sz) : rg_calloc(hs->h, cnt, sz);
        zero = 1;
    } else if (how == HOW_REALLOC_NULL) {
        p = b.family ? rg_obj_realloc(hs->h, NULL, n) : rg_realloc(hs->h, NULL, n);
    } else {
        p = b.family ? rg_obj_malloc(hs->h, n) : rg_malloc(hs->h, n);
    }
    CHECK(p != NULL, "allocation of %zu bytes on %s failed", n, hs->name);
    b.p = p;
    expect_fresh(&b);
    verify_block(&b, "new block");
    size_t bad = zero ? fill_bad(b.p, 0, n, 0) : hs->debug ? fill_bad(b.p, 0, n, RG_CLEANBYTE) : SIZE_MAX;
    CHECK(bad == SIZE_MAX, "fresh %s block %p of %zu bytes: byte %zu is 0x%02x", zero ? "calloc" : "debug",
          p, n, bad, bad == SIZE_MAX ? 0 : b.p[bad]);
    pattern_fill(b.p, 0, b.extent, b.seed);
    model_add(&b);
}

/* Allocate one block of a random size on a random heap. */
static void op_alloc_random(void)
{
    unsigned hi = (unsigned)rnd_below(NHEAPS);
    size_t r = rnd_below(100);
    op_alloc(hi, rand_size(&S.heaps[hi]), r < 70 ? HOW_MALLOC : r < 95 ? HOW_CALLOC : HOW_REALLOC_NULL);
}

/* Check and free live block idx. */
static void op_free(size_t idx)
{
    block *b = &S.live[idx];
    S.ops++;
    check_pattern(b, 0, b->extent, "free");
    int fam = b->family;
    if (!S.heaps[b->heap].debug && rnd_below(10) == 0) fam ^= 1; /* mixing is fine without debug */
    if (fam == FAM_OBJ) rg_obj_free(b->p);
    else rg_free(b->p);
    model_remove(idx);
}

/* Realloc live block idx to n bytes and check the result. */
static void op_realloc(size_t idx, size_t n)
{
    block old = S.live[idx];
    const heap_slot *hs = &S.heaps[old.heap];
    S.ops++;
    check_pattern(&old, 0, old.extent, "before realloc");
    /* p non-NULL: the block's own heap is used, whatever heap says. */
    size_t pick = rnd_below(NHEAPS + 1);
    rg_heap *hp = pick < NHEAPS ? S.heaps[pick].h : NULL;
    int fam = old.family;
    if (!hs->debug && rnd_below(10) == 0) fam ^= 1; /* mixing is fine without debug */
    void *q = fam == FAM_OBJ ? rg_obj_realloc(hp, old.p, n) : rg_realloc(hp, old.p, n);
    CHECK(q != NULL, "realloc of %p (%zu bytes) to %zu on %s failed", (void *)old.p, old.size, n, hs->name);

    block b = old;
    b.p = q;
    b.size = n;
    int in_place = 0;
    if (!hs->debug && old.kind == RG_BLOCK_SMALL) {
        size_t cls = RG_CLASS_SIZE(old.klass);
        in_place = n <= cls && 4 * n > 3 * cls;
        CHECK((q == old.p) == in_place, "realloc of %zu-byte small block to %zu: %s, CPython's rule says %s",
              old.size, n, q == old.p ? "kept" : "moved", in_place ? "keep" : "move");
        if (!in_place) expect_fresh(&b);
    } else if (!hs->debug) {
        /* A large block stays on the large path whatever its new size. */
        b.kind = n >= hs->cfg.mmap_threshold ? RG_BLOCK_MAPPED : RG_BLOCK_LARGE;
        b.extent = n;
    } else {
        CHECK(q != old.p, "debug realloc must move the block");
        expect_fresh(&b);
    }
    verify_block(&b, "realloc");
    size_t keep = in_place ? old.extent : (old.extent < n ? old.extent : n);
    check_pattern(&b, 0, keep, "realloc prefix");
    if (hs->debug) {
        size_t bad = fill_bad(b.p, keep, n, RG_CLEANBYTE);
        CHECK(bad == SIZE_MAX, "debug realloc: grown byte %zu is not CLEANBYTE", bad);
    }
    pattern_fill(b.p, keep, b.extent, b.seed);
    account(&old, -1);
    account(&b, +1);
    S.live[idx] = b;
}

/* ====================================================================== */
/* Whole-state checks                                                      */
/* ====================================================================== */

/* Address range a block occupies, headers and debug pads included. */
typedef struct range {
    uintptr_t lo, hi;
    size_t idx;
} range;

/* qsort order of ranges by start address. */
static int range_cmp(const void *a, const void *b)
{
    uintptr_t x = ((const range *)a)->lo, y = ((const range *)b)->lo;
    return x < y ? -1 : x > y;
}

/* Sort every live block by address and check that none overlaps another. */
static void check_overlap(void)
{
    range *r = malloc((S.nlive + 1) * sizeof *r);
    CHECK(r != NULL, "out of memory");
    for (size_t i = 0; i < S.nlive; i++) {
        const block *b = &S.live[i];
        int dbg = S.heaps[b->heap].debug;
        uintptr_t lo = (uintptr_t)b->p, hi = lo + (b->extent ? b->extent : 1);
        if (dbg) lo -= RG_DEBUG_HEAD, hi = (uintptr_t)b->p + b->size + RG_DEBUG_TAIL;
        if (b->kind != RG_BLOCK_SMALL) lo -= sizeof(rg_large);
        r[i] = (range){lo, hi, i};
    }
    qsort(r, S.nlive, sizeof *r, range_cmp);
    for (size_t i = 1; i < S.nlive; i++) {
        CHECK(r[i - 1].hi <= r[i].lo, "blocks %p (%zu bytes) and %p (%zu bytes) overlap",
              (void *)S.live[r[i - 1].idx].p, S.live[r[i - 1].idx].size, (void *)S.live[r[i].idx].p,
              S.live[r[i].idx].size);
    }
    free(r);
}

/* Compare heap hi's statistics with the model and run rg_heap_check. */
static void check_heap(unsigned hi)
{
    heap_slot *hs = &S.heaps[hi];
    rg_stats st;
    S.heap_checks++;
    CHECK(rg_heap_check(hs->h, stderr) == 0, "rg_heap_check(%s) found violations", hs->name);
    CHECK(rg_heap_stats(hs->h, &st) == 0, "rg_heap_stats failed");
    CHECK(st.arenas == hs->h->narenas && st.arenas_reserved == hs->h->nreserve &&
              st.arenas_reserved <= hs->cfg.arena_reserve &&
              st.arenas_reclaimed == st.arenas_allocated_total - st.arenas &&
              st.arenas_highwater >= st.arenas,
          "%s: arena counters inconsistent", hs->name);
    if (hs->debug) {
        CHECK(st.allocated_blocks == hs->nsmall + hs->nlarge + hs->h->quarantine_len,
              "%s: %zu blocks allocated, model has %zu live + %zu quarantined", hs->name,
              st.allocated_blocks, hs->nsmall + hs->nlarge, hs->h->quarantine_len);
        return;
    }
    CHECK(st.small_blocks == hs->nsmall && st.large_blocks == hs->nlarge &&
              st.small_bytes == hs->small_bytes && st.large_bytes == hs->large_bytes &&
              st.allocated_blocks == hs->nsmall + hs->nlarge &&
              st.bytes_in_use == hs->small_bytes + hs->large_bytes,
          "%s: stats say %zu small (%zu B) + %zu large (%zu B), model %zu (%zu B) + %zu (%zu B)", hs->name,
          st.small_blocks, st.small_bytes, st.large_blocks, st.large_bytes, hs->nsmall, hs->small_bytes,
          hs->nlarge, hs->large_bytes);
    size_t pools = 0;
    for (unsigned c = 0; c < RG_NUM_SIZE_CLASSES; c++) {
        CHECK(st.classes[c].blocks_in_use == hs->class_blocks[c], "%s: class %u has %zu blocks, model %zu",
              hs->name, c, st.classes[c].blocks_in_use, hs->class_blocks[c]);
        pools += st.classes[c].pools;
    }
    CHECK(pools == st.pools_used + st.pools_full &&
              st.pools_used + st.pools_full + st.pools_empty + st.pools_unused == st.arenas * RG_POOLS_PER_ARENA,
          "%s: pool counts inconsistent", hs->name);
}

/* Check every live block (content, info, overlap) and every heap. */
static void sweep(void)
{
    S.sweeps++;
    for (size_t i = 0; i < S.nlive; i++) {
        check_pattern(&S.live[i], 0, S.live[i].extent, "sweep");
        verify_block(&S.live[i], "sweep");
    }
    check_overlap();
    for (unsigned hi = 0; hi < NHEAPS; hi++) check_heap(hi);
}

/* Track each heap's reserve: its largest size and how often it was drawn on. */
static void sample_reserves(void)
{
    for (unsigned hi = 0; hi < NHEAPS; hi++) {
        heap_slot *hs = &S.heaps[hi];
        size_t n = hs->h->nreserve;
        if (n < hs->prev_reserve) hs->reserve_reuses++;
        if (n > hs->reserve_max) hs->reserve_max = n;
        hs->prev_reserve = n;
    }
}

/* Trim heap hi, then prove no live block moved or changed and that the heap
 * still allocates: the reserve is empty, no arena is wholly free. */
static void do_trim(unsigned hi)
{
    heap_slot *hs = &S.heaps[hi];
    size_t given = rg_trim(hs->h);
    S.trims++;
    hs->trims++;
    hs->trimmed_bytes += given;
    CHECK(hs->h->nreserve == 0, "%s: reserve not empty after trim", hs->name);
    for (uint32_t i = 0; i < hs->h->nslots; i++) {
        const rg_arena *a = hs->h->slots[i].arena;
        CHECK(a == NULL || a->nfreepools < a->ntotalpools, "%s: arena %u wholly free after trim", hs->name, i);
    }
    hs->prev_reserve = 0;
    for (size_t i = 0; i < S.nlive; i++) {
        if (S.live[i].heap != hi) continue;
        check_pattern(&S.live[i], 0, S.live[i].extent, "after trim");
        verify_block(&S.live[i], "after trim");
    }
    check_heap(hi);
    /* Later allocations still work: a burst over every size class. */
    for (unsigned k = 0; k < 3 * RG_NUM_SIZE_CLASSES && S.nlive < MAX_LIVE; k++)
        op_alloc(hi, 1 + (k % RG_NUM_SIZE_CLASSES) * 16 + rnd_below(16), k & 1 ? HOW_CALLOC : HOW_MALLOC);
    check_heap(hi);
}

/* Run the periodic sweep when its time has come. */
static void maybe_sweep(unsigned long *next)
{
    sample_reserves();
    if (S.ops >= *next) {
        sweep();
        *next = S.ops + SWEEP_EVERY;
    }
}

/* ====================================================================== */
/* Phases                                                                  */
/* ====================================================================== */

/* qsort order by ascending seq. */
static int seq_up(const void *a, const void *b)
{
    uint64_t x = ((const block *)a)->seq, y = ((const block *)b)->seq;
    return x < y ? -1 : x > y;
}

/* qsort order by descending seq. */
static int seq_down(const void *a, const void *b)
{
    return seq_up(b, a);
}

/* Random operations around a target number of live blocks. */
static void phase_churn(unsigned long n, size_t target, unsigned long *next)
{
    for (unsigned long k = 0; k < n && S.ops < S.ops_target; k++) {
        size_t r = rnd_below(100);
        size_t alloc_pct = S.nlive < target ? 60 : 35;
        if (S.nlive == 0 || (r < alloc_pct && S.nlive < MAX_LIVE)) op_alloc_random();
        else if (r < alloc_pct + 15) {
            size_t i = rnd_below(S.nlive);
            op_realloc(i, realloc_size(&S.live[i]));
        } else op_free(rnd_below(S.nlive));
        if (rnd_below(TRIM_ONE_IN) == 0) do_trim((unsigned)rnd_below(NHEAPS));
        maybe_sweep(next);
    }
}

/* Allocate many blocks, on one heap or on all. */
static void phase_bulk_alloc(size_t count, unsigned long *next)
{
    int one = rnd_below(3) != 0;
    unsigned hi = (unsigned)rnd_below(NHEAPS);
    for (size_t k = 0; k < count && S.nlive < MAX_LIVE && S.ops < S.ops_target; k++) {
        if (!one) hi = (unsigned)rnd_below(NHEAPS);
        op_alloc(hi, rand_size(&S.heaps[hi]), rnd_below(4) ? HOW_MALLOC : HOW_CALLOC);
        maybe_sweep(next);
    }
}

/* Free blocks until keep remain: in random, FIFO or LIFO order. */
static void phase_bulk_free(size_t keep, unsigned long *next)
{
    int order = (int)rnd_below(3);
    if (order == 1) qsort(S.live, S.nlive, sizeof *S.live, seq_down); /* FIFO: oldest last */
    if (order == 2) qsort(S.live, S.nlive, sizeof *S.live, seq_up);   /* LIFO: newest last */
    while (S.nlive > keep && S.ops < S.ops_target) {
        op_free(order == 0 ? rnd_below(S.nlive) : S.nlive - 1);
        maybe_sweep(next);
    }
}

/* Many reallocs of random live blocks. */
static void phase_realloc_storm(unsigned long n, unsigned long *next)
{
    for (unsigned long k = 0; k < n && S.nlive > 0 && S.ops < S.ops_target; k++) {
        size_t i = rnd_below(S.nlive);
        op_realloc(i, realloc_size(&S.live[i]));
        maybe_sweep(next);
    }
}

/* Small-block churn on heap hi with a trim every 1000 operations, so that
 * parked units are unparked, re-parked and freed into over and over. */
static void phase_trim_storm(unsigned hi, unsigned long n, unsigned long *next)
{
    for (unsigned long k = 1; k <= n && S.ops < S.ops_target; k++) {
        size_t r = rnd_below(100);
        if (S.nlive == 0 || (r < 50 && S.nlive < MAX_LIVE)) op_alloc(hi, 1 + rnd_below(512), HOW_MALLOC);
        else if (r < 60) {
            size_t i = rnd_below(S.nlive);
            op_realloc(i, S.live[i].size <= 512 ? 1 + rnd_below(512) : realloc_size(&S.live[i]));
        } else op_free(rnd_below(S.nlive));
        if (k % 1000 == 0) do_trim(hi);
        maybe_sweep(next);
    }
}

/* Fill heap hi with blocks until it has 6 more arenas, free them all (the
 * reserve fills: all but the kept empty arena are released), then allocate
 * half as much again (the reserve is drawn on).  Ignores the op budget so
 * that every run covers the reserve. */
static void phase_reserve_cycle(unsigned hi, unsigned long *next)
{
    heap_slot *hs = &S.heaps[hi];
    size_t n0 = S.nlive, arenas0 = hs->h->narenas;
    while (hs->h->narenas < arenas0 + 6 && S.nlive < MAX_LIVE) {
        op_alloc(hi, 200 + rnd_below(281), HOW_MALLOC);
        maybe_sweep(next);
    }
    size_t count = S.nlive - n0;
    while (S.nlive > n0) {
        op_free(S.nlive - 1);
        maybe_sweep(next);
    }
    CHECK(hs->h->nreserve == (hs->cfg.arena_reserve < 5 ? hs->cfg.arena_reserve : 5),
          "%s: %zu arenas in the reserve after freeing 6 arenas' worth", hs->name, hs->h->nreserve);
    for (size_t k = 0; k < count / 2 && S.nlive < MAX_LIVE; k++) {
        op_alloc(hi, 200 + rnd_below(281), HOW_CALLOC);
        maybe_sweep(next);
    }
    check_heap(hi);
}

/* ====================================================================== */
/* Tests                                                                   */
/* ====================================================================== */

/* Small requests report kind SMALL and class (n-1)>>4; others are large. */
static void test_block_info_classes(void **state)
{
    (void)state;
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    rg_heap *h = rg_heap_new(&cfg);
    assert_non_null(h);
    for (size_t n = 0; n <= 600; n++) {
        for (int fam = 0; fam < 2; fam++) {
            void *p = fam ? rg_obj_malloc(h, n) : rg_malloc(h, n);
            rg_block_info info;
            assert_non_null(p);
            assert_int_equal(rg_block_info_of(p, &info), 0);
            assert_ptr_equal(info.heap, h);
            if (n >= 1 && n <= 512) {
                assert_int_equal(info.kind, RG_BLOCK_SMALL);
                assert_int_equal(info.size_class, (n - 1) >> 4);
                assert_int_equal(info.size, ((n - 1) >> 4) * 16 + 16);
            } else {
                assert_int_equal(info.kind, RG_BLOCK_LARGE);
                assert_int_equal(info.size, n);
            }
            if (fam) rg_obj_free(p);
            else rg_free(p);
        }
    }
    void *p = rg_malloc(h, cfg.mmap_threshold);
    rg_block_info info;
    assert_int_equal(rg_block_info_of(p, &info), 0);
    assert_int_equal(info.kind, RG_BLOCK_MAPPED);
    rg_free(p);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_heap_delete(h);

    /* A debug heap: 24 bytes of decoration go on top of the request. */
    cfg.flags = RG_HEAP_DEBUG;
    cfg.debug_quarantine = 4;
    h = rg_heap_new(&cfg);
    assert_non_null(h);
    for (size_t n = 0; n <= 520; n++) {
        p = rg_malloc(h, n);
        assert_int_equal(rg_block_info_of(p, &info), 0);
        assert_int_equal(info.kind, n + RG_DEBUG_EXTRA <= 512 ? RG_BLOCK_SMALL : RG_BLOCK_LARGE);
        if (info.kind == RG_BLOCK_SMALL) assert_int_equal(info.size_class, (n + RG_DEBUG_EXTRA - 1) >> 4);
        assert_int_equal(info.size, n);
        rg_free(p);
    }
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_heap_delete(h);
}

/* Set up heap hi with its configuration for this seed. */
static void make_heap(unsigned hi)
{
    heap_slot *hs = &S.heaps[hi];
    rg_heap_config_init(&hs->cfg);
    hs->name = "default";
    if (hi == 1) {
        hs->cfg.arena_reserve = 0;
        hs->name = "reserve0";
    } else if (hi == 2) {
        hs->cfg.arena_reserve = 3;
        hs->cfg.mmap_threshold = 4096;
        hs->name = "mmap4096";
        if (S.seed % 4 == 3) {
            hs->cfg.flags = RG_HEAP_DEBUG;
            hs->cfg.debug_quarantine = 16;
            hs->name = "debug";
        }
    }
    hs->debug = (hs->cfg.flags & RG_HEAP_DEBUG) != 0;
    hs->h = rg_heap_new(&hs->cfg);
    assert_non_null(hs->h);
}

/* The randomized run: phases until the op budget is spent, then teardown. */
static void test_random_ops(void **state)
{
    (void)state;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rnd_seed(S.seed * UINT64_C(0x2545F4914F6CDD1D) + 1);
    S.live = calloc(MAX_LIVE, sizeof *S.live);
    assert_non_null(S.live);
    for (unsigned hi = 0; hi < NHEAPS; hi++) make_heap(hi);

    unsigned long next = SWEEP_EVERY;
    for (unsigned hi = 0; hi < NHEAPS; hi++) phase_reserve_cycle(hi, &next);
    while (S.ops < S.ops_target) {
        size_t r = rnd_below(100);
        if (r < 45) {
            size_t ops = 5000 + rnd_below(45000); /* one draw per statement */
            phase_churn(ops, 100 + rnd_below(60000), &next);
        }
        else if (r < 65) phase_bulk_alloc(10000 + rnd_below(90000), &next);
        else if (r < 85) {
            size_t keep = (size_t[]){0, 1, 50, 1000}[rnd_below(4)];
            phase_bulk_free(keep < S.nlive / 10 ? keep : S.nlive / 10, &next);
        } else if (r < 90) phase_realloc_storm(1000 + rnd_below(20000), &next);
        else if (r < 95) {
            unsigned heap = (unsigned)rnd_below(NHEAPS);
            phase_trim_storm(heap, 5000 + rnd_below(20000), &next);
        }
        else {
            do_trim((unsigned)rnd_below(NHEAPS));
            sample_reserves();
        }
        for (unsigned hi = 0; hi < NHEAPS; hi++) check_heap(hi);
    }
    sweep();

    /* Coverage: arenas were released and reused through the reserve. */
    for (unsigned hi = 0; hi < NHEAPS; hi++) {
        heap_slot *hs = &S.heaps[hi];
        rg_stats st;
        rg_heap_stats(hs->h, &st);
        printf("heap %-8s: arenas total %zu highwater %zu reclaimed %zu, reserve max %zu reused %zu, "
                        "%zu trims gave %zu bytes\n", hs->name, st.arenas_allocated_total, st.arenas_highwater,
                st.arenas_reclaimed, hs->reserve_max, hs->reserve_reuses, hs->trims, hs->trimmed_bytes);
        CHECK(st.arenas_reclaimed > 0, "%s: no arena was ever released", hs->name);
        if (hs->cfg.arena_reserve > 0) CHECK(hs->reserve_reuses > 0, "%s: the reserve was never drawn on", hs->name);
        if (hi == 2) CHECK(hs->reserve_max == hs->cfg.arena_reserve, "%s: the reserve never filled", hs->name);
    }

    /* Teardown: free everything, trim, and the heaps must be empty. */
    while (S.nlive > 0) op_free(S.nlive - 1);
    for (unsigned hi = 0; hi < NHEAPS; hi++) {
        heap_slot *hs = &S.heaps[hi];
        rg_stats st;
        rg_trim(hs->h);
        CHECK(rg_heap_check(hs->h, stderr) == 0, "%s: rg_heap_check after final trim", hs->name);
        rg_heap_stats(hs->h, &st);
        CHECK(st.arenas == 0 && st.arenas_reserved == 0 && st.allocated_blocks == 0 && st.small_blocks == 0 &&
                  st.large_blocks == 0 && st.bytes_in_use == 0 && st.bytes_mapped == 0 &&
                  st.pools_used + st.pools_full + st.pools_empty + st.pools_unused == 0,
              "%s: after freeing everything and trimming: %zu arenas, %zu reserved, %zu blocks, %zu mapped",
              hs->name, st.arenas, st.arenas_reserved, st.allocated_blocks, st.bytes_mapped);
        rg_heap_delete(hs->h);
        hs->h = NULL;
    }
    free(S.live);
    S.live = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("test_stress seed %lu: %lu ops, peak %zu live blocks, %lu checks, %lu sweeps, %lu heap checks, "
           "%lu trims, %.1f GB checked, %.1f s\n",
           S.seed, S.ops, S.peak_live, S.checks, S.sweeps, S.heap_checks, S.trims, (double)S.bytes_checked / 1e9,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

/* test_stress <seed> <ops> */
int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <seed> <ops>\n", argv[0]);
        return 2;
    }
    S.seed = strtoul(argv[1], NULL, 10);
    S.ops_target = strtoul(argv[2], NULL, 10);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_block_info_classes),
        cmocka_unit_test(test_random_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
