/*
 * alloc_model.c -- the allocator's operation interpreter and its shadow
 * model: one implementation behind the stress test (tests/test_stress.c,
 * `make stress`) and the libFuzzer target (tests/fuzz/fuzz_alloc.c).
 *
 * Every decision is read from a choice source (support/choice.h): a fixed-
 * seed PRNG for the stress runs, the input bytes for the fuzzer (input
 * exhausted = stop, then the full teardown and its checks).  Operations:
 * rg_malloc, rg_calloc, rg_realloc, rg_free and the rg_obj_ family, sizes
 * 0 B .. 1 MiB (mostly 1..512) -- over three heaps with different
 * configurations (defaults; arena_reserve 0, i.e. exactly CPython; a small
 * reserve with mmap_threshold 4096, which is a debug heap for variant = 3
 * mod 4: the seed, or the input's first byte; a fuzz input's next three
 * bytes vary reserves, mmap thresholds and the quarantine), in phases of random churn,
 * bulk allocation, bulk freeing in random/FIFO/LIFO order, realloc storms,
 * trim storms, rg_trim and reserve cycles.  The shadow model is a table of
 * the live blocks (pointer, requested size, content seed, heap, family,
 * expected kind/class/usable size); it never asks the library what to
 * expect.  Every live block is filled with a pattern derived from its seed
 * and checked byte for byte when it is freed or reallocated, after every
 * trim of its heap and in periodic full sweeps (every 10,000 ops in stress
 * runs; in fuzz runs every 64 ops, or after as many ops as blocks are
 * live).  Each new block is checked for 16-byte alignment, its heap
 * (rg_heap_of), its usable size, its kind and size class (rg_block_info_of:
 * class (n-1)>>4 for 1..512 bytes on a normal heap) and its geometry;
 * calloc memory must read zero, a debug heap's fresh memory 0xCD; realloc
 * must keep the prefix and follow CPython's keep-in-place rule.  Sweeps
 * also sort every live block by address to prove no two overlap, compare
 * rg_heap_stats with the model's counts and run rg_heap_check (so does
 * the end of every phase).  At the end everything is freed and trimmed and
 * each heap must report 0 arenas, 0 blocks and nothing mapped.  A
 * disagreement prints what differed on stderr and calls abort().
 *
 * Invariants: no state survives a run (alloc_model_run starts from zero);
 * a run's behaviour depends only on its choice source.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "fuzz/alloc_model.h"

#define NHEAPS 3
#define MAX_LIVE 200000                 /* stress: blocks in the table     */
#define LIVE_BUDGET ((size_t)96 << 20)  /* stress: bytes of live blocks    */
#define FUZZ_MAX_LIVE 16384             /* fuzz: smaller, cheaper per input */
#define FUZZ_LIVE_BUDGET ((size_t)4 << 20)
#define FUZZ_PHASE_DIV 500              /* fuzz: phases 1/500 as long      */
#define SWEEP_EVERY 10000               /* stress: sweep + rg_heap_check    */
#define FUZZ_SWEEP_EVERY 64
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
    choice_src *src;
    int fuzz, verbose;
    size_t max_live, live_budget, phase_div;
    unsigned long sweep_every;
    unsigned long seed; /* the heap variant (seed mod 4 == 3: a debug heap) */
    unsigned long ops_target, ops;
    block *live;
    size_t nlive, peak_live;
    size_t live_bytes;
    uint64_t next_seq;
    heap_slot heaps[NHEAPS];
    unsigned long checks, sweeps, heap_checks, trims;
    unsigned long long bytes_checked;
} S;

/* Report a disagreement with the model (naming the op count and heap
 * variant) and abort: the stress test fails, the fuzzer saves the input. */
__attribute__((format(printf, 3, 4), noreturn)) static void die(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "alloc_model: %s %lu op %lu: ", S.fuzz ? "variant" : "seed", S.seed, S.ops);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (%s:%d)\n", file, line);
    va_end(ap);
    abort();
}

/* Check cond; on failure report and abort. */
#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        S.checks++;                                                             \
        if (!(cond)) die(__FILE__, __LINE__, __VA_ARGS__);                      \
    } while (0)

