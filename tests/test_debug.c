/*
 * test_debug.c -- the debug mode of a heap (RG_HEAP_DEBUG), refgc's
 * PYTHONMALLOC=debug.
 *
 * The issue asks for pad bytes, clean and dead fill and an API-family tag,
 * and for buffer overrun, underrun, double free, write after free and API
 * mismatch to be reported with the block's address, its requested size and
 * the bytes found, followed by an abort.  This file checks both halves.
 * In-process, the layout of spec section 1.10: for a request of n bytes the
 * 16 bytes before p hold n big-endian, the API id ('m' or 'o') and 7 x 0xFD;
 * the data is n x 0xCD (zeros for calloc) and is followed by 8 x 0xFD; a
 * freed block is filled with 0xDD while it sits in the quarantine; realloc
 * keeps the data and clean-fills the growth; all of it for small blocks,
 * blocks from the C library's malloc and mapped blocks; rg_usable_size,
 * rg_heap_check, rg_trim and rg_heap_delete on a healthy debug heap; and
 * that a normal heap writes none of these bytes, so debugging costs nothing
 * when it is off.  Each misuse runs in a forked child whose stderr is piped
 * back: the child tells the parent the block it is about to misuse (address
 * and size, through a second pipe), the parent asserts the child died of
 * SIGABRT (never SIGSEGV) and that the report names the function, the kind
 * of error, the address exactly as %p prints it, the requested size and the
 * offending bytes.  The constants below are the spec's, written out rather
 * than taken from the library, so a wrong library constant fails a test.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "refgc.h"
#include "alloc/alloc.h"
#include "support/heapcheck.h"

/* ====================================================================== */
/* The spec's constants (section 1.10)                                     */
/* ====================================================================== */

#define FORBIDDEN 0xFD
#define CLEAN 0xCD
#define DEAD 0xDD
#define HEAD 16  /* size (8, big endian) + API id + 7 pad bytes */
#define TAIL 8
#define EXTRA (HEAD + TAIL)

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* A debug heap with the given quarantine length and mmap threshold. */
static rg_heap *debug_heap(size_t quarantine, size_t mmap_threshold)
{
    rg_heap_config config;
    rg_heap_config_init(&config);
    config.flags = RG_HEAP_DEBUG;
    config.debug_quarantine = quarantine;
    config.mmap_threshold = mmap_threshold;
    return rg_heap_new(&config);
}

/* Index of the first byte of q[0..n) that is not b, or n. */
static size_t first_not(const uint8_t *q, size_t n, uint8_t b)
{
    for (size_t i = 0; i < n; i++)
        if (q[i] != b) return i;
    return n;
}

/* Assert that q[0..n) is all b, naming the first byte that is not. */
static void assert_all(const uint8_t *q, size_t n, uint8_t b, const char *what)
{
    size_t i = first_not(q, n, b);
    if (i != n) {
        print_error("%s: byte %zu of %zu is 0x%02x, want 0x%02x\n", what, i, n, q[i], b);
        fail();
    }
}

/* Assert the decorations of a live debug block of n bytes with API id api;
 * data must be n x 0xCD (fill CLEAN), zeros (fill 0) or unchecked (-1). */
static void assert_live(const uint8_t *p, size_t n, char api, int fill)
{
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % RG_ALIGNMENT, 0);
    for (int i = 0; i < 8; i++)
        assert_int_equal(p[-HEAD + i], (uint8_t)(n >> (8 * (7 - i))));
    assert_int_equal(p[-8], (uint8_t)api);
    assert_all(p - 7, 7, FORBIDDEN, "leading pad");
    if (fill >= 0) assert_all(p, n, (uint8_t)fill, "data");
    assert_all(p + n, TAIL, FORBIDDEN, "trailing pad");
    assert_int_equal(rg_usable_size(p), n);
}

/* Bytes of the underlying block a debug request of n bytes takes: its size
 * class when small, else exactly n + 24. */
static size_t underlying(size_t n)
{
    size_t raw = n + EXTRA;
    return raw <= RG_SMALL_REQUEST_THRESHOLD ? (raw + 15) / 16 * 16 : raw;
}

/* The kind of block a debug request of n bytes should land in. */
static int expected_kind(size_t n, size_t mmap_threshold)
{
    size_t raw = n + EXTRA;
    if (raw <= RG_SMALL_REQUEST_THRESHOLD) return RG_BLOCK_SMALL;
    return raw >= mmap_threshold ? RG_BLOCK_MAPPED : RG_BLOCK_LARGE;
}

/* Assert that a freed (quarantined) debug block of n bytes is all 0xDD,
 * decorations included. */
static void assert_dead(const uint8_t *p, size_t n)
{
    assert_all(p - HEAD, underlying(n), DEAD, "dead fill");
}

/* ====================================================================== */
/* Children: run a misuse in a forked process, collect its report          */
/* ====================================================================== */

#define REPORT_MAX (256 * 1024)

typedef struct outcome {
    int status;       /* waitpid status */
    char *text;       /* everything the child wrote to stderr, NUL ended */
    size_t len;
    const void *p;    /* the block the child announced */
    size_t n;         /* its requested size */
    int announced;
} outcome;

/* The child's stderr (one child at a time; static so that a failing
 * assertion, which longjmps out of a test, leaks nothing). */
static char report_text[REPORT_MAX + 1];

/* What a child does; tell is the pipe for announce(). */
typedef void (*scenario)(int tell);

