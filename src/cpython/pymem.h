/*
 * pymem.h -- refgc as CPython's allocator: the glue refgc-python installs.
 *
 * CPython 3.11 routes PyMem_Malloc & co. (domain MEM) and PyObject_Malloc
 * & co. (domain OBJ) through replaceable function tables; refgc-python
 * points both at one refgc heap before the interpreter initialises, so that
 * every object and every interpreter buffer comes from refgc's arenas,
 * pools and blocks.  The RAW domain (PyMem_RawMalloc: callable without the
 * GIL) stays on the C library.
 *
 * Threads: CPython calls MEM and OBJ only with the GIL held, so the heap is
 * used by one thread at a time, as refgc.h requires; nothing here locks.
 */
#ifndef REFGC_CPYTHON_PYMEM_H
#define REFGC_CPYTHON_PYMEM_H

#include "refgc.h"

/* Make heap CPython's MEM and OBJ allocator.  Call before the interpreter
 * initialises (before Py_BytesMain): blocks allocated by another allocator
 * must never reach refgc's free.  Returns 0. */
int rgpy_install(rg_heap *heap);

/* The heap installed by rgpy_install (NULL before). */
rg_heap *rgpy_heap(void);

/* 1 when refgc's tables are still the allocator of both domains: PYTHONMALLOC
 * or -X dev make CPython install its own allocators during start-up, as the
 * user asked; then 0.  Also 0 while tracemalloc's hooks wrap the tables
 * (refgc still serves underneath: module.c tells that case apart). */
int rgpy_active(void);

#endif
