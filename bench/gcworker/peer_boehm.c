/*
 * peer_boehm.c -- the Boehm-Demers-Weiser collector (Debian's libgc) as a
 * peer: start-up, identity, full collections and pause timing.
 *
 * Boehm is conservative mark-sweep, not generational (incremental mode is
 * off, as by default) and sweeps small-object blocks lazily during later
 * allocations: a block with no live object is freed inside the collection,
 * the others are swept on demand.  A process that starts no thread never
 * starts parallel marker threads (GC_get_parallel() is reported by info), so
 * it marks on one core like refgc and CPython.  Roots are found by scanning
 * the stack, registers and static data.
 */
#define GC_THREADS /* only to declare GC_get_parallel(); no thread is made */
#include "peer.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

/* GC_INIT, and the measurement of full-collection time. */
int peer_init(void)
{
    GC_INIT();
    GC_start_performance_measurement();
    return 0;
}

/* libgc's version, from the library itself. */
const char *peer_version(void)
{
    static char version[32];
    unsigned v = GC_get_version(); /* major << 16 | minor << 8 | micro */
    snprintf(version, sizeof version, "%u.%u.%u", v >> 16, (v >> 8) & 0xff, v & 0xff);
    return version;
}

/* The shared object holding GC_malloc. */
const char *peer_served_by(void)
{
    Dl_info info;
    if (dladdr((void *)(uintptr_t)GC_malloc, &info) == 0 || info.dli_fname == NULL) return "unknown";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}

/* Nothing: the collector frees it. */
void peer_free_atomic(void *p) { (void)p; }

/* Boehm's own counters: collections, full-collection ms, heap size,
 * marker threads besides the main one. */
void peer_report_collector(void)
{
    result_u64("boehm_gc_no", GC_get_gc_no());
    result_u64("boehm_full_gc_ms", GC_get_full_gc_total_time());
    result_u64("boehm_heap_bytes", GC_get_heap_size());
    result_u64("boehm_parallel_markers", (uint64_t)GC_get_parallel());
}

/* Automatic collection off (GC_disable nests; one call here). */
void collector_disable(void) { GC_disable(); }

/* Automatic collection on again. */
void collector_enable(void) { GC_enable(); }

/* Bytes of the heap in use (mapped heap minus its free bytes). */
static int64_t heap_bytes_in_use(void)
{
    GC_word heap = 0, free_bytes = 0, unmapped = 0, since_gc = 0, total = 0;
    GC_get_heap_usage_safe(&heap, &free_bytes, &unmapped, &since_gc, &total);
    return (int64_t)heap - (int64_t)free_bytes;
}

/* GC_gcollect(), timed; what it freed at once, in bytes. */
collect_outcome collector_collect_full(void)
{
    const int64_t before = heap_bytes_in_use();
    const double t0 = now_ns();
    GC_gcollect();
    collect_outcome out = {now_ns() - t0, -1, 0};
    out.bytes_freed = before - heap_bytes_in_use();
    return out;
}

static pause_log *watched_log;

/* GC_EVENT_START and GC_EVENT_END of every collection into the log. */
static void GC_CALLBACK collection_event(GC_EventType event)
{
    if (watched_log == NULL) return;
    if (event == GC_EVENT_START) pause_log_start(watched_log);
    else if (event == GC_EVENT_END) pause_log_stop(watched_log, PAUSE_FULL);
}

/* Time every collection into log. */
void collector_watch_pauses(pause_log *log)
{
    watched_log = log;
    GC_set_on_collection_event(collection_event);
}

/* Stop timing collections. */
void collector_unwatch_pauses(void)
{
    GC_set_on_collection_event(0);
    watched_log = NULL;
}
