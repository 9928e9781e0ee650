/*
 * vg_cases.c -- proof that memcheck sees inside refgc's pools (issue 6 §1).
 *
 *     vg_cases SCENARIO        (run under valgrind by tools/run-valgrind)
 *
 * Owns: one scenario per misuse that memcheck MUST report once the
 * allocator tells it about its blocks (src/os/valgrind.h) -- a write or a
 * read after free inside a pool, a branch on uninitialised rg_malloc
 * memory (fresh or reused), an overrun into a free neighbour in the same
 * pool, a double free, the same in a debug heap, a stale pointer after a
 * realloc that moved, a read of a block whose page rg_trim gave back, an
 * overrun into a mapped block's page slack, a read of a float or a tuple
 * parked on its type's free list (still an allocated block: the object
 * layer makes it NOACCESS, src/object/object.c) -- and "clean", a workout of
 * every path (classes, calloc, realloc in place and moving, large and
 * mapped blocks, mremap, trim and reuse, debug heap, rg_heap_check, delete
 * with live blocks, objects through their free lists and a collection
 * emptying them) that must produce zero reports.
 *
 * Each misuse is done in a function named case_<scenario> so that the
 * runner can check memcheck's stack names it (the report is about the
 * planted access, not about the allocator).  Outside valgrind the misuse
 * scenarios do undefined things: run them only under valgrind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refgc.h"

/* Keep the compiler from removing an access or folding a branch. */
static volatile uint8_t sink;

/* Stop with a message (a scenario that cannot be set up). */
static void die(const char *what)
{
    fprintf(stderr, "vg_cases: %s\n", what);
    exit(2);
}

static rg_heap *heap_new(unsigned flags)
{
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    cfg.flags = flags;
    rg_heap *h = rg_heap_new(&cfg);
    if (h == NULL) die("rg_heap_new failed");
    return h;
}

static void *must(void *p)
{
    if (p == NULL) die("allocation failed");
    return p;
}

/* ====================================================================== */
/* Misuses memcheck must report                                            */
/* ====================================================================== */

static void case_uaf_write(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 32));
    memset(p, 1, 32);
    rg_free(p);
    ((volatile uint8_t *)p)[20] = 7; /* write after free */
}

static void case_uaf_read(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 48));
    memset(p, 1, 48);
    rg_free(p);
    sink = ((volatile uint8_t *)p)[40]; /* read after free */
}

static void case_uninit(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 64));
    if (p[3] == 7) puts("seven"); /* branch on uninitialised memory */
    rg_free(p);
}

static void case_uninit_reused(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 64));
    memset(p, 7, 64);
    rg_free(p);
    uint8_t *q = must(rg_malloc(h, 64)); /* the same block back (LIFO) */
    if (q != p) die("the block did not come back");
    if (q[3] == 7) puts("stale seven"); /* its old bytes are not a value */
    rg_free(q);
}

static void case_overflow(rg_heap *h)
{
    uint8_t *a = must(rg_malloc(h, 32));
    uint8_t *b = must(rg_malloc(h, 32));
    if (b != a + 32) die("the two blocks are not neighbours");
    rg_free(b);
    ((volatile uint8_t *)a)[32] = 1; /* one past a: into free b */
    rg_free(a);
}

static void case_double_free(rg_heap *h)
{
    void *p = must(rg_malloc(h, 24));
    void *keep = must(rg_malloc(h, 24)); /* the pool stays in use */
    rg_free(p);
    rg_free(p); /* double free */
    (void)keep;
    exit(0); /* the heap is corrupt now: no teardown */
}

static void case_realloc_stale(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 32));
    memset(p, 3, 32);
    uint8_t *q = must(rg_realloc(h, p, 300)); /* another class: moves */
    if (q == p) die("realloc did not move");
    sink = ((volatile uint8_t *)p)[0]; /* the old block is gone */
    rg_free(q);
}

static void case_trimmed_read(rg_heap *h)
{
    enum { N = 2000 };
    static uint8_t *p[N];
    for (int i = 0; i < N; i++) p[i] = must(rg_malloc(h, 64));
    for (int i = 1; i < N; i++) rg_free(p[i]);
    if (rg_trim(h) == 0) die("rg_trim released nothing");
    sink = ((volatile uint8_t *)p[N / 2])[8]; /* freed, its page given back */
    rg_free(p[0]);
}

