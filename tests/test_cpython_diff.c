/*
 * test_cpython_diff.c -- differential test of refgc's small-block allocator
 * against CPython 3.11's own pymalloc (libpython), in the same process.
 *
 * refgc promises that a request gets the very block CPython would hand out.
 * This test holds it to that: one random sequence of operations (fixed
 * seeds; malloc, calloc, realloc within and out of the size class, free of
 * random live blocks; sizes 0..600 covering all 32 classes and the large
 * path; phases of bulk allocation and of bulk freeing in random, FIFO and
 * LIFO order) drives PyObject_Malloc/Calloc/Realloc/Free and, in lockstep,
 * three refgc heaps: A with arena_reserve 0 (CPython's arena policy
 * exactly), B with the default reserve (placement must not depend on it)
 * and C, again reserve 0, the one the test looks inside (below).  After
 * every operation all four must agree on small-vs-large, on the position
 * (arena index, offset in the arena) and size class of the block returned,
 * on in-place-or-moved for a small realloc, on the number of arenas
 * allocated now and ever; periodically on sys.getallocatedblocks()
 * (_Py_GetAllocatedBlocks vs rg_stats.allocated_blocks) and on the text of
 * _PyObject_DebugMallocStats vs rg_heap_dump up to the "arena map counts"
 * section (the arena map differs by design).  Hand-made scenarios free whole
 * pools across several arenas in chosen orders so that all four cases of
 * CPython's insert_to_freepool (and the kept-last-empty-arena rule) happen;
 * the case of each pool release is classified from heap C's internal state
 * just before the free and the number of case-1 releases must equal the
 * arenas CPython gave back.  refgc may defer a pool's return to its arena
 * (heap->pending_empty) while placement stays CPython's; the test settles
 * that (rg_heap_settle) on heap C only before classifying, so A and B run
 * exactly as a user's heap would.
 *
 * How CPython is observed: pymalloc works before Py_Initialize (its state is
 * static and nothing else uses it), so Python is never initialised.  An
 * arena allocator hook (PyObject_SetArenaAllocator) hands CPython 1 MiB
 * ALIGNED arenas -- 64 pools each, like refgc's -- and counts allocations
 * and frees.  CPython's position of a small block p is (the arenaindex field
 * of its pool header, the uint at (p & ~16383) + 32; p & (1 MiB - 1)); its
 * size class is the uint at +36.
 *
 * History: CPython's state lives for the whole process -- arena slot order,
 * the arena counters and the one wholly free arena it keeps -- and block
 * placement depends on all of it.  A fresh refgc heap per scenario would
 * therefore be compared against a CPython with a different past.  Instead
 * the three heaps are created once, empty, while CPython's pymalloc is still
 * untouched (test_initial_state checks: no arena, no block, the same stats
 * text), and all scenarios run as ONE continuous sequence against them in a
 * fixed order; each scenario ends by freeing every block on all four sides
 * and comparing, so the next one starts from the same state everywhere
 * (empty but for the one kept empty arena, with the same slot order and
 * counters).  The cmocka tests below must therefore run in order; once one
 * fails, the shared state is out of step and the later ones are skipped.
 */
#include <Python.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "refgc.h"
#include "support/xoshiro.h"
#include "alloc/alloc.h"

/* Exported by libpython 3.11 but declared only in internal headers. */
int _PyObject_DebugMallocStats(FILE *out);
Py_ssize_t _Py_GetAllocatedBlocks(void);

#define MAX_ENTRIES 400000
#define MAX_CP_ARENAS 4096
#define SYNC_EVERY 200 /* operations between full comparisons */
#define CP_POOL_MASK ((uintptr_t)RG_POOL_SIZE - 1)
#define CP_ARENA_MASK ((uintptr_t)RG_ARENA_SIZE - 1)

#define NRG 3 /* refgc heaps: A, B, C */

/* One block as the four allocators see it. */
typedef struct entry {
    uint8_t *cp;       /* CPython */
    uint8_t *r[NRG];   /* heaps A, B, C */
    size_t size;
    uint64_t seed, seq;
} entry;

static const char *const rg_name[NRG] = {"heap A", "heap B", "heap C"};

