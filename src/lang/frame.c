/*
 * frame.c -- interpreter frames and frame objects (CPython 3.11's
 * Python/frame.c, Objects/frameobject.c, the data stack of pystate.c),
 * and the VM's view of the running frame (PyEval_GetGlobals & co,
 * sys._getframe, zero-argument super).
 *
 * Owns: the data stack (malloc'd chunks; a frame is a bump allocation,
 * not a heap object), frame headers, clearing a frame (a frame object
 * that outlives its frame takes a copy: take_ownership), frame objects
 * (made on demand, untracked until they own their data; 3.11's sizes),
 * fast locals -> locals dict, py_vm_init / py_vm_fini.
 *
 * Invariants: a thread-owned frame is popped in LIFO order; frame_obj,
 * when set, points back (frame_obj->f_frame == frame); a frame object
 * owning its data has owner PY_FRAME_OWNED_BY_FRAME_OBJECT and no
 * frame_obj of its own.
 */
#include <stdlib.h>

#include "lang/frame.h"

/* 3.11's layouts (sys.getsizeof and the allocation sizes follow them). */
_Static_assert(sizeof(py_frame) == 72, "3.11's _PyInterpreterFrame header is 72 bytes");
_Static_assert(offsetof(py_frame_object, f_frame_data) == 48, "3.11's PyFrameObject header is 48 bytes");
_Static_assert(offsetof(py_gen_object, gi_iframe) == 80, "3.11's PyGenObject header is 80 bytes");
_Static_assert(sizeof(py_function_object) == 136, "3.11's PyFunctionObject is 136 bytes");
_Static_assert(sizeof(py_traceback_object) == 40, "3.11's PyTracebackObject is 40 bytes");

/* ====================================================================== */
/* The data stack                                                          */
/* ====================================================================== */

struct py_data_chunk {
    struct py_data_chunk *previous;
    size_t size;          /* slots in data */
    py_obj **saved_top;   /* the top when a newer chunk was pushed */
    py_obj *data[];
};

#define DATA_CHUNK_SLOTS (16 * 1024)

static py_data_chunk *spare_chunk;
/* Between py_vm_init and py_vm_fini.  Code that runs after py_vm_fini
 * (finalizers during py_interp_delete's collections) still works; it then
 * frees each chunk as soon as it is empty. */
static int vm_running;

/* Free every chunk not in use. */
static void free_idle_chunks(void)
{
    free(spare_chunk);
    spare_chunk = NULL;
    if (py_vm.current_frame != NULL) return;
    while (py_vm.chunk != NULL) {
        py_data_chunk *c = py_vm.chunk;
        py_vm.chunk = c->previous;
        free(c);
    }
    py_vm.datastack_base = py_vm.datastack_top = py_vm.datastack_limit = NULL;
}

/* A new chunk for a frame of slots slots (the current one is full). */
py_frame *py_frame_stack_push_slow(int slots)
{
    py_obj **top = py_vm.datastack_top;
    size_t need = (size_t)slots > DATA_CHUNK_SLOTS ? (size_t)slots : DATA_CHUNK_SLOTS;
    py_data_chunk *c = spare_chunk;
    if (c != NULL && c->size >= need) {
        spare_chunk = NULL;
    } else {
        c = malloc(sizeof *c + need * sizeof(py_obj *));
        if (c == NULL) {
            py_err_no_memory();
            return NULL;
        }
        c->size = need;
    }
    if (py_vm.chunk != NULL) py_vm.chunk->saved_top = top;
    c->previous = py_vm.chunk;
    c->saved_top = NULL;
    py_vm.chunk = c;
    py_vm.datastack_base = c->data;
    py_vm.datastack_top = c->data + slots;
    py_vm.datastack_limit = c->data + c->size;
    return (py_frame *)(void *)c->data;
}