typedef struct announcement {
    const void *p;
    size_t n;
} announcement;

/* In the child: tell the parent which block is about to be misused. */
static void announce(int tell, const void *p, size_t n)
{
    announcement a = {p, n};
    if (write(tell, &a, sizeof a) != (ssize_t)sizeof a) _exit(4);
}

/* In the child: give up on a setup failure (the parent sees exit 3). */
static void child_check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "child setup failed: %s\n", what);
        _exit(3);
    }
}

/* Read all of fd into buf (cap bytes, then drain); returns bytes kept. */
static size_t slurp(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    char sink[4096];
    for (;;) {
        ssize_t r = len < cap ? read(fd, buf + len, cap - len) : read(fd, sink, sizeof sink);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (len < cap) len += (size_t)r;
    }
    return len;
}

/* Fork, run fn in the child with its stderr piped to us, and collect its
 * stderr, its announcement and its exit status. */
static void run_child(scenario fn, outcome *o)
{
    int err[2], tell[2];
    memset(o, 0, sizeof *o);
    o->text = report_text;
    assert_int_equal(pipe(err), 0);
    assert_int_equal(pipe(tell), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(60); /* a hang shows as SIGALRM, not a stuck test */
        /* cmocka catches these to fail a test; the child must just die. */
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        signal(SIGILL, SIG_DFL);
        signal(SIGFPE, SIG_DFL);
        close(err[0]);
        close(tell[0]);
        if (dup2(err[1], STDERR_FILENO) < 0) _exit(5);
        close(err[1]);
        fn(tell[1]);
        close(tell[1]);
        _exit(0); /* the misuse went unnoticed */
    }
    close(err[1]);
    close(tell[1]);
    o->len = slurp(err[0], o->text, REPORT_MAX);
    /* A corrupted API id may be any byte, NUL included: keep it searchable. */
    for (size_t i = 0; i < o->len; i++)
        if (o->text[i] == '\0') o->text[i] = '?';
    o->text[o->len] = '\0';
    close(err[0]);
    announcement a;
    if (slurp(tell[0], (char *)&a, sizeof a) == sizeof a) {
        o->p = a.p;
        o->n = a.n;
        o->announced = 1;
    }
    close(tell[0]);
    while (waitpid(pid, &o->status, 0) < 0) assert_int_equal(errno, EINTR);
}

/* Describe how the child ended, for failure messages. */
static void describe_end(const outcome *o, char *buf, size_t size)
{
    if (WIFSIGNALED(o->status))
        snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(o->status),
                 strsignal(WTERMSIG(o->status)));
    else if (WIFEXITED(o->status))
        snprintf(buf, size, "exited with status %d", WEXITSTATUS(o->status));
    else
        snprintf(buf, size, "status 0x%x", (unsigned)o->status);
}

/* Fail, showing the child's stderr. */
static void fail_with_report(const outcome *o, const char *why)
{
    char end[128];
    describe_end(o, end, sizeof end);
    print_error("%s\nthe child %s; its stderr:\n---\n%s---\n", why, end, o->text);
    fail();
}

/* Assert the child aborted (SIGABRT) after announcing its block. */
static void assert_aborted(const outcome *o)
{
    if (!WIFSIGNALED(o->status) || WTERMSIG(o->status) != SIGABRT)
        fail_with_report(o, "the misuse did not end in abort()");
    if (!o->announced) fail_with_report(o, "the child never announced its block");
}

/* Assert the report contains the printf-formatted line fragment. */
__attribute__((format(printf, 2, 3))) static void expect(const outcome *o, const char *fmt, ...)
{
    char needle[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(needle, sizeof needle, fmt, ap);
    va_end(ap);
    if (strstr(o->text, needle) == NULL) {
        char why[640];
        snprintf(why, sizeof why, "the report lacks: \"%s\"", needle);
        fail_with_report(o, why);
    }
}

/* The announced address as %p prints it. */
static const char *addr_of(const outcome *o, char buf[32])
{
    snprintf(buf, 32, "%p", o->p);
    return buf;
}

/* Assert the parts every report of a live block shares: the dump header with
 * the address and API id, and the requested size. */
static void expect_dump(const outcome *o, char api)
{
    char a[32];
    expect(o, "Debug memory block at address p=%s: API '%c'\n", addr_of(o, a), api);
    expect(o, "\n    %zu bytes originally requested\n", o->n);
}

/* ====================================================================== */
/* Layout                                                                  */
/* ====================================================================== */

/* Small requests (n + 24 <= 512): header, clean fill, trailer, usable size,
 * kind, for both API families. */
static void test_layout_small(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 7, 8, 15, 16, 17, 100, 255, 487, 488};
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    assert_non_null(h);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        uint8_t *m = rg_malloc(h, n), *o = rg_obj_malloc(h, n);
        assert_live(m, n, 'm', CLEAN);
        assert_live(o, n, 'o', CLEAN);
        rg_block_info info;
        assert_int_equal(rg_block_info_of(m, &info), 0);
        assert_int_equal(info.kind, RG_BLOCK_SMALL);
        assert_int_equal(info.size, n);
        assert_int_equal(RG_CLASS_SIZE(info.size_class), underlying(n));
        assert_ptr_equal(rg_heap_of(m), h);
        assert_ptr_equal(rg_heap_of(o), h);
    }
    /* spec 1.10, observed for PyMem_Malloc(16). */
    static const uint8_t want16[HEAD] = {0, 0, 0, 0, 0, 0, 0, 0x10, 0x6d, 0xfd, 0xfd, 0xfd,
                                         0xfd, 0xfd, 0xfd, 0xfd};
    uint8_t *p = rg_malloc(h, 16);
    assert_memory_equal(p - HEAD, want16, HEAD);
    heap_done(h);
}