/* The lockstep world. */
static struct {
    rg_heap *h[NRG];
    entry *e;
    size_t n;
    xoshiro rng;
    uint64_t seq;
    unsigned long ops, syncs, next_sync;
    const char *where;
    int poisoned;
    unsigned long cases[5]; /* insert_to_freepool cases 1..4 */
    unsigned long kept_empty; /* wholly free but last: kept */
    size_t live;              /* blocks allocated on each side */
} W;

/* CPython's arenas, as seen by the hook. */
static struct {
    uintptr_t live[MAX_CP_ARENAS];
    size_t nlive;
    unsigned long allocs, frees, errors;
} CPA;

/* Fail the current test with the scenario and op number. */
#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "[%s, op %lu] ", W.where, W.ops);                   \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
            fail_msg("%s:%d: check failed: %s", __FILE__, __LINE__, #cond);     \
        }                                                                       \
    } while (0)

/* ====================================================================== */
/* CPython's arena hook                                                    */
/* ====================================================================== */

/* A 1 MiB-aligned arena: map 2 MiB, cut off both ends. */
static void *cp_arena_alloc(void *ctx, size_t size)
{
    (void)ctx;
    if (size != RG_ARENA_SIZE || CPA.nlive == MAX_CP_ARENAS) {
        CPA.errors++;
        return NULL;
    }
    uint8_t *m = mmap(NULL, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return NULL;
    uint8_t *a = (uint8_t *)(((uintptr_t)m + CP_ARENA_MASK) & ~CP_ARENA_MASK);
    if (a > m) munmap(m, (size_t)(a - m));
    if (m + 2 * size > a + size) munmap(a + size, (size_t)(m + 2 * size - (a + size)));
    CPA.live[CPA.nlive++] = (uintptr_t)a;
    CPA.allocs++;
    return a;
}

/* CPython gives an arena back (insert_to_freepool case 1). */
static void cp_arena_free(void *ctx, void *p, size_t size)
{
    (void)ctx;
    size_t i = 0;
    while (i < CPA.nlive && CPA.live[i] != (uintptr_t)p) i++;
    if (i == CPA.nlive || size != RG_ARENA_SIZE) {
        CPA.errors++;
        return;
    }
    CPA.live[i] = CPA.live[--CPA.nlive];
    munmap(p, size);
    CPA.frees++;
}

/* Is p in one of CPython's arenas? */
static int cp_is_small(const void *p)
{
    uintptr_t base = (uintptr_t)p & ~CP_ARENA_MASK;
    for (size_t i = 0; i < CPA.nlive; i++)
        if (CPA.live[i] == base) return 1;
    return 0;
}

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* Seed the generator. */
static void rnd_seed(uint64_t seed) { xoshiro_seed(&W.rng, seed); }

/* Next 64 random bits. */
static uint64_t rnd64(void) { return xoshiro_next(&W.rng); }

/* Uniform in [0, n). */
static size_t rnd_below(size_t n) { return xoshiro_below(&W.rng, n); }

/* Byte i of the content pattern of seed. */
static uint8_t pat(uint64_t seed, size_t i)
{
    return (uint8_t)((seed >> (8 * (i & 7))) + (i >> 3) * 0x9d);
}

/* Fill p[from, to) with the pattern of seed. */
static void fill(uint8_t *p, size_t from, size_t to, uint64_t seed)
{
    for (size_t i = from; i < to; i++) p[i] = pat(seed, i);
}

/* Check p[0, to) holds the pattern of seed (zero: holds zeros). */
static void check_fill(const uint8_t *p, size_t to, uint64_t seed, int zero, const char *who)
{
    for (size_t i = 0; i < to; i++) {
        uint8_t want = zero ? 0 : pat(seed, i);
        CHECK(p[i] == want, "%s block %p: byte %zu is 0x%02x, want 0x%02x", who, (const void *)p, i, p[i], want);
    }
}

/* Where a block is: small or not, arena index, offset in arena, class. */
typedef struct pos {
    int small;
    unsigned arena, cls;
    uintptr_t offset;
} pos;

/* CPython's view of p, read from its pool header. */
static pos cp_pos(const void *p)
{
    pos r = {0, 0, 0, 0};
    if (!cp_is_small(p)) return r;
    const uint8_t *pool = (const uint8_t *)((uintptr_t)p & ~CP_POOL_MASK);
    uint32_t idx, szidx;
    memcpy(&idx, pool + 32, sizeof idx);
    memcpy(&szidx, pool + 36, sizeof szidx);
    r.small = 1;
    r.arena = idx;
    r.cls = szidx;
    r.offset = (uintptr_t)p & CP_ARENA_MASK;
    return r;
}

/* refgc's view of p. */
static pos rg_pos(const void *p, rg_heap *heap)
{
    rg_block_info info;
    pos r = {0, 0, 0, 0};
    CHECK(rg_block_info_of(p, &info) == 0 && info.heap == heap, "rg_block_info_of(%p) failed", p);
    if (info.kind != RG_BLOCK_SMALL) return r;
    r.small = 1;
    r.arena = info.arena_index;
    r.cls = info.size_class;
    r.offset = (uintptr_t)p - info.arena_address;
    return r;
}

/* The blocks returned for one request must all be in the same place. */
static void compare_block(const entry *e, const char *what)
{
    pos c = cp_pos(e->cp);
    CHECK(c.small == (e->size >= 1 && e->size <= 512) || !strcmp(what, "realloc"),
          "%s(%zu): CPython took the wrong path", what, e->size);
    for (int k = 0; k < NRG; k++) {
        pos a = rg_pos(e->r[k], W.h[k]);
        CHECK(c.small == a.small, "%s(%zu): CPython says %s, %s says %s", what, e->size,
              c.small ? "small" : "large", rg_name[k], a.small ? "small" : "large");
        CHECK(!c.small || (c.arena == a.arena && c.offset == a.offset && c.cls == a.cls),
              "%s(%zu): CPython gave arena %u offset %#lx class %u; %s arena %u offset %#lx class %u", what,
              e->size, c.arena, (unsigned long)c.offset, c.cls, rg_name[k], a.arena, (unsigned long)a.offset,
              a.cls);
    }
}

/* Arena counts must agree after every operation. */
static void compare_arenas(void)
{
    unsigned long cur = CPA.allocs - CPA.frees;
    CHECK(CPA.errors == 0, "the arena hook saw %lu bad calls", CPA.errors);
    for (int k = 0; k < NRG; k++) {
        CHECK(cur == W.h[k]->narenas && CPA.allocs == W.h[k]->narenas_total,
              "arenas now/ever: CPython %lu/%lu, %s %zu/%zu", cur, CPA.allocs, rg_name[k], W.h[k]->narenas,
              W.h[k]->narenas_total);
    }
    CHECK(CPA.frees == W.cases[1], "CPython released %lu arenas, %lu case-1 pool frees seen", CPA.frees, W.cases[1]);
}

/* The text of a dump, cut before the arena map section. */
static char *dump_text(rg_heap *heap)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL, "open_memstream failed");
    if (heap) rg_heap_dump(heap, f);
    else _PyObject_DebugMallocStats(f);
    fclose(f);
    char *cut = strstr(buf, "\narena map counts\n");
    CHECK(cut != NULL, "no arena map section in the %s dump:\n%s", heap ? "refgc" : "CPython", buf);
    *cut = '\0';
    return buf;
}

