/*
 * os.c -- mmap/munmap/mremap/madvise/mincore, RSS, and the system malloc.
 *
 * See os.h.  Linux (and other systems with the same calls); mremap is used
 * where available and emulated with map+copy+unmap elsewhere.
 *
 * WebAssembly (__EMSCRIPTEN__, the web page's engine): there is no mmap,
 * madvise or mincore, so "pages" are simulated on the C library's heap with
 * the same observable behaviour: 4 KiB pages (the x86-64 value, not wasm's
 * 64 KiB), mappings zero filled and aligned as asked (arenas 1 MiB aligned),
 * released pages read as zero, and a page counts as resident when it holds
 * a non-zero byte (a fresh or released page is all zeros, a page the engine
 * wrote is not) -- so trim and the statistics report what Linux would.
 */
#define _GNU_SOURCE
#include "os.h"
#include "refgc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifndef __EMSCRIPTEN__
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif
#else
#include <emscripten/heap.h>
#include <malloc.h>
#endif

/* ====================================================================== */
/* Failure injection                                                       */
/* ====================================================================== */

/* < 0: off.  Otherwise the number of requests still allowed to succeed. */
static long fail_countdown = -1;

void rg_os_fail_after(long n) { fail_countdown = n; }

/* One request: 1 if it must fail. */
static int injected_failure(void)
{
    if (RG_FAULT(RG_FAULT_OS)) return 1; /* refgc.h "Failure injection" */
    if (fail_countdown < 0) return 0;
    if (fail_countdown == 0) {
        errno = ENOMEM;
        return 1;
    }
    fail_countdown--;
    return 0;
}

/* ====================================================================== */
/* Pages                                                                   */
/* ====================================================================== */

#ifndef __EMSCRIPTEN__

size_t rg_os_page_size(void)
{
    /* Heaps on several threads may ask first at once: the same value. */
    static atomic_size_t page;
    size_t p = atomic_load_explicit(&page, memory_order_relaxed);
    if (p == 0) {
        long n = sysconf(_SC_PAGESIZE);
        p = (n >= 4096) ? (size_t)n : 4096;
        atomic_store_explicit(&page, p, memory_order_relaxed);
    }
    return p;
}

void *rg_os_map(size_t size)
{
    if (injected_failure()) return NULL;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    return p;
}

