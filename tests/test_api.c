/*
 * test_api.c -- the public API of librefgc's allocator, call by call.
 *
 * Heaps and configs, malloc/calloc/realloc/free semantics (CPython's: the
 * 0-byte request, the realloc shrink rule, a large block staying large),
 * alignment and usable sizes, several heaps side by side and from several
 * threads, what rg_heap_delete gives back, the statistics, and the report in
 * CPython's sys._debugmallocstats() format compared with text CPython 3.11.7
 * printed for the same requests.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "os/os.h"
#include "support/heapcheck.h"

/* ====================================================================== */
/* Heaps                                                                   */
/* ====================================================================== */

/* Defaults are the documented ones; NULL config means them. */
static void test_config_defaults(void **state)
{
    (void)state;
    rg_heap_config c;
    memset(&c, 0xff, sizeof c);
    rg_heap_config_init(&c);
    assert_int_equal(c.flags, 0);
    assert_int_equal(c.arena_reserve, RG_DEFAULT_ARENA_RESERVE);
    assert_int_equal(c.mmap_threshold, RG_DEFAULT_MMAP_THRESHOLD);
    assert_int_equal(c.debug_quarantine, RG_DEFAULT_DEBUG_QUARANTINE);
    rg_heap *h = rg_heap_new(NULL);
    assert_non_null(h);
    assert_int_equal(h->config.arena_reserve, RG_DEFAULT_ARENA_RESERVE);
    heap_done(h);
    rg_heap_delete(NULL); /* no-op */
    assert_string_equal(rg_version(), RG_VERSION_STRING);
}

/* Unknown flags are refused with EINVAL. */
static void test_config_invalid(void **state)
{
    (void)state;
    rg_heap_config c;
    rg_heap_config_init(&c);
    c.flags = 0x80;
    errno = 0;
    assert_null(rg_heap_new(&c));
    assert_int_equal(errno, EINVAL);
}

/* ====================================================================== */
/* malloc, calloc, free                                                    */
/* ====================================================================== */

/* Every small size: 16-byte aligned, usable size = its class, writable. */
static void test_small_sizes(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    for (size_t n = 1; n <= 512; n++) {
        unsigned char *p = rg_malloc(h, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_int_equal(rg_usable_size(p), ((n - 1) / 16 + 1) * 16);
        rg_block_info info;
        assert_int_equal(rg_block_info_of(p, &info), 0);
        assert_int_equal(info.kind, RG_BLOCK_SMALL);
        assert_int_equal(info.size_class, (n - 1) >> 4);
        assert_ptr_equal(info.heap, h);
        memset(p, (int)n, rg_usable_size(p));
        rg_free(p);
    }
    heap_done(h);
}

/* 0 bytes: a valid, unique block on the large path (CPython: malloc(1)). */
static void test_zero_bytes(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *a = rg_malloc(h, 0), *b = rg_malloc(h, 0), *c = rg_calloc(h, 0, 8);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_ptr_not_equal(a, b);
    assert_int_equal((uintptr_t)a % 16, 0);
    rg_block_info info;
    rg_block_info_of(a, &info);
    assert_int_equal(info.kind, RG_BLOCK_LARGE);
    assert_int_equal(info.size, 0);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.large_blocks, 3);
    assert_int_equal(s.allocated_blocks, 3);
    rg_free(a);
    rg_free(b);
    rg_obj_free(c);
    rg_free(NULL);
    rg_obj_free(NULL);
    rg_heap_stats(h, &s);
    assert_int_equal(s.allocated_blocks, 0);
    heap_done(h);
}

/* calloc zeroes small, malloc'd and mapped blocks, even reused ones. */
static void test_calloc_zeroes(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 40, 512, 513, 5000, 200000};
    rg_heap *h = rg_heap_new(NULL);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        unsigned char *p = rg_malloc(h, n);
        memset(p, 0xab, n);
        rg_free(p);
        unsigned char *q = rg_calloc(h, n, 1);
        assert_non_null(q);
        if (n <= 512) assert_ptr_equal(p, q); /* LIFO: the block just freed */
        for (size_t k = 0; k < n; k++) assert_int_equal(q[k], 0);
        unsigned char *r = rg_obj_calloc(h, 4, n / 4 + 1);
        for (size_t k = 0; k < 4 * (n / 4 + 1); k++) assert_int_equal(r[k], 0);
        rg_free(q);
        rg_obj_free(r);
    }
    heap_done(h);
}

