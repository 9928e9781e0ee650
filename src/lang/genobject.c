/*
 * genobject.c -- generators (CPython 3.11's Objects/genobject.c for
 * PyGen_Type): the generator object with its frame inline, send / throw /
 * close, `yield from` delegation, StopIteration values, the finalizer
 * that closes a suspended generator, PyIter_Send.
 *
 * Owns: py_gen_new_from_frame (RETURN_GENERATOR), gen_send_ex2 (each
 * resumption runs the frame in a nested py_eval_frame, as 3.11), the
 * generator's own exception-info item pushed while it runs, gi_* and
 * __name__/__qualname__, 3.11's messages ("generator already executing",
 * "can't send non-None value to a just-started generator", "generator
 * raised StopIteration", "generator ignored GeneratorExit").
 *
 * Invariants: gi_frame_state < PY_FRAME_CLEARED iff the inline frame holds
 * references; while the generator runs its frame's previous is the
 * caller's frame and its exc-info item is on top of the stack.
 */
#include "lang/frame.h"

#define GEN(o) ((py_gen_object *)(o))

/* ====================================================================== */
/* StopIteration values                                                    */
/* ====================================================================== */

/* Raise StopIteration(value) (3.11's _PyGen_SetStopIterationValue). */
static void set_stop_iteration_value(py_obj *value)
{
    if (!py_tuple_check(value) && !py_exception_instance_check(value)) {
        py_err_set_object(py_exc_StopIteration, value);
        return;
    }
    py_obj *e = py_object_call_one_arg(py_type_object_of(py_exc_StopIteration), value);
    if (e == NULL) return;
    py_err_set_object(py_exc_StopIteration, e);
    rg_decref(e);
}

/* Take StopIteration's value from the current exception (3.11's _PyGen_FetchStopIterationValue). */
int py_gen_fetch_stop_iteration_value(py_obj **pvalue)
{
    py_obj *value = NULL;
    if (py_err_exception_matches(py_exc_StopIteration)) {
        py_obj *et, *ev, *tb;
        py_err_fetch(&et, &ev, &tb);
        if (ev != NULL) {
            if (py_type_check(et) && py_object_type_check(ev, py_typeinfo_of(et))) {
                value = py_stop_iteration_value(ev);
                rg_decref(ev);
            } else if (et == py_type_object_of(py_exc_StopIteration) && !py_tuple_check(ev)) {
                value = ev;
            } else {
                py_err_normalize_exception(&et, &ev, &tb);
                if (!py_object_type_check(ev, py_exc_StopIteration)) {
                    py_err_restore(et, ev, tb);
                    return -1;
                }
                value = py_stop_iteration_value(ev);
                rg_decref(ev);
            }
        }
        rg_xdecref(et);
        rg_xdecref(tb);
    } else if (py_err_occurred()) {
        return -1;
    }
    *pvalue = value != NULL ? value : py_new_ref(py_none);
    return 0;
}

/* Raise RuntimeError(msg) from the current exception (3.11's
 * _PyErr_FormatFromCause). */
static void format_from_cause(py_typeinfo *type, const char *msg)
{
    py_obj *exc, *val, *tb;
    py_err_fetch(&exc, &val, &tb);
    py_err_normalize_exception(&exc, &val, &tb);
    if (tb != NULL) {
        py_exception_set_traceback(val, tb);
        rg_decref(tb);
    }
    rg_xdecref(exc);
    py_err_set_string(type, msg);
    py_obj *exc2, *val2, *tb2;
    py_err_fetch(&exc2, &val2, &tb2);
    py_err_normalize_exception(&exc2, &val2, &tb2);
    rg_incref(val);
    py_exception_set_cause(val2, val);
    py_exception_set_context(val2, val);
    py_err_restore(exc2, val2, tb2);
}

/* ====================================================================== */
/* Creation                                                                */
/* ====================================================================== */

py_obj *py_gen_new_from_frame(py_frame *frame)
{
    py_function_object *func = (py_function_object *)frame->f_func;
    py_code_object *co = frame->f_code;
    size_t slots = (size_t)(co->co_nlocalsplus + co->co_stacksize);
    py_gen_object *gen = (py_gen_object *)rg_new_var(py_heap(), &py_gen_info.rt, slots);
    if (gen == NULL) return py_err_no_memory();
    gen->gi_code = py_new_ref(func->func_code);
    gen->gi_weakreflist = NULL;
    gen->gi_name = py_new_ref(func->func_name);
    gen->gi_qualname = py_new_ref(func->func_qualname);
    gen->gi_exc_state.exc_value = NULL;
    gen->gi_exc_state.previous_item = NULL;
    py_frame *gf = py_gen_frame(gen);
    py_frame_copy(frame, gf);
    gf->owner = PY_FRAME_OWNED_BY_GENERATOR;
    gf->previous = NULL;
    gf->is_entry = 0;
    gen->gi_frame_state = PY_FRAME_CREATED;
    return (py_obj *)gen;
}

