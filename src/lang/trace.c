/*
 * trace.c -- py_trace_run: a Python program run under the trace, written
 * as the JSON Lines stream of docs/events.md (schema 1).
 *
 * Owns: the run (an interpreter started and finished as `refgc run`
 * does, the program's stdout/stderr turned into "output" lines), the
 * steps (CPython 3.11's line-event rule, applied by the traced eval loop
 * before every instruction: a step starts when an instruction starts a new
 * line, or when a backward jump lands on one -- not for SEND), "call" and
 * "return" lines, the step limit, the engine's events written as JSON by
 * our sink, "getrefcount" lines, id() as the stable address.
 *
 * Invariants: the sink builds its line in malloc'd memory and touches no
 * Python object beyond reading it; referrers, causes, reprs and snapshots
 * are computed between steps (trace_refs.c, trace_snap.c), never inside
 * the sink.  Steps are numbered 1, 2, ...; a line written while a step
 * runs carries it.  Once the step limit is reached every instruction
 * raises SystemExit at once (no handler can keep the program going) and
 * nothing more is written but the "end" line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lang/pythonrun.h"
#include "lang/trace_int.h"
#include "lang/trace_vm.h"

py_trace_state py_trace_st;
#define T py_trace_st

/* Run-level flags beyond the shared state. */
static struct {
    int start_written;
    int why_done;
    const char *reason; /* "finished", "exception", ... (set after the run) */
    FILE *err;          /* interp->err_out while the run lasts */
} R;

/* ====================================================================== */
/* Lines                                                                   */
/* ====================================================================== */

void py_trace_line_begin(py_tj *j, const char *ev)
{
    py_tj_reset(j);
    py_tj_puts(j, "{\"ev\":");
    py_tj_cstr(j, ev);
    py_tj_kint(j, "seq", (long long)++T.seq);
    if (T.running && T.step > 0) py_tj_kint(j, "step", T.step);
}

void py_trace_line_end(py_tj *j)
{
    if (T.opt.max_events > 0 && T.seq > (unsigned long long)T.opt.max_events && !T.last_line) {
        T.seq--; /* not written: the run stops at its next instruction */
        T.event_limit = T.stopped = 1;
        return;
    }
    py_tj_putc(j, '}');
    if (!j->oom && T.write != NULL) T.write(T.data, j->buf, j->len);
}

#if defined(__EMSCRIPTEN__)
extern unsigned char __heap_base; /* static data lies below it */
#elif defined(__linux__)
extern char __executable_start, end; /* the program's image (static objects) */
#define TRACE_IMAGE 1
#endif

/* Stable ids of static objects (None, small ints, built-in types): their
 * offset from None, which the loader moves together with them. */
#define STATIC_ID_BASE UINT64_C(150000000000000)

int py_trace_is_static(const void *o)
{
    uintptr_t a = (uintptr_t)o;
    return rg_stable_address(o) == (a & ((UINT64_C(1) << 53) - 1));
}

uintptr_t py_trace_id(const void *o)
{
    if (o == NULL) return 0;
    uintptr_t s = rg_stable_address(o), a = (uintptr_t)o;
    if (s != (a & ((UINT64_C(1) << 53) - 1))) return s;
#if defined(__EMSCRIPTEN__)
    if (a < (uintptr_t)&__heap_base) return (uintptr_t)(STATIC_ID_BASE + (a - (uintptr_t)py_none));
#elif defined(TRACE_IMAGE)
    if (a >= (uintptr_t)&__executable_start && a < (uintptr_t)&end)
        return (uintptr_t)(STATIC_ID_BASE + (a - (uintptr_t)py_none));
#endif
    return s;
}

const char *py_trace_type_name(const rg_type *t)
{
    return t != NULL && t->name != NULL ? t->name : "?";
}