static void case_mapped_overflow(rg_heap *h)
{
    size_t n = 300000; /* over the mmap threshold; the last page has slack */
    uint8_t *p = must(rg_malloc(h, n));
    rg_block_info info;
    if (rg_block_info_of(p, &info) != 0 || info.kind != RG_BLOCK_MAPPED) die("not mapped");
    ((volatile uint8_t *)p)[n + 5] = 1; /* past the end, inside the mapping */
    rg_free(p);
}

static void case_large_uaf(rg_heap *h)
{
    uint8_t *p = must(rg_malloc(h, 2000)); /* the C library's malloc */
    memset(p, 1, 2000);
    rg_free(p);
    sink = ((volatile uint8_t *)p)[100];
}

static void case_debug_uaf(rg_heap *h)
{
    (void)h;
    rg_heap *d = heap_new(RG_HEAP_DEBUG);
    uint8_t *p = must(rg_malloc(d, 40));
    memset(p, 1, 40);
    rg_free(p); /* quarantined, filled with DEADBYTE */
    sink = ((volatile uint8_t *)p)[4];
    rg_heap_delete(d);
}

static void case_debug_uninit(rg_heap *h)
{
    (void)h;
    rg_heap *d = heap_new(RG_HEAP_DEBUG);
    uint8_t *p = must(rg_malloc(d, 40)); /* CLEANBYTE fill, not a value */
    if (p[5] == 0xCD) puts("clean byte");
    rg_free(p);
    rg_heap_delete(d);
}

/* Objects with free lists, as CPython's float and tuple. */
typedef struct vg_float {
    RG_OBJECT_HEAD;
    double value;
} vg_float;

typedef struct vg_tuple {
    RG_VAROBJECT_HEAD;
    rg_object *items[];
} vg_tuple;

static const rg_type VG_FLOAT = {.name = "float", .size = sizeof(vg_float), .freelist_capacity = 4};
static const rg_type VG_TUPLE = {.name = "tuple", .size = sizeof(vg_tuple),
                                 .item_size = sizeof(rg_object *),
                                 .flags = RG_TYPE_GC | RG_TYPE_REF_ITEMS,
                                 .freelist_capacity = 4, .freelist_max_items = 3};

static void case_freelist_float(rg_heap *h)
{
    vg_float *f = (vg_float *)must(rg_new(h, &VG_FLOAT));
    f->value = 1.5;
    rg_decref(&f->ob_base); /* parked on the float free list */
    if (rg_freelist_count(h, &VG_FLOAT, 0) != 1) die("float not parked");
    sink = (uint8_t)((volatile vg_float *)f)->value;
}

static void case_freelist_tuple(rg_heap *h)
{
    vg_tuple *t = (vg_tuple *)must(rg_new_var(h, &VG_TUPLE, 2));
    rg_decref(&t->ob_var.ob_base); /* parked on the free list of 2-tuples */
    if (rg_freelist_count(h, &VG_TUPLE, 2) != 1) die("tuple not parked");
    sink = ((volatile vg_tuple *)t)->items[1] != NULL;
}

/* ====================================================================== */
/* The control: every path, no report                                      */
/* ====================================================================== */

/* Sum of n bytes (each one read, so memcheck checks them). */
static unsigned sum(const uint8_t *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) s += p[i];
    return s;
}

static void expect(int cond, const char *what)
{
    if (!cond) die(what);
}