/* ====================================================================== */
/* Running                                                                 */
/* ====================================================================== */

/* Resume gen with arg (NULL from next()) or, with exc, by raising the
 * current exception in it (3.11's gen_send_ex2). */
static int gen_send_ex2(py_gen_object *gen, py_obj *arg, py_obj **presult, int exc, int closing)
{
    (void)closing;
    *presult = NULL;
    if (gen->gi_frame_state == PY_FRAME_CREATED && arg != NULL && arg != py_none) {
        py_err_set_string(py_exc_TypeError, "can't send non-None value to a just-started generator");
        return PY_GEN_ERROR;
    }
    if (gen->gi_frame_state == PY_FRAME_EXECUTING) {
        py_err_set_string(py_exc_ValueError, "generator already executing");
        return PY_GEN_ERROR;
    }
    if (gen->gi_frame_state >= PY_FRAME_COMPLETED) {
        if (arg != NULL && !exc) {
            *presult = py_new_ref(py_none);
            return PY_GEN_RETURN;
        }
        return PY_GEN_ERROR;
    }
    py_frame *frame = py_gen_frame(gen);
    frame->localsplus[frame->stacktop++] = py_new_ref(arg != NULL ? arg : py_none);
    gen->gi_exc_state.previous_item = py_vm.exc_info;
    py_vm.exc_info = &gen->gi_exc_state;
    py_vm_sync_exc_info();
    if (exc) {
        /* _PyErr_ChainStackItem(NULL): the context from the generator's
         * own exception being handled (the traceback dropped, as 3.11). */
        py_obj *v = gen->gi_exc_state.exc_value;
        if (v != NULL && v != py_none) {
            py_obj *typ, *val, *tb;
            py_err_fetch(&typ, &val, &tb);
            py_err_set_object_type(typ, val);
            rg_decref(typ);
            rg_xdecref(val);
            rg_xdecref(tb);
        }
    }
    gen->gi_frame_state = PY_FRAME_EXECUTING;
    py_obj *result = py_eval_frame(frame, exc);
    if (gen->gi_frame_state == PY_FRAME_EXECUTING) gen->gi_frame_state = PY_FRAME_COMPLETED;
    py_vm.exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    py_vm_sync_exc_info();
    frame->previous = NULL;
    if (result != NULL) {
        if (gen->gi_frame_state == PY_FRAME_SUSPENDED) {
            *presult = result;
            return PY_GEN_NEXT;
        }
        if (result == py_none && arg == NULL) RG_CLEAR(result);
    } else if (py_err_exception_matches(py_exc_StopIteration)) {
        format_from_cause(py_exc_RuntimeError, "generator raised StopIteration");
    }
    RG_CLEAR(gen->gi_exc_state.exc_value);
    gen->gi_frame_state = PY_FRAME_CLEARED;
    py_frame_clear(frame);
    *presult = result;
    return result != NULL ? PY_GEN_RETURN : PY_GEN_ERROR;
}

/* gen_send_ex2 with the return value raised as StopIteration. */
static py_obj *gen_send_ex(py_gen_object *gen, py_obj *arg, int exc, int closing)
{
    py_obj *result;
    if (gen_send_ex2(gen, arg, &result, exc, closing) == PY_GEN_RETURN) {
        if (result == py_none) py_err_set_none(py_exc_StopIteration);
        else set_stop_iteration_value(result);
        RG_CLEAR(result);
    }
    return result;
}

/* next(gen): the value yielded, or NULL (exhausted: no exception; else raised). */
static py_obj *gen_iternext(py_obj *self)
{
    py_obj *result;
    if (gen_send_ex2(GEN(self), NULL, &result, 0, 0) == PY_GEN_RETURN) {
        if (result != py_none) set_stop_iteration_value(result);
        RG_CLEAR(result);
    }
    return result;
}