void py_trace_block_json(py_tj *j, const rg_block_info *b)
{
    switch (b->kind) {
    case RG_BLOCK_SMALL:
        py_tj_fmt(j, "{\"kind\":\"small\",\"class\":%u,\"arena\":%u,\"pool\":%u,\"index\":%u}", b->size_class,
                  b->arena_index, b->pool_index, b->block_index);
        break;
    case RG_BLOCK_LARGE: py_tj_puts(j, "{\"kind\":\"large\"}"); break;
    case RG_BLOCK_MAPPED: py_tj_puts(j, "{\"kind\":\"mapped\"}"); break;
    default: py_tj_puts(j, "null"); break;
    }
}

/* The "start" line, written once before anything else the run says. */
static void write_start(void)
{
    if (R.start_written) return;
    R.start_written = 1;
    py_tj *j = &T.line_j;
    long th[RG_GC_GENERATIONS], c[RG_GC_GENERATIONS];
    rg_gc_get_threshold(T.heap, th);
    rg_gc_get_count(T.heap, c);
    py_trace_line_begin(j, "start");
    py_tj_kint(j, "schema", 1);
    py_tj_kstr(j, "refgc", RG_VERSION_STRING);
    py_tj_kstr(j, "python", "3.11.7");
    py_tj_kstr(j, "file", T.filename);
    py_tj_key(j, "source");
    py_tj_str(j, T.source, T.source_len);
    py_tj_key(j, "thresholds");
    py_tj_fmt(j, "[%ld,%ld,%ld]", th[0], th[1], th[2]);
    py_tj_key(j, "counts");
    py_tj_fmt(j, "[%ld,%ld,%ld]", c[0], c[1], c[2]);
    py_tj_kint(j, "max_steps", T.opt.max_steps);
    py_tj_kint(j, "max_events", T.opt.max_events);
    py_trace_line_end(j);
}

/* ====================================================================== */
/* The engine's events                                                     */
/* ====================================================================== */

/* The family (RG_EVENTS_*) of an event kind. */
static unsigned family_of(rg_event_kind k)
{
    if (k <= RG_EV_TRIM) return RG_EVENTS_BLOCKS;
    if (k <= RG_EV_UNTRACK) return RG_EVENTS_OBJECTS;
    if (k <= RG_EV_GC_END) return RG_EVENTS_GC;
    return RG_EVENTS_FRONT;
}

/* ,"counts":[a,b,c] */
static void counts_json(py_tj *j, const char *key, const long *c)
{
    py_tj_key(j, key);
    py_tj_fmt(j, "[%ld,%ld,%ld]", c[0], c[1], c[2]);
}

/* The stable address of a block event's block.  Small blocks: from the
 * block's place (arena and pool addresses are already stable).  Large
 * ones: remembered when allocated and forgotten when freed (a block_free
 * may come after the block is gone: realloc), null when it predates the
 * trace. */
static struct {
    uintptr_t *keys, *vals;
    size_t cap, n;
} large_ids;

/* The slot of p in large_ids (its own or the empty one to fill). */
static size_t large_slot(uintptr_t p)
{
    size_t h = (size_t)((p >> 4) * UINT64_C(0x9E3779B97F4A7C15)) & (large_ids.cap - 1);
    while (large_ids.keys[h] != 0 && large_ids.keys[h] != p) h = (h + 1) & (large_ids.cap - 1);
    return h;
}

/* Remember large block p's stable id: 0, or -1 (no memory). */
static int large_put(uintptr_t p, uintptr_t id)
{
    if ((large_ids.n + 1) * 2 > large_ids.cap) {
        size_t cap = large_ids.cap ? 2 * large_ids.cap : 256;
        uintptr_t *k = calloc(cap, sizeof *k), *v = calloc(cap, sizeof *v);
        if (k == NULL || v == NULL) {
            free(k);
            free(v);
            return -1;
        }
        uintptr_t *ok = large_ids.keys, *ov = large_ids.vals;
        size_t ocap = large_ids.cap;
        large_ids.keys = k;
        large_ids.vals = v;
        large_ids.cap = cap;
        large_ids.n = 0;
        for (size_t i = 0; i < ocap; i++)
            if (ok[i] != 0 && ok[i] != 1) {
                size_t h = large_slot(ok[i]);
                large_ids.keys[h] = ok[i];
                large_ids.vals[h] = ov[i];
                large_ids.n++;
            }
        free(ok);
        free(ov);
    }
    size_t h = large_slot(p);
    if (large_ids.keys[h] == 0) large_ids.n++;
    large_ids.keys[h] = p;
    large_ids.vals[h] = id;
    return 0;
}

