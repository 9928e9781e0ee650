/*
 * pymem.c -- the PyMemAllocatorEx tables that send CPython's MEM and OBJ
 * domains to a refgc heap (see pymem.h).
 *
 * The contract CPython's allocators keep, and refgc keeps with them:
 *   - malloc(0), calloc(0, n) and realloc(p, 0) return a valid unique
 *     pointer, never NULL on success (rg_malloc(0) takes the large path as
 *     pymalloc sends 0 to the C library);
 *   - failure returns NULL and leaves the heap and p untouched, so CPython
 *     raises MemoryError;
 *   - blocks are 16-byte aligned (ALIGNMENT in obmalloc.c).
 * MEM uses refgc's PyMem family and OBJ its PyObject family: identical in a
 * normal heap, told apart by a debug heap (REFGC_DEBUG), which then reports
 * a block freed through the wrong family as CPython's debug hooks do.
 *
 * Speed: malloc and free are refgc's own entry points inlined here
 * (rg_alloc_inline / rg_free_inline from the allocator's header), so that
 * PyObject_Malloc reaches the pool's free list in one call from CPython's
 * table, as pymalloc does, instead of two; every mode (debug heap, valgrind,
 * event sink, failure injection) takes the same branches as in rg_malloc.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pymem.h"
#include "alloc/alloc.h"

static rg_heap *installed_heap;

/* ====================================================================== */
/* Domain MEM: PyMem_Malloc & co.                                          */
/* ====================================================================== */

/* PyMem_Malloc. */
static void *mem_malloc(void *ctx, size_t size) { return rg_alloc_inline(ctx, RG_API_MEM, size); }

/* PyMem_Calloc. */
static void *mem_calloc(void *ctx, size_t nelem, size_t elsize)
{
    return rg_calloc(ctx, nelem, elsize);
}

/* PyMem_Realloc. */
static void *mem_realloc(void *ctx, void *p, size_t size) { return rg_realloc(ctx, p, size); }

/* PyMem_Free. */
static void mem_free(void *ctx, void *p)
{
    (void)ctx;
    rg_free_inline(p, RG_API_MEM, "rg_free");
}

/* ====================================================================== */
/* Domain OBJ: PyObject_Malloc & co.                                       */
/* ====================================================================== */

/* PyObject_Malloc. */
static void *obj_malloc(void *ctx, size_t size) { return rg_alloc_inline(ctx, RG_API_OBJ, size); }

/* PyObject_Calloc. */
static void *obj_calloc(void *ctx, size_t nelem, size_t elsize)
{
    return rg_obj_calloc(ctx, nelem, elsize);
}

/* PyObject_Realloc. */
static void *obj_realloc(void *ctx, void *p, size_t size)
{
    return rg_obj_realloc(ctx, p, size);
}

/* PyObject_Free. */
static void obj_free(void *ctx, void *p)
{
    (void)ctx;
    rg_free_inline(p, RG_API_OBJ, "rg_obj_free");
}

/* ====================================================================== */
/* Installing                                                              */
/* ====================================================================== */

int rgpy_install(rg_heap *heap)
{
    PyMemAllocatorEx mem = {heap, mem_malloc, mem_calloc, mem_realloc, mem_free};
    PyMemAllocatorEx obj = {heap, obj_malloc, obj_calloc, obj_realloc, obj_free};
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &mem);
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &obj);
    installed_heap = heap;
    return 0;
}

rg_heap *rgpy_heap(void) { return installed_heap; }

int rgpy_active(void)
{
    PyMemAllocatorEx mem, obj;
    PyMem_GetAllocator(PYMEM_DOMAIN_MEM, &mem);
    PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &obj);
    return installed_heap != NULL && mem.malloc == mem_malloc && mem.ctx == installed_heap &&
           obj.malloc == obj_malloc && obj.ctx == installed_heap;
}