/* PyIter_Send: send arg into iter (a generator, or any iterator / send() method). */
int py_iter_send(py_obj *iter, py_obj *arg, py_obj **result)
{
    if (py_is_type(iter, &py_gen_info)) return gen_send_ex2(GEN(iter), arg, result, 0, 0);
    if (arg == py_none && py_type_of(iter)->iternext != NULL) *result = py_type_of(iter)->iternext(iter);
    else *result = py_object_call_method_one_arg(iter, py_id(send), arg);
    if (*result != NULL) return PY_GEN_NEXT;
    if (py_gen_fetch_stop_iteration_value(result) == 0) return PY_GEN_RETURN;
    return PY_GEN_ERROR;
}

/* The iterator a suspended `yield from` delegates to (new reference) or NULL. */
py_obj *py_gen_yf(py_gen_object *gen)
{
    if (gen->gi_frame_state >= PY_FRAME_CLEARED || gen->gi_frame_state == PY_FRAME_CREATED) return NULL;
    py_frame *frame = py_gen_frame(gen);
    py_codeunit next = frame->prev_instr[1];
    if (PY_OPCODE(next) != OP_RESUME || PY_OPARG(next) < 2) return NULL;
    return py_new_ref(frame->localsplus[frame->stacktop - 1]);
}

/* ====================================================================== */
/* send, throw, close                                                      */
/* ====================================================================== */

static py_obj *gen_send(py_obj *self, py_obj *arg) { return gen_send_ex(GEN(self), arg, 0, 0); }

static py_obj *gen_close(py_obj *self, py_obj *unused);

/* Close the iterator a `yield from` delegates to: 0 or -1. */
static int gen_close_iter(py_obj *yf)
{
    py_obj *retval = NULL;
    if (py_is_type(yf, &py_gen_info)) {
        retval = gen_close(yf, NULL);
        if (retval == NULL) return -1;
    } else {
        py_obj *meth;
        if (py_object_lookup_attr(yf, py_id(close), &meth) < 0) py_err_write_unraisable(yf);
        if (meth != NULL) {
            retval = py_object_call_no_args(meth);
            rg_decref(meth);
            if (retval == NULL) return -1;
        }
    }
    rg_xdecref(retval);
    return 0;
}

/* gen.close(): GeneratorExit thrown in; RuntimeError if it yields again. */
static py_obj *gen_close(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_gen_object *gen = GEN(self);
    py_obj *yf = py_gen_yf(gen);
    int err = 0;
    if (yf != NULL) {
        int8_t state = gen->gi_frame_state;
        gen->gi_frame_state = PY_FRAME_EXECUTING;
        err = gen_close_iter(yf);
        gen->gi_frame_state = state;
        rg_decref(yf);
    }
    if (err == 0) py_err_set_none(py_exc_GeneratorExit);
    py_obj *retval = gen_send_ex(gen, py_none, 1, 1);
    if (retval != NULL) {
        rg_decref(retval);
        py_err_set_string(py_exc_RuntimeError, "generator ignored GeneratorExit");
        return NULL;
    }
    if (py_err_exception_matches(py_exc_StopIteration) || py_err_exception_matches(py_exc_GeneratorExit)) {
        py_err_clear();
        return py_new_ref(py_none);
    }
    return NULL;
}