/* Write the "addr" of a block event. */
static void block_addr_json(py_tj *j, const rg_event *ev)
{
    py_tj_key(j, "addr");
    const rg_block_info *b = &ev->block;
    if (b->kind == RG_BLOCK_SMALL) {
        py_tj_uint(j, (unsigned long long)(b->pool_address + 48 + (uintptr_t)b->block_index * b->size));
        return;
    }
    uintptr_t p = (uintptr_t)ev->address;
    if (ev->kind == RG_EV_BLOCK_ALLOC) {
        uintptr_t id = rg_stable_address(ev->address);
        large_put(p, id);
        py_tj_uint(j, (unsigned long long)id);
        return;
    }
    if (large_ids.cap != 0) { /* free: deletion by re-inserting the rest of the run */
        size_t h = large_slot(p);
        if (large_ids.keys[h] == p) {
            py_tj_uint(j, (unsigned long long)large_ids.vals[h]);
            large_ids.keys[h] = 0;
            large_ids.n--;
            for (size_t k = (h + 1) & (large_ids.cap - 1); large_ids.keys[k] != 0; k = (k + 1) & (large_ids.cap - 1)) {
                uintptr_t kk = large_ids.keys[k], vv = large_ids.vals[k];
                large_ids.keys[k] = 0;
                large_ids.n--;
                large_put(kk, vv);
            }
            return;
        }
    }
    py_tj_puts(j, "null");
}

