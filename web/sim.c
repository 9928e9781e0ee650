/*
 * sim.c -- the web page's door to the engine: py_trace_run (src/lang/trace.h)
 * compiled to WebAssembly, with the whole JSON Lines stream handed back in
 * one buffer.
 *
 * Owns: the result buffer (one at a time; sim_run frees the previous one).
 * The page calls sim_run from a Web Worker (web/src/worker.js), so a runaway
 * snippet stops at the step cap or when the page terminates the worker.
 * Exported names are listed in web/build.sh (EXPORTED_FUNCTIONS).
 */
#include <stdlib.h>
#include <string.h>

#include "lang/trace.h"

/* ====================================================================== */
/* The result buffer                                                       */
/* ====================================================================== */

typedef struct sim_buffer {
    char *data;
    size_t len, cap;
    int failed; /* out of memory while appending: the stream is cut */
} sim_buffer;

static sim_buffer result;

/* Append n bytes to b (and keep it NUL terminated). */
static void buffer_add(sim_buffer *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 2 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (b->len + n + 2 > cap) cap *= 2;
        char *d = realloc(b->data, cap);
        if (d == NULL) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* The trace writer: one JSON object per call, one line each. */
static void write_line(void *data, const char *line, size_t len)
{
    sim_buffer *b = data;
    buffer_add(b, line, len);
    buffer_add(b, "\n", 1);
}

/* ====================================================================== */
/* Exported                                                                */
/* ====================================================================== */

/* Free the last result. */
void sim_free(void);
void sim_free(void)
{
    free(result.data);
    memset(&result, 0, sizeof result);
}

/* Run source (len bytes of UTF-8) under the trace: max_steps as
 * py_trace_options (0: default 10000, -1: none), snapshots after every step
 * when every_step is set (else at the end only).  Returns the JSON Lines
 * (NUL terminated; its length from sim_result_len), valid until the next
 * sim_run or sim_free; NULL when the run could not start. */
const char *sim_run(const char *source, size_t len, long max_steps, int every_step);
const char *sim_run(const char *source, size_t len, long max_steps, int every_step)
{
    sim_free();
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.max_steps = max_steps;
    o.snapshot_every_step = every_step;
    o.snapshot_at_end = 0; /* as `refgc run --json --snapshot-every-step` */
    buffer_add(&result, "", 0);
    int status = py_trace_run(source, len, "<string>", &o, write_line, &result);
    if (status < 0 && result.len == 0) return NULL;
    return result.data;
}

/* The last result (also after a trap cut a run short: the page then shows
 * the stream up to the trap). */
const char *sim_result_data(void);
const char *sim_result_data(void) { return result.data; }

/* Length in bytes of the last result. */
size_t sim_result_len(void);
size_t sim_result_len(void) { return result.len; }

/* 1 when the last result was cut short for lack of memory. */
int sim_result_truncated(void);
int sim_result_truncated(void) { return result.failed; }