void *rg_os_map_aligned(size_t size, size_t align, size_t prefix)
{
    if (injected_failure()) return NULL;
    /* Over-map by align, then cut off what lies outside the wanted range. */
    if (size > SIZE_MAX - align - prefix) {
        errno = ENOMEM;
        return NULL;
    }
    size_t total = prefix + size + align;
    char *raw = mmap(NULL, total, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    uintptr_t start = (uintptr_t)raw + prefix;
    uintptr_t aligned = (start + align - 1) & ~(uintptr_t)(align - 1);
    char *lo = (char *)(aligned - prefix);
    char *hi = (char *)(aligned + size);
    if (lo > raw) munmap(raw, (size_t)(lo - raw));
    if (hi < raw + total) munmap(hi, (size_t)(raw + total - hi));
    return (void *)aligned;
}

void rg_os_unmap(void *p, size_t size)
{
    if (p != NULL && size != 0) munmap(p, size);
}

void *rg_os_remap(void *p, size_t old_size, size_t new_size)
{
    if (injected_failure()) return NULL;
#ifdef MREMAP_MAYMOVE
    void *q = mremap(p, old_size, new_size, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    return q;
#else
    void *q = mmap(NULL, new_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(q, p, old_size < new_size ? old_size : new_size);
    munmap(p, old_size);
    return q;
#endif
}

void rg_os_release(void *p, size_t size)
{
    if (size != 0) madvise(p, size, MADV_DONTNEED);
}

/* 1 until process_madvise(MADV_DONTNEED) on ourselves is found wanting. */
static atomic_int batch_release_works = 1;

/* Release ranges[0..n) (n <= IOV_MAX) with process_madvise; returns how
 * many ranges were done (all, or fewer if the kernel refused). */
static size_t release_batch(int pidfd, const rg_os_range *ranges, size_t n)
{
#if defined(SYS_process_madvise)
    struct iovec iov[1024];
    for (size_t i = 0; i < n; i++) {
        iov[i].iov_base = ranges[i].base;
        iov[i].iov_len = ranges[i].size;
    }
    size_t done = 0;
    while (done < n) {
        long bytes = syscall(SYS_process_madvise, pidfd, iov + done, n - done, MADV_DONTNEED, 0);
        if (bytes <= 0) {
            if (bytes < 0 && errno == EINTR) continue;
            atomic_store(&batch_release_works, 0);
            return done;
        }
        /* A short count ends inside some range: resume from there. */
        while (done < n && (size_t)bytes >= iov[done].iov_len) bytes -= (long)iov[done++].iov_len;
        if (done < n && bytes > 0) {
            iov[done].iov_base = (char *)iov[done].iov_base + bytes;
            iov[done].iov_len -= (size_t)bytes;
        }
    }
    return done;
#else
    (void)pidfd;
    (void)ranges;
    (void)n;
    return 0;
#endif
}

void rg_os_release_ranges(const rg_os_range *ranges, size_t n)
{
    size_t done = 0;
#if defined(SYS_process_madvise) && defined(SYS_pidfd_open)
    if (n > 1 && atomic_load(&batch_release_works)) {
        /* A fresh pidfd each time: a cached one would name the parent
         * after a fork. */
        int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
        if (pidfd >= 0) {
            while (done < n) {
                size_t chunk = n - done < 1024 ? n - done : 1024;
                size_t did = release_batch(pidfd, ranges + done, chunk);
                done += did;
                if (did < chunk) break;
            }
            close(pidfd);
        } else {
            atomic_store(&batch_release_works, 0);
        }
    }
#endif
    for (; done < n; done++) rg_os_release(ranges[done].base, ranges[done].size);
}

size_t rg_os_resident(const void *p, size_t size, unsigned char *vec)
{
    size_t page = rg_os_page_size();
    size_t npages = (size + page - 1) / page;
    unsigned char local[256];
    size_t resident = 0;
    /* Ask in chunks so that vec may be NULL without a big buffer. */
    for (size_t done = 0; done < npages;) {
        size_t n = npages - done;
        unsigned char *v = vec ? vec + done : local;
        if (!vec && n > sizeof local) n = sizeof local;
        if (mincore((char *)p + done * page, n * page, v) != 0)
            memset(v, 0, n);
        for (size_t i = 0; i < n; i++)
            if (v[i] & 1) resident += page;
        done += n;
    }
    return resident;
}

int rg_os_is_mapped(const void *p, size_t size)
{
    size_t page = rg_os_page_size();
    uintptr_t lo = (uintptr_t)p & ~(uintptr_t)(page - 1);
    uintptr_t hi = (uintptr_t)p + size;
    unsigned char v;
    for (uintptr_t a = lo; a < hi; a += page)
        if (mincore((void *)a, page, &v) != 0 && errno == ENOMEM)
            return 0;
    return 1;
}

size_t rg_os_rss(void)
{
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    char *s = strchr(buf, ' ');
    if (!s) return 0;
    return (size_t)strtoull(s + 1, NULL, 10) * rg_os_page_size();
}

size_t rg_os_trim_c_library(void)
{
#ifdef __GLIBC__
    size_t before = rg_os_rss();
    malloc_trim(0);
    size_t after = rg_os_rss();
    return after < before ? before - after : 0;
#else
    return 0;
#endif
}

#else /* __EMSCRIPTEN__ */
/* The simulated pages live on the C library's heap; every mapping is
 * recorded so that unmapping finds the block to free and is_mapped can
 * answer.  A handful of entries (arenas, huge blocks): a plain array. */
typedef struct wasm_mapping {
    char *base;  /* what the caller got (minus its prefix) */
    size_t size; /* bytes from base */
    void *raw;   /* what malloc gave */
} wasm_mapping;

static wasm_mapping *wasm_maps;
static size_t wasm_nmaps, wasm_capmaps;

#define WASM_PAGE ((size_t)4096)

size_t rg_os_page_size(void) { return WASM_PAGE; }

/* Record a mapping; 0 on success, -1 when the table cannot grow. */
static int wasm_record(char *base, size_t size, void *raw)
{
    if (wasm_nmaps == wasm_capmaps) {
        size_t cap = wasm_capmaps ? 2 * wasm_capmaps : 64;
        wasm_mapping *m = realloc(wasm_maps, cap * sizeof *m);
        if (m == NULL) return -1;
        wasm_maps = m;
        wasm_capmaps = cap;
    }
    wasm_maps[wasm_nmaps++] = (wasm_mapping){base, size, raw};
    return 0;
}

/* size bytes at a multiple of align with prefix bytes below, zeroed. */
static void *wasm_map(size_t size, size_t align, size_t prefix)
{
    size_t lead = (prefix + align - 1) & ~(align - 1);
    if (size > SIZE_MAX - lead) {
        errno = ENOMEM;
        return NULL;
    }
    void *raw = NULL;
    if (posix_memalign(&raw, align, lead + size) != 0) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = (char *)raw + lead;
    memset(p - prefix, 0, prefix + size);
    if (wasm_record(p - prefix, prefix + size, raw) != 0) {
        free(raw);
        errno = ENOMEM;
        return NULL;
    }
    return p;
}

void *rg_os_map(size_t size)
{
    if (injected_failure()) return NULL;
    return wasm_map(size, WASM_PAGE, 0);
}

void *rg_os_map_aligned(size_t size, size_t align, size_t prefix)
{
    if (injected_failure()) return NULL;
    return wasm_map(size, align, prefix);
}

void rg_os_unmap(void *p, size_t size)
{
    if (p == NULL || size == 0) return;
    for (size_t i = 0; i < wasm_nmaps; i++) {
        wasm_mapping *m = &wasm_maps[i];
        if ((char *)p < m->base || (char *)p >= m->base + m->size) continue;
        if ((char *)p == m->base && size >= m->size) {
            free(m->raw);
            *m = wasm_maps[--wasm_nmaps];
        } else {
            memset(p, 0, size); /* a part: it only reads as zero again */
        }
        return;
    }
}

void *rg_os_remap(void *p, size_t old_size, size_t new_size)
{
    void *q = rg_os_map(new_size);
    if (q == NULL) return NULL;
    memcpy(q, p, old_size < new_size ? old_size : new_size);
    rg_os_unmap(p, old_size);
    return q;
}

void rg_os_release(void *p, size_t size)
{
    if (size != 0) memset(p, 0, size);
}

void rg_os_release_ranges(const rg_os_range *ranges, size_t n)
{
    for (size_t i = 0; i < n; i++) rg_os_release(ranges[i].base, ranges[i].size);
}

/* 1 if the page at p holds a non-zero byte (the engine wrote it). */
static int wasm_page_touched(const char *p)
{
    const uint64_t *w = (const uint64_t *)(const void *)p;
    for (size_t i = 0; i < WASM_PAGE / sizeof *w; i++)
        if (w[i] != 0) return 1;
    return 0;
}

size_t rg_os_resident(const void *p, size_t size, unsigned char *vec)
{
    size_t npages = (size + WASM_PAGE - 1) / WASM_PAGE;
    size_t resident = 0;
    for (size_t i = 0; i < npages; i++) {
        int r = wasm_page_touched((const char *)p + i * WASM_PAGE);
        if (vec) vec[i] = (unsigned char)r;
        if (r) resident += WASM_PAGE;
    }
    return resident;
}

int rg_os_is_mapped(const void *p, size_t size)
{
    /* All linear memory below its current size is addressable. */
    uintptr_t a = (uintptr_t)p;
    return a >= WASM_PAGE && a + size >= a && a + size <= (uintptr_t)emscripten_get_heap_size();
}

size_t rg_os_rss(void)
{
    size_t rss = (size_t)mallinfo().uordblks;
    for (size_t i = 0; i < wasm_nmaps; i++) {
        rss -= wasm_maps[i].size <= rss ? wasm_maps[i].size : rss;
        rss += rg_os_resident(wasm_maps[i].base, wasm_maps[i].size, NULL);
    }
    return rss;
}

/* Linear memory never shrinks: nothing to give back. */
size_t rg_os_trim_c_library(void) { return 0; }
#endif

/* ====================================================================== */
/* The C library's allocator                                               */
/* ====================================================================== */

#ifdef __EMSCRIPTEN__
/* emscripten's malloc aligns to 8 only; glibc on x86-64 gives 16, and the
 * engine relies on it (large blocks' data and objects are 16-aligned). */
#define OS_ALIGN 16

/* p if 16-aligned, else a 16-aligned copy of its first size bytes (p freed). */
static void *os_aligned(void *p, size_t size)
{
    if (p == NULL || ((uintptr_t)p & (OS_ALIGN - 1)) == 0) return p;
    void *q = NULL;
    if (posix_memalign(&q, OS_ALIGN, size ? size : 1) != 0) {
        free(p);
        return NULL;
    }
    memcpy(q, p, size);
    free(p);
    return q;
}
#endif

/* Fault builds count the C library blocks handed out through here, so
 * that a sweep can tell a leak on an error path (rg_os_live_blocks). */
#ifdef RG_FAULT_INJECTION
static long os_live_blocks;
long rg_os_live_blocks(void) { return os_live_blocks; }
static void *os_counted(void *p, void *old)
{
    if (p != NULL && old == NULL) os_live_blocks++;
    return p;
}
#else
#define os_counted(p, old) (p)
#endif

void *rg_os_malloc(size_t size)
{
    if (injected_failure()) return NULL;
#ifdef __EMSCRIPTEN__
    void *p = NULL;
    return posix_memalign(&p, OS_ALIGN, size ? size : 1) == 0 ? p : NULL;
#else
    return os_counted(malloc(size), NULL);
#endif
}

void *rg_os_calloc(size_t count, size_t size)
{
    if (injected_failure()) return NULL;
#ifdef __EMSCRIPTEN__
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *p = NULL;
    if (posix_memalign(&p, OS_ALIGN, count * size ? count * size : 1) != 0) return NULL;
    memset(p, 0, count * size);
    return p;
#else
    return os_counted(calloc(count, size), NULL);
#endif
}

void *rg_os_realloc(void *p, size_t size)
{
    if (injected_failure()) return NULL;
#ifdef __EMSCRIPTEN__
    return os_aligned(realloc(p, size), size);
#else
    return os_counted(realloc(p, size), p);
#endif
}

void rg_os_free(void *p)
{
#ifdef RG_FAULT_INJECTION
    if (p != NULL) os_live_blocks--;
#endif
    free(p);
}