/* Full comparison: allocated blocks, the stats text, heap invariants. */
static void sync_check(void)
{
    W.syncs++;
    compare_arenas();
    Py_ssize_t cpn = _Py_GetAllocatedBlocks();
    CHECK(cpn >= 0 && (size_t)cpn == W.live, "allocated blocks: CPython %zd, model %zu", cpn, W.live);
    char *c = dump_text(NULL);
    for (int k = 0; k < NRG; k++) {
        rg_stats st;
        rg_heap_stats(W.h[k], &st);
        CHECK(st.allocated_blocks == W.live, "allocated blocks: CPython %zd, %s %zu", cpn, rg_name[k],
              st.allocated_blocks);
        CHECK(k == 1 || st.arenas_reserved == 0, "%s has a reserve", rg_name[k]);
        char *a = dump_text(W.h[k]);
        int same = strcmp(c, a) == 0;
        if (!same) fprintf(stderr, "--- CPython\n%s\n--- %s\n%s\n", c, rg_name[k], a);
        free(a);
        CHECK(same, "_PyObject_DebugMallocStats and rg_heap_dump of %s differ", rg_name[k]);
        CHECK(rg_heap_check(W.h[k], stderr) == 0, "rg_heap_check(%s) failed", rg_name[k]);
    }
    free(c);
    W.next_sync = W.ops + SYNC_EVERY;
}