/* Pop the first frame of a chunk: back to the previous chunk. */
void py_frame_stack_pop_slow(py_frame *f)
{
    (void)f;
    py_data_chunk *c = py_vm.chunk;
    py_vm.chunk = c->previous;
    if (spare_chunk == NULL && vm_running) spare_chunk = c;
    else free(c);
    if (py_vm.chunk != NULL) {
        py_vm.datastack_base = py_vm.chunk->data;
        py_vm.datastack_top = py_vm.chunk->saved_top;
        py_vm.datastack_limit = py_vm.chunk->data + py_vm.chunk->size;
    } else {
        py_vm.datastack_base = py_vm.datastack_top = py_vm.datastack_limit = NULL;
    }
}

/* ====================================================================== */
/* Interpreter frames                                                      */
/* ====================================================================== */

/* Copy a frame's header and its live slots. */
void py_frame_copy(py_frame *src, py_frame *dest)
{
    size_t size = (size_t)((char *)&src->localsplus[src->stacktop] - (char *)src);
    memcpy(dest, src, size);
}

/* Visit what a frame owns. */
int py_frame_traverse(py_frame *f, rg_visitproc visit, void *arg)
{
    RG_VISIT((py_obj *)f->frame_obj);
    RG_VISIT(f->f_locals);
    RG_VISIT(f->f_func);
    RG_VISIT((py_obj *)f->f_code);
    for (int i = 0; i < f->stacktop; i++) RG_VISIT(f->localsplus[i]);
    return 0;
}

/* The frame object f outlives frame: it takes a copy of the frame's data
 * and links to its caller's frame object (3.11's take_ownership). */
static void take_ownership(py_frame_object *f, py_frame *frame)
{
    py_frame *copy = (py_frame *)(void *)f->f_frame_data;
    py_frame_copy(frame, copy);
    f->f_frame = copy;
    copy->owner = PY_FRAME_OWNED_BY_FRAME_OBJECT;
    if (py_frame_is_incomplete(copy)) copy->prev_instr = py_code_units(copy->f_code) + copy->f_code->_co_firsttraceable;
    py_frame *prev = copy->previous;
    while (prev != NULL && py_frame_is_incomplete(prev)) prev = prev->previous;
    if (prev != NULL) {
        /* Out of memory for the caller's frame object: no f_back, and the
         * exception in flight (if any) goes on untouched. */
        py_obj *et, *ev, *etb;
        py_err_fetch(&et, &ev, &etb);
        py_frame_object *back = py_frame_get_frame_object(prev);
        if (back == NULL) py_err_clear();
        else f->f_back = (py_frame_object *)py_new_ref((py_obj *)back);
        py_err_restore(et, ev, etb);
        copy->previous = NULL;
    }
    if (!rg_is_tracked((py_obj *)f)) rg_track((py_obj *)f);
}

/* Release a frame's references; a frame object still referenced takes a copy. */
void py_frame_clear(py_frame *frame)
{
    if (frame->frame_obj != NULL) {
        py_frame_object *f = frame->frame_obj;
        frame->frame_obj = NULL;
        if (rg_refcount((py_obj *)f) > 1) {
            take_ownership(f, frame);
            rg_decref((py_obj *)f);
            return;
        }
        rg_decref((py_obj *)f);
    }
    for (int i = 0; i < frame->stacktop; i++) rg_xdecref(frame->localsplus[i]);
    rg_xdecref(frame->f_locals);
    rg_decref(frame->f_func);
    rg_decref((py_obj *)frame->f_code);
}

/* The frame object of frame, made on first use (borrowed). */
py_frame_object *py_frame_get_frame_object(py_frame *frame)
{
    if (frame->frame_obj != NULL) return frame->frame_obj;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_frame_object *f = py_frame_object_new(frame);
    if (f == NULL) {
        rg_xdecref(et);
        rg_xdecref(ev);
        rg_xdecref(etb);
        return NULL;
    }
    py_err_restore(et, ev, etb);
    if (frame->frame_obj != NULL) {
        /* A collection during the allocation made one already (GH-97002). */
        rg_decref((py_obj *)f);
        return frame->frame_obj;
    }
    frame->frame_obj = f;
    return f;
}