/* The sink: keep the registry of the program's objects, write the line. */
static void sink(rg_heap *heap, const rg_event *ev, void *data)
{
    (void)heap;
    (void)data;
    if (ev->kind == RG_EV_OBJ_NEW) py_trace_refs_created(ev->object);
    else if (ev->kind == RG_EV_DEALLOC) py_trace_refs_dying(ev->object);
    if (T.mute || T.stopped || !(T.opt.families & family_of(ev->kind))) return;
    py_tj *j = &T.sink_j;
    py_trace_line_begin(j, rg_event_kind_name(ev->kind));
    switch (ev->kind) {
    case RG_EV_BLOCK_ALLOC:
    case RG_EV_BLOCK_FREE:
        block_addr_json(j, ev);
        py_tj_kint(j, "size", (long long)ev->size);
        py_tj_key(j, "block");
        py_trace_block_json(j, &ev->block);
        break;
    case RG_EV_ARENA:
        py_tj_kint(j, "arena", ev->block.arena_index);
        py_tj_kint(j, "addr", (long long)ev->block.arena_address);
        py_tj_kstr(j, "state", ev->state);
        break;
    case RG_EV_POOL:
        py_tj_kint(j, "arena", ev->block.arena_index);
        py_tj_kint(j, "pool", ev->block.pool_index);
        py_tj_kint(j, "class", ev->block.size_class);
        py_tj_kstr(j, "state", ev->state);
        break;
    case RG_EV_TRIM: py_tj_kint(j, "bytes", (long long)ev->value); break;
    case RG_EV_OBJ_NEW:
        py_tj_kint(j, "id", (long long)py_trace_id(ev->object));
        py_tj_kstr(j, "type", py_trace_type_name(ev->type));
        py_tj_kint(j, "size", (long long)ev->size);
        py_tj_key(j, "block");
        py_trace_block_json(j, &ev->block);
        py_tj_kbool(j, "freelist", ev->value != 0);
        break;
    case RG_EV_OBJ_FREE:
        py_tj_kint(j, "id", (long long)py_trace_id(ev->object));
        py_tj_kstr(j, "type", py_trace_type_name(ev->type));
        py_tj_kbool(j, "freelist", ev->value != 0);
        break;
    case RG_EV_DEALLOC:
    case RG_EV_GC_FINALIZE:
        py_tj_kint(j, "id", (long long)py_trace_id(ev->object));
        py_tj_kstr(j, "type", py_trace_type_name(ev->type));
        break;
    case RG_EV_TRACK:
    case RG_EV_UNTRACK:
        py_tj_kint(j, "id", (long long)py_trace_id(ev->object));
        py_tj_kint(j, "gen", ev->generation);
        break;
    case RG_EV_GC_START:
        py_tj_kint(j, "gen", ev->generation);
        counts_json(j, "counts", ev->counts);
        {
            long th[RG_GC_GENERATIONS];
            rg_gc_get_threshold(T.heap, th);
            counts_json(j, "thresholds", th);
        }
        py_tj_kstr(j, "reason", ev->state);
        if (ev->type != NULL) py_tj_kstr(j, "type", py_trace_type_name(ev->type));
        break;
    case RG_EV_GC_PHASE:
        py_tj_kint(j, "gen", ev->generation);
        py_tj_kstr(j, "phase", ev->state);
        py_tj_key(j, "objects");
        py_tj_putc(j, '[');
        for (size_t i = 0; i < ev->nobjects; i++) {
            py_tj_puts(j, i ? ",{\"id\":" : "{\"id\":");
            py_tj_uint(j, (unsigned long long)py_trace_id(ev->objects[i]));
            py_tj_puts(j, ",\"value\":");
            py_tj_int(j, (long long)(ev->values ? ev->values[i] : 0));
            py_tj_putc(j, '}');
        }
        py_tj_putc(j, ']');
        break;
    case RG_EV_GC_CALLBACK: py_tj_kint(j, "id", (long long)py_trace_id(ev->object)); break;
    case RG_EV_GC_END:
        py_tj_kint(j, "gen", ev->generation);
        py_tj_kint(j, "collected", (long long)ev->value);
        py_tj_kint(j, "uncollectable", (long long)ev->value2);
        counts_json(j, "counts", ev->counts);
        break;
    case RG_EV_REF:
        py_tj_kint(j, "id", (long long)py_trace_id(ev->object));
        py_tj_kstr(j, "type", py_trace_type_name(ev->object ? ev->object->type : ev->type));
        py_tj_kint(j, "refcount", (long long)ev->value);
        py_tj_kint(j, "delta", (long long)ev->value2);
        py_tj_kstr(j, "cause", ev->state);
        break;
    case RG_EV_USER:
        py_tj_kstr(j, "name", ev->state);
        py_tj_kstr(j, "text", ev->text);
        break;
    }
    py_trace_line_end(j);
}

/* ====================================================================== */
/* Lines of code and frames                                                */
/* ====================================================================== */

/* The line of every code unit of co (-1: none), made on first use and
 * kept in co->_co_linearray (freed with the code object); NULL if no
 * memory. */
static const int *line_array(py_code_object *co)
{
    if (co->_co_linearray != NULL) return co->_co_linearray;
    py_ssize_t n = py_code_ncodeunits(co);
    int *a = malloc((size_t)(n > 0 ? n : 1) * sizeof *a);
    if (a == NULL) return NULL;
    for (py_ssize_t i = 0; i < n; i++) a[i] = -1;
    int pos = 0;
    py_code_entry e;
    while (py_code_next_entry(co, &pos, &e))
        for (int u = e.start; u < e.end && u < n; u++) a[u] = e.line;
    co->_co_linearray = a;
    return a;
}

/* The depth of frame f (0 at top level): the frames below it that
 * tracebacks would show (f counts even while in its prologue). */
