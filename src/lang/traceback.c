/*
 * traceback.c -- the traceback type (CPython 3.11's PyTracebackObject of
 * Python/traceback.c, not the printing: that is pythonrun.c's): one entry
 * per frame an exception passes through, made by the eval loop as the
 * exception unwinds (PyTraceBack_Here).
 *
 * Owns: py_traceback_here, the type (tb_next read/write, tb_frame,
 * tb_lasti, tb_lineno; GC; 56 bytes as 3.11), traceback(...) construction.
 *
 * Invariants: tb_lineno and tb_lasti are fixed at creation (3.11 computes
 * them eagerly); tb_next chains never loop (the setter checks).
 */
#include "lang/frame.h"

#define TB(o) ((py_traceback_object *)(o))

/* A new traceback entry (3.11's tb_create_raw); next and frame borrowed. */
static py_obj *tb_create_raw(py_traceback_object *next, py_obj *frame, int lasti, int lineno)
{
    if (next != NULL && !py_is_type((py_obj *)next, &py_traceback_info)) return py_err_bad_internal_call();
    py_traceback_object *tb = (py_traceback_object *)rg_new(py_heap(), &py_traceback_info.rt);
    if (tb == NULL) return py_err_no_memory();
    tb->tb_next = (py_traceback_object *)py_xnew_ref((py_obj *)next);
    tb->tb_frame = py_xnew_ref(frame);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    return (py_obj *)tb;
}

/* PyTraceBack_Here: prepend an entry for frame to the current exception's traceback. */
int py_traceback_here(py_obj *frame_obj)
{
    if (!py_is_type(frame_obj, &py_frame_info)) {
        py_err_bad_internal_call();
        return -1;
    }
    py_frame_object *frame = (py_frame_object *)frame_obj;
    py_obj *exc, *val, *tb;
    py_err_fetch(&exc, &val, &tb);
    if (tb == py_none) RG_CLEAR(tb);
    int lasti = py_frame_lasti(frame->f_frame) * (int)sizeof(py_codeunit);
    py_obj *newtb = tb_create_raw((py_traceback_object *)tb, (py_obj *)frame, lasti,
                                  py_frame_get_lineno((py_obj *)frame));
    if (newtb == NULL) {
        /* 3.11's _PyErr_ChainExceptions: the new error (MemoryError) goes
         * on, with the exception it interrupted as its __context__. */
        py_obj *t2, *v2, *tb2;
        py_err_fetch(&t2, &v2, &tb2);
        py_err_normalize_exception(&t2, &v2, &tb2);
        py_err_normalize_exception(&exc, &val, &tb);
        if (v2 == NULL || val == NULL || !py_exception_instance_check(v2)) {
            /* Could not chain: the original exception goes on. */
            rg_xdecref(t2);
            rg_xdecref(v2);
            rg_xdecref(tb2);
            py_err_restore(exc, val, tb);
            return -1;
        }
        if (tb != NULL) py_exception_set_traceback(val, tb);
        rg_xdecref(tb);
        rg_xdecref(exc);
        if (val != v2) py_exception_set_context(v2, val); /* steals val */
        else rg_decref(val);
        py_err_restore(t2, v2, tb2);
        return -1;
    }
    py_err_restore(exc, val, newtb);
    rg_xdecref(tb);
    return 0;
}

/* Visit tb_next and tb_frame. */
static int tb_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT((py_obj *)TB(self)->tb_next);
    RG_VISIT(TB(self)->tb_frame);
    return 0;
}

/* Drop tb_next and tb_frame. */
static int tb_clear(py_obj *self)
{
    RG_CLEAR(TB(self)->tb_next);
    RG_CLEAR(TB(self)->tb_frame);
    return 0;
}

/* tb_next's setter: a traceback or None, without making a loop. */
static int tb_set_next(py_obj *self, py_obj *new_next, void *c)
{
    (void)c;
    if (new_next == NULL) {
        py_err_set_string(py_exc_TypeError, "can't delete tb_next attribute");
        return -1;
    }
    if (new_next == py_none) {
        new_next = NULL;
    } else if (!py_is_type(new_next, &py_traceback_info)) {
        py_err_format(py_exc_TypeError, "expected traceback object or None, got '%s'", py_obj_type_name(new_next));
        return -1;
    }
    for (py_obj *cursor = new_next; cursor != NULL; cursor = (py_obj *)TB(cursor)->tb_next) {
        if (cursor == self) {
            py_err_set_string(py_exc_ValueError, "traceback loop detected");
            return -1;
        }
    }
    PY_XSETREF(TB(self)->tb_next, (py_traceback_object *)py_xnew_ref(new_next));
    return 0;
}

/* tb_next (None at the end). */
static py_obj *tb_get_next(py_obj *self, void *c)
{
    (void)c;
    py_obj *n = (py_obj *)TB(self)->tb_next;
    return py_new_ref(n != NULL ? n : py_none);
}

/* tb_lineno. */
static py_obj *tb_get_lineno(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_long(TB(self)->tb_lineno);
}

static const py_getset_def tb_getset[] = {
    {"tb_next", tb_get_next, tb_set_next, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_member_def tb_members[] = {
    {"tb_frame", PY_T_OBJECT, offsetof(py_traceback_object, tb_frame), PY_READONLY, NULL},
    {"tb_lasti", PY_T_INT, offsetof(py_traceback_object, tb_lasti), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* traceback(tb_next, tb_frame, tb_lasti, tb_lineno). */
static py_obj *tb_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    static const char *const kwlist[] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno", NULL};
    py_obj *a[4] = {NULL, NULL, NULL, NULL};
    if (py_arg_unpack_keywords(py_tuple_items(args), py_tuple_size(args), kwds, NULL, "traceback", kwlist, 0, 4, 4,
                               a) < 0)
        return NULL;
    py_obj *next = a[0];
    if (next == py_none) {
        next = NULL;
    } else if (!py_is_type(next, &py_traceback_info)) {
        return py_err_format(py_exc_TypeError, "expected traceback object or None, got '%s'", py_obj_type_name(next));
    }
    if (!py_is_type(a[1], &py_frame_info))
        return py_err_format(py_exc_TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s",
                             py_obj_type_name(a[1]));
    long lasti = py_long_check(a[2]) ? py_long_as_long(a[2]) : -1;
    long lineno = py_long_check(a[3]) ? py_long_as_long(a[3]) : -1;
    if (py_err_occurred()) return NULL;
    if (!py_long_check(a[2]) || !py_long_check(a[3])) {
        py_err_set_string(py_exc_TypeError, "an integer is required");
        return NULL;
    }
    return tb_create_raw((py_traceback_object *)next, a[1], (int)lasti, (int)lineno);
}

py_typeinfo py_traceback_info = {
    .rt = {.name = "traceback",
           .size = sizeof(py_traceback_object),
           .flags = RG_TYPE_GC,
           .traverse = tb_traverse,
           .clear = tb_clear,
           .refs_offset = offsetof(py_traceback_object, tb_next),
           .nrefs = 2},
    .flags = PY_TPFLAGS_HAVE_GC,
    .getattro = py_object_generic_get_attr,
    .new = tb_new,
    .members = tb_members,
    .getset = tb_getset,
};
