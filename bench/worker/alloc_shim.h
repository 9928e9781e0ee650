/*
 * alloc_shim.h -- the allocator under test, chosen when the worker is
 * compiled (exactly one of ALLOC_REFGC, ALLOC_GLIBC, ALLOC_MIMALLOC,
 * ALLOC_JEMALLOC, ALLOC_TCMALLOC, ALLOC_PYMALLOC is defined).
 *
 * Owns: the two calls the workloads time, bench_malloc and bench_free, as
 * static inline wrappers that compile to a direct call of the allocator's
 * own entry point, so no allocator pays for an extra layer.  The rest of
 * what differs between allocators (start-up, trim, version, which library
 * really serves the calls) is out of line in alloc_shim.c.
 *
 * jemalloc and tcmalloc replace malloc for the whole process when linked,
 * so their workers call plain malloc/free; each allocator runs in its own
 * process (the driver starts one worker executable per allocator).
 *
 * Every TU of the worker includes this header first: Python.h must come
 * before any system header.
 */
#ifndef BENCH_ALLOC_SHIM_H
#define BENCH_ALLOC_SHIM_H

#if defined(ALLOC_PYMALLOC)
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#endif

#include <stddef.h>

#if defined(ALLOC_REFGC)
#include <refgc.h>
#define BENCH_ALLOC_NAME "refgc"
extern rg_heap *bench_heap;
/* Allocate n bytes from the benchmark's one refgc heap. */
static inline void *bench_malloc(size_t n) { return rg_malloc(bench_heap, n); }
/* Free a block of the heap. */
static inline void bench_free(void *p) { rg_free(p); }

#elif defined(ALLOC_MIMALLOC)
#include <mimalloc.h>
#define BENCH_ALLOC_NAME "mimalloc"
/* Allocate n bytes with mimalloc's own entry point. */
static inline void *bench_malloc(size_t n) { return mi_malloc(n); }
/* Free a mimalloc block. */
static inline void bench_free(void *p) { mi_free(p); }

#elif defined(ALLOC_PYMALLOC)
#define BENCH_ALLOC_NAME "pymalloc"
/* Allocate n bytes from CPython's object allocator (pymalloc). */
static inline void *bench_malloc(size_t n) { return PyObject_Malloc(n); }
/* Free a PyObject_Malloc block. */
static inline void bench_free(void *p) { PyObject_Free(p); }

#elif defined(ALLOC_GLIBC) || defined(ALLOC_JEMALLOC) || defined(ALLOC_TCMALLOC)
#include <stdlib.h>
#if defined(ALLOC_GLIBC)
#define BENCH_ALLOC_NAME "glibc"
#elif defined(ALLOC_JEMALLOC)
#define BENCH_ALLOC_NAME "jemalloc"
#else
#define BENCH_ALLOC_NAME "tcmalloc"
#endif
/* Allocate n bytes with the process's malloc (the linked allocator's). */
static inline void *bench_malloc(size_t n) { return malloc(n); }
/* Free a malloc block. */
static inline void bench_free(void *p) { free(p); }

#else
#error "define one of ALLOC_REFGC ALLOC_GLIBC ALLOC_MIMALLOC ALLOC_JEMALLOC ALLOC_TCMALLOC ALLOC_PYMALLOC"
#endif

/* Set the allocator up (refgc: the heap; pymalloc: the interpreter).
 * 0 on success, -1 with a message on stderr. */
int bench_alloc_init(void);

/* Give free memory back to the OS the allocator's own way.  Returns 1 if
 * the allocator has such a call, 0 if not (pymalloc). */
int bench_alloc_trim(void);

/* The allocator's version as one word, e.g. "5.3.0". */
const char *bench_alloc_version(void);

/* The file name of the shared object (or executable) whose code serves
 * bench_malloc, e.g. "libjemalloc.so.2": proof of which allocator ran. */
const char *bench_alloc_served_by(void);

/* Keep p (and all memory) observable, so the compiler can neither drop an
 * allocation nor move loads and stores across this point. */
static inline void bench_escape(void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

#endif /* BENCH_ALLOC_SHIM_H */