static int frame_depth(py_frame *f)
{
    int d = 0;
    for (py_frame *p = f->previous; p != NULL; p = p->previous)
        if (!py_frame_is_incomplete(p)) d++;
    return d;
}

/* ,"frame":"f" (the code's name). */
static void frame_name_json(py_tj *j, py_frame *f)
{
    char name[128];
    py_trace_str_utf8(f->f_code->co_name, name, sizeof name);
    py_tj_kstr(j, "frame", name);
}

/* ====================================================================== */
/* Steps                                                                   */
/* ====================================================================== */

/* Everything a step's end reports: refcount changes with their causes,
 * the snapshot the options ask for, the why line at why_line. */
static void end_step(void)
{
    py_trace_refs_step_end(0);
    int snap = T.opt.snapshot_every_step;
    for (size_t i = 0; !snap && i < T.opt.nsnapshot_lines; i++)
        if (T.opt.snapshot_lines[i] == T.line) snap = 1;
    if (snap) py_trace_snapshot();
    if (T.opt.why_expr != NULL && T.opt.why_line > 0 && T.opt.why_line == T.line && !R.why_done) {
        R.why_done = 1;
        py_trace_why(T.opt.why_expr);
    }
}

/* The step limit is reached: the program stops (SystemExit, raised again
 * by every instruction that still runs). */
static int stop_error(void)
{
    if (!py_err_occurred())
        py_err_set_string(py_exc_SystemExit,
                          T.event_limit ? "refgc: event limit reached" : "refgc: step limit reached");
    return -1;
}

/* An instruction starts a new line: end the step, start the next. */
static int new_step(py_frame *frame, int line)
{
    if (T.step > 0) end_step();
    else py_trace_refs_step_end(1);
    if (T.opt.max_steps >= 0 && T.step >= T.opt.max_steps) {
        T.stopped = 1;
        return stop_error();
    }
    T.step++;
    T.line = line;
    py_tj *j = &T.line_j;
    py_trace_line_begin(j, "step");
    py_tj_kint(j, "line", line);
    frame_name_json(j, frame);
    py_tj_kint(j, "depth", frame_depth(frame));
    py_tj_key(j, "next_line");
    py_tj_puts(j, "null");
    long c[RG_GC_GENERATIONS], th[RG_GC_GENERATIONS];
    rg_gc_get_count(T.heap, c);
    rg_gc_get_threshold(T.heap, th);
    counts_json(j, "counts", c);
    counts_json(j, "thresholds", th);
    py_trace_line_end(j);
    if (T.event_limit) { /* this very line reached the limit: the step never ran */
        T.step--;
        return stop_error();
    }
    return 0;
}

/* The traced loop's hook before each instruction. */
static int hook_instr(py_frame *frame, const py_codeunit *next)
{
    py_code_object *co = frame->f_code;
    const py_codeunit *first = py_code_units(co);
    int i = (int)(next - first);
    if (i < co->_co_firsttraceable || !T.running) return 0;
    if (T.stopped) return stop_error();
    if (PY_OPCODE(*next) == OP_RESUME) {
        if (PY_OPARG(*next) == 0) py_trace_refs_frame_start(frame); /* a new frame at this address */
        py_tj *j = &T.line_j;
        py_trace_line_begin(j, "call");
        frame_name_json(j, frame);
        py_tj_kint(j, "depth", frame_depth(frame));
        py_tj_kint(j, "line", co->co_firstlineno);
        py_trace_line_end(j);
        return 0;
    }
    const int *lines = line_array(co);
    if (lines == NULL) return 0;
    int line = lines[i];
    if (line < 0) return 0;
    int prev = (int)(frame->prev_instr - first);
    int last = prev <= co->_co_firsttraceable ? -1 : lines[prev];
    /* i == prev: a JUMP_BACKWARD to itself (`while True: pass`) -- a new
     * step each time round, else a runaway loop never reaches the cap */
    int backward = (i < prev && PY_OPCODE(*next) != OP_SEND) ||
                   (i == prev && PY_OPCODE(*next) == OP_JUMP_BACKWARD);
    if (line == last && !backward) return 0;
    return new_step(frame, line);
}