static void workout(rg_heap *h, int debug)
{
    enum { N = 3000 };
    static uint8_t *p[N];
    /* Every class, contents written then read. */
    for (int i = 0; i < N; i++) {
        size_t n = 1 + (size_t)(i * 37) % 512;
        p[i] = must(rg_malloc(h, n));
        memset(p[i], i & 0xff, n);
    }
    for (int i = 0; i < N; i += 2) rg_free(p[i]);
    for (int i = 1; i < N; i += 2) {
        size_t n = 1 + (size_t)(i * 37) % 512;
        expect(sum(p[i], n) == (unsigned)(i & 0xff) * n, "contents");
    }
    /* Trim with free blocks everywhere, then reuse the parked ones. */
    rg_trim(h);
    for (int i = 0; i < N; i += 2) {
        size_t n = 1 + (size_t)(i * 37) % 512;
        p[i] = must(rg_calloc(h, 1, n));
        expect(sum(p[i], n) == 0, "calloc zeroes");
    }
    /* realloc in place (same class) and moving, contents kept. */
    uint8_t *r = must(rg_malloc(h, 100));
    memset(r, 5, 100);
    uint8_t *r2 = must(rg_realloc(h, r, 110));
    expect(debug || r2 == r, "realloc in place"); /* a debug heap always moves */
    memset(r2 + 100, 5, 10);
    r = must(rg_realloc(h, r2, 400));
    expect(sum(r, 110) == 550, "realloc keeps contents");
    r = must(rg_realloc(h, r, 5000)); /* to the C library's malloc */
    expect(sum(r, 110) == 550, "realloc to large keeps contents");
    memset(r, 5, 5000);
    r = must(rg_realloc(h, r, 400000)); /* across the mmap threshold */
    expect(sum(r, 5000) == 25000, "realloc to mapped keeps contents");
    memset(r, 1, 400000);
    r = must(rg_realloc(h, r, 900000)); /* mremap, grows */
    expect(sum(r, 400000) == 400000, "mremap keeps contents");
    r = must(rg_realloc(h, r, 200000)); /* mremap, shrinks */
    expect(sum(r, 200000) == 200000, "shrink keeps contents");
    uint8_t *z = must(rg_calloc(h, 1, 300000)); /* mapped, zeroed */
    expect(sum(z, 300000) == 0, "mapped calloc zeroes");
    rg_free(z);
    rg_free(r);
    expect(rg_heap_check(h, stderr) == 0, "rg_heap_check");
    /* Half the blocks are left live: rg_heap_delete frees them. */
    for (int i = 0; i < N; i += 4) rg_free(p[i]);
    expect(rg_heap_check(h, stderr) == 0, "rg_heap_check after frees");
}

/* Objects parked, reused (zeroed again), checked on their lists by
 * rg_heap_check, and released by a full collection. */
static void objects_workout(rg_heap *h)
{
    rg_object *o[8];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 8; i++) {
            o[i] = i % 2 ? must(rg_new_var(h, &VG_TUPLE, 1 + (size_t)i % 3)) : must(rg_new(h, &VG_FLOAT));
            if (i % 2 == 0) {
                expect(((vg_float *)o[i])->value == 0.0, "float zeroed");
                ((vg_float *)o[i])->value = i;
            } else {
                vg_tuple *t = (vg_tuple *)o[i];
                expect(t->ob_var.size == 1 + i % 3 && t->items[0] == NULL, "tuple zeroed");
            }
        }
        for (int i = 1; i < 8; i += 2) ((vg_tuple *)o[i])->items[0] = o[i - 1];
        for (int i = 0; i < 8; i++) rg_decref(o[i]);
        expect(rg_heap_check(h, stderr) == 0, "rg_heap_check with parked objects");
    }
    rg_collect(h, 2); /* empties the free lists */
    expect(rg_freelist_count(h, &VG_FLOAT, 0) == 0, "free lists emptied");
}

static void case_clean(rg_heap *h)
{
    objects_workout(h);
    workout(h, 0);
    rg_heap *d = heap_new(RG_HEAP_DEBUG);
    workout(d, 1);
    rg_trim(d); /* empties the quarantine: each block's dead fill checked */
    expect(rg_heap_check(d, stderr) == 0, "debug rg_heap_check");
    rg_heap_delete(d);
}

/* ====================================================================== */
/* Dispatch                                                                */
/* ====================================================================== */

typedef struct scenario {
    const char *name;
    void (*run)(rg_heap *h);
} scenario;

static const scenario scenarios[] = {
    {"clean", case_clean},
    {"uaf_write", case_uaf_write},
    {"uaf_read", case_uaf_read},
    {"uninit", case_uninit},
    {"uninit_reused", case_uninit_reused},
    {"overflow", case_overflow},
    {"double_free", case_double_free},
    {"realloc_stale", case_realloc_stale},
    {"trimmed_read", case_trimmed_read},
    {"mapped_overflow", case_mapped_overflow},
    {"large_uaf", case_large_uaf},
    {"debug_uaf", case_debug_uaf},
    {"debug_uninit", case_debug_uninit},
    {"freelist_float", case_freelist_float},
    {"freelist_tuple", case_freelist_tuple},
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: vg_cases SCENARIO\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
        if (strcmp(argv[1], scenarios[i].name) != 0) continue;
        rg_heap *h = heap_new(0);
        scenarios[i].run(h);
        rg_heap_delete(h);
        return 0;
    }
    fprintf(stderr, "vg_cases: no scenario %s\n", argv[1]);
    return 2;
}