/* Large requests, from the C library's malloc and mapped (a small mmap
 * threshold puts some of them over it). */
static void test_layout_large(void **state)
{
    (void)state;
    static const size_t sizes[] = {489, 500, 1000, 4071, 4072, 5000, 65536, 300000};
    const size_t threshold = 4096;
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, threshold);
    assert_non_null(h);
    int seen[4] = {0};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        uint8_t *m = rg_malloc(h, n), *o = rg_obj_malloc(h, n);
        assert_live(m, n, 'm', CLEAN);
        assert_live(o, n, 'o', CLEAN);
        rg_block_info info;
        assert_int_equal(rg_block_info_of(o, &info), 0);
        assert_int_equal(info.kind, expected_kind(n, threshold));
        assert_int_equal(info.size, n);
        seen[info.kind] = 1;
    }
    assert_true(seen[RG_BLOCK_LARGE] && seen[RG_BLOCK_MAPPED]);
    heap_done(h);
}

/* calloc: the data is zero (even where the memory was used before), the
 * decorations are as for malloc. */
static void test_layout_calloc(void **state)
{
    (void)state;
    /* No quarantine: a freed block is reused at once, so calloc must clear
     * memory that held dead fill. */
    rg_heap *h = debug_heap(0, 4096);
    assert_non_null(h);
    static const size_t counts[][2] = {{7, 9}, {1, 0}, {0, 5}, {1, 488}, {10, 100}, {3, 5000}};
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
        size_t n = counts[k][0] * counts[k][1];
        uint8_t *old = rg_malloc(h, n);
        assert_non_null(old);
        memset(old, 0x77, n);
        rg_free(old);
        uint8_t *m = rg_calloc(h, counts[k][0], counts[k][1]);
        if (underlying(n) <= RG_SMALL_REQUEST_THRESHOLD) assert_ptr_equal(m, old);
        assert_live(m, n, 'm', 0);
        uint8_t *o = rg_obj_calloc(h, counts[k][0], counts[k][1]);
        assert_live(o, n, 'o', 0);
        rg_free(m);
        rg_obj_free(o);
    }
    heap_done(h);
}

/* A freed block is dead-filled, decorations included, and stays so while
 * quarantined; rg_heap_check is happy with it. */
static void test_free_fills_dead(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 24, 100, 488, 489, 1000, 5000, 200000};
    rg_heap *h = debug_heap(64, 4096);
    assert_non_null(h);
    uint8_t *blocks[2][sizeof sizes / sizeof *sizes];
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        blocks[0][k] = rg_malloc(h, sizes[k]);
        blocks[1][k] = rg_obj_malloc(h, sizes[k]);
        assert_non_null(blocks[0][k]);
        assert_non_null(blocks[1][k]);
        memset(blocks[0][k], 0x5A, sizes[k]);
        memset(blocks[1][k], 0xA5, sizes[k]);
    }
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        rg_free(blocks[0][k]);
        rg_obj_free(blocks[1][k]);
        assert_dead(blocks[0][k], sizes[k]);
        assert_dead(blocks[1][k], sizes[k]);
    }
    assert_int_equal(h->quarantine_len, 2 * sizeof sizes / sizeof *sizes);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    /* Still dead after other traffic. */
    for (int i = 0; i < 32; i++) rg_free(rg_malloc(h, (size_t)i * 13));
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        assert_dead(blocks[0][k], sizes[k]);
        assert_dead(blocks[1][k], sizes[k]);
    }
    heap_done(h);
}

/* The quarantine holds freed memory back: a freed block is not handed out
 * again until debug_quarantine later frees push it out (FIFO). */
static void test_quarantine_delays_reuse(void **state)
{
    (void)state;
    rg_heap *h = debug_heap(4, RG_DEFAULT_MMAP_THRESHOLD);
    assert_non_null(h);
    uint8_t *a = rg_malloc(h, 40);
    rg_free(a);
    uint8_t *b[4];
    for (int i = 0; i < 4; i++) {
        b[i] = rg_malloc(h, 40);
        assert_non_null(b[i]);
        assert_ptr_not_equal(b[i], a);
    }
    for (int i = 0; i < 3; i++) rg_free(b[i]);
    assert_int_equal(h->quarantine_len, 4);
    assert_dead(a, 40);
    rg_free(b[3]); /* a leaves the quarantine and goes back to its pool */
    assert_int_equal(h->quarantine_len, 4);
    uint8_t *c = rg_malloc(h, 33);
    assert_ptr_equal(c, a);
    assert_live(c, 33, 'm', CLEAN);
    heap_done(h);
}

/* realloc keeps the data, clean-fills the growth, redecorates at the new
 * size, always moves (the old block is dead-filled), keeps the API id, and
 * crosses small / malloc'd / mapped in both directions. */