/* A frame returns, yields, or is left by an exception (value NULL). */
static void hook_return(py_frame *frame, py_obj *value)
{
    if (!T.running || T.stopped || py_frame_is_incomplete(frame)) return;
    py_tj *j = &T.line_j;
    py_trace_line_begin(j, "return");
    frame_name_json(j, frame);
    py_tj_kint(j, "depth", frame_depth(frame));
    py_tj_key(j, "value");
    if (value != NULL) py_tj_fmt(j, "%llu", (unsigned long long)py_trace_id(value));
    else py_tj_puts(j, "null");
    py_trace_line_end(j);
}

/* ====================================================================== */
/* Output, id(), getrefcount                                               */
/* ====================================================================== */

/* The program wrote on sys.stdout (1) / sys.stderr (2): an "output" line. */
static void hook_output(int fd, const char *data, size_t len)
{
    if (T.stopped || len == 0) return;
    write_start();
    py_tj *j = &T.line_j;
    py_trace_line_begin(j, "output");
    py_tj_kstr(j, "stream", fd == 2 ? "stderr" : "stdout");
    py_tj_key(j, "text");
    py_tj_str(j, data, len);
    py_trace_line_end(j);
}

/* The FILE behind interp->err_out: tracebacks and "Exception ignored". */
static ssize_t err_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    hook_output(2, buf, n);
    return (ssize_t)n;
}

/* id(o) in a traced run: the stream's id. */
static uintptr_t hook_id(py_obj *o)
{
    return py_trace_id(o);
}

/* sys.getrefcount(o) returned value: a "getrefcount" line. */
static void hook_getrefcount(py_obj *o, intptr_t value)
{
    if (!T.running || T.stopped) return;
    py_tj *j = &T.line_j;
    py_trace_line_begin(j, "getrefcount");
    py_tj_kint(j, "id", (long long)py_trace_id(o));
    py_tj_kstr(j, "type", py_trace_type_name(o->type));
    py_tj_kint(j, "value", (long long)value);
    py_tj_kint(j, "refcount", (long long)value - 1);
    py_tj_kstr(j, "cause", "argument of getrefcount");
    char text[200];
    snprintf(text, sizeof text,
             "sys.getrefcount returns %ld: %ld reference%s the program holds, plus 1 for the argument "
             "it was passed",
             (long)value, (long)value - 1, value - 1 == 1 ? "" : "s");
    py_tj_kstr(j, "explanation", text);
    py_trace_line_end(j);
}

/* ====================================================================== */
/* The run                                                                 */
/* ====================================================================== */

/* The code is compiled: install the sink, start tracing. */
static void hook_before_eval(void)
{
    write_start();
    if (rg_events_set_sink(T.heap, RG_EVENTS_ALL, sink, NULL) == 0) T.sink_on = 1;
    T.running = 1;
    py_trace_vm_active = 1;
}

/* The program has run: end the last step, answer `why`, take the last
 * snapshot, stop tracing (the exception, if any, is kept). */
static void hook_after_eval(void)
{
    if (!T.running) return;
    if (T.stopped) R.reason = T.event_limit ? "event_limit" : "step_limit";
    else if (!py_err_occurred()) R.reason = "finished";
    else if (py_err_exception_matches(py_exc_SystemExit)) R.reason = "exit";
    else if (py_err_exception_matches(py_exc_MemoryError)) R.reason = "memory";
    else R.reason = "exception";
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_trace_vm_active = 0;
    if (T.step > 0 && !T.stopped) end_step();
    T.running = 0;
    if (T.opt.why_expr != NULL && !R.why_done) {
        R.why_done = 1;
        py_trace_why(T.opt.why_expr);
    }
    if (T.opt.snapshot_at_end) {
        if (T.stopped) py_trace_refs_step_end(0);
        py_trace_snapshot();
    }
    if (T.sink_on) rg_events_set_sink(T.heap, 0, NULL, NULL);
    T.sink_on = 0;
    py_err_restore(et, ev, etb);
}

