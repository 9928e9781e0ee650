/*
 * pauses.h -- timing the collector's pauses: each collection's start to its
 * stop (CLOCK_MONOTONIC), kept per generation, summarised as count, median,
 * maximum and total.
 *
 * The peers' collection hooks (rg_gc_add_callback's start/stop, Boehm's
 * GC_EVENT_START/GC_EVENT_END) call pause_log_start and pause_log_stop.
 * Samples live in kernel-mapped arrays, so recording allocates nothing
 * from the memory manager under test; past the capacity, count, maximum and
 * total stay exact and the median is of the first `capacity` pauses.
 */
#ifndef BENCH_GC_PAUSES_H
#define BENCH_GC_PAUSES_H

#include <stddef.h>

/* The kinds of collection: CPython's three generations, and Boehm's
 * (non-generational) full collections. */
enum pause_kind { PAUSE_GEN0, PAUSE_GEN1, PAUSE_GEN2, PAUSE_FULL, PAUSE_KINDS };

typedef struct pause_log {
    double *samples[PAUSE_KINDS]; /* ns, in order of occurrence          */
    size_t count[PAUSE_KINDS];
    double max_ns[PAUSE_KINDS];
    double total_ns[PAUSE_KINDS];
    size_t capacity;              /* samples kept per kind               */
    double started_ns;            /* of the collection under way, or 0   */
} pause_log;

/* An empty log keeping up to capacity samples per kind. */
void pause_log_init(pause_log *log, size_t capacity);

/* Give the sample arrays back. */
void pause_log_free(pause_log *log);

/* A collection starts now. */
void pause_log_start(pause_log *log);

/* The collection started last stops now; it was of this kind. */
void pause_log_stop(pause_log *log, enum pause_kind kind);

/* Print the summary keys: for each kind that ran (the three generations
 * always when generational is set), <kind>_collections, <kind>_median_ns,
 * <kind>_max_ns, <kind>_total_ns; then over all kinds collections,
 * collector_ns (total), pause_median_ns and pause_max_ns. */
void pause_log_report(pause_log *log, int generational);

#endif /* BENCH_GC_PAUSES_H */