/* ====================================================================== */
/* Operations on all three                                                 */
/* ====================================================================== */

/* Which case of insert_to_freepool freeing p of heap C would hit (0:
 * none); *kept is set when the pool frees a whole arena that stays as the
 * last one.  Settles heap C first so that its arenas show CPython's state. */
static int free_case(const void *p, int *kept)
{
    rg_heap *heap = W.h[2];
    rg_heap_settle(heap);
    *kept = 0;
    uintptr_t m = rg_map_lookup((uintptr_t)p);
    if (m == 0) return 0;
    rg_arena *ao = (rg_arena *)(m & ~RG_MAP_DEBUG);
    const rg_pool *pool = rg_pool_of(ao, p);
    if (pool->count != 1 || pool->freeblock == NULL) return 0;
    uint32_t nf = ao->nfreepools;
    if (nf + 1 == ao->ntotalpools && ao->nextarena != NULL) return 1;
    if (nf == 0) return 2;
    *kept = nf + 1 == ao->ntotalpools;
    return heap->nfp2lasta[nf] == ao ? 4 : 3;
}

/* Allocate n bytes on all three into e (zeroed when zero). */
static void w_alloc_into(entry *e, size_t n, int zero)
{
    W.ops++;
    e->size = n;
    e->seed = rnd64();
    e->seq = ++W.seq;
    e->cp = zero ? PyObject_Calloc(1, n) : PyObject_Malloc(n);
    e->r[0] = zero ? rg_obj_calloc(W.h[0], n, 1) : rg_obj_malloc(W.h[0], n);
    e->r[1] = zero ? rg_calloc(W.h[1], 1, n) : rg_malloc(W.h[1], n);
    e->r[2] = zero ? rg_calloc(W.h[2], n, 1) : rg_malloc(W.h[2], n);
    CHECK(e->cp && e->r[0] && e->r[1] && e->r[2], "allocation of %zu bytes failed", n);
    W.live++;
    compare_block(e, zero ? "calloc" : "malloc");
    if (zero) check_fill(e->cp, n, 0, 1, "CPython");
    fill(e->cp, 0, n, e->seed);
    for (int k = 0; k < NRG; k++) {
        if (zero) check_fill(e->r[k], n, 0, 1, rg_name[k]);
        fill(e->r[k], 0, n, e->seed);
    }
    compare_arenas();
}

/* Free e on all three, counting the insert_to_freepool case. */
static void w_free_entry(entry *e)
{
    W.ops++;
    check_fill(e->cp, e->size, e->seed, 0, "CPython");
    for (int k = 0; k < NRG; k++) check_fill(e->r[k], e->size, e->seed, 0, rg_name[k]);
    int kept, c = free_case(e->r[2], &kept);
    W.cases[c]++;
    W.kept_empty += (unsigned long)kept;
    W.live--;
    PyObject_Free(e->cp);
    rg_obj_free(e->r[0]);
    rg_free(e->r[1]);
    if (e->seq & 1) rg_obj_free(e->r[2]);
    else rg_free(e->r[2]);
    e->cp = NULL;
    memset(e->r, 0, sizeof e->r);
    compare_arenas();
}

/* Realloc e to n bytes on all three. */
static void w_realloc_entry(entry *e, size_t n)
{
    W.ops++;
    entry old = *e;
    int was_small = cp_is_small(old.cp);
    size_t released = CPA.frees;
    e->cp = PyObject_Realloc(old.cp, n);
    e->r[0] = rg_obj_realloc(W.h[0], old.r[0], n);
    e->r[1] = rg_realloc(NULL, old.r[1], n);
    e->r[2] = rg_realloc(W.h[2], old.r[2], n);
    CHECK(e->cp && e->r[0] && e->r[1] && e->r[2], "realloc to %zu bytes failed", n);
    e->size = n;
    /* A moved small block is freed inside realloc, after the new block is
     * taken: the case cannot be seen beforehand; count arena releases. */
    W.cases[1] += CPA.frees - released;
    size_t keep = old.size < n ? old.size : n;
    check_fill(e->cp, keep, e->seed, 0, "CPython");
    fill(e->cp, keep, n, e->seed);
    for (int k = 0; k < NRG; k++) {
        CHECK(!was_small || (e->cp == old.cp) == (e->r[k] == old.r[k]), "realloc %zu -> %zu: CPython %s, %s %s",
              old.size, n, e->cp == old.cp ? "kept" : "moved", rg_name[k], e->r[k] == old.r[k] ? "kept" : "moved");
        check_fill(e->r[k], keep, e->seed, 0, rg_name[k]);
        fill(e->r[k], keep, n, e->seed);
    }
    compare_block(e, "realloc");
    compare_arenas();
}

