/*
 * pauses.c -- the pause log (pauses.h): samples per kind of collection in
 * kernel-mapped arrays, and their summary as result keys.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "pauses.h"

static const char *const kind_names[PAUSE_KINDS] = {"gen0", "gen1", "gen2", "full"};

/* An empty log with room for capacity samples per kind. */
void pause_log_init(pause_log *log, size_t capacity)
{
    memset(log, 0, sizeof *log);
    log->capacity = capacity ? capacity : 1;
    for (int k = 0; k < PAUSE_KINDS; k++)
        log->samples[k] = map_array(log->capacity * sizeof(double));
}

/* Unmap the sample arrays. */
void pause_log_free(pause_log *log)
{
    for (int k = 0; k < PAUSE_KINDS; k++)
        unmap_array(log->samples[k], log->capacity * sizeof(double));
    memset(log, 0, sizeof *log);
}

/* Remember when the collection started. */
void pause_log_start(pause_log *log) { log->started_ns = now_ns(); }

/* Record the collection that started last. */
void pause_log_stop(pause_log *log, enum pause_kind kind)
{
    if (log->started_ns == 0) return; /* began before the log was watching */
    const double ns = now_ns() - log->started_ns;
    log->started_ns = 0;
    if (log->count[kind] < log->capacity) log->samples[kind][log->count[kind]] = ns;
    log->count[kind]++;
    log->total_ns[kind] += ns;
    if (ns > log->max_ns[kind]) log->max_ns[kind] = ns;
}

/* How many samples of kind the log holds. */
static size_t kept_count(const pause_log *log, int kind)
{
    return log->count[kind] < log->capacity ? log->count[kind] : log->capacity;
}

/* Median of the kept samples of kind (copied into scratch). */
static double kind_median(const pause_log *log, int kind, double *scratch)
{
    size_t kept = kept_count(log, kind);
    memcpy(scratch, log->samples[kind], kept * sizeof(double));
    return harness_median(scratch, kept);
}

/* The summary keys. */
void pause_log_report(pause_log *log, int generational)
{
    size_t all_count = 0, all_kept = 0;
    double all_total = 0, all_max = 0;
    for (int k = 0; k < PAUSE_KINDS; k++) all_kept += kept_count(log, k);
    double *scratch = map_array((all_kept ? all_kept : 1) * sizeof(double));
    char key[48];
    for (int k = 0; k < PAUSE_KINDS; k++) {
        const int shown = log->count[k] > 0 || (generational && k <= PAUSE_GEN2);
        if (shown) {
            snprintf(key, sizeof key, "%s_collections", kind_names[k]);
            result_u64(key, log->count[k]);
            if (log->count[k] > 0) {
                snprintf(key, sizeof key, "%s_median_ns", kind_names[k]);
                result_f64(key, kind_median(log, k, scratch));
                snprintf(key, sizeof key, "%s_max_ns", kind_names[k]);
                result_f64(key, log->max_ns[k]);
            }
            snprintf(key, sizeof key, "%s_total_ns", kind_names[k]);
            result_f64(key, log->total_ns[k]);
        }
        all_count += log->count[k];
        all_total += log->total_ns[k];
        if (log->max_ns[k] > all_max) all_max = log->max_ns[k];
    }
    /* the median over every kind: all kept samples together */
    size_t n = 0;
    for (int k = 0; k < PAUSE_KINDS; k++) {
        memcpy(scratch + n, log->samples[k], kept_count(log, k) * sizeof(double));
        n += kept_count(log, k);
    }
    result_u64("collections", all_count);
    result_f64("collector_ns", all_total);
    result_f64("pause_median_ns", harness_median(scratch, n));
    result_f64("pause_max_ns", all_max);
    unmap_array(scratch, (all_kept ? all_kept : 1) * sizeof(double));
}