/* ====================================================================== */
/* realloc                                                                 */
/* ====================================================================== */

/* pymalloc_realloc: same block while the size stays in the class and
 * shrinks by less than a quarter; otherwise moved with its data. */
static void test_realloc_small_rule(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    unsigned char *p = rg_malloc(h, 100); /* class 6: 112 bytes */
    for (int i = 0; i < 100; i++) p[i] = (unsigned char)i;
    assert_ptr_equal(rg_realloc(h, p, 112), p);
    assert_ptr_equal(rg_realloc(h, p, 85), p); /* 4*85 = 340 > 336 */
    unsigned char *q = rg_realloc(h, p, 84);   /* 4*84 = 336: moves */
    assert_ptr_not_equal(q, p);
    assert_int_equal(rg_usable_size(q), 96);
    for (int i = 0; i < 84; i++) assert_int_equal(q[i], i);
    unsigned char *r = rg_realloc(h, q, 113); /* grows out of class 5 */
    assert_ptr_not_equal(r, q);
    for (int i = 0; i < 84; i++) assert_int_equal(r[i], i);
    unsigned char *big = rg_realloc(h, r, 1000); /* to the large path */
    rg_block_info info;
    rg_block_info_of(big, &info);
    assert_int_equal(info.kind, RG_BLOCK_LARGE);
    for (int i = 0; i < 84; i++) assert_int_equal(big[i], i);
    /* A large block stays large even when shrunk: CPython never adopts. */
    unsigned char *small = rg_realloc(h, big, 10);
    rg_block_info_of(small, &info);
    assert_int_equal(info.kind, RG_BLOCK_LARGE);
    assert_int_equal(info.size, 10);
    for (int i = 0; i < 10; i++) assert_int_equal(small[i], i);
    /* size 0 keeps a valid block. */
    void *z = rg_realloc(h, small, 0);
    assert_non_null(z);
    rg_free(z);
    /* A small block reallocated to 0 goes to the large path (malloc(1)). */
    void *s = rg_malloc(h, 8);
    void *s0 = rg_realloc(h, s, 0);
    assert_non_null(s0);
    rg_block_info_of(s0, &info);
    assert_int_equal(info.kind, RG_BLOCK_LARGE);
    rg_free(s0);
    /* NULL: malloc.  Heap may be NULL when p is not. */
    void *n = rg_realloc(h, NULL, 30);
    assert_non_null(n);
    assert_ptr_equal(rg_realloc(NULL, n, 31), n);
    rg_obj_free(rg_obj_realloc(NULL, n, 600));
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_stats st;
    rg_heap_stats(h, &st);
    assert_int_equal(st.allocated_blocks, 0);
    heap_done(h);
}

/* ====================================================================== */
/* Several heaps                                                           */
/* ====================================================================== */

/* Heaps share no arena, pool or counter; rg_free finds the right one. */
static void test_heaps_independent(void **state)
{
    (void)state;
    rg_heap *a = rg_heap_new(NULL), *b = rg_heap_new(NULL);
    void *pa[100], *pb[100];
    for (int i = 0; i < 100; i++) {
        pa[i] = rg_malloc(a, 24);
        pb[i] = rg_malloc(b, 24);
        assert_ptr_equal(rg_heap_of(pa[i]), a);
        assert_ptr_equal(rg_heap_of(pb[i]), b);
    }
    rg_block_info ia, ib;
    rg_block_info_of(pa[0], &ia);
    rg_block_info_of(pb[0], &ib);
    assert_true(ia.arena_address != ib.arena_address);
    assert_int_equal(ia.arena_index, 0); /* each heap numbers its arenas */
    assert_int_equal(ib.arena_index, 0);
    for (int i = 0; i < 100; i += 2) rg_free(pa[i]);
    rg_stats sa, sb;
    rg_heap_stats(a, &sa);
    rg_heap_stats(b, &sb);
    assert_int_equal(sa.small_blocks, 50);
    assert_int_equal(sb.small_blocks, 100);
    /* b's next block is not one a freed. */
    void *q = rg_malloc(b, 24);
    assert_ptr_equal(rg_heap_of(q), b);
    rg_free(q);
    heap_done(a); /* b is untouched */
    for (int i = 0; i < 100; i++) memset(pb[i], 1, 24);
    heap_done(b);
}

