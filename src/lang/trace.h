/*
 * trace.h -- a traced run of a Python program: the event stream of
 * docs/events.md (schema 1) as JSON Lines.
 *
 * One truth: `refgc run --json` writes these lines, `--trace` narrates
 * them, `--dot` and `refgc why` draw from their snapshots, and the web
 * page (compiled to WebAssembly) reads the very same lines.  Nothing here
 * prints: every line goes to the caller's writer.
 *
 * A traced run is deterministic: ids are the engine's stable addresses
 * (rg_stable_address), so id() in the program and "id" in the stream
 * agree, and two runs of the same program give the same stream.
 */
#ifndef REFGC_LANG_TRACE_H
#define REFGC_LANG_TRACE_H

#include <stddef.h>

/* Receives one JSON object (no newline, not NUL-terminated) per call. */
typedef void (*py_trace_writer)(void *data, const char *line, size_t len);

#define PY_TRACE_DEFAULT_MAX_STEPS 10000
#define PY_TRACE_DEFAULT_MAX_EVENTS 2000000

/* What a checked finish found (py_trace_options.check). */
typedef struct py_trace_check {
    size_t blocks_left; /* blocks still allocated after the full teardown */
    size_t violations;  /* rg_heap_check's count (each one on stderr) */
} py_trace_check;

typedef struct py_trace_options {
    /* Line steps after which the run stops with an "end" event whose
     * reason is "step_limit" (0: PY_TRACE_DEFAULT_MAX_STEPS; -1: none). */
    long max_steps;
    /* Lines after which the run stops at once, "end" with reason
     * "event_limit" (status 3) coming next and nothing else written
     * (0: PY_TRACE_DEFAULT_MAX_EVENTS; -1: none).  Counts every line,
     * "start" included, "end" excluded. */
    long max_events;
    /* Event families (RG_EVENTS_* of refgc.h); 0 means all. */
    unsigned families;
    /* Snapshots: after every step, after the steps that ran these lines,
     * at the end of the run (before the interpreter is torn down). */
    int snapshot_every_step;
    const long *snapshot_lines;
    size_t nsnapshot_lines;
    int snapshot_at_end;
    /* Every tracked object in snapshots (not only the program's own). */
    int all_objects;
    /* `refgc why`: evaluate this expression in __main__ at the end of the
     * run (or after the first step of line why_line when > 0) and emit a
     * "why" event for the object it gives. */
    const char *why_expr;
    long why_line;
    /* Heap limit in bytes (0: none), as `refgc run --max-heap`. */
    size_t max_heap;
    /* Tests: when set, the run ends with py_runtime_finish_checked (the
     * same teardown, then rg_trim and rg_heap_check) and stores what it
     * found here; NULL: py_runtime_finish, as `refgc run`.  The stream is
     * the same either way. */
    py_trace_check *check;
} py_trace_options;

/* Start an interpreter, run source (filename is what tracebacks show) as
 * __main__ under the trace, tear the interpreter down, and write the
 * stream: "start", then the run's events, then "end".  The program's
 * stdout and stderr (tracebacks included) become "output" events and are
 * not printed.  Returns the status `refgc run` would exit with (0; 1 when
 * the program raised; SystemExit's code; 3 when the step or event limit
 * stopped it), or -1 when the run could not start (out of memory). */
int py_trace_run(const char *source, size_t len, const char *filename,
                 const py_trace_options *options, py_trace_writer write, void *data);

#endif