/* The line of the frame's current instruction. */
int py_frame_current_line(py_frame *f)
{
    return py_code_addr2line(f->f_code, py_frame_lasti(f));
}

/* Copy the fast locals (cell contents for cells) into f_locals. */
int py_frame_fast_to_locals(py_frame *frame)
{
    py_obj *locals = frame->f_locals;
    if (locals == NULL) {
        locals = frame->f_locals = py_dict_new();
        if (locals == NULL) return -1;
    }
    py_code_object *co = frame->f_code;
    py_obj **fast = frame->localsplus;
    const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(co->co_localspluskinds);
    if (py_frame_lasti(frame) < 0 && PY_OPCODE(py_code_units(co)[0]) == OP_COPY_FREE_VARS) {
        py_obj *closure = ((py_function_object *)frame->f_func)->func_closure;
        int offset = co->co_nlocals + co->co_nplaincellvars;
        for (int i = 0; i < co->co_nfreevars; i++) frame->localsplus[offset + i] = py_new_ref(py_tuple_get(closure, i));
        frame->prev_instr = py_code_units(co);
    }
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        int kind = kinds[i];
        if ((kind & PY_CO_FAST_FREE) && !(co->co_flags & PY_CO_OPTIMIZED)) continue;
        py_obj *name = py_tuple_get(co->co_localsplusnames, i);
        py_obj *value = fast[i];
        if (value != NULL && (kind & (PY_CO_FAST_FREE | PY_CO_FAST_CELL)) && py_is_type(value, &py_cell_info) &&
            ((kind & PY_CO_FAST_FREE) || py_frame_lasti(frame) >= 0))
            value = py_cell_get(value);
        if (value == NULL) {
            if (py_object_del_item(locals, name) != 0) {
                if (!py_err_exception_matches(py_exc_KeyError)) return -1;
                py_err_clear();
            }
        } else if (py_object_set_item(locals, name, value) != 0) {
            return -1;
        }
    }
    return 0;
}

/* ====================================================================== */
/* Frame objects                                                           */
/* ====================================================================== */

#define FRAME(o) ((py_frame_object *)(o))

/* An untracked frame object pointing at frame. */
py_frame_object *py_frame_object_new(py_frame *frame)
{
    py_code_object *co = frame->f_code;
    size_t slots = (size_t)(co->co_nlocalsplus + co->co_stacksize);
    py_frame_object *f = (py_frame_object *)rg_new_var(py_heap(), &py_frame_info.rt, slots);
    if (f == NULL) {
        py_err_no_memory();
        return NULL;
    }
    f->f_back = NULL;
    f->f_frame = frame;
    f->f_trace = NULL;
    return f;
}

/* Frame objects visit their frame's data only when they own it. */
static int frame_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_frame_object *f = FRAME(self);
    RG_VISIT((py_obj *)f->f_back);
    RG_VISIT(f->f_trace);
    if (f->f_frame->owner != PY_FRAME_OWNED_BY_FRAME_OBJECT) return 0;
    return py_frame_traverse(f->f_frame, visit, arg);
}

/* tp_clear: the trace function and the owned frame's locals and stack. */
static int frame_clear_refs(py_obj *self)
{
    py_frame_object *f = FRAME(self);
    RG_CLEAR(f->f_trace);
    if (f->f_frame->owner == PY_FRAME_OWNED_BY_FRAME_OBJECT) {
        py_frame *fr = f->f_frame;
        for (int i = 0; i < fr->stacktop; i++) RG_CLEAR(fr->localsplus[i]);
        fr->stacktop = 0;
    }
    return 0;
}