/* 3.11's _gen_throw: typ, val, tb borrowed. */
static py_obj *gen_throw_impl(py_gen_object *gen, int close_on_genexit, py_obj *typ, py_obj *val, py_obj *tb)
{
    py_obj *yf = py_gen_yf(gen);
    if (yf != NULL) {
        py_frame *frame = py_gen_frame(gen);
        py_obj *ret;
        if (py_err_given_exception_matches(typ, py_type_object_of(py_exc_GeneratorExit)) && close_on_genexit) {
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = PY_FRAME_EXECUTING;
            int err = gen_close_iter(yf);
            gen->gi_frame_state = state;
            rg_decref(yf);
            if (err < 0) return gen_send_ex(gen, py_none, 1, 0);
            goto throw_here;
        }
        if (py_is_type(yf, &py_gen_info)) {
            py_frame *prev = py_vm.current_frame;
            frame->previous = prev;
            py_vm.current_frame = frame;
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = PY_FRAME_EXECUTING;
            ret = gen_throw_impl(GEN(yf), close_on_genexit, typ, val, tb);
            gen->gi_frame_state = state;
            py_vm.current_frame = prev;
            frame->previous = NULL;
        } else {
            py_obj *meth;
            if (py_object_lookup_attr(yf, py_id(throw), &meth) < 0) {
                rg_decref(yf);
                return NULL;
            }
            if (meth == NULL) {
                rg_decref(yf);
                goto throw_here;
            }
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = PY_FRAME_EXECUTING;
            ret = py_object_call_function_obj_args(meth, typ, val, tb, NULL);
            gen->gi_frame_state = state;
            rg_decref(meth);
        }
        rg_decref(yf);
        if (ret == NULL) {
            /* Pop the subiterator and continue after the SEND loop. */
            py_obj *sub = frame->localsplus[--frame->stacktop];
            rg_decref(sub);
            int jump = PY_OPARG(frame->prev_instr[-1]);
            frame->prev_instr += jump - 1;
            py_obj *v;
            if (py_gen_fetch_stop_iteration_value(&v) == 0) {
                ret = gen_send_ex(gen, v, 0, 0);
                rg_decref(v);
            } else {
                ret = gen_send_ex(gen, py_none, 1, 0);
            }
        }
        return ret;
    }

throw_here:
    if (tb == py_none) {
        tb = NULL;
    } else if (tb != NULL && !py_is_type(tb, &py_traceback_info)) {
        py_err_set_string(py_exc_TypeError, "throw() third argument must be a traceback object");
        return NULL;
    }
    rg_incref(typ);
    rg_xincref(val);
    rg_xincref(tb);
    if (py_exception_class_check(typ)) {
        py_err_normalize_exception(&typ, &val, &tb);
    } else if (py_exception_instance_check(typ)) {
        if (val != NULL && val != py_none) {
            py_err_set_string(py_exc_TypeError, "instance exception may not have a separate value");
            goto failed_throw;
        }
        rg_xdecref(val);
        val = typ;
        typ = py_new_ref(py_type_object_of_obj(typ));
        if (tb == NULL) tb = py_exception_get_traceback(val);
    } else {
        py_err_format(py_exc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                      py_obj_type_name(typ));
        goto failed_throw;
    }
    py_err_restore(typ, val, tb);
    return gen_send_ex(gen, py_none, 1, 0);

failed_throw:
    rg_decref(typ);
    rg_xdecref(val);
    rg_xdecref(tb);
    return NULL;
}

/* gen.throw(typ[, val[, tb]]). */
static py_obj *gen_throw(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("throw", nargs, 1, 3) < 0) return NULL;
    py_obj *typ = args[0];
    py_obj *val = nargs > 1 ? args[1] : NULL;
    py_obj *tb = nargs > 2 ? args[2] : NULL;
    return gen_throw_impl(GEN(self), 1, typ, val, tb);
}

/* ====================================================================== */
/* Finalization, GC, deallocation                                          */
/* ====================================================================== */

/* Close a suspended generator when it dies (3.11's _PyGen_Finalize). */
static void gen_finalize(py_obj *self)
{
    py_gen_object *gen = GEN(self);
    if (gen->gi_frame_state >= PY_FRAME_COMPLETED) return;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    py_obj *res = gen_close(self, NULL);
    if (res == NULL) {
        if (py_err_occurred()) py_err_write_unraisable(self);
    } else {
        rg_decref(res);
    }
    py_err_restore(et, ev, etb);
}

/* Visit the generator's code, names, frame and handled exception. */
static int gen_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_gen_object *gen = GEN(self);
    RG_VISIT(gen->gi_code);
    RG_VISIT(gen->gi_name);
    RG_VISIT(gen->gi_qualname);
    if (gen->gi_frame_state < PY_FRAME_CLEARED) {
        py_frame *f = py_gen_frame(gen);
        if (gen->gi_frame_state == PY_FRAME_EXECUTING) {
            /* The running frame's stack top is not published: visit the
             * header and the fast locals only (conservative). */
            RG_VISIT((py_obj *)f->frame_obj);
            RG_VISIT(f->f_locals);
            RG_VISIT(f->f_func);
            RG_VISIT((py_obj *)f->f_code);
            for (int i = 0; i < f->f_code->co_nlocalsplus; i++) RG_VISIT(f->localsplus[i]);
        } else {
            int err = py_frame_traverse(f, visit, arg);
            if (err) return err;
        }
    }
    RG_VISIT(gen->gi_exc_state.exc_value);
    return 0;
}