/* Allocate into the table. */
static void w_alloc(size_t n, int zero)
{
    CHECK(W.n < MAX_ENTRIES, "table full (%zu entries, %zu arenas in heap A)", W.n, W.h[0]->narenas);
    w_alloc_into(&W.e[W.n++], n, zero);
}

/* Free table entry i (the last entry takes its place). */
static void w_free(size_t i)
{
    w_free_entry(&W.e[i]);
    W.e[i] = W.e[--W.n];
}

/* A full comparison when SYNC_EVERY operations have passed since the last. */
static void maybe_sync(void)
{
    if (W.ops >= W.next_sync) sync_check();
}

/* Free every table entry in random order and compare. */
static void w_free_all(void)
{
    while (W.n > 0) w_free(rnd_below(W.n));
    sync_check();
}

/* Start a test of the shared sequence; skip if an earlier one failed. */
static void begin(const char *where)
{
    if (W.poisoned) skip();
    W.poisoned = 1;
    W.where = where;
}

/* The test finished with the sequence in step. */
static void end(void)
{
    sync_check();
    W.poisoned = 0;
}

/* ====================================================================== */
/* Random sequences                                                        */
/* ====================================================================== */

/* A request size: 0, every class 1..512, or just above. */
static size_t rand_size(void)
{
    size_t r = rnd_below(1000);
    if (r < 15) return 0;
    if (r < 870) return 1 + rnd_below(512);
    if (r < 990) return 513 + rnd_below(88);
    return 601 + rnd_below(4000);
}

/* A new size for a block of s bytes: in its class, at the 3/4 edge, out
 * of it either way, 0, or large. */
static size_t realloc_size(size_t s)
{
    size_t r = rnd_below(100);
    if (s >= 1 && s <= 512) {
        size_t cls = ((s - 1) / 16 + 1) * 16;
        if (r < 20) return cls - rnd_below(16);
        if (r < 35) return cls * 3 / 4 + rnd_below(2);
        if (r < 55) return 1 + rnd_below(cls);
        if (r < 70) return cls + 1 + rnd_below(600 - cls);
        if (r < 78) return 0;
    } else {
        if (r < 40) return 1 + rnd_below(512);
        if (r < 50) return 0;
    }
    return rand_size();
}

/* qsort order by ascending seq. */
static int seq_up(const void *a, const void *b)
{
    uint64_t x = ((const entry *)a)->seq, y = ((const entry *)b)->seq;
    return x < y ? -1 : x > y;
}

/* qsort order by descending seq. */
static int seq_down(const void *a, const void *b)
{
    return seq_up(b, a);
}

/* One seeded sequence of about nops operations in phases. */
static void random_sequence(uint64_t seed, unsigned long nops)
{
    rnd_seed(seed);
    unsigned long stop = W.ops + nops;
    while (W.ops < stop) {
        size_t r = rnd_below(100);
        if (r < 30) {
            size_t k = 2000 + rnd_below(50000);
            for (size_t i = 0; i < k && W.n < MAX_ENTRIES && W.ops < stop; i++) {
                size_t n = rand_size(); /* one draw per statement: the order */
                w_alloc(n, rnd_below(5) == 0); /* is the same for every compiler */
                maybe_sync();
            }
        } else if (r < 55) {
            int order = (int)rnd_below(3);
            size_t keep = W.n * rnd_below(50) / 100;
            if (order == 1) qsort(W.e, W.n, sizeof *W.e, seq_down); /* FIFO */
            if (order == 2) qsort(W.e, W.n, sizeof *W.e, seq_up);   /* LIFO */
            while (W.n > keep) {
                w_free(order == 0 ? rnd_below(W.n) : W.n - 1);
                maybe_sync();
            }
        } else {
            size_t k = 2000 + rnd_below(8000);
            for (size_t i = 0; i < k && W.ops < stop; i++) {
                size_t q = rnd_below(100);
                if (W.n == 0 || q < 40) w_alloc(rand_size(), q < 8);
                else if (q < 60) {
                    size_t j = rnd_below(W.n);
                    w_realloc_entry(&W.e[j], realloc_size(W.e[j].size));
                } else w_free(rnd_below(W.n));
                maybe_sync();
            }
        }
        sync_check();
    }
    w_free_all();
}