/* Deallocate a frame object and the frame data it owns (the code last). */
static void frame_dealloc(py_obj *self)
{
    py_frame_object *f = FRAME(self);
    if (rg_is_tracked(self)) rg_untrack(self);
    py_code_object *co = NULL;
    if (f->f_frame->owner == PY_FRAME_OWNED_BY_FRAME_OBJECT) {
        py_frame *fr = f->f_frame;
        co = fr->f_code;
        fr->f_code = NULL;
        RG_CLEAR(fr->f_func);
        RG_CLEAR(fr->f_locals);
        for (int i = 0; i < fr->stacktop; i++) RG_CLEAR(fr->localsplus[i]);
    }
    RG_CLEAR(f->f_back);
    RG_CLEAR(f->f_trace);
    rg_object_free(self);
    rg_xdecref((py_obj *)co);
}

/* 3.11's frame.__sizeof__: header plus locals and stack slots. */
static py_ssize_t frame_sizeof(py_obj *self)
{
    py_code_object *co = FRAME(self)->f_frame->f_code;
    return (py_ssize_t)(offsetof(py_frame_object, f_frame_data) + offsetof(py_frame, localsplus)) +
           (py_ssize_t)(co->co_nlocalsplus + co->co_stacksize) * (py_ssize_t)sizeof(py_obj *);
}

/* The code object run by a frame object (borrowed). */
py_code_object *py_frame_get_code(py_obj *frame)
{
    return FRAME(frame)->f_frame->f_code;
}

/* The globals of a frame object (borrowed). */
py_obj *py_frame_get_globals(py_obj *frame)
{
    return FRAME(frame)->f_frame->f_globals;
}

/* The current line of a frame object. */
int py_frame_get_lineno(py_obj *frame)
{
    return py_frame_current_line(FRAME(frame)->f_frame);
}

/* <frame at 0x..., file '...', line N, code name> */
static py_obj *frame_repr(py_obj *self)
{
    py_code_object *co = py_frame_get_code(self);
    return py_unicode_from_format("<frame at %p, file %R, line %d, code %S>", (void *)self, co->co_filename,
                                  py_frame_get_lineno(self), co->co_name);
}

/* f_back: the caller's frame object (made on demand) or None. */
static py_obj *frame_get_back(py_obj *self, void *c)
{
    (void)c;
    py_frame_object *f = FRAME(self);
    py_frame_object *back = f->f_back;
    if (back == NULL) {
        py_frame *prev = f->f_frame->previous;
        while (prev != NULL && py_frame_is_incomplete(prev)) prev = prev->previous;
        if (prev != NULL) {
            back = py_frame_get_frame_object(prev);
            if (back == NULL) return NULL;
        }
    }
    return py_new_ref(back != NULL ? (py_obj *)back : py_none);
}

/* f_code. */
static py_obj *frame_get_code(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref((py_obj *)py_frame_get_code(self));
}

/* f_globals. */
static py_obj *frame_get_globals(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(FRAME(self)->f_frame->f_globals);
}

/* f_builtins. */
static py_obj *frame_get_builtins(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(FRAME(self)->f_frame->f_builtins);
}

/* f_locals: the locals dict, refreshed from the fast locals. */
static py_obj *frame_get_locals(py_obj *self, void *c)
{
    (void)c;
    py_frame *fr = FRAME(self)->f_frame;
    if (py_frame_fast_to_locals(fr) < 0) return NULL;
    return py_new_ref(fr->f_locals);
}

/* f_lineno. */
static py_obj *frame_get_lineno(py_obj *self, void *c)
{
    (void)c;
    int line = py_frame_get_lineno(self);
    if (line < 0) return py_new_ref(py_none);
    return py_long_from_long(line);
}

/* f_lasti: the current instruction's byte offset. */
static py_obj *frame_get_lasti(py_obj *self, void *c)
{
    (void)c;
    int lasti = py_frame_lasti(FRAME(self)->f_frame);
    if (lasti < 0) return py_long_from_long(-1);
    return py_long_from_long(lasti * (long)sizeof(py_codeunit));
}