/* Deallocate a generator: weak references, the finalizer (close), the frame. */
static void gen_dealloc(py_obj *self)
{
    py_gen_object *gen = GEN(self);
    if (rg_is_tracked(self)) rg_untrack(self);
    if (gen->gi_weakreflist != NULL) rg_clear_weakrefs(self);
    rg_track(self);
    if (rg_call_finalizer_from_dealloc(self) < 0) return;
    rg_untrack(self);
    if (gen->gi_frame_state < PY_FRAME_CLEARED) {
        py_frame *frame = py_gen_frame(gen);
        gen->gi_frame_state = PY_FRAME_CLEARED;
        frame->previous = NULL;
        py_frame_clear(frame);
    }
    RG_CLEAR(gen->gi_code);
    RG_CLEAR(gen->gi_name);
    RG_CLEAR(gen->gi_qualname);
    RG_CLEAR(gen->gi_exc_state.exc_value);
    rg_object_free(self);
}

/* ====================================================================== */
/* Attributes and the type                                                 */
/* ====================================================================== */

static py_obj *gen_repr(py_obj *self)
{
    return py_unicode_from_format("<generator object %S at %p>", GEN(self)->gi_qualname, (void *)self);
}

/* 3.11's generator __sizeof__: header plus the frame's slots. */
static py_ssize_t gen_sizeof(py_obj *self)
{
    py_code_object *co = (py_code_object *)GEN(self)->gi_code;
    return (py_ssize_t)(offsetof(py_gen_object, gi_iframe) + offsetof(py_frame, localsplus)) +
           (py_ssize_t)(co->co_nlocalsplus + co->co_stacksize) * (py_ssize_t)sizeof(py_obj *);
}

/* gen.__sizeof__(). */
static py_obj *gen_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(gen_sizeof(self));
}

/* __name__. */
static py_obj *gen_get_name(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(GEN(self)->gi_name);
}

/* __name__ = str. */
static int gen_set_name(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL || !py_unicode_check(value)) {
        py_err_set_string(py_exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    PY_SETREF(GEN(self)->gi_name, py_new_ref(value));
    return 0;
}

/* __qualname__. */
static py_obj *gen_get_qualname(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(GEN(self)->gi_qualname);
}

/* __qualname__ = str. */
static int gen_set_qualname(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL || !py_unicode_check(value)) {
        py_err_set_string(py_exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    PY_SETREF(GEN(self)->gi_qualname, py_new_ref(value));
    return 0;
}

/* gi_frame: the frame object, None once finished. */
static py_obj *gen_get_frame(py_obj *self, void *c)
{
    (void)c;
    py_gen_object *gen = GEN(self);
    if (gen->gi_frame_state == PY_FRAME_CLEARED) return py_new_ref(py_none);
    py_frame_object *f = py_frame_get_frame_object(py_gen_frame(gen));
    return py_xnew_ref((py_obj *)f);
}

/* gi_running. */
static py_obj *gen_get_running(py_obj *self, void *c)
{
    (void)c;
    return py_bool_from_long(GEN(self)->gi_frame_state == PY_FRAME_EXECUTING);
}

/* gi_suspended. */
static py_obj *gen_get_suspended(py_obj *self, void *c)
{
    (void)c;
    return py_bool_from_long(GEN(self)->gi_frame_state == PY_FRAME_SUSPENDED);
}

/* gi_yieldfrom: the delegated-to iterator or None. */
static py_obj *gen_get_yieldfrom(py_obj *self, void *c)
{
    (void)c;
    py_obj *yf = py_gen_yf(GEN(self));
    return yf != NULL ? yf : py_new_ref(py_none);
}

/* gi_code. */
static py_obj *gen_get_code(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(GEN(self)->gi_code);
}

static const py_getset_def gen_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def gen_methods[] = {
    {"send", {.o = gen_send}, PY_METH_O, NULL},
    {"throw", {.fast = gen_throw}, PY_METH_FASTCALL, NULL},
    {"close", {.o = gen_close}, PY_METH_NOARGS, NULL},
    {"__sizeof__", {.o = gen_sizeof_meth}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_gen_info = {
    .rt = {.name = "generator",
           .size = offsetof(py_gen_object, gi_iframe) + offsetof(py_frame, localsplus),
           .item_size = sizeof(py_obj *),
           .flags = RG_TYPE_GC,
           .weaklist_offset = offsetof(py_gen_object, gi_weakreflist),
           .traverse = gen_traverse,
           .finalize = gen_finalize,
           .dealloc = gen_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = gen_repr,
    .getattro = py_object_generic_get_attr,
    .iter = py_object_self_iter,
    .iternext = gen_iternext,
    .sizeof_ = gen_sizeof,
    .methods = gen_methods,
    .getset = gen_getset,
};