/* The "end" line. */
static void write_end(int status)
{
    write_start();
    py_tj *j = &T.line_j;
    T.last_line = 1;
    py_trace_line_begin(j, "end");
    py_tj_kstr(j, "reason", R.reason ? R.reason : "exception");
    py_tj_kint(j, "status", status);
    py_tj_kint(j, "steps", T.step);
    if (T.stopped) {
        char msg[200];
        if (T.event_limit)
            snprintf(msg, sizeof msg,
                     "stopped after %ld steps: the event limit (%ld lines) was reached; "
                     "the program makes too many events to follow",
                     T.step, T.opt.max_events);
        else
            snprintf(msg, sizeof msg, "stopped after %ld steps: the step limit (%ld) was reached", T.step,
                     T.opt.max_steps);
        py_tj_kstr(j, "message", msg);
    }
    py_trace_line_end(j);
}

int py_trace_run(const char *source, size_t len, const char *filename, const py_trace_options *options,
                 py_trace_writer write, void *data)
{
    if (py_trace_vm_active || py_trace_hooks.instr != NULL) return -1; /* one at a time */
    memset(&T, 0, sizeof T);
    memset(&R, 0, sizeof R);
    if (options != NULL) T.opt = *options;
    if (T.opt.max_steps == 0) T.opt.max_steps = PY_TRACE_DEFAULT_MAX_STEPS;
    if (T.opt.max_events == 0) T.opt.max_events = PY_TRACE_DEFAULT_MAX_EVENTS;
    if (T.opt.families == 0) T.opt.families = RG_EVENTS_ALL;
    T.write = write;
    T.data = data;
    T.source = source;
    T.source_len = len;
    T.filename = filename ? filename : "<string>";

    char *argv[2] = {(char *)T.filename, NULL};
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    config.sys.argc = 1;
    config.sys.argv = argv;
    config.sys.executable = "refgc";
    config.max_heap = T.opt.max_heap;
    /* hooks first: the standard streams are made with a traced run's buffering */
    py_trace_hooks = (py_trace_vm_hooks){hook_instr, hook_return, hook_output, hook_before_eval,
                                         hook_after_eval, hook_id, hook_getrefcount};
    py_interp *interp = py_runtime_start(&config);
    if (interp == NULL) {
        memset(&py_trace_hooks, 0, sizeof py_trace_hooks);
        return -1;
    }
    T.heap = interp->heap;
    cookie_io_functions_t io = {NULL, err_write, NULL, NULL};
    R.err = fopencookie(NULL, "w", io);
    if (R.err != NULL) {
        setvbuf(R.err, NULL, _IOLBF, BUFSIZ);
        interp->err_out = R.err;
    }
    int status = py_run_main(source, len, T.filename);
    if (T.running) hook_after_eval(); /* not reached by py_run_main (cannot happen) */
    if (R.reason == NULL) R.reason = status == 0 ? "finished" : "exception"; /* did not compile */
    if (R.err != NULL) fflush(R.err);
    if (T.opt.check != NULL)
        T.opt.check->blocks_left = py_runtime_finish_checked(interp, &T.opt.check->violations);
    else
        py_runtime_finish(interp);
    if (R.err != NULL) fclose(R.err);
    memset(&py_trace_hooks, 0, sizeof py_trace_hooks);
    py_trace_vm_active = 0;
    if (T.stopped) status = 3;
    write_end(status);
    py_trace_refs_fini();
    free(large_ids.keys);
    free(large_ids.vals);
    memset(&large_ids, 0, sizeof large_ids);
    py_tj_free(&T.line_j);
    py_tj_free(&T.sink_j);
    return status;
}
