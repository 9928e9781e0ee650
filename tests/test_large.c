/*
 * test_large.c -- the large path, huge requests and size overflow.
 *
 * Requests over 512 bytes (and 0) go to the C library's malloc below the
 * mmap threshold and straight to the OS at or above it; a mapped block is
 * unmapped on free and resized with mremap.  A request for 25 GB (the seed
 * example of a huge buffer) succeeds when the machine allows it and
 * otherwise returns NULL with ENOMEM -- never a crash; the same for sizes
 * that overflow in calloc/realloc.  Address-space exhaustion is forced in a
 * child process with RLIMIT_AS.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "refgc.h"
#include "os/os.h"
#include "support/heapcheck.h"

#define HUGE_REQUEST ((size_t)25 * 1000 * 1000 * 1000) /* 25 GB */

static int kind_of(const void *p)
{
    rg_block_info info;
    assert_int_equal(rg_block_info_of(p, &info), 0);
    return info.kind;
}

/* ====================================================================== */
/* Kinds and realloc across them                                           */
/* ====================================================================== */

/* 513..threshold-1: malloc'd; >= threshold: mapped, and unmapped on free. */
static void test_large_kinds(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    void *a = rg_malloc(h, 513);
    void *b = rg_malloc(h, RG_DEFAULT_MMAP_THRESHOLD - 1);
    unsigned char *c = rg_malloc(h, RG_DEFAULT_MMAP_THRESHOLD);
    assert_int_equal(kind_of(a), RG_BLOCK_LARGE);
    assert_int_equal(kind_of(b), RG_BLOCK_LARGE);
    assert_int_equal(kind_of(c), RG_BLOCK_MAPPED);
    assert_int_equal((uintptr_t)a % 16, 0);
    assert_int_equal((uintptr_t)c % 16, 0);
    assert_int_equal(rg_usable_size(c), RG_DEFAULT_MMAP_THRESHOLD);
    memset(c, 7, RG_DEFAULT_MMAP_THRESHOLD);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.large_blocks, 3);
    assert_int_equal(s.large_bytes, 513 + 2 * RG_DEFAULT_MMAP_THRESHOLD - 1);
    assert_int_equal(s.arenas, 0); /* no pool was needed */
    rg_free(c);
    assert_false(rg_os_is_mapped(c, 4096));
    rg_free(a);
    rg_free(b);
    heap_done(h);
}

/* Data survives realloc within and across the kinds. */
static void test_large_realloc(void **state)
{
    (void)state;
    rg_heap_config cfg;
    rg_heap_config_init(&cfg);
    cfg.mmap_threshold = 8192;
    rg_heap *h = rg_heap_new(&cfg);
    static const size_t steps[] = {600, 5000, 8192, 100000, 3 << 20, 9000, 7000, 700, 2 << 20, 1000};
    unsigned char *p = rg_malloc(h, steps[0]);
    for (size_t k = 0; k < steps[0]; k++) p[k] = (unsigned char)(k * 13);
    size_t valid = steps[0];
    for (size_t i = 1; i < sizeof steps / sizeof steps[0]; i++) {
        size_t n = steps[i];
        p = rg_realloc(h, p, n);
        assert_non_null(p);
        assert_int_equal(kind_of(p), n >= 8192 ? RG_BLOCK_MAPPED : RG_BLOCK_LARGE);
        assert_int_equal(rg_usable_size(p), n);
        if (n < valid) valid = n;
        for (size_t k = 0; k < valid; k++) assert_int_equal(p[k], (unsigned char)(k * 13));
        for (size_t k = valid; k < n; k++) p[k] = (unsigned char)(k * 13);
        valid = n;
        assert_int_equal(rg_heap_check(h, stderr), 0);
    }
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.large_blocks, 1);
    assert_int_equal(s.large_bytes, 1000);
    rg_free(p);
    heap_done(h);
}

/* ====================================================================== */
/* Huge and overflowing requests                                           */
/* ====================================================================== */

/* 25 GB: a usable block or NULL/ENOMEM, never a crash. */
static void test_25_gb(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    errno = 0;
    unsigned char *p = rg_malloc(h, HUGE_REQUEST);
    if (p != NULL) {
        assert_int_equal(kind_of(p), RG_BLOCK_MAPPED);
        p[0] = 1;
        p[HUGE_REQUEST / 2] = 2;
        p[HUGE_REQUEST - 1] = 3;
        assert_int_equal(p[0] + p[HUGE_REQUEST / 2] + p[HUGE_REQUEST - 1], 6);
        rg_stats s;
        rg_heap_stats(h, &s);
        assert_int_equal(s.large_bytes, HUGE_REQUEST);
        assert_true(s.bytes_resident < (64u << 20)); /* only touched pages */
        rg_free(p);
    } else {
        assert_int_equal(errno, ENOMEM);
    }
    heap_done(h);
}