/* ====================================================================== */
/* Tests (run in this order, on one continuous history)                    */
/* ====================================================================== */

/* Fresh CPython and fresh heaps print the same, count nothing. */
static void test_initial_state(void **state)
{
    (void)state;
    begin("initial state");
    CHECK(CPA.allocs == 0 && _Py_GetAllocatedBlocks() == 0, "CPython's pymalloc was used before the test");
    end();
}

/* Random sequences, several seeds. */
static void test_random_sequences(void **state)
{
    (void)state;
    static const uint64_t seeds[] = {1, 2, 3, 0x5eed, 20231107};
    char where[64];
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        snprintf(where, sizeof where, "random seed %llu", (unsigned long long)seeds[i]);
        begin(where);
        unsigned long before = W.ops, allocs = CPA.allocs, frees = CPA.frees;
        random_sequence(seeds[i], 80000);
        print_message("%s: %lu ops, %lu arenas allocated, %lu released, highwater %zu\n", where, W.ops - before,
                      CPA.allocs - allocs, CPA.frees - frees, W.h[0]->narenas_highwater);
        CHECK(CPA.frees > frees, "no arena was released");
        end();
    }
}

#define NA 6
#define NBLK (NA * RG_POOLS_PER_ARENA * 31) /* 512-byte blocks filling NA arenas */

/* The pool (arena ordinal * 64 + pool index) of each filled block. */
static entry *blk;
static unsigned *blk_pool;

/* Fill NA arenas with 512-byte blocks; number arenas in order of use. */
static void fill_arenas(void)
{
    unsigned ord[1 << 12];
    memset(ord, 0xff, sizeof ord);
    unsigned next = 0;
    for (size_t i = 0; i < NBLK; i++) {
        w_alloc_into(&blk[i], 512, 0);
        rg_block_info info;
        rg_block_info_of(blk[i].r[0], &info);
        CHECK(info.arena_index < (1u << 12), "arena index %u", info.arena_index);
        if (ord[info.arena_index] == 0xffffffffu) ord[info.arena_index] = next++;
        blk_pool[i] = ord[info.arena_index] * RG_POOLS_PER_ARENA + info.pool_index;
    }
    CHECK(next == NA, "%zu blocks of 512 bytes spread over %u arenas, expected %d", (size_t)NBLK, next, NA);
    sync_check();
}

/* Free the still-live blocks of pool (a, p), in random order. */
static void free_pool(unsigned a, unsigned p)
{
    unsigned want = a * RG_POOLS_PER_ARENA + p;
    size_t idx[64], k = 0;
    for (size_t i = 0; i < NBLK; i++)
        if (blk_pool[i] == want && blk[i].cp) idx[k++] = i;
    for (; k > 0; k--) {
        size_t j = rnd_below(k);
        w_free_entry(&blk[idx[j]]);
        idx[j] = idx[k - 1];
    }
    maybe_sync();
}

/* Take every free pool (512-byte blocks) until a new arena is needed: the
 * order pools come in shows the whole usable_arenas order.  Then free all. */
static void drain_and_free(void)
{
    size_t narenas = W.h[0]->narenas;
    while (W.h[0]->narenas == narenas) w_alloc(512, 0);
    sync_check();
    for (size_t i = 0; i < NBLK; i++)
        if (blk[i].cp) w_free_entry(&blk[i]);
    w_free_all();
}

