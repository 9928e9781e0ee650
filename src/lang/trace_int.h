/*
 * trace_int.h -- what the files of a traced run share (trace.c: the run,
 * steps, engine events and output; trace_json.c: JSON text in C memory;
 * trace_refs.c: referrers and refcount causes; trace_snap.c: snapshots,
 * reprs and "why").
 *
 * Invariants: one traced run at a time (the state is a file static of
 * trace.c: py_trace_st).  Nothing here allocates in the observed heap
 * while building a line: JSON text, tables and names live in malloc'd C
 * memory, and reprs are computed from the objects' internals without
 * running any Python code.
 */
#ifndef REFGC_LANG_TRACE_INT_H
#define REFGC_LANG_TRACE_INT_H

#include "lang/frame.h"
#include "lang/trace.h"

/* ====================================================================== */
/* JSON text (trace_json.c)                                                */
/* ====================================================================== */

typedef struct py_tj {
    char *buf;
    size_t len, cap;
    int oom; /* an append failed: the line is dropped */
} py_tj;

void py_tj_reset(py_tj *j);
void py_tj_free(py_tj *j);
void py_tj_raw(py_tj *j, const char *s, size_t n);
void py_tj_puts(py_tj *j, const char *s);
void py_tj_putc(py_tj *j, char c);
void py_tj_fmt(py_tj *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void py_tj_int(py_tj *j, long long v);
void py_tj_uint(py_tj *j, unsigned long long v);
/* A JSON string of n bytes (invalid UTF-8 becomes U+FFFD). */
void py_tj_str(py_tj *j, const char *s, size_t n);
void py_tj_cstr(py_tj *j, const char *s);
/* ,"key": followed by a value. */
void py_tj_key(py_tj *j, const char *key);
void py_tj_kint(py_tj *j, const char *key, long long v);
void py_tj_kstr(py_tj *j, const char *key, const char *s);
void py_tj_kbool(py_tj *j, const char *key, int v);

/* ====================================================================== */
/* The run's state (trace.c)                                               */
/* ====================================================================== */

typedef struct py_trace_state {
    py_trace_options opt;
    py_trace_writer write;
    void *data;
    const char *source;
    size_t source_len;
    const char *filename;
    rg_heap *heap;
    unsigned long long seq;  /* last "seq" written */
    long step;               /* current step (0: none yet) */
    int line;                /* its line */
    int running;             /* the program runs under the trace */
    int stopped;             /* the step or event limit was reached */
    int event_limit;         /* it was the event limit: no more lines */
    int last_line;           /* "end" is being written (past the limit) */
    int sink_on;             /* our sink is installed */
    int mute;                /* engine events are not written (why_expr) */
    py_tj line_j;            /* the line being built by the front end */
    py_tj sink_j;            /* the line being built by the sink */
} py_trace_state;

extern py_trace_state py_trace_st;

/* Start a line {"ev": ev, "seq": n[, "step": k]} in j. */
void py_trace_line_begin(py_tj *j, const char *ev);
/* Close it and hand it to the writer. */
void py_trace_line_end(py_tj *j);
/* The id of an object in the stream (its stable address). */
uintptr_t py_trace_id(const void *o);
/* Is o outside the heap (a static object: None, small ints, types)? */
int py_trace_is_static(const void *o);
/* A type's name for the stream. */
const char *py_trace_type_name(const rg_type *t);
/* The block JSON object of docs/events.md. */
void py_trace_block_json(py_tj *j, const rg_block_info *b);

/* ====================================================================== */
/* Referrers and refcount causes (trace_refs.c)                            */
/* ====================================================================== */

/* The engine says: o was created / its dealloc starts (sink context: no
 * heap allocation, no events). */
void py_trace_refs_created(const rg_object *o);
void py_trace_refs_dying(const rg_object *o);
/* At a step's end: scan the referrers the front end can name, write a
 * "ref" line per referrer gained or lost since the last scan.  baseline
 * (before the first step): scan only; what exists then is never reported. */
void py_trace_refs_step_end(int baseline);
/* Forget everything (end of the run). */
void py_trace_refs_fini(void);

/* One frame of the last scan, outermost first. */
typedef struct py_trace_frame {
    const void *key;     /* the frame, or the module's globals dict */
    char name[64];       /* co_name: "<module>", "f" */
    int line;
    py_frame *frame;     /* NULL for the module's names after the run */
    const void *gen;     /* the generator owning the frame, or NULL */
    unsigned long life;  /* which frame at key (0: unknown, module names) */
} py_trace_frame;

/* A reference the front end can name (docs/events.md "referrers"). */
enum { PY_TR_NAME = 1, PY_TR_ITEM, PY_TR_KEY, PY_TR_VALUE, PY_TR_ATTR, PY_TR_CELL, PY_TR_STACK, PY_TR_LOCAL };
typedef struct py_trace_ref {
    const rg_object *target;
    int kind;
    int frame;              /* PY_TR_NAME / PY_TR_STACK: index into the frames */
    const void *holder;     /* the frame key, or the container */
    unsigned long hlife;    /* which lifetime of holder (an address is reused) */
    long index;             /* item / stack slot (-1: member of a set) */
    unsigned seq;           /* order of discovery in its scan */
    char name[48];          /* name, attribute, local, or repr of a dict key */
} py_trace_ref;

/* The last scan: frames and referrers (valid until the next scan). */
/* A frame starts running its code at address frame (RESUME 0): a new
 * lifetime for that address (called by the traced loop's hook). */
void py_trace_refs_frame_start(const void *frame);
size_t py_trace_refs_frames(const py_trace_frame **frames);
size_t py_trace_refs_of(const rg_object *o, const py_trace_ref **refs);
/* Every referrer of the last scan (grouped by target). */
size_t py_trace_refs_all(const py_trace_ref **refs);
/* Names of the last scan bound to objects it does not follow (None,
 * small ints, modules, built-in types and functions). */
size_t py_trace_refs_bound(const py_trace_ref **refs);
/* Did the last scan reach o through names and nameable references? */
int py_trace_refs_shown(const rg_object *o);
/* Objects the last scan reached (roots of snapshots). */
size_t py_trace_refs_roots(rg_object ***roots);

/* ====================================================================== */
/* Snapshots and why (trace_snap.c)                                        */
/* ====================================================================== */

/* Write a "snapshot" line (after a scan). */
void py_trace_snapshot(void);
/* Write a "why" line for the value of expr in __main__. */
void py_trace_why(const char *expr);
/* str s as UTF-8 into out (cap bytes, NUL-terminated, truncated at a
 * character boundary); its length.  Allocates nothing. */
size_t py_trace_str_utf8(const py_obj *s, char *out, size_t cap);
/* repr of o without running Python code, at most max bytes (+ "..."). */
void py_trace_repr(py_tj *j, const rg_object *o, size_t max);

#endif