/* In a child whose address space is capped at 1 GiB, 25 GB cannot be had:
 * every entry point returns NULL/ENOMEM and the heap stays usable.  Exits
 * with the number of failed checks. */
static int huge_in_small_address_space(void)
{
    struct rlimit lim = {1u << 30, 1u << 30};
    if (setrlimit(RLIMIT_AS, &lim) != 0) return 100;
    int bad = 0;
    rg_heap *h = rg_heap_new(NULL);
    unsigned char *small = rg_malloc(h, 40);
    memset(small, 9, 40);
    errno = 0;
    if (rg_malloc(h, HUGE_REQUEST) != NULL || errno != ENOMEM) bad++;
    errno = 0;
    if (rg_calloc(h, HUGE_REQUEST / 8, 8) != NULL || errno != ENOMEM) bad++;
    errno = 0;
    if (rg_obj_malloc(h, HUGE_REQUEST) != NULL || errno != ENOMEM) bad++;
    errno = 0;
    if (rg_realloc(h, small, HUGE_REQUEST) != NULL || errno != ENOMEM) bad++;
    for (int i = 0; i < 40; i++)
        if (small[i] != 9) bad++;
    unsigned char *mid = rg_malloc(h, 2000);
    errno = 0;
    if (rg_realloc(h, mid, HUGE_REQUEST) != NULL || errno != ENOMEM) bad++;
    unsigned char *mapped = rg_malloc(h, 1 << 20);
    errno = 0;
    if (rg_realloc(h, mapped, HUGE_REQUEST) != NULL || errno != ENOMEM) bad++;
    /* Small arenas still come: the cap is 1 GiB, not 0. */
    void *more = rg_malloc(h, 100);
    if (more == NULL) bad++;
    if (rg_heap_check(h, stderr) != 0) bad++;
    rg_free(more);
    rg_free(mapped);
    rg_free(mid);
    rg_free(small);
    rg_heap_delete(h); /* a child: checked above, counted in bad */
    return bad;
}

static void test_25_gb_refused(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(huge_in_small_address_space());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* Sizes that cannot be represented: NULL/ENOMEM without touching p. */
static void test_overflow(void **state)
{
    (void)state;
    rg_heap *h = rg_heap_new(NULL);
    static const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 15, (size_t)PTRDIFF_MAX + 1,
                                   (size_t)PTRDIFF_MAX};
    unsigned char *p = rg_malloc(h, 100), *q = rg_malloc(h, 3000);
    memset(p, 5, 100);
    memset(q, 6, 3000);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        errno = 0;
        assert_null(rg_malloc(h, sizes[i]));
        assert_int_equal(errno, ENOMEM);
        errno = 0;
        assert_null(rg_obj_malloc(h, sizes[i]));
        assert_int_equal(errno, ENOMEM);
        errno = 0;
        assert_null(rg_realloc(h, p, sizes[i]));
        assert_int_equal(errno, ENOMEM);
        errno = 0;
        assert_null(rg_realloc(h, q, sizes[i]));
        assert_int_equal(errno, ENOMEM);
    }
    errno = 0;
    assert_null(rg_calloc(h, SIZE_MAX / 2, 3));
    assert_int_equal(errno, ENOMEM);
    errno = 0;
    assert_null(rg_calloc(h, (size_t)1 << 33, (size_t)1 << 33));
    assert_int_equal(errno, ENOMEM);
    errno = 0;
    assert_null(rg_obj_calloc(h, 3, SIZE_MAX / 2));
    assert_int_equal(errno, ENOMEM);
    for (int i = 0; i < 100; i++) assert_int_equal(p[i], 5);
    for (int i = 0; i < 3000; i++) assert_int_equal(q[i], 6);
    rg_stats s;
    rg_heap_stats(h, &s);
    assert_int_equal(s.allocated_blocks, 2);
    rg_free(p);
    rg_free(q);
    heap_done(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_kinds),
        cmocka_unit_test(test_large_realloc),
        cmocka_unit_test(test_25_gb),
        cmocka_unit_test(test_25_gb_refused),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