typedef struct worker {
    unsigned seed;
    size_t errors;
} worker;

/* One thread, one heap: a churn of checked blocks. */
static void *worker_main(void *arg)
{
    worker *w = arg;
    rg_heap *h = rg_heap_new(NULL);
    enum { N = 4096 };
    static __thread unsigned char *live[N];
    static __thread size_t sizes[N];
    unsigned x = w->seed;
    for (int round = 0; round < 200000; round++) {
        x = x * 1103515245u + 12345u;
        unsigned k = (x >> 8) % N;
        if (live[k]) {
            for (size_t i = 0; i < sizes[k]; i++)
                if (live[k][i] != (unsigned char)(k ^ w->seed)) w->errors++;
            rg_free(live[k]);
            live[k] = NULL;
        } else {
            sizes[k] = 1 + (x >> 16) % 700;
            live[k] = rg_malloc(h, sizes[k]);
            memset(live[k], (unsigned char)(k ^ w->seed), sizes[k]);
        }
    }
    for (int k = 0; k < N; k++) rg_free(live[k]);
    w->errors += rg_heap_check(h, stderr);
    rg_heap_delete(h); /* a thread: checked above, counted in w->errors */
    return NULL;
}

/* Heaps used by different threads at the same time stay correct (the
 * process-wide arena map is the only shared structure). */
static void test_heaps_in_threads(void **state)
{
    (void)state;
    enum { T = 4 };
    pthread_t t[T];
    worker w[T];
    for (int i = 0; i < T; i++) {
        w[i] = (worker){.seed = 17u + (unsigned)i * 31u, .errors = 0};
        assert_int_equal(pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].errors, 0);
    }
}

/* rg_heap_delete unmaps arenas, the reserve and mapped blocks. */
static void test_delete_returns_memory(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    static void *blocks[40000];
    for (int i = 0; i < 40000; i++) blocks[i] = rg_malloc(h, 64); /* 3 arenas */
    rg_block_info first, last;
    rg_block_info_of(blocks[0], &first);
    rg_block_info_of(blocks[39999], &last);
    for (int i = 0; i < 40000; i++) rg_free(blocks[i]); /* 2 go to the reserve */
    for (int i = 0; i < 1000; i++) blocks[i] = rg_malloc(h, 64); /* the kept arena */
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas, 1);
    assert_int_equal(s.arenas_reserved, 2);
    void *mapped = rg_malloc(h, 1 << 20);
    void *malloced = rg_malloc(h, 4000);
    assert_non_null(malloced);
    assert_true(rg_os_is_mapped((void *)first.arena_address, RG_ARENA_SIZE));
    assert_true(rg_os_is_mapped((void *)last.arena_address, RG_ARENA_SIZE));
    heap_done(h);
    assert_false(rg_os_is_mapped((void *)first.arena_address, RG_ARENA_SIZE));
    assert_false(rg_os_is_mapped((void *)last.arena_address, RG_ARENA_SIZE));
    assert_false(rg_os_is_mapped((char *)mapped - 64, 4096));
}

/* ====================================================================== */
/* Statistics and the report                                               */
/* ====================================================================== */

/* Counters after a known set of requests. */
static void test_stats_counts(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas, 0);
    assert_int_equal(s.bytes_mapped, 0);
    void *p[1100];
    for (int i = 0; i < 1100; i++) p[i] = rg_malloc(h, 10);
    void *big = rg_malloc(h, 1000);
    rg_heap_stats(h, &s);
    assert_int_equal(s.arenas, 1);
    assert_int_equal(s.classes[0].pools, 2); /* 1021 + 79 */
    assert_int_equal(s.classes[0].blocks_in_use, 1100);
    assert_int_equal(s.classes[0].blocks_available, 2 * 1021 - 1100);
    assert_int_equal(s.pools_full, 1);
    assert_int_equal(s.pools_used, 1);
    assert_int_equal(s.pools_unused, 62);
    assert_int_equal(s.small_blocks, 1100);
    assert_int_equal(s.small_bytes, 1100 * 16);
    assert_int_equal(s.large_blocks, 1);
    assert_int_equal(s.large_bytes, 1000);
    assert_int_equal(s.allocated_blocks, 1101);
    assert_int_equal(s.bytes_in_use, 1100 * 16 + 1000);
    assert_int_equal(s.bytes_mapped, RG_ARENA_SIZE + rg_arena_prefix());
    /* Carving wrote a link into every page of pool 0 and the start of pool 1. */
    assert_true(s.bytes_resident >= RG_POOL_SIZE + 4096 && s.bytes_resident <= s.bytes_mapped);
    for (int i = 0; i < 1021; i++) rg_free(p[i]); /* the first pool empties */
    rg_heap_stats(h, &s);
    assert_int_equal(s.pools_empty, 1);
    assert_int_equal(s.classes[0].pools, 1);
    for (int i = 1021; i < 1100; i++) rg_free(p[i]);
    rg_free(big);
    rg_heap_stats(h, &s);
    assert_int_equal(s.allocated_blocks, 0);
    assert_int_equal(s.arenas, 1); /* the last arena is kept */
    assert_int_equal(s.arenas_allocated_total, 1);
    heap_done(h);
}