/* insert_to_freepool cases 1-4 and the kept empty arena, in chosen orders. */
static void test_usable_arenas_order(void **state)
{
    (void)state;
    begin("usable_arenas order");
    blk = calloc(NBLK, sizeof *blk);
    blk_pool = calloc(NBLK, sizeof *blk_pool);
    assert_true(blk && blk_pool);
    rnd_seed(37);
    unsigned long cases0[5], kept0 = W.kept_empty, frees0 = CPA.frees;
    memcpy(cases0, W.cases, sizeof cases0);
    size_t reclaimed0 = W.h[0]->narenas_total - W.h[0]->narenas;

    /* 1. Hand-picked: case 2, 2, 3, 4; then every pool, arena after arena
     * from the last filled one down, with a pool of each other arena in
     * between -- slides (3), stays (4), releases (1), keeps the last. */
    fill_arenas();
    free_pool(0, 0);  /* case 2: [A0] */
    free_pool(1, 0);  /* case 2: [A1 A0] */
    free_pool(1, 1);  /* case 3: A1 slides past A0 */
    free_pool(1, 2);  /* case 4: A1 already rightmost with 3 */
    for (int a = NA - 1; a >= 0; a--) {
        for (unsigned p = 0; p < RG_POOLS_PER_ARENA; p++) {
            free_pool((unsigned)a, p);
            if (p % 16 == 15) free_pool((unsigned)((a + 1) % NA), (unsigned)(63 - p / 16));
        }
        sync_check();
    }
    drain_and_free();

    /* 2. Round robin over the arenas: they climb together. */
    fill_arenas();
    for (unsigned p = 0; p < RG_POOLS_PER_ARENA; p++)
        for (unsigned a = 0; a < NA; a++) free_pool(a, (p * 7 + a) % RG_POOLS_PER_ARENA);
    drain_and_free();

    /* 3. Random pools, with small allocations of random classes in between
     * (they take pools from the head of usable_arenas). */
    fill_arenas();
    unsigned order[NA * RG_POOLS_PER_ARENA];
    for (unsigned i = 0; i < NA * RG_POOLS_PER_ARENA; i++) order[i] = i;
    for (unsigned i = NA * RG_POOLS_PER_ARENA - 1; i > 0; i--) {
        unsigned j = (unsigned)rnd_below(i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (unsigned i = 0; i < NA * RG_POOLS_PER_ARENA * 3 / 4; i++) {
        free_pool(order[i] / RG_POOLS_PER_ARENA, order[i] % RG_POOLS_PER_ARENA);
        if (i % 10 == 9)
            for (int k = 0; k < 40; k++) w_alloc(1 + rnd_below(496), 0);
    }
    sync_check();
    drain_and_free();

    /* 4. Half of all blocks at random (partly used pools), then arenas in
     * reverse order of use. */
    fill_arenas();
    for (size_t i = 0; i < NBLK; i++)
        if (rnd_below(2)) w_free_entry(&blk[i]);
    sync_check();
    for (int a = NA - 1; a >= 0; a--)
        for (unsigned p = 0; p < RG_POOLS_PER_ARENA; p++) free_pool((unsigned)a, p);
    drain_and_free();

    unsigned long d[5];
    for (int c = 1; c <= 4; c++) d[c] = W.cases[c] - cases0[c];
    print_message("usable_arenas: case 1 %lu, case 2 %lu, case 3 %lu, case 4 %lu, kept empty %lu, "
                  "CPython released %lu arenas\n",
                  d[1], d[2], d[3], d[4], W.kept_empty - kept0, CPA.frees - frees0);
    CHECK(d[1] > 0 && d[2] > 0 && d[3] > 0 && d[4] > 0 && W.kept_empty > kept0, "a case did not happen");
    CHECK(CPA.frees - frees0 == d[1] && W.h[0]->narenas_total - W.h[0]->narenas - reclaimed0 == d[1],
          "arena releases: CPython %lu, heap A %zu, case-1 frees %lu", CPA.frees - frees0,
          W.h[0]->narenas_total - W.h[0]->narenas - reclaimed0, d[1]);
    free(blk);
    free(blk_pool);
    end();
}

/* Arena index of table entry i (heap A's view, checked equal to CPython's). */
static unsigned entry_arena(size_t i)
{
    rg_block_info info;
    CHECK(rg_block_info_of(W.e[i].r[0], &info) == 0, "rg_block_info_of failed");
    return info.arena_index;
}

/* More than 32 arenas: the arena table grows twice, freed slots are reused
 * last-freed first, scattered over the table. */
static void test_many_arenas(void **state)
{
    (void)state;
    begin("many arenas");
    rnd_seed(4242);
    while (W.h[0]->narenas < 40) {
        size_t n = 400 + rnd_below(113);
        w_alloc(n, rnd_below(8) == 0);
        maybe_sync();
    }
    unsigned char doomed[1 << 12];
    for (size_t a = 0; a < sizeof doomed; a++) doomed[a] = rnd_below(10) < 6;
    for (size_t i = W.n; i-- > 0;) { /* the entry moved into i was kept */
        if (doomed[entry_arena(i) % sizeof doomed]) w_free(i);
        maybe_sync();
    }
    sync_check();
    unsigned max_index = 0;
    while (W.h[0]->narenas < 45) {
        w_alloc(1 + rnd_below(512), 0);
        unsigned a = entry_arena(W.n - 1);
        if (a > max_index) max_index = a;
        maybe_sync();
    }
    CHECK(W.h[0]->nslots >= 64 && max_index >= 32, "the arena table did not grow: %u slots, top index %u",
          W.h[0]->nslots, max_index);
    qsort(W.e, W.n, sizeof *W.e, seq_down); /* FIFO */
    while (W.n > 0) {
        w_free(W.n - 1);
        maybe_sync();
    }
    end();
}

/* Realloc at every class edge: stay, the 3/4 rule, grow, to 0 and large. */
static void test_realloc_rules(void **state)
{
    (void)state;
    begin("realloc rules");
    rnd_seed(99);
    for (int round = 0; round < 4; round++) {
        for (size_t s = 1; s <= 512; s += (round & 1) ? 1 : 15) {
            size_t cls = ((s - 1) / 16 + 1) * 16;
            size_t targets[] = {s, cls, cls - 15, cls * 3 / 4, cls * 3 / 4 + 1, cls + 1, 0, 513, 600, s};
            for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
                w_alloc(s, t & 1);
                w_realloc_entry(&W.e[W.n - 1], targets[t]);
                if (rnd_below(3) == 0) w_free(rnd_below(W.n));
            }
        }
        /* Large blocks shrunk to small sizes stay large; then grown. */
        for (size_t i = 0; i < W.n; i++)
            if (!cp_is_small(W.e[i].cp)) w_realloc_entry(&W.e[i], rnd_below(600));
        sync_check();
        for (size_t i = 0; i < W.n; i++) w_realloc_entry(&W.e[i], realloc_size(W.e[i].size));
        sync_check();
    }
    w_free_all();
    end();
}

/* At the end both sides are empty but for the arena CPython keeps. */
static void test_final_state(void **state)
{
    (void)state;
    begin("final state");
    CHECK(W.n == 0 && W.live == 0 && _Py_GetAllocatedBlocks() == 0, "blocks left");
    CHECK(CPA.allocs - CPA.frees <= 1, "CPython holds %lu arenas with nothing allocated", CPA.allocs - CPA.frees);
    print_message("%lu operations, %lu full comparisons, %lu arenas allocated, %lu released\n", W.ops, W.syncs,
                  CPA.allocs, CPA.frees);
    end();
}

/* Install the arena hook before anything can touch pymalloc; make heaps. */
static int setup(void **state)
{
    (void)state;
    PyObjectArenaAllocator hook = {NULL, cp_arena_alloc, cp_arena_free};
    PyObject_SetArenaAllocator(&hook);
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    W.h[1] = rg_heap_new(&cfg);
    cfg.arena_reserve = 0;
    W.h[0] = rg_heap_new(&cfg);
    W.h[2] = rg_heap_new(&cfg);
    W.e = calloc(MAX_ENTRIES, sizeof *W.e);
    W.where = "setup";
    return W.h[0] && W.h[1] && W.h[2] && W.e ? 0 : -1;
}

/* Free what is left (after a failure) and delete the heaps. */
static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < W.n && !W.poisoned; i++) {
        PyObject_Free(W.e[i].cp);
        for (int k = 0; k < NRG; k++) rg_free(W.e[i].r[k]);
    }
    free(W.e);
    for (int k = 0; k < NRG; k++) rg_heap_delete(W.h[k]);
    return 0;
}

/* Run the tests in order, on one shared history. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initial_state),
        cmocka_unit_test(test_random_sequences),
        cmocka_unit_test(test_usable_arenas_order),
        cmocka_unit_test(test_many_arenas),
        cmocka_unit_test(test_realloc_rules),
        cmocka_unit_test(test_final_state),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