/* ====================================================================== */
/* Choices (the seeded stream or the fuzz input: support/choice.h)         */
/* ====================================================================== */

/* 64 bits nobody chooses (content seeds). */
static uint64_t rnd64(void) { return choice_noise(S.src); }

/* A choice in [0, n). */
static size_t rnd_below(size_t n) { return choice_below(S.src, n); }

/* Is there budget (and input) for another operation? */
static int more(void) { return S.ops < S.ops_target && !choice_done(S.src); }

/* A phase length: lo + [0, span), shortened for fuzz inputs. */
static size_t plen(size_t lo, size_t span) { return (lo + rnd_below(span)) / S.phase_div + 1; }

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

/* The byte loops over block contents carry no coverage instrumentation
 * (clang's fuzzer build): they teach the fuzzer nothing and cost most of
 * its time. */
#if defined(__clang__)
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/* Byte i of the pattern of seed: byte i%8 of word i/8 = seed ^ (i/8+1)*GOLDEN. */
NO_COVERAGE static uint8_t pat_byte(uint64_t seed, size_t i)
{
    uint64_t w = seed ^ ((uint64_t)(i / 8 + 1) * GOLDEN);
    uint8_t b[8];
    memcpy(b, &w, 8);
    return b[i % 8];
}

/* Write the pattern of seed over p[from, to). */
NO_COVERAGE static void pattern_fill(uint8_t *p, size_t from, size_t to, uint64_t seed)
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
NO_COVERAGE static size_t pattern_bad(const uint8_t *p, size_t from, size_t to, uint64_t seed)
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
NO_COVERAGE static size_t fill_bad(const uint8_t *p, size_t from, size_t to, uint8_t value)
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
NO_COVERAGE static void check_pattern(const block *b, size_t from, size_t to, const char *when)
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
    CHECK(S.nlive < S.max_live, "model table full");
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
    else n = rnd_log(65537, S.fuzz ? (size_t)1 << 18 : (size_t)1 << 20);
    if (n > 4096 && S.live_bytes + n > S.live_budget) n = 1 + rnd_below(512);
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
    if (n > 4096 && S.live_bytes + n > S.live_budget) n = 1 + rnd_below(512);
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
    for (unsigned k = 0; k < 3 * RG_NUM_SIZE_CLASSES && S.nlive < S.max_live; k++)
        op_alloc(hi, 1 + (k % RG_NUM_SIZE_CLASSES) * 16 + rnd_below(16), k & 1 ? HOW_CALLOC : HOW_MALLOC);
    check_heap(hi);
}

/* Run the periodic sweep when its time has come: every sweep_every ops
 * (stress), or after as many ops as there are live blocks (fuzz: linear
 * cost per input, however many blocks a phase piles up). */