/* f_trace (None when unset). */
static py_obj *frame_get_trace(py_obj *self, void *c)
{
    (void)c;
    py_obj *t = FRAME(self)->f_trace;
    return py_new_ref(t != NULL ? t : py_none);
}

/* f_trace = v (None clears it). */
static int frame_set_trace(py_obj *self, py_obj *v, void *c)
{
    (void)c;
    if (v == py_none) v = NULL;
    PY_XSETREF(FRAME(self)->f_trace, py_xnew_ref(v));
    return 0;
}

static const py_getset_def frame_getset[] = {
    {"f_back", frame_get_back, NULL, NULL, NULL},
    {"f_code", frame_get_code, NULL, NULL, NULL},
    {"f_globals", frame_get_globals, NULL, NULL, NULL},
    {"f_builtins", frame_get_builtins, NULL, NULL, NULL},
    {"f_locals", frame_get_locals, NULL, NULL, NULL},
    {"f_lineno", frame_get_lineno, NULL, NULL, NULL},
    {"f_lasti", frame_get_lasti, NULL, NULL, NULL},
    {"f_trace", frame_get_trace, frame_set_trace, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* frame.clear(): drop the locals of a finished or suspended frame. */
static py_obj *frame_clear_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_frame_object *f = FRAME(self);
    py_frame *fr = f->f_frame;
    if (fr->owner == PY_FRAME_OWNED_BY_GENERATOR) {
        py_gen_object *gen = py_frame_generator(fr);
        if (gen->gi_frame_state == PY_FRAME_EXECUTING) goto running;
        /* 3.11 runs the generator's finalizer (close, errors unraisable). */
        py_gen_info.rt.finalize((py_obj *)gen);
        return py_new_ref(py_none);
    }
    if (fr->owner == PY_FRAME_OWNED_BY_THREAD) goto running;
    frame_clear_refs(self);
    return py_new_ref(py_none);
running:
    py_err_set_string(py_exc_RuntimeError, "cannot clear an executing frame");
    return NULL;
}

/* frame.__sizeof__(). */
static py_obj *frame_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(frame_sizeof(self));
}