static void test_realloc_layout(void **state)
{
    (void)state;
    static const size_t path[] = {10, 100, 5, 0, 300, 488, 489, 2000, 4072, 50000, 200000,
                                  60000, 3000, 480, 1};
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, 4096);
    assert_non_null(h);
    for (int family = 0; family < 2; family++) {
        char api = family ? 'o' : 'm';
        uint8_t *p = family ? rg_obj_realloc(h, NULL, path[0]) : rg_realloc(h, NULL, path[0]);
        assert_live(p, path[0], api, CLEAN);
        size_t n = path[0];
        for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(i * 7 + 1);
        for (size_t k = 1; k < sizeof path / sizeof *path; k++) {
            size_t m = path[k];
            uint8_t *q = family ? rg_obj_realloc(h, p, m) : rg_realloc(h, p, m);
            assert_non_null(q);
            assert_ptr_not_equal(q, p);
            assert_live(q, m, api, -1);
            size_t keep = n < m ? n : m;
            for (size_t i = 0; i < keep; i++) assert_int_equal(q[i], (uint8_t)(i * 7 + 1));
            if (m > n) assert_all(q + n, m - n, CLEAN, "grown part");
            assert_dead(p, n);
            rg_block_info info;
            assert_int_equal(rg_block_info_of(q, &info), 0);
            assert_int_equal(info.kind, expected_kind(m, 4096));
            for (size_t i = 0; i < m; i++) q[i] = (uint8_t)(i * 7 + 1);
            p = q;
            n = m;
        }
        if (family) rg_obj_free(p);
        else rg_free(p);
    }
    heap_done(h);
}

/* rg_trim empties the quarantine when nothing was written after free: the
 * blocks go back to the allocator (the counts drop) and the heap checks. */
static void test_trim_flushes_quarantine(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 40, 400, 1000, 5000, 100000};
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, 4096);
    assert_non_null(h);
    uint8_t *keep = rg_malloc(h, 64);
    assert_non_null(keep);
    memset(keep, 0x3C, 64);
    for (int round = 0; round < 3; round++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
            rg_free(rg_malloc(h, sizes[k]));
    rg_stats s;
    assert_int_equal(rg_heap_stats(h, &s), 0);
    assert_int_equal(h->quarantine_len, 3 * sizeof sizes / sizeof *sizes);
    assert_int_equal(s.allocated_blocks, 1 + h->quarantine_len);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    rg_trim(h);
    assert_int_equal(h->quarantine_len, 0);
    assert_int_equal(rg_heap_stats(h, &s), 0);
    assert_int_equal(s.allocated_blocks, 1);
    assert_int_equal(s.large_blocks, 0);
    assert_int_equal(rg_heap_check(h, stderr), 0);
    assert_live(keep, 64, 'm', 0x3C);
    /* The heap goes on working after the flush. */
    uint8_t *p = rg_malloc(h, 1000);
    assert_live(p, 1000, 'm', CLEAN);
    rg_free(p);
    rg_free(keep);
    heap_done(h);
}

/* rg_heap_check reports a write into a quarantined block without aborting,
 * and passes again once the dead fill is restored. */
static void test_check_sees_write_after_free(void **state)
{
    (void)state;
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    assert_non_null(h);
    uint8_t *p = rg_malloc(h, 50);
    rg_free(p);
    assert_int_equal(rg_heap_check(h, NULL), 0);
    p[49] = 0x41;
    char *text = NULL;
    size_t len = 0;
    FILE *report = open_memstream(&text, &len);
    assert_non_null(report);
    assert_true(rg_heap_check(h, report) > 0);
    fclose(report);
    char want[96];
    snprintf(want, sizeof want, "%p written after free at p+49", (void *)p);
    if (strstr(text, want) == NULL) {
        print_error("rg_heap_check's report lacks \"%s\":\n%s\n", want, text);
        fail();
    }
    free(text);
    p[49] = DEAD;
    assert_int_equal(rg_heap_check(h, NULL), 0);
    heap_done(h);
}

/* A normal heap writes no pads, no clean or dead fill and no size: the
 * bytes around and inside its blocks are whatever the user and the pool
 * left there, and rg_usable_size is the size class. */
static void test_normal_heap_has_no_decorations(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    assert_non_null(h);
    uint8_t *a = rg_malloc(h, 16), *b = rg_malloc(h, 16), *c = rg_malloc(h, 16);
    assert_non_null(a);
    rg_block_info info;
    assert_int_equal(rg_block_info_of(a, &info), 0);
    assert_int_equal(info.block_index, 0);
    /* The pool's first 48 bytes are untouched: no pad, id or size before a. */
    assert_all(a - RG_POOL_OVERHEAD, RG_POOL_OVERHEAD, 0, "pool overhead before block 0");
    /* Fresh blocks are not clean-filled (a fresh pool reads as zero). */
    assert_all(a, 16, 0, "fresh block");
    assert_ptr_equal(b, a + 16);
    assert_ptr_equal(c, b + 16);
    memset(a, 0x11, 16);
    memset(b, 0x22, 16);
    memset(c, 0x33, 16);
    rg_free(b);
    /* No dead fill: only the free-list link (8 bytes) was written. */
    assert_all(b + 8, 8, 0x22, "freed block beyond its link");
    uint8_t *d = rg_malloc(h, 10);
    assert_ptr_equal(d, b); /* no quarantine: reused at once */
    assert_all(d + 8, 8, 0x22, "reused block");
    assert_all(a, 16, 0x11, "left neighbour");
    assert_all(c, 16, 0x33, "right neighbour");
    assert_int_equal(rg_usable_size(d), 16);
    uint8_t *o = rg_obj_malloc(h, 20);
    assert_non_null(o);
    rg_free(o); /* the families mix freely on a normal heap */
    heap_done(h);
}

