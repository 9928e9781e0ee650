/*
 * heap.c -- heap lifetime and configuration.
 *
 * Owns: rg_heap_new, rg_heap_delete, the defaults, fatal-error reporting.
 * A heap holds what CPython keeps in obmalloc's globals (usedpools,
 * usable_arenas, nfp2lasta, the arena table, counters), plus the reserve,
 * the large-block list and the debug quarantine.  Heaps share nothing but
 * the process-wide arena map (radix.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "../os/os.h"
#include "../os/valgrind.h"

#ifdef RG_HAVE_VALGRIND
int rg_vg_active; /* valgrind.h: set by the first heap made under valgrind */
#endif

const char *rg_version(void) { return RG_VERSION_STRING; }

void rg_heap_config_init(rg_heap_config *config)
{
    config->flags = 0;
    config->arena_reserve = RG_DEFAULT_ARENA_RESERVE;
    config->mmap_threshold = RG_DEFAULT_MMAP_THRESHOLD;
    config->debug_quarantine = RG_DEFAULT_DEBUG_QUARANTINE;
}

rg_heap *rg_heap_new(const rg_heap_config *config)
{
    rg_heap_config defaults;
    if (config == NULL) {
        rg_heap_config_init(&defaults);
        config = &defaults;
    }
    if (config->flags & ~(unsigned)RG_HEAP_DEBUG) {
        errno = EINVAL;
        return NULL;
    }
    rg_heap *heap = rg_os_calloc(1, sizeof *heap);
    if (heap == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    heap->config = *config;
    heap->debug = (config->flags & RG_HEAP_DEBUG) != 0;
#ifdef RG_HAVE_VALGRIND
    /* valgrind: only the slow paths, which tell memcheck (valgrind.h). */
    if (RG_VG_RUNNING_ON_VALGRIND) rg_vg_active = heap->valgrind = 1;
#endif
    heap->fast_limit = (heap->debug || heap->valgrind) ? 0 : RG_SMALL_REQUEST_THRESHOLD;
    for (unsigned i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        heap->usedpools[i].next = heap->usedpools[i].prev = &heap->usedpools[i];
    }
    heap->unused_slots = RG_NO_SLOT;
    heap->large.next = heap->large.prev = &heap->large;
    heap->large.heap = heap;
    if (heap->debug && config->debug_quarantine > 0) {
        heap->quarantine = rg_os_calloc(config->debug_quarantine, sizeof *heap->quarantine);
        if (heap->quarantine == NULL) {
            rg_os_free(heap);
            errno = ENOMEM;
            return NULL;
        }
    }
    RG_VG_POOL_CREATE(heap);
    return heap;
}

void rg_heap_delete(rg_heap *heap)
{
    if (heap == NULL) return;
#ifdef RG_FAULT_INJECTION
    /* For the sweeps, once an injected failure happened: what the heap
     * still held when it was deleted. */
    if (rg_fault_fired() != RG_FAULT_NONE) {
        rg_stats st;
        size_t errors = rg_heap_check(heap, NULL);
        rg_fault_note_deleted_heap(rg_heap_stats(heap, &st) == 0 ? st.allocated_blocks : (size_t)-1,
                                   errors);
    }
#endif
    if (heap->events != NULL) rg_events_set_sink(heap, 0, NULL, NULL);
    if (heap->objects_destroy) heap->objects_destroy(heap);
    if (heap->debug) rg_debug_flush(heap, "rg_heap_delete");
    for (uint32_t i = 0; i < heap->nslots; i++) {
        rg_arena *arena = heap->slots[i].arena;
        if (arena == NULL) continue;
        rg_map_set(arena->address, 0);
        rg_arena_unmap(arena);
    }
    rg_arena_drop_reserve(heap);
    rg_large_free_all(heap);
    RG_VG_POOL_DESTROY(heap); /* forgets the blocks still live (their memory is gone) */
    rg_os_free(heap->slots);
    rg_os_free(heap->quarantine);
    rg_os_free(heap);
}

_Noreturn void rg_fatal(const char *func, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "refgc fatal error: %s: ", func);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

void rg_heap_set_limit(rg_heap *heap, size_t limit) { heap->limit = limit; }

size_t rg_heap_get_limit(const rg_heap *heap) { return heap->limit; }