static const py_method_def frame_methods[] = {
    {"clear", {.o = frame_clear_meth}, PY_METH_NOARGS, NULL},
    {"__sizeof__", {.o = frame_sizeof_meth}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_frame_info = {
    .rt = {.name = "frame",
           .size = offsetof(py_frame_object, f_frame_data) + offsetof(py_frame, localsplus),
           .item_size = sizeof(py_obj *),
           .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER,
           .traverse = frame_traverse,
           .clear = frame_clear_refs,
           .dealloc = frame_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = frame_repr,
    .getattro = py_object_generic_get_attr,
    .setattro = py_object_generic_set_attr,
    .sizeof_ = frame_sizeof,
    .getset = frame_getset,
    .methods = frame_methods,
};

/* ====================================================================== */
/* The running frame                                                       */
/* ====================================================================== */

/* The innermost complete frame, or NULL. */
static py_frame *current_complete_frame(void)
{
    py_frame *f = py_vm.current_frame;
    while (f != NULL && py_frame_is_incomplete(f)) f = f->previous;
    return f;
}

/* The running frame's globals (borrowed), NULL outside any frame. */
py_obj *py_eval_get_globals(void)
{
    py_frame *f = current_complete_frame();
    return f != NULL ? f->f_globals : NULL;
}

/* The running frame's builtins, else the interpreter's (borrowed). */
py_obj *py_eval_get_builtins(void)
{
    py_frame *f = current_complete_frame();
    return f != NULL ? f->f_builtins : py_current->builtins;
}

/* locals() of the running frame (borrowed). */
py_obj *py_eval_get_locals(void)
{
    py_frame *f = current_complete_frame();
    if (f == NULL) {
        py_err_set_string(py_exc_SystemError, "frame does not exist");
        return NULL;
    }
    if (py_frame_fast_to_locals(f) < 0) return NULL;
    return f->f_locals;
}

/* sys._getframe(depth) (new reference). */
py_obj *py_eval_get_frame(int depth)
{
    py_frame *f = current_complete_frame();
    while (f != NULL && depth > 0) {
        f = f->previous;
        if (f == NULL) break;
        if (py_frame_is_incomplete(f)) continue;
        depth--;
    }
    if (f == NULL) {
        py_err_set_string(py_exc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    py_frame_object *fo = py_frame_get_frame_object(f);
    return py_xnew_ref((py_obj *)fo);
}

/* super() without arguments: __class__ cell and first argument of the
 * running function (3.11's super_init_without_args). */
static int super_without_args(py_typeinfo **type, py_obj **obj)
{
    py_frame *f = current_complete_frame();
    if (f == NULL) {
        py_err_set_string(py_exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    py_code_object *co = f->f_code;
    if (co->co_argcount == 0) {
        py_err_set_string(py_exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    const unsigned char *kinds = (const unsigned char *)py_bytes_as_string(co->co_localspluskinds);
    py_obj *firstarg = f->localsplus[0];
    if (firstarg != NULL && (kinds[0] & PY_CO_FAST_CELL) && py_frame_lasti(f) >= 0 &&
        py_is_type(firstarg, &py_cell_info))
        firstarg = py_cell_get(firstarg);
    if (firstarg == NULL) {
        py_err_set_string(py_exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = co->co_nlocals + co->co_nplaincellvars; i < co->co_nlocalsplus; i++) {
        py_obj *name = py_tuple_get(co->co_localsplusnames, i);
        if (!py_unicode_eq(name, py_id(__class__))) continue;
        py_obj *cell = f->localsplus[i];
        if (cell == NULL || !py_is_type(cell, &py_cell_info)) {
            py_err_set_string(py_exc_RuntimeError, "super(): bad __class__ cell");
            return -1;
        }
        py_obj *t = py_cell_get(cell);
        if (t == NULL) {
            py_err_set_string(py_exc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!py_type_check(t)) {
            py_err_format(py_exc_RuntimeError, "super(): __class__ is not a type (%s)", py_obj_type_name(t));
            return -1;
        }
        *type = py_typeinfo_of(t);
        *obj = firstarg;
        return 0;
    }
    py_err_set_string(py_exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

/* ====================================================================== */
/* Set up and tear down                                                    */
/* ====================================================================== */

int py_vm_init(py_interp *interp)
{
    free_idle_chunks();
    memset(&py_vm, 0, sizeof py_vm);
    py_vm.exc_info = &py_vm.exc_base;
    py_vm_eval_breaker = 0;
    py_vm_global_cache_reset();
    py_vm_spec_reset();
    py_vm_ops_reset(1);
    py_bigint_poll_hook = py_vm_check_interrupt; /* Ctrl-C stops long int arithmetic */
    vm_running = 1;
    static py_typeinfo *const types[] = {&py_code_info, &py_function_info, &py_frame_info, &py_traceback_info,
                                         &py_gen_info};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!(types[i]->flags & PY_TPFLAGS_READY) && py_type_ready(types[i]) < 0) return -1;
    interp->super_without_args = super_without_args;
    interp->eval_get_globals = py_eval_get_globals;
    interp->function_type = &py_function_info;
    return 0;
}

/* The interpreter is going: release what the VM holds.  The hooks stay
 * (finalizers may still run Python code until py_interp_delete ends). */
void py_vm_fini(py_interp *interp)
{
    vm_running = 0;
    RG_CLEAR(py_vm.exc_base.exc_value);
    if (py_vm.exc_info == &py_vm.exc_base) interp->exc_info = NULL;
    py_vm_ops_reset(0);
    py_vm_global_cache_reset();
    py_vm_spec_reset();
    free_idle_chunks();
}