/* ====================================================================== */
/* Clean ends, in a child: nothing reported, normal exit                   */
/* ====================================================================== */

/* Child: a healthy debug heap deleted with a full quarantine. */
static void clean_delete(int tell)
{
    rg_heap *h = debug_heap(8, 4096);
    child_check(h != NULL, "heap");
    static const size_t sizes[] = {1, 100, 1000, 10000};
    for (int i = 0; i < 20; i++) rg_free(rg_malloc(h, sizes[i % 4] + (size_t)i));
    void *live = rg_obj_malloc(h, 300);
    announce(tell, live, 300);
    rg_trim(h);
    for (int i = 0; i < 20; i++) rg_obj_free(rg_obj_malloc(h, sizes[i % 4] + (size_t)i));
    rg_heap_delete(h); /* a child: its exit status and stderr are the verdict */
}

/* rg_trim and rg_heap_delete flush a clean quarantine silently. */
static void test_clean_flush_reports_nothing(void **state)
{
    (void)state;
    outcome o;
    run_child(clean_delete, &o);
    if (!WIFEXITED(o.status) || WEXITSTATUS(o.status) != 0 || o.len != 0)
        fail_with_report(&o, "a clean debug heap did not end cleanly");
}

/* ====================================================================== */
/* Misuse, in a child                                                      */
/* ====================================================================== */

/* Child: write one byte past the end of a small block, then free it. */
static void overrun_small(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 20);
    child_check(p != NULL, "malloc");
    announce(tell, p, 20);
    p[20] = 0x41;
    rg_free(p);
}

/* Child: the same for a block from the C library's malloc. */
static void overrun_large(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 1000);
    child_check(p != NULL, "malloc");
    announce(tell, p, 1000);
    p[1000] = 0x41;
    rg_free(p);
}

/* Child: the same for a mapped block, freed through rg_obj_free. */
static void overrun_mapped(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, 4096);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 10000);
    child_check(p != NULL, "malloc");
    announce(tell, p, 10000);
    p[10000] = 0x41;
    rg_obj_free(p);
}

/* Child: an overrun found by realloc rather than free; the last pad. */
static void overrun_realloc(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 64);
    child_check(p != NULL, "malloc");
    announce(tell, p, 64);
    p[64 + 7] = 0x00;
    p = rg_realloc(h, p, 128);
    child_check(0, "realloc returned");
}

/* Overrun of a small block: reported by rg_free with the tail dump. */
static void test_overrun_small(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(overrun_small, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.\n");
    expect(&o, "The 8 pad bytes at tail=%p are not all FORBIDDENBYTE (0xfd):\n",
           (const void *)((const uint8_t *)o.p + 20));
    expect(&o, "        at tail+0: 0x41 *** OUCH\n        at tail+1: 0xfd\n");
    expect(&o, "Data at p: cd cd cd cd cd cd cd cd ... cd cd cd cd cd cd cd cd\n");
    expect(&o, "refgc fatal error: rg_free: buffer overrun: bad trailing pad byte at tail+0 "
               "of p=%s (20 bytes)\n", addr_of(&o, a));
}

/* Overrun of a block from the C library's malloc. */
static void test_overrun_large(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(overrun_large, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "        at tail+0: 0x41 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_free: buffer overrun: bad trailing pad byte at tail+0 "
               "of p=%s (1000 bytes)\n", addr_of(&o, a));
}

/* Overrun of a mapped block. */
static void test_overrun_mapped(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(overrun_mapped, &o);
    assert_aborted(&o);
    expect_dump(&o, 'o');
    expect(&o, "        at tail+0: 0x41 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_obj_free: buffer overrun: bad trailing pad byte at "
               "tail+0 of p=%s (10000 bytes)\n", addr_of(&o, a));
}

/* An overrun is caught by rg_realloc too. */
static void test_overrun_realloc(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(overrun_realloc, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "        at tail+6: 0xfd\n        at tail+7: 0x00 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_realloc: buffer overrun: bad trailing pad byte at "
               "tail+7 of p=%s (64 bytes)\n", addr_of(&o, a));
}

/* Child: write the pad byte just before a small block, then free it. */
static void underrun_pad(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 30);
    child_check(p != NULL, "malloc");
    announce(tell, p, 30);
    p[-1] = 0x41;
    rg_free(p);
}

/* Child: overwrite the API id byte of a large block, then free it. */
static void underrun_id(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 700);
    child_check(p != NULL, "malloc");
    announce(tell, p, 700);
    p[-8] = 'x';
    rg_obj_free(p);
}

/* Child: overwrite the API id byte of a small block. */
static void underrun_id_small(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 8);
    child_check(p != NULL, "malloc");
    announce(tell, p, 8);
    p[-8] = 0;
    rg_free(p);
}

/* Underrun into the leading pad: the pad dump flags p-1. */
static void test_underrun_pad(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(underrun_pad, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "The 7 pad bytes at p-7 are not all FORBIDDENBYTE (0xfd):\n"
               "        at p-7: 0xfd\n");
    expect(&o, "        at p-2: 0xfd\n        at p-1: 0x41 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_free: buffer underrun: bad leading pad byte at p-1 of "
               "p=%s\n", addr_of(&o, a));
}