static void maybe_sweep(unsigned long *next)
{
    sample_reserves();
    if (S.ops >= *next) {
        sweep();
        *next = S.ops + (S.fuzz && S.nlive > S.sweep_every ? S.nlive : S.sweep_every);
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
    for (unsigned long k = 0; k < n && more(); k++) {
        size_t r = rnd_below(100);
        size_t alloc_pct = S.nlive < target ? 60 : 35;
        if (S.nlive == 0 || (r < alloc_pct && S.nlive < S.max_live)) op_alloc_random();
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
    for (size_t k = 0; k < count && S.nlive < S.max_live && more(); k++) {
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
    while (S.nlive > keep && more()) {
        op_free(order == 0 ? rnd_below(S.nlive) : S.nlive - 1);
        maybe_sweep(next);
    }
}

/* Many reallocs of random live blocks. */
static void phase_realloc_storm(unsigned long n, unsigned long *next)
{
    for (unsigned long k = 0; k < n && S.nlive > 0 && more(); k++) {
        size_t i = rnd_below(S.nlive);
        op_realloc(i, realloc_size(&S.live[i]));
        maybe_sweep(next);
    }
}

/* Small-block churn on heap hi with a trim every 1000 operations, so that
 * parked units are unparked, re-parked and freed into over and over. */
static void phase_trim_storm(unsigned hi, unsigned long n, unsigned long *next)
{
    for (unsigned long k = 1; k <= n && more(); k++) {
        size_t r = rnd_below(100);
        if (S.nlive == 0 || (r < 50 && S.nlive < S.max_live)) op_alloc(hi, 1 + rnd_below(512), HOW_MALLOC);
        else if (r < 60) {
            size_t i = rnd_below(S.nlive);
            op_realloc(i, S.live[i].size <= 512 ? 1 + rnd_below(512) : realloc_size(&S.live[i]));
        } else op_free(rnd_below(S.nlive));
        if (k % 1000 == 0) do_trim(hi);
        maybe_sweep(next);
    }
}

/* Fill heap hi with blocks until it has k more arenas, free them all (the
 * reserve fills: all but the kept empty arena are released, up to the
 * reserve's size), then allocate half as much again (the reserve is drawn
 * on).  Ignores the op budget so that every stress run covers the reserve
 * (k = 6; fuzz inputs choose it, with k = 2). */
static void phase_reserve_cycle(unsigned hi, size_t k, unsigned long *next)
{
    heap_slot *hs = &S.heaps[hi];
    /* Mid-run (fuzz), a wholly free arena or a filled reserve would change
     * the count: trim first (stress runs start on fresh heaps). */
    if (S.fuzz) do_trim(hi);
    size_t n0 = S.nlive, arenas0 = hs->h->narenas;
    while (hs->h->narenas < arenas0 + k && S.nlive < S.max_live) {
        op_alloc(hi, 200 + rnd_below(281), HOW_MALLOC);
        maybe_sweep(next);
    }
    int full = hs->h->narenas == arenas0 + k;
    size_t count = S.nlive - n0;
    while (S.nlive > n0) {
        op_free(S.nlive - 1);
        maybe_sweep(next);
    }
    /* A debug heap's quarantine may still hold blocks of one arena. */
    size_t want = hs->cfg.arena_reserve < k - 1 ? hs->cfg.arena_reserve : k - 1;
    CHECK(!full || hs->h->nreserve == want || (hs->debug && hs->h->nreserve + 1 == want), "%s: %zu arenas in the reserve after freeing %zu arenas' worth, expected %zu",
          hs->name, hs->h->nreserve, k, want);
    for (size_t j = 0; j < count / 2 && S.nlive < S.max_live; j++) {
        op_alloc(hi, 200 + rnd_below(281), HOW_CALLOC);
        maybe_sweep(next);
    }
    check_heap(hi);
}

/* ====================================================================== */
/* The run                                                                 */
/* ====================================================================== */

/* Set up heap hi with its configuration for this variant; a fuzz input
 * also varies its knobs (one byte a heap): the reserve's size, the mmap
 * threshold (513 maps every large block), the debug quarantine. */
static void make_heap(unsigned hi)
{
    static const size_t reserves[4] = {3, 0, 1, 8}, thresholds[4] = {4096, 513, 1000, 65536},
                        quarantines[4] = {16, 0, 1, 256};
    heap_slot *hs = &S.heaps[hi];
    rg_heap_config_init(&hs->cfg);
    size_t knob = S.fuzz ? rnd_below(64) : 0;
    hs->name = "default";
    if (hi == 0) {
        if (knob & 1) hs->cfg.arena_reserve = 2;
        if (knob & 2) hs->cfg.mmap_threshold = thresholds[knob >> 2 & 3];
    } else if (hi == 1) {
        hs->cfg.arena_reserve = 0;
        hs->name = "reserve0";
        if (knob & 2) hs->cfg.mmap_threshold = thresholds[knob >> 2 & 3];
    } else if (hi == 2) {
        hs->cfg.arena_reserve = reserves[knob & 3];
        hs->cfg.mmap_threshold = thresholds[knob >> 2 & 3];
        hs->name = S.fuzz ? "third" : "mmap4096";
        if (S.seed % 4 == 3) {
            hs->cfg.flags = RG_HEAP_DEBUG;
            hs->cfg.debug_quarantine = quarantines[knob >> 4 & 3];
            hs->name = "debug";
        }
    }
    hs->debug = (hs->cfg.flags & RG_HEAP_DEBUG) != 0;
    hs->h = rg_heap_new(&hs->cfg);
    CHECK(hs->h != NULL, "rg_heap_new(%s) failed", hs->name);
}

/* The phases, until the op budget (or the input) is spent. */
static void run_phases(void)
{
    unsigned long next = S.sweep_every;
    if (!S.fuzz)
        for (unsigned hi = 0; hi < NHEAPS; hi++) phase_reserve_cycle(hi, 6, &next);
    while (more()) {
        size_t r = rnd_below(S.fuzz ? 104 : 100);
        if (r < 45) {
            size_t ops = plen(5000, 45000); /* one draw per statement */
            phase_churn(ops, 100 + rnd_below(60000) / S.phase_div, &next);
        }
        else if (r < 65) phase_bulk_alloc(plen(10000, 90000), &next);
        else if (r < 85) {
            size_t keep = (size_t[]){0, 1, 50, 1000}[rnd_below(4)];
            phase_bulk_free(keep < S.nlive / 10 ? keep : S.nlive / 10, &next);
        } else if (r < 90) phase_realloc_storm(plen(1000, 20000), &next);
        else if (r < 95) {
            unsigned heap = (unsigned)rnd_below(NHEAPS);
            phase_trim_storm(heap, plen(5000, 20000), &next);
        } else if (r < 100) {
            do_trim((unsigned)rnd_below(NHEAPS));
            sample_reserves();
        } else {
            phase_reserve_cycle((unsigned)rnd_below(NHEAPS), 2, &next);
        }
        for (unsigned hi = 0; hi < NHEAPS; hi++) check_heap(hi);
    }
    sweep();
}

/* Stress only: arenas were released and reused through the reserve. */
static void check_coverage(void)
{
    for (unsigned hi = 0; hi < NHEAPS; hi++) {
        heap_slot *hs = &S.heaps[hi];
        rg_stats st;
        rg_heap_stats(hs->h, &st);
        if (S.verbose)
            printf("heap %-8s: arenas total %zu highwater %zu reclaimed %zu, reserve max %zu reused %zu, "
                   "%zu trims gave %zu bytes\n", hs->name, st.arenas_allocated_total, st.arenas_highwater,
                   st.arenas_reclaimed, hs->reserve_max, hs->reserve_reuses, hs->trims, hs->trimmed_bytes);
        CHECK(st.arenas_reclaimed > 0, "%s: no arena was ever released", hs->name);
        if (hs->cfg.arena_reserve > 0) CHECK(hs->reserve_reuses > 0, "%s: the reserve was never drawn on", hs->name);
        if (hi == 2) CHECK(hs->reserve_max == hs->cfg.arena_reserve, "%s: the reserve never filled", hs->name);
    }
}

/* Teardown: free everything, trim, and the heaps must be empty. */
static void teardown(void)
{
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
}

/* One whole run (see alloc_model.h). */
unsigned long alloc_model_run(const alloc_model_params *p)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&S, 0, sizeof S);
    S.src = p->src;
    S.fuzz = p->src->from_data;
    S.verbose = p->verbose;
    S.ops_target = p->ops;
    S.max_live = S.fuzz ? FUZZ_MAX_LIVE : MAX_LIVE;
    S.live_budget = S.fuzz ? FUZZ_LIVE_BUDGET : LIVE_BUDGET;
    S.phase_div = S.fuzz ? FUZZ_PHASE_DIV : 1;
    S.sweep_every = S.fuzz ? FUZZ_SWEEP_EVERY : SWEEP_EVERY;
    S.seed = S.fuzz ? rnd_below(4) : p->seed;
    S.live = calloc(S.max_live, sizeof *S.live);
    CHECK(S.live != NULL, "out of memory");
    for (unsigned hi = 0; hi < NHEAPS; hi++) make_heap(hi);
    run_phases();
    if (!S.fuzz) check_coverage();
    teardown();
    free(S.live);
    S.live = NULL;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (S.verbose)
        printf("alloc_model seed %lu: %lu ops, peak %zu live blocks, %lu checks, %lu sweeps, %lu heap checks, "
               "%lu trims, %.1f GB checked, %.1f s\n",
               S.seed, S.ops, S.peak_live, S.checks, S.sweeps, S.heap_checks, S.trims,
               (double)S.bytes_checked / 1e9,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return S.ops;
}