/* What CPython 3.11.7 printed for PyObject_Malloc(1), PyObject_Malloc(1),
 * PyObject_Malloc(17) on a fresh interpreter state with 1 MiB-aligned
 * arenas (_PyObject_DebugMallocStats), up to the arena map section. */
static const char cpython_report[] =
    "Small block threshold = 512, in 32 size classes.\n"
    "\n"
    "class   size   num pools   blocks in use  avail blocks\n"
    "-----   ----   ---------   -------------  ------------\n"
    "    0     16           1               2          1019\n"
    "    1     32           1               1           509\n"
    "\n"
    "# arenas allocated total           =                    1\n"
    "# arenas reclaimed                 =                    0\n"
    "# arenas highwater mark            =                    1\n"
    "# arenas allocated current         =                    1\n"
    "1 arenas * 1048576 bytes/arena     =            1,048,576\n"
    "\n"
    "# bytes in allocated blocks        =                   64\n"
    "# bytes in available blocks        =               32,592\n"
    "62 unused pools * 16384 bytes      =            1,015,808\n"
    "# bytes lost to pool headers       =                   96\n"
    "# bytes lost to quantization       =                   16\n"
    "# bytes lost to arena alignment    =                    0\n"
    "Total                              =            1,048,576\n"
    "\n"
    "arena map counts\n";

/* rg_heap_dump prints CPython's report for the same requests. */
static void test_dump_matches_cpython(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *a = rg_malloc(h, 1), *b = rg_malloc(h, 1), *c = rg_malloc(h, 17);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rg_heap_dump(h, f);
    fclose(f);
    assert_true(len > sizeof cpython_report);
    assert_memory_equal(text, cpython_report, sizeof cpython_report - 1);
    assert_non_null(strstr(text, "# arenas in reserve"));
    free(text);
    rg_free(a);
    rg_free(b);
    rg_free(c);
    heap_done(h);
}

/* Thousands separators and the label column, for big numbers. */
static void test_dump_number_format(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    enum { N = 70000 };
    void **p = malloc(N * sizeof *p);
    for (int i = 0; i < N; i++) p[i] = rg_malloc(h, 512);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    rg_heap_dump(h, f);
    fclose(f);
    /* 70000 blocks of 512 in 2259 pools of 31 -> 36 arenas. */
    assert_non_null(strstr(text, "   31    512        2259           70000            29\n"));
    assert_non_null(strstr(text, "36 arenas * 1048576 bytes/arena    =           37,748,736\n"));
    assert_non_null(strstr(text, "# bytes in allocated blocks        =           35,840,000\n"));
    free(text);
    for (int i = 0; i < N; i++) rg_free(p[i]);
    free(p);
    heap_done(h);
}

/* rg_heap_check finds a corrupted structure (so it can fail). */
static void test_check_detects_corruption(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *p = rg_malloc(h, 32), *q = rg_malloc(h, 32);
    assert_int_equal(rg_heap_check(h, NULL), 0);
    rg_arena *arena = RG_MAP_ARENA(rg_map_lookup((uintptr_t)p)); /* tagged under valgrind */
    rg_pool *pool = rg_pool_of(arena, p);
    pool->count++; /* a lie */
    assert_true(rg_heap_check(h, NULL) > 0);
    pool->count--;
    uint8_t *saved = pool->freeblock;
    pool->freeblock = (uint8_t *)q + 8; /* not a block boundary */
    assert_true(rg_heap_check(h, NULL) > 0);
    pool->freeblock = saved;
    h->nfp2lasta[5] = arena; /* a wrong order hint */
    assert_true(rg_heap_check(h, NULL) > 0);
    h->nfp2lasta[5] = NULL;
    assert_int_equal(rg_heap_check(h, NULL), 0);
    rg_free(p);
    rg_free(q);
    heap_done(h);
}