/* Underrun into the API id byte of a large block. */
static void test_underrun_id(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(underrun_id, &o);
    assert_aborted(&o);
    expect_dump(&o, 'x');
    expect(&o, "refgc fatal error: rg_obj_free: buffer underrun: bad API id byte 0x78 at p-8 "
               "of p=%s\n", addr_of(&o, a));
}

/* Underrun into the API id byte of a small block (a zero byte). */
static void test_underrun_id_small(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(underrun_id_small, &o);
    assert_aborted(&o);
    expect(&o, "\n    8 bytes originally requested\n");
    expect(&o, "refgc fatal error: rg_free: buffer underrun: bad API id byte 0x00 at p-8 "
               "of p=%s\n", addr_of(&o, a));
}

/* Child: raise the size field of a small block past its room. */
static void underrun_size_up(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 100);
    child_check(p != NULL, "malloc");
    announce(tell, p, 100);
    p[-9] = 200; /* the low byte of the big-endian size */
    rg_free(p);
}

/* Child: lower the size field of a small block (100 -> 0). */
static void underrun_size_down(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 100);
    child_check(p != NULL, "malloc");
    announce(tell, p, 100);
    p[-9] = 0;
    rg_free(p);
}

/* Child: lower the size field of a large block (1000 -> 744). */
static void underrun_size_down_large(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 1000);
    child_check(p != NULL, "malloc");
    announce(tell, p, 1000);
    p[-10] = 0x02; /* 0x03e8 -> 0x02e8 */
    rg_obj_free(p);
}

/* An underrun that makes the size field too big for the block. */
static void test_underrun_size_field_grown(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(underrun_size_up, &o);
    assert_aborted(&o);
    expect(&o, "refgc fatal error: rg_free: buffer underrun: size field of p=%s is corrupt\n",
           addr_of(&o, a));
}

/* An underrun that makes the size field smaller than the block's is an
 * underrun too, not an overrun at a tail that was never written. */
static void test_underrun_size_field_shrunk(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(underrun_size_down, &o);
    assert_aborted(&o);
    expect(&o, "refgc fatal error: rg_free: buffer underrun: size field of p=%s is corrupt\n",
           addr_of(&o, a));
    run_child(underrun_size_down_large, &o);
    assert_aborted(&o);
    expect(&o, "refgc fatal error: rg_obj_free: buffer underrun: size field of p=%s is "
               "corrupt\n", addr_of(&o, a));
}

/* Child: free a small block twice while it is quarantined. */
static void double_free_small(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 24);
    child_check(p != NULL, "malloc");
    announce(tell, p, 24);
    rg_free(p);
    rg_free(p);
}

/* Child: free a large block twice while it is quarantined. */
static void double_free_large(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, 4096);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 3000);
    uint8_t *q = rg_obj_malloc(h, 30000);
    child_check(p != NULL && q != NULL, "malloc");
    announce(tell, q, 30000);
    rg_obj_free(p);
    rg_obj_free(q);
    rg_obj_free(q);
}

/* Child: free a small block, push it out of a 1-block quarantine, free it
 * again (its pool stays in use: another block lives there). */
static void double_free_released(int tell)
{
    rg_heap *h = debug_heap(1, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 24), *q = rg_malloc(h, 24), *r = rg_malloc(h, 24);
    child_check(p != NULL && q != NULL && r != NULL, "malloc");
    announce(tell, p, 24);
    rg_free(p);
    rg_free(q); /* p leaves the quarantine: back on its pool's free list */
    child_check(h->quarantine_len == 1 && h->quarantine[h->quarantine_head].base == q - HEAD,
                "p left the quarantine");
    rg_free(p);
}

/* Child: realloc of a block already freed (quarantined). */
static void realloc_after_free(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 200);
    child_check(p != NULL, "malloc");
    announce(tell, p, 200);
    rg_free(p);
    p = rg_realloc(h, p, 300);
    child_check(0, "realloc returned");
}

/* Double free of a quarantined small block. */
static void test_double_free_small(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(double_free_small, &o);
    assert_aborted(&o);
    expect(&o, "Debug memory block at address p=%s: already freed\n", addr_of(&o, a));
    expect(&o, "its API id and pad bytes hold DEADBYTE (0xdd)\n");
    expect(&o, "refgc fatal error: rg_free: double free of p=%s\n", addr_of(&o, a));
}

/* Double free of a quarantined large (mapped) block. */
static void test_double_free_large(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(double_free_large, &o);
    assert_aborted(&o);
    expect(&o, "Debug memory block at address p=%s: already freed\n", addr_of(&o, a));
    expect(&o, "refgc fatal error: rg_obj_free: double free of p=%s\n", addr_of(&o, a));
}

/* Double free of a small block after it left the quarantine. */
static void test_double_free_after_quarantine(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(double_free_released, &o);
    assert_aborted(&o);
    expect(&o, "Debug memory block at address p=%s: already freed\n", addr_of(&o, a));
    expect(&o, "refgc fatal error: rg_free: double free of p=%s\n", addr_of(&o, a));
}

/* realloc of a freed block is reported as a double free by rg_realloc. */
static void test_realloc_after_free(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(realloc_after_free, &o);
    assert_aborted(&o);
    expect(&o, "refgc fatal error: rg_realloc: double free of p=%s\n", addr_of(&o, a));
}

/* The issue asks every report for the size: a double free of a block still
 * in the quarantine can give it (the quarantine entry holds it). */
static void test_double_free_reports_size(void **state)
{
    (void)state;
    outcome o;
    run_child(double_free_small, &o);
    assert_aborted(&o);
    expect(&o, "\n    %zu bytes originally requested\n", o.n);
    run_child(double_free_large, &o);
    assert_aborted(&o);
    expect(&o, "\n    %zu bytes originally requested\n", o.n);
}

/* Child: write into a freed small block, then push it out of the
 * quarantine with more frees. */
static void write_after_free_by_free(int tell)
{
    rg_heap *h = debug_heap(2, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 40), *q = rg_malloc(h, 40), *r = rg_malloc(h, 40);
    child_check(p != NULL && q != NULL && r != NULL, "malloc");
    announce(tell, p, 40);
    rg_free(p);
    p[3] = 0x41;
    p[4] = 0x42;
    rg_free(q);
    rg_free(r); /* p leaves the quarantine here */
}

/* Child: write into a freed large block, then rg_trim. */
static void write_after_free_by_trim(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 2000);
    child_check(p != NULL, "malloc");
    announce(tell, p, 2000);
    rg_obj_free(p);
    p[1999] = 0;
    rg_trim(h);
}

/* Child: write into a freed small block, then delete the heap. */
static void write_after_free_by_delete(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 100);
    child_check(p != NULL, "malloc");
    announce(tell, p, 100);
    rg_free(p);
    p[0] = 0x99;
    rg_heap_delete(h); /* must report the write (no check first) */
}

/* A write after free found when the quarantine overflows, by rg_free. */
static void test_write_after_free_on_release(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(write_after_free_by_free, &o);
    assert_aborted(&o);
    expect(&o, "Debug memory block at address p=%s: API 'm', freed\n", addr_of(&o, a));
    expect(&o, "\n    40 bytes originally requested\n");
    expect(&o, "Written after free: 2 of its 64 bytes no longer hold DEADBYTE (0xdd):\n"
               "        at p+3: 0x41 *** OUCH\n        at p+4: 0x42 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_free: write after free to p=%s (40 bytes)\n",
           addr_of(&o, a));
}

/* A write after free found by rg_trim's flush. */
static void test_write_after_free_on_trim(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(write_after_free_by_trim, &o);
    assert_aborted(&o);
    expect(&o, "Debug memory block at address p=%s: API 'o', freed\n", addr_of(&o, a));
    expect(&o, "\n    2000 bytes originally requested\n");
    expect(&o, "        at p+1999: 0x00 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_trim: write after free to p=%s (2000 bytes)\n",
           addr_of(&o, a));
}

/* A write after free found by rg_heap_delete's flush, reported under the
 * function the user called. */
static void test_write_after_free_on_delete(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(write_after_free_by_delete, &o);
    assert_aborted(&o);
    expect(&o, "\n    100 bytes originally requested\n");
    expect(&o, "        at p+0: 0x99 *** OUCH\n");
    expect(&o, "refgc fatal error: rg_heap_delete: write after free to p=%s (100 bytes)\n",
           addr_of(&o, a));
}

/* Child: rg_malloc, then rg_obj_free. */
static void mismatch_m_obj_free(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_malloc(h, 48);
    child_check(p != NULL, "malloc");
    announce(tell, p, 48);
    rg_obj_free(p);
}

/* Child: rg_obj_malloc, then rg_free. */
static void mismatch_o_free(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 600);
    child_check(p != NULL, "malloc");
    announce(tell, p, 600);
    rg_free(p);
}

/* Child: rg_obj_malloc, then rg_realloc. */
static void mismatch_o_realloc(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_obj_malloc(h, 16);
    child_check(p != NULL, "malloc");
    announce(tell, p, 16);
    p = rg_realloc(h, p, 32);
    child_check(0, "realloc returned");
}

/* Child: rg_calloc, then rg_obj_realloc. */
static void mismatch_m_obj_realloc(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    uint8_t *p = rg_calloc(h, 4, 5);
    child_check(p != NULL, "calloc");
    announce(tell, p, 20);
    p = rg_obj_realloc(h, p, 1);
    child_check(0, "realloc returned");
}

/* rg_malloc freed by rg_obj_free. */
static void test_mismatch_malloc_obj_free(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(mismatch_m_obj_free, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "refgc fatal error: rg_obj_free: API mismatch: p=%s allocated using API 'm' "
               "(rg_malloc family), freed using API 'o' (rg_obj_ family)\n", addr_of(&o, a));
}

/* rg_obj_malloc freed by rg_free. */
static void test_mismatch_obj_malloc_free(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(mismatch_o_free, &o);
    assert_aborted(&o);
    expect_dump(&o, 'o');
    expect(&o, "refgc fatal error: rg_free: API mismatch: p=%s allocated using API 'o' "
               "(rg_obj_ family), freed using API 'm' (rg_malloc family)\n", addr_of(&o, a));
}

/* rg_obj_malloc resized by rg_realloc. */
static void test_mismatch_obj_malloc_realloc(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(mismatch_o_realloc, &o);
    assert_aborted(&o);
    expect_dump(&o, 'o');
    expect(&o, "refgc fatal error: rg_realloc: API mismatch: p=%s allocated using API 'o'",
           addr_of(&o, a));
    expect(&o, "using API 'm' (rg_malloc family)\n");
}