/* In a forked child (a crash fails the test, not the program): rg_heap_check
 * reports at least one violation, one of them containing text. */
static void assert_check_reports(rg_heap *h, const char *text)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        static const int deadly[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
        for (size_t k = 0; k < sizeof deadly / sizeof *deadly; k++)
            signal(deadly[k], SIG_DFL); /* cmocka's handler would run on */
        char *buf = NULL;
        size_t len = 0;
        FILE *report = open_memstream(&buf, &len);
        size_t errors = report ? rg_heap_check(h, report) : 0;
        if (report) fclose(report);
        int found = buf != NULL && strstr(buf, text) != NULL;
        if (!found) fprintf(stderr, "want \"%s\" in:\n%s", text, buf ? buf : "");
        _exit(errors > 0 && found ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) fail_msg("rg_heap_check died of signal %d", WTERMSIG(status));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* rg_heap_check follows no corrupted link out of the heap (issue 6): a used
 * list pointing at a pool whose arena went back to the OS (the planted bug
 * "emptied pool left linked"), at another heap's pool, into the middle of a
 * pool header, a used list that cycles, usable_arenas and freepools links
 * into foreign memory -- each reported, none followed. */
static void test_check_survives_broken_links(void **state)
{
    (void)state;
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    cfg.arena_reserve = 0; /* a wholly free arena goes back to the OS */
    rg_heap *h = rg_heap_new(&cfg), *other = rg_heap_new(&cfg);
    void *o = rg_malloc(other, 32);
    void *p = rg_malloc(h, 32), *q = rg_malloc(h, 32); /* class 1, arena A */
    rg_arena *arena = RG_MAP_ARENA(rg_map_lookup((uintptr_t)p)); /* tagged under valgrind */
    rg_pool *pool = rg_pool_of(arena, p);
    rg_pool *foreign = rg_pool_of(RG_MAP_ARENA(rg_map_lookup((uintptr_t)o)), o);
    /* Fill A with 512-byte blocks until one lands in a second arena B; free
     * it and trim: B goes back to the OS while A stays. */
    enum { MAXFILL = 4096 };
    void **fill = malloc(MAXFILL * sizeof *fill);
    assert_non_null(fill);
    size_t n = 0;
    void *gone = NULL;
    while (gone == NULL && n < MAXFILL) {
        void *b = rg_malloc(h, 512);
        assert_non_null(b);
        if (RG_MAP_ARENA(rg_map_lookup((uintptr_t)b)) != arena) gone = b;
        else fill[n++] = b;
    }
    assert_non_null(gone);
    rg_arena *gone_arena = RG_MAP_ARENA(rg_map_lookup((uintptr_t)gone));
    uintptr_t gone_address = gone_arena->address;
    rg_pool_link *stale = &rg_pool_of(gone_arena, gone)->link;
    rg_free(gone);
    for (size_t k = 0; k < n; k++) rg_free(fill[k]);
    free(fill);
    rg_trim(h); /* unmaps the wholly free arena usable_arenas kept */
    assert_int_equal(rg_heap_check(h, NULL), 0);
    assert_int_equal(rg_map_lookup(gone_address), 0); /* B is gone */
    rg_pool_link *head = &h->usedpools[1];
    assert_ptr_equal(head->next, &pool->link);

    const char *no_pool = "usedpools[1]: link into memory that is not a live pool of this heap";
    head->next = stale; /* into unmapped memory */
    assert_check_reports(h, no_pool);
    head->next = &foreign->link; /* a live pool, of another heap */
    assert_check_reports(h, no_pool);
    head->next = (rg_pool_link *)((char *)&pool->link + 8); /* inside a header */
    assert_check_reports(h, no_pool);
    head->next = &pool->link;
    pool->link.next = &pool->link; /* a cycle that never reaches the head */
    assert_check_reports(h, "usedpools[1]: prev link broken");
    pool->link.next = head;
    assert_int_equal(rg_heap_check(h, NULL), 0);

    rg_arena *usable = h->usable_arenas;
    assert_non_null(usable);
    h->usable_arenas = (rg_arena *)((uintptr_t)gone_arena);
    assert_check_reports(h, "usable_arenas: link into memory that is not a live arena of this heap");
    h->usable_arenas = usable;
    rg_pool *freepools = arena->freepools;
    arena->freepools = (rg_pool *)stale;
    assert_check_reports(h, "freepools link");
    arena->freepools = freepools;
    assert_int_equal(rg_heap_check(h, NULL), 0);

    rg_free(p);
    rg_free(q);
    rg_free(o);
    heap_done(other);
    heap_done(h);
}

/* rg_heap_find_block answers for any address: the heap's own small, large
 * and mapped blocks (normal and debug heaps) are found with the same info
 * as rg_block_info_of; interior pointers, other heaps' blocks, freed large
 * blocks and memory refgc never gave are not, and nothing aborts. */
static void test_find_block_any_address(void **state)
{
    (void)state;
    for (int debug = 0; debug <= 1; debug++) {
        rg_heap_config cfg;
        rg_heap_config_init(&cfg);
        cfg.flags = debug ? RG_HEAP_DEBUG : 0;
        rg_heap *h = rg_heap_new(&cfg), *other = rg_heap_new(NULL);
        size_t sizes[] = {1, 16, 24, 100, 512, 513, 4000, 100000, 1u << 20};
        void *blocks[sizeof sizes / sizeof sizes[0]];
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            blocks[i] = rg_malloc(h, sizes[i]);
            assert_non_null(blocks[i]);
            rg_block_info found, direct;
            assert_int_equal(rg_heap_find_block(h, blocks[i], &found), 0);
            assert_int_equal(rg_block_info_of(blocks[i], &direct), 0);
            assert_memory_equal(&found, &direct, sizeof found);
            assert_ptr_equal(found.heap, h);
            /* Inside the block (never a block start: blocks are 16-aligned), or
             * the heap asked is another one. */
            errno = 0;
            assert_int_equal(rg_heap_find_block(h, (char *)blocks[i] + 8, &found), -1);
            assert_int_equal(errno, ENOENT);
            assert_int_equal(rg_heap_find_block(other, blocks[i], &found), -1);
        }
        rg_block_info info;
        int local = 0;
        void *foreign = malloc(700);
        assert_int_equal(rg_heap_find_block(h, &local, &info), -1);
        assert_int_equal(rg_heap_find_block(h, foreign, &info), -1);
        assert_int_equal(rg_heap_find_block(h, (void *)(uintptr_t)4096, &info), -1);
        assert_int_equal(rg_heap_find_block(h, (void *)test_find_block_any_address, &info), -1);
        free(foreign);
        /* A freed large block is gone; the last small block of a pool
         * leaves its pool empty: gone too. */
        void *large = blocks[6], *mapped = blocks[8];
        rg_free(large);
        rg_free(mapped);
        assert_int_equal(rg_heap_find_block(h, large, &info), -1);
        assert_int_equal(rg_heap_find_block(h, mapped, &info), -1);
        errno = 0;
        assert_int_equal(rg_heap_find_block(NULL, blocks[0], &info), -1);
        assert_int_equal(errno, EINVAL);
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
            if (i != 6 && i != 8) rg_free(blocks[i]);
        heap_done_empty(h);
        heap_done_empty(other);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_defaults),
        cmocka_unit_test(test_config_invalid),
        cmocka_unit_test(test_small_sizes),
        cmocka_unit_test(test_zero_bytes),
        cmocka_unit_test(test_calloc_zeroes),
        cmocka_unit_test(test_realloc_small_rule),
        cmocka_unit_test(test_heaps_independent),
        cmocka_unit_test(test_heaps_in_threads),
        cmocka_unit_test(test_delete_returns_memory),
        cmocka_unit_test(test_stats_counts),
        cmocka_unit_test(test_dump_matches_cpython),
        cmocka_unit_test(test_dump_number_format),
        cmocka_unit_test(test_check_detects_corruption),
        cmocka_unit_test(test_check_survives_broken_links),
        cmocka_unit_test(test_find_block_any_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