/* rg_calloc resized by rg_obj_realloc. */
static void test_mismatch_calloc_obj_realloc(void **state)
{
    (void)state;
    outcome o;
    char a[32];
    run_child(mismatch_m_obj_realloc, &o);
    assert_aborted(&o);
    expect_dump(&o, 'm');
    expect(&o, "Data at p: 00 00 00 00 00 00 00 00 ... 00 00 00 00 00 00 00 00\n");
    expect(&o, "refgc fatal error: rg_obj_realloc: API mismatch: p=%s allocated using API 'm'",
           addr_of(&o, a));
    expect(&o, "using API 'o' (rg_obj_ family)\n");
}

/* ====================================================================== */
/* Foreign pointers                                                        */
/* ====================================================================== */

/* A buffer from the C library's malloc whose first 64 bytes (the words
 * rg_free might read before p) hold fill; returns buffer + 64. */
static uint8_t *foreign_pointer(uint8_t fill)
{
    uint8_t *buf = malloc(256);
    child_check(buf != NULL, "malloc");
    memset(buf, fill, 256);
    return buf + 64;
}

/* Child: rg_free of malloc'd memory, zeros before it, a debug heap alive. */
static void foreign_zero(int tell)
{
    rg_heap *h = debug_heap(RG_DEFAULT_DEBUG_QUARANTINE, RG_DEFAULT_MMAP_THRESHOLD);
    child_check(h != NULL, "heap");
    child_check(rg_malloc(h, 1000) != NULL && rg_malloc(h, 10) != NULL, "malloc");
    uint8_t *p = foreign_pointer(0);
    announce(tell, p, 0);
    rg_free(p);
}

/* Child: the same with bytes before p that look like debug pads. */
static void foreign_pads(int tell)
{
    uint8_t *p = foreign_pointer(FORBIDDEN);
    p[-8] = 'm';
    announce(tell, p, 0);
    rg_obj_free(p);
}

/* Child: the same with dead fill before p, through rg_realloc. */
static void foreign_dead(int tell)
{
    rg_heap *h = rg_heap_new(NULL);
    child_check(h != NULL, "heap");
    uint8_t *p = foreign_pointer(DEAD);
    announce(tell, p, 0);
    p = rg_realloc(h, p, 100);
    child_check(0, "realloc returned");
}

/* Child: rg_free of the first byte of a mapping whose preceding page is
 * not mapped: nothing may be read before p. */
static void foreign_page(int tell)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uint8_t *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    child_check(map != MAP_FAILED, "mmap");
    child_check(munmap(map, page) == 0, "munmap");
    announce(tell, map + page, 0);
    rg_free(map + page);
}

/* Assert the child reported a foreign pointer through func and aborted. */
static void expect_foreign(scenario fn, const char *func)
{
    outcome o;
    char a[32];
    run_child(fn, &o);
    assert_aborted(&o);
    expect(&o, "refgc fatal error: %s: p=%s was not allocated by refgc", func, addr_of(&o, a));
}

/* rg_free / rg_obj_free / rg_realloc of memory from the C library's malloc
 * is reported, whatever the bytes before it. */
static void test_foreign_pointer(void **state)
{
    (void)state;
    expect_foreign(foreign_zero, "rg_free");
    expect_foreign(foreign_pads, "rg_obj_free");
    expect_foreign(foreign_dead, "rg_realloc");
}

/* rg_free of a foreign pointer at the start of a mapping is reported too,
 * not a SIGSEGV from reading the unmapped page before it. */
static void test_foreign_pointer_at_page_start(void **state)
{
    (void)state;
    expect_foreign(foreign_page, "rg_free");
}

/* Run the tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_small),
        cmocka_unit_test(test_layout_large),
        cmocka_unit_test(test_layout_calloc),
        cmocka_unit_test(test_free_fills_dead),
        cmocka_unit_test(test_quarantine_delays_reuse),
        cmocka_unit_test(test_realloc_layout),
        cmocka_unit_test(test_trim_flushes_quarantine),
        cmocka_unit_test(test_check_sees_write_after_free),
        cmocka_unit_test(test_normal_heap_has_no_decorations),
        cmocka_unit_test(test_clean_flush_reports_nothing),
        cmocka_unit_test(test_overrun_small),
        cmocka_unit_test(test_overrun_large),
        cmocka_unit_test(test_overrun_mapped),
        cmocka_unit_test(test_overrun_realloc),
        cmocka_unit_test(test_underrun_pad),
        cmocka_unit_test(test_underrun_id),
        cmocka_unit_test(test_underrun_id_small),
        cmocka_unit_test(test_underrun_size_field_grown),
        cmocka_unit_test(test_underrun_size_field_shrunk),
        cmocka_unit_test(test_double_free_small),
        cmocka_unit_test(test_double_free_large),
        cmocka_unit_test(test_double_free_after_quarantine),
        cmocka_unit_test(test_realloc_after_free),
        cmocka_unit_test(test_double_free_reports_size),
        cmocka_unit_test(test_write_after_free_on_release),
        cmocka_unit_test(test_write_after_free_on_trim),
        cmocka_unit_test(test_write_after_free_on_delete),
        cmocka_unit_test(test_mismatch_malloc_obj_free),
        cmocka_unit_test(test_mismatch_obj_malloc_free),
        cmocka_unit_test(test_mismatch_obj_malloc_realloc),
        cmocka_unit_test(test_mismatch_calloc_obj_realloc),
        cmocka_unit_test(test_foreign_pointer),
        cmocka_unit_test(test_foreign_pointer_at_page_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
