/*
 * exceptions.c -- the built-in exceptions (CPython 3.11's
 * Objects/exceptions.c).
 *
 * Owns: BaseException's object (72 bytes: dict, args, notes, traceback,
 * context, cause, suppress_context; GC; sys.getsizeof 88) with
 * BaseException_new keeping the argument tuple it is given, str/repr
 * exactly as CPython ("KeyError('k')", str of a KeyError is the key's
 * repr), __traceback__/__context__/__cause__/__suppress_context__,
 * add_note/with_traceback, the standard hierarchy with the subclasses that
 * add fields (StopIteration.value, SystemExit.code, ImportError's
 * msg/name/path, NameError.name, AttributeError.name/obj, OSError's errno
 * family with the errno -> subclass mapping, SyntaxError's location), and
 * the MemoryError free list (16 instances preallocated, as 3.11).
 *
 * Differences from CPython, on purpose: the Unicode*Error types accept any
 * arguments (CPython's want five) so that C code can raise them with a
 * message.  BaseExceptionGroup/ExceptionGroup are excgroup.c's.
 *
 * Must not: allocate in str/repr beyond what the formatting needs.
 */
#include <errno.h>
#include <string.h>

#include "object.h"

#define EXC(o) ((py_base_exception_object *)(o))
#define MEMERRORS_SAVE 16

/* ====================================================================== */
/* BaseException                                                           */
/* ====================================================================== */

static py_obj *base_exception_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)kwds;
    py_obj *self = py_type_generic_alloc(type, 0);
    if (self == NULL) return NULL;
    if (args) {
        EXC(self)->args = py_new_ref(args);
        return self;
    }
    EXC(self)->args = py_tuple_new(0);
    if (EXC(self)->args == NULL) {
        rg_decref(self);
        return NULL;
    }
    return self;
}

static int base_exception_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords(py_obj_type_name(self), kwds) < 0) return -1;
    PY_XSETREF(EXC(self)->args, py_new_ref(args));
    return 0;
}

static int base_exception_clear(py_obj *self)
{
    py_base_exception_object *e = EXC(self);
    RG_CLEAR(e->dict);
    RG_CLEAR(e->args);
    RG_CLEAR(e->notes);
    RG_CLEAR(e->traceback);
    RG_CLEAR(e->cause);
    RG_CLEAR(e->context);
    return 0;
}

static void base_exception_dealloc(py_obj *self)
{
    base_exception_clear(self);
    rg_object_free(self);
}

static int base_exception_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_base_exception_object *e = EXC(self);
    RG_VISIT(e->dict);
    RG_VISIT(e->args);
    RG_VISIT(e->notes);
    RG_VISIT(e->traceback);
    RG_VISIT(e->cause);
    RG_VISIT(e->context);
    return 0;
}

static py_obj *base_exception_str(py_obj *self)
{
    py_obj *args = EXC(self)->args;
    switch (py_tuple_size(args)) {
    case 0: return py_new_ref(py_empty_str);
    case 1: return py_object_str(py_tuple_get(args, 0));
    default: return py_object_str(args);
    }
}

/* _PyType_Name: tp_name after the last dot. */
static const char *type_short_name(py_obj *self)
{
    const char *n = py_obj_type_name(self), *s = strrchr(n, '.');
    return s ? s + 1 : n;
}

static py_obj *base_exception_repr(py_obj *self)
{
    py_obj *args = EXC(self)->args;
    if (py_tuple_size(args) == 1) return py_unicode_from_format("%s(%R)", type_short_name(self), py_tuple_get(args, 0));
    return py_unicode_from_format("%s%R", type_short_name(self), args);
}

static py_obj *exc_get_args(py_obj *self, void *c)
{
    (void)c;
    py_obj *a = EXC(self)->args;
    return py_new_ref(a ? a : py_none);
}

static int exc_set_args(py_obj *self, py_obj *val, void *c)
{
    (void)c;
    if (val == NULL) {
        py_err_set_string(py_exc_TypeError, "args may not be deleted");
        return -1;
    }
    py_obj *seq = py_sequence_tuple(val);
    if (seq == NULL) return -1;
    PY_XSETREF(EXC(self)->args, seq);
    return 0;
}

/* Is tb a traceback (the front end's type, named "traceback")? */
static int is_traceback(py_obj *tb) { return strcmp(py_obj_type_name(tb), "traceback") == 0; }

static py_obj *exc_get_tb(py_obj *self, void *c)
{
    (void)c;
    py_obj *tb = EXC(self)->traceback;
    return py_new_ref(tb ? tb : py_none);
}

static int exc_set_tb(py_obj *self, py_obj *tb, void *c)
{
    (void)c;
    if (tb == NULL) {
        py_err_set_string(py_exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (tb != py_none && !is_traceback(tb)) { /* None is stored as None (traverse visits it) */
        py_err_set_string(py_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    PY_XSETREF(EXC(self)->traceback, py_xnew_ref(tb));
    return 0;
}

static py_obj *exc_get_context(py_obj *self, void *c)
{
    (void)c;
    py_obj *r = EXC(self)->context;
    return py_new_ref(r ? r : py_none);
}

static int exc_set_context(py_obj *self, py_obj *arg, void *c)
{
    (void)c;
    if (arg == NULL) {
        py_err_set_string(py_exc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (arg == py_none) arg = NULL;
    else if (!py_exception_instance_check(arg)) {
        py_err_set_string(py_exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    PY_XSETREF(EXC(self)->context, py_xnew_ref(arg));
    return 0;
}

static py_obj *exc_get_cause(py_obj *self, void *c)
{
    (void)c;
    py_obj *r = EXC(self)->cause;
    return py_new_ref(r ? r : py_none);
}

static int exc_set_cause(py_obj *self, py_obj *arg, void *c)
{
    (void)c;
    if (arg == NULL) {
        py_err_set_string(py_exc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (arg == py_none) arg = NULL;
    else if (!py_exception_instance_check(arg)) {
        py_err_set_string(py_exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    EXC(self)->suppress_context = 1;
    PY_XSETREF(EXC(self)->cause, py_xnew_ref(arg));
    return 0;
}

static const py_getset_def base_exception_getset[] = {
    {"__dict__", py_object_generic_get_dict, py_object_generic_set_dict, NULL, NULL},
    {"args", exc_get_args, exc_set_args, NULL, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL, NULL},
    {"__context__", exc_get_context, exc_set_context, "exception context", NULL},
    {"__cause__", exc_get_cause, exc_set_cause, "exception cause", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_member_def base_exception_members[] = {
    {"__suppress_context__", PY_T_BOOL, offsetof(py_base_exception_object, suppress_context), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

static py_obj *exc_with_traceback(py_obj *self, py_obj *tb)
{
    if (exc_set_tb(self, tb, NULL) < 0) return NULL;
    return py_new_ref(self);
}

static py_obj *exc_add_note(py_obj *self, py_obj *note)
{
    if (!py_unicode_check(note))
        return py_err_format(py_exc_TypeError, "note must be a str, not '%s'", py_obj_type_name(note));
    if (!py_object_has_attr(self, py_id(__notes__))) {
        py_obj *new_notes = py_list_new(0);
        if (new_notes == NULL) return NULL;
        int r = py_object_set_attr(self, py_id(__notes__), new_notes);
        rg_decref(new_notes);
        if (r < 0) return NULL;
    }
    py_obj *notes = py_object_get_attr(self, py_id(__notes__));
    if (notes == NULL) return NULL;
    if (!py_list_check(notes)) {
        rg_decref(notes);
        py_err_set_string(py_exc_TypeError, "Cannot add note: __notes__ is not a list");
        return NULL;
    }
    int r = py_list_append(notes, note);
    rg_decref(notes);
    if (r < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *exc_reduce(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_base_exception_object *e = EXC(self);
    if (e->args && e->dict) return py_tuple_pack(3, py_type_object_of_obj(self), e->args, e->dict);
    return py_tuple_pack(2, py_type_object_of_obj(self), e->args);
}

/* __setstate__(state): a dict's items become attributes (None: nothing). */
static py_obj *exc_setstate(py_obj *self, py_obj *state)
{
    if (state != py_none) {
        if (!py_dict_check(state)) {
            py_err_set_string(py_exc_TypeError, "state is not a dictionary");
            return NULL;
        }
        py_ssize_t i = 0;
        py_obj *key, *value;
        while (py_dict_next(state, &i, &key, &value)) {
            rg_incref(key);
            rg_incref(value);
            int res = py_object_set_attr(self, key, value);
            rg_decref(value);
            rg_decref(key);
            if (res < 0) return NULL;
        }
    }
    return py_new_ref(py_none);
}

static const py_method_def base_exception_methods[] = {
    {"__reduce__", {.o = exc_reduce}, PY_METH_NOARGS, NULL},
    {"__setstate__", {.o = exc_setstate}, PY_METH_O, NULL},
    {"with_traceback", {.o = exc_with_traceback}, PY_METH_O,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {"add_note", {.o = exc_add_note}, PY_METH_O, "Exception.add_note(note) --\n    add a note to the exception"},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* Accessors (the C API)                                                   */
/* ====================================================================== */

/* (NULL for a __traceback__ set to None: C callers test for NULL) */
py_obj *py_exception_get_traceback(py_obj *exc)
{
    py_obj *tb = EXC(exc)->traceback;
    return tb == py_none ? NULL : py_xnew_ref(tb);
}

int py_exception_set_traceback(py_obj *exc, py_obj *tb)
{
    PY_XSETREF(EXC(exc)->traceback, py_xnew_ref(tb));
    return 0;
}

py_obj *py_exception_get_context(py_obj *exc) { return py_xnew_ref(EXC(exc)->context); }
void py_exception_set_context(py_obj *exc, py_obj *ctx) { PY_XSETREF(EXC(exc)->context, ctx); }
py_obj *py_exception_get_cause(py_obj *exc) { return py_xnew_ref(EXC(exc)->cause); }

void py_exception_set_cause(py_obj *exc, py_obj *cause)
{
    EXC(exc)->suppress_context = 1;
    PY_XSETREF(EXC(exc)->cause, cause);
}

py_obj *py_exception_get_args(py_obj *exc) { return py_xnew_ref(EXC(exc)->args); }

py_obj *py_exception_new(py_typeinfo *type, py_obj *args)
{
    return py_object_call(type->type_obj, args ? args : py_empty_tuple, NULL);
}

py_obj *py_stop_iteration_value(py_obj *exc)
{
    py_obj *v = ((py_stop_iteration_object *)exc)->value;
    return py_new_ref(v ? v : py_none);
}

/* ====================================================================== */
/* Subclasses with fields                                                  */
/* ====================================================================== */

/* A keyword-only parser for the few exceptions that take keywords:
 * names[i] receive their values (borrowed); unknown names raise. */
static int parse_kw_only(py_obj *kwds, const char *fname, const char *const *names, py_obj **vals, int n)
{
    if (kwds == NULL) return 0;
    py_ssize_t pos = 0;
    py_obj *k, *v;
    while (py_dict_next(kwds, &pos, &k, &v)) {
        int found = 0;
        for (int i = 0; i < n; i++)
            if (py_unicode_check(k) && py_unicode_equal_to_ascii_string(k, names[i])) {
                vals[i] = v;
                found = 1;
            }
        if (!found) {
            py_err_format(py_exc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, k);
            return -1;
        }
    }
    return 0;
}

/* StopIteration(value) */
static int stop_iteration_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_stop_iteration_object *e = (py_stop_iteration_object *)self;
    RG_CLEAR(e->value);
    e->value = py_new_ref(py_tuple_size(args) > 0 ? py_tuple_get(args, 0) : py_none);
    return 0;
}

static int stop_iteration_clear(py_obj *self)
{
    RG_CLEAR(((py_stop_iteration_object *)self)->value);
    return base_exception_clear(self);
}

static void stop_iteration_dealloc(py_obj *self)
{
    stop_iteration_clear(self);
    rg_object_free(self);
}

static int stop_iteration_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((py_stop_iteration_object *)self)->value);
    return base_exception_traverse(self, visit, arg);
}

static const py_member_def stop_iteration_members[] = {
    {"value", PY_T_OBJECT, offsetof(py_stop_iteration_object, value), 0, "generator return value"},
    {NULL, 0, 0, 0, NULL},
};

/* SystemExit(code) */
static int system_exit_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_ssize_t size = py_tuple_size(args);
    if (size == 0) return 0;
    py_obj *code = size == 1 ? py_tuple_get(args, 0) : args;
    PY_XSETREF(((py_system_exit_object *)self)->code, py_new_ref(code));
    return 0;
}

static int system_exit_clear(py_obj *self)
{
    RG_CLEAR(((py_system_exit_object *)self)->code);
    return base_exception_clear(self);
}

static void system_exit_dealloc(py_obj *self)
{
    system_exit_clear(self);
    rg_object_free(self);
}

static int system_exit_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((py_system_exit_object *)self)->code);
    return base_exception_traverse(self, visit, arg);
}

static const py_member_def system_exit_members[] = {
    {"code", PY_T_OBJECT, offsetof(py_system_exit_object, code), 0, "exception code"},
    {NULL, 0, 0, 0, NULL},
};

/* ImportError(*args, name=None, path=None) */
static int import_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    static const char *const kwlist[] = {"name", "path"};
    py_obj *vals[2] = {NULL, NULL};
    if (base_exception_init(self, args, NULL) < 0) return -1;
    if (parse_kw_only(kwds, "ImportError", kwlist, vals, 2) < 0) return -1;
    py_import_error_object *e = (py_import_error_object *)self;
    PY_XSETREF(e->name, py_xnew_ref(vals[0]));
    PY_XSETREF(e->path, py_xnew_ref(vals[1]));
    PY_XSETREF(e->msg, py_tuple_size(args) == 1 ? py_new_ref(py_tuple_get(args, 0)) : NULL);
    return 0;
}

static int import_error_clear(py_obj *self)
{
    py_import_error_object *e = (py_import_error_object *)self;
    RG_CLEAR(e->msg);
    RG_CLEAR(e->name);
    RG_CLEAR(e->path);
    return base_exception_clear(self);
}

static void import_error_dealloc(py_obj *self)
{
    import_error_clear(self);
    rg_object_free(self);
}

static int import_error_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_import_error_object *e = (py_import_error_object *)self;
    RG_VISIT(e->msg);
    RG_VISIT(e->name);
    RG_VISIT(e->path);
    return base_exception_traverse(self, visit, arg);
}

static py_obj *import_error_str(py_obj *self)
{
    py_obj *msg = ((py_import_error_object *)self)->msg;
    if (msg && py_unicode_check_exact(msg)) return py_new_ref(msg);
    return base_exception_str(self);
}

static const py_member_def import_error_members[] = {
    {"msg", PY_T_OBJECT, offsetof(py_import_error_object, msg), 0, "exception message"},
    {"name", PY_T_OBJECT, offsetof(py_import_error_object, name), 0, "module name"},
    {"path", PY_T_OBJECT, offsetof(py_import_error_object, path), 0, "module path"},
    {NULL, 0, 0, 0, NULL},
};

/* NameError(*args, name=None) */
static int name_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    static const char *const kwlist[] = {"name"};
    py_obj *vals[1] = {NULL};
    if (base_exception_init(self, args, NULL) < 0) return -1;
    if (parse_kw_only(kwds, "NameError", kwlist, vals, 1) < 0) return -1;
    PY_XSETREF(((py_name_error_object *)self)->name, py_xnew_ref(vals[0]));
    return 0;
}

static int name_error_clear(py_obj *self)
{
    RG_CLEAR(((py_name_error_object *)self)->name);
    return base_exception_clear(self);
}

static void name_error_dealloc(py_obj *self)
{
    name_error_clear(self);
    rg_object_free(self);
}

static int name_error_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((py_name_error_object *)self)->name);
    return base_exception_traverse(self, visit, arg);
}

static const py_member_def name_error_members[] = {
    {"name", PY_T_OBJECT, offsetof(py_name_error_object, name), 0, "name"},
    {NULL, 0, 0, 0, NULL},
};

/* AttributeError(*args, name=None, obj=None) */
static int attribute_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    static const char *const kwlist[] = {"name", "obj"};
    py_obj *vals[2] = {NULL, NULL};
    if (base_exception_init(self, args, NULL) < 0) return -1;
    if (parse_kw_only(kwds, "AttributeError", kwlist, vals, 2) < 0) return -1;
    py_attribute_error_object *e = (py_attribute_error_object *)self;
    PY_XSETREF(e->name, py_xnew_ref(vals[0]));
    PY_XSETREF(e->obj, py_xnew_ref(vals[1]));
    return 0;
}

static int attribute_error_clear(py_obj *self)
{
    py_attribute_error_object *e = (py_attribute_error_object *)self;
    RG_CLEAR(e->obj);
    RG_CLEAR(e->name);
    return base_exception_clear(self);
}

static void attribute_error_dealloc(py_obj *self)
{
    attribute_error_clear(self);
    rg_object_free(self);
}

static int attribute_error_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_attribute_error_object *e = (py_attribute_error_object *)self;
    RG_VISIT(e->obj);
    RG_VISIT(e->name);
    return base_exception_traverse(self, visit, arg);
}

static const py_member_def attribute_error_members[] = {
    {"name", PY_T_OBJECT, offsetof(py_attribute_error_object, name), 0, "attribute name"},
    {"obj", PY_T_OBJECT, offsetof(py_attribute_error_object, obj), 0, "object"},
    {NULL, 0, 0, 0, NULL},
};

/* ---- UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError ---- */

#define UE(o) ((py_unicode_error_object *)(o))

static int unicode_error_clear(py_obj *self)
{
    RG_CLEAR(UE(self)->encoding);
    RG_CLEAR(UE(self)->object);
    RG_CLEAR(UE(self)->reason);
    return base_exception_clear(self);
}

static void unicode_error_dealloc(py_obj *self)
{
    unicode_error_clear(self);
    rg_object_free(self);
}

static int unicode_error_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(UE(self)->encoding);
    RG_VISIT(UE(self)->object);
    RG_VISIT(UE(self)->reason);
    return base_exception_traverse(self, visit, arg);
}

/* PyArg_ParseTuple's "U" / "n" items with their messages; 0 or -1. */
static int ue_arg_str(py_obj *args, py_ssize_t i, py_obj **out)
{
    py_obj *a = py_tuple_get(args, i);
    if (!py_unicode_check(a)) {
        py_err_format(py_exc_TypeError, "argument %zd must be str, not %.50s", i + 1,
                      a == py_none ? "None" : py_obj_type_name(a));
        return -1;
    }
    *out = a;
    return 0;
}
static int ue_arg_index(py_obj *args, py_ssize_t i, py_ssize_t *out)
{
    py_obj *a = py_tuple_get(args, i);
    if (py_float_check(a)) {
        py_err_set_string(py_exc_TypeError, "integer argument expected, got float");
        return -1;
    }
    *out = py_number_as_ssize_t(a, py_exc_OverflowError);
    return *out == -1 && py_err_occurred() ? -1 : 0;
}

/* The common part: (encoding?, object, start, end, reason) with the
 * object checked by the caller. */
static int unicode_error_init_common(py_obj *self, py_obj *args, int has_encoding, py_obj **object)
{
    py_ssize_t want = has_encoding ? 5 : 4, n = py_tuple_size(args);
    if (n != want) {
        py_err_format(py_exc_TypeError, "function takes exactly %zd arguments (%zd given)", want, n);
        return -1;
    }
    py_obj *encoding = NULL, *reason;
    py_ssize_t start, end, k = 0;
    if (has_encoding && ue_arg_str(args, k++, &encoding) < 0) return -1;
    *object = py_tuple_get(args, k++);
    if (ue_arg_index(args, k++, &start) < 0 || ue_arg_index(args, k++, &end) < 0 ||
        ue_arg_str(args, k, &reason) < 0)
        return -1;
    PY_XSETREF(UE(self)->encoding, py_xnew_ref(encoding));
    PY_XSETREF(UE(self)->reason, py_new_ref(reason));
    UE(self)->start = start;
    UE(self)->end = end;
    return 0;
}

static int unicode_encode_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_obj *object;
    if (unicode_error_init_common(self, args, 1, &object) < 0) return -1;
    if (!py_unicode_check(object)) {
        py_err_format(py_exc_TypeError, "argument 2 must be str, not %.50s", py_obj_type_name(object));
        return -1;
    }
    PY_XSETREF(UE(self)->object, py_new_ref(object));
    return 0;
}

static int unicode_decode_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_obj *object;
    if (unicode_error_init_common(self, args, 1, &object) < 0) return -1;
    py_obj *bytes;
    if (py_bytes_check(object)) {
        bytes = py_new_ref(object);
    } else {
        py_buffer view;
        if (py_object_get_buffer(object, &view, PY_BUF_SIMPLE) != 0) return -1;
        bytes = py_bytes_from_string_and_size(view.buf, view.len);
        py_buffer_release(&view);
        if (bytes == NULL) return -1;
    }
    PY_XSETREF(UE(self)->object, bytes);
    return 0;
}

static int unicode_translate_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_obj *object;
    if (unicode_error_init_common(self, args, 0, &object) < 0) return -1;
    if (!py_unicode_check(object)) {
        py_err_format(py_exc_TypeError, "argument 1 must be str, not %.50s", py_obj_type_name(object));
        return -1;
    }
    PY_XSETREF(UE(self)->object, py_new_ref(object));
    return 0;
}

/* "'ascii' codec can't encode character '\xe9' in position 0: ..." */
static py_obj *unicode_error_str(py_obj *self)
{
    py_unicode_error_object *e = UE(self);
    if (e->object == NULL) return py_new_ref(py_empty_str);
    py_obj *reason = py_object_str(e->reason), *encoding = NULL, *result = NULL;
    if (reason == NULL) return NULL;
    int kind = py_is_type(self, &py_exc_UnicodeDecodeError_info) ? 1
               : py_is_type(self, &py_exc_UnicodeTranslateError_info) ? 2 : 0;
    if (kind != 2 && (encoding = py_object_str(e->encoding)) == NULL) goto done;
    py_ssize_t start, end;
    if (kind == 1) {
        py_ssize_t size = py_bytes_size(e->object);
        start = e->start, end = e->end; /* 3.11 formats them unclamped */
        if (start >= 0 && start < size && end == start + 1)
            result = py_unicode_from_format("'%U' codec can't decode byte 0x%02x in position %zd: %U", encoding,
                                            (int)(unsigned char)py_bytes_as_string(e->object)[start], start, reason);
        else
            result = py_unicode_from_format("'%U' codec can't decode bytes in position %zd-%zd: %U", encoding, start,
                                            end - 1, reason);
    } else {
        py_ssize_t size = py_unicode_get_length(e->object);
        start = e->start, end = e->end;
        const char *what = kind == 0 ? "encode" : "translate";
        if (start >= 0 && start < size && end == start + 1) {
            py_ucs4 c = py_unicode_read(py_unicode_kind(e->object), py_unicode_data(e->object), start);
            const char *fmt = c <= 0xff     ? "\\x%02x"
                              : c <= 0xffff ? "\\u%04x"
                                            : "\\U%08x";
            char ch[16];
            snprintf(ch, sizeof ch, fmt, (unsigned)c);
            if (kind == 0)
                result = py_unicode_from_format("'%U' codec can't encode character '%s' in position %zd: %U", encoding,
                                                ch, start, reason);
            else
                result = py_unicode_from_format("can't translate character '%s' in position %zd: %U", ch, start,
                                                reason);
        } else if (kind == 0) {
            result = py_unicode_from_format("'%U' codec can't %s characters in position %zd-%zd: %U", encoding, what,
                                            start, end - 1, reason);
        } else {
            result = py_unicode_from_format("can't translate characters in position %zd-%zd: %U", start, end - 1,
                                            reason);
        }
    }
done:
    rg_decref(reason);
    rg_xdecref(encoding);
    return result;
}

static const py_member_def unicode_error_members[] = {
    {"encoding", PY_T_OBJECT, offsetof(py_unicode_error_object, encoding), 0, "exception encoding"},
    {"object", PY_T_OBJECT, offsetof(py_unicode_error_object, object), 0, "exception object"},
    {"start", PY_T_PYSSIZET, offsetof(py_unicode_error_object, start), 0, "exception start"},
    {"end", PY_T_PYSSIZET, offsetof(py_unicode_error_object, end), 0, "exception end"},
    {"reason", PY_T_OBJECT, offsetof(py_unicode_error_object, reason), 0, "exception reason"},
    {NULL, 0, 0, 0, NULL},
};

/* Call the class with five arguments; the instance or NULL. */
static py_obj *unicode_error_call(py_typeinfo *type, py_obj *a0, py_obj *a1, py_ssize_t start, py_ssize_t end,
                                  const char *reason)
{
    py_obj *s = py_long_from_ssize_t(start), *e = py_long_from_ssize_t(end), *r = py_unicode_from_string(reason);
    py_obj *result = NULL;
    if (s != NULL && e != NULL && r != NULL && a0 != NULL && a1 != NULL) {
        py_obj *argv[5] = {a0, a1, s, e, r};
        result = py_object_vectorcall(type->type_obj, argv, 5, NULL);
    }
    rg_xdecref(s);
    rg_xdecref(e);
    rg_xdecref(r);
    return result;
}

py_obj *py_unicode_decode_error_create(const char *encoding, const char *object, py_ssize_t length,
                                       py_ssize_t start, py_ssize_t end, const char *reason)
{
    py_obj *enc = py_unicode_from_string(encoding), *obj = py_bytes_from_string_and_size(object, length);
    py_obj *r = unicode_error_call(&py_exc_UnicodeDecodeError_info, enc, obj, start, end, reason);
    rg_xdecref(enc);
    rg_xdecref(obj);
    return r;
}

py_obj *py_unicode_encode_error_create(const char *encoding, py_obj *object, py_ssize_t start, py_ssize_t end,
                                       const char *reason)
{
    py_obj *enc = py_unicode_from_string(encoding);
    py_obj *r = unicode_error_call(&py_exc_UnicodeEncodeError_info, enc, object, start, end, reason);
    rg_xdecref(enc);
    return r;
}

/* ---- OSError ------------------------------------------------------------ */

/* The subclass an errno maps to (OSError_new's errnomap). */
static py_typeinfo *oserror_subclass(long e)
{
    switch (e) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return &py_exc_BlockingIOError_info;
    case ECHILD: return &py_exc_ChildProcessError_info;
    case EPIPE: case ESHUTDOWN: return &py_exc_BrokenPipeError_info;
    case ECONNABORTED: return &py_exc_ConnectionAbortedError_info;
    case ECONNREFUSED: return &py_exc_ConnectionRefusedError_info;
    case ECONNRESET: return &py_exc_ConnectionResetError_info;
    case EEXIST: return &py_exc_FileExistsError_info;
    case ENOENT: return &py_exc_FileNotFoundError_info;
    case EISDIR: return &py_exc_IsADirectoryError_info;
    case ENOTDIR: return &py_exc_NotADirectoryError_info;
    case EINTR: return &py_exc_InterruptedError_info;
    case EACCES: case EPERM: return &py_exc_PermissionError_info;
    case ESRCH: return &py_exc_ProcessLookupError_info;
    case ETIMEDOUT: return &py_exc_TimeoutError_info;
    default: return NULL;
    }
}

/* OSError(errno, strerror[, filename[, winerror[, filename2]]]): the
 * fields set, args cut to (errno, strerror) when a filename is given. */
static int oserror_fill(py_obj *self, py_obj *args)
{
    py_os_error_object *e = (py_os_error_object *)self;
    py_ssize_t n = py_tuple_size(args);
    if (n >= 2 && n <= 5) {
        PY_XSETREF(e->myerrno, py_new_ref(py_tuple_get(args, 0)));
        PY_XSETREF(e->strerror, py_new_ref(py_tuple_get(args, 1)));
        py_obj *filename = n >= 3 ? py_tuple_get(args, 2) : NULL;
        py_number_methods *nb = filename ? py_type_of(filename)->as_number : NULL;
        if (filename != NULL && filename != py_none && py_is_type(self, &py_exc_BlockingIOError_info) &&
            ((nb != NULL && (nb->nb_index || nb->nb_int || nb->nb_float)) || py_complex_check(filename))) {
            /* BlockingIOError's third argument: the characters written */
            e->written = py_number_as_ssize_t(filename, py_exc_ValueError);
            if (e->written == -1 && py_err_occurred()) return -1;
        } else if (filename != NULL && filename != py_none) {
            PY_XSETREF(e->filename, py_new_ref(filename));
            if (n >= 5 && py_tuple_get(args, 4) != py_none)
                PY_XSETREF(e->filename2, py_new_ref(py_tuple_get(args, 4)));
            py_obj *sub = py_tuple_get_slice(args, 0, 2);
            if (sub == NULL) return -1;
            PY_XSETREF(EXC(self)->args, sub);
        }
    }
    return 0;
}

static py_obj *oserror_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (type == py_exc_OSError && py_tuple_size(args) >= 2) {
        py_obj *eo = py_tuple_get(args, 0);
        if (py_long_check(eo)) {
            int overflow;
            long e = py_long_as_long_and_overflow(eo, &overflow);
            py_typeinfo *sub = overflow ? NULL : oserror_subclass(e);
            if (sub != NULL) type = sub;
        }
    }
    py_obj *self = base_exception_new(type, args, kwds);
    if (self == NULL) return NULL;
    ((py_os_error_object *)self)->written = -1;
    if (oserror_fill(self, args) < 0) {
        rg_decref(self);
        return NULL;
    }
    return self;
}

/* The fields were set by __new__; __init__ only checks keywords. */
static int oserror_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    (void)args;
    return py_arg_no_keywords(py_obj_type_name(self), kwds);
}

static int oserror_clear(py_obj *self)
{
    py_os_error_object *e = (py_os_error_object *)self;
    RG_CLEAR(e->myerrno);
    RG_CLEAR(e->strerror);
    RG_CLEAR(e->filename);
    RG_CLEAR(e->filename2);
    return base_exception_clear(self);
}

static void oserror_dealloc(py_obj *self)
{
    oserror_clear(self);
    rg_object_free(self);
}

static int oserror_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_os_error_object *e = (py_os_error_object *)self;
    RG_VISIT(e->myerrno);
    RG_VISIT(e->strerror);
    RG_VISIT(e->filename);
    RG_VISIT(e->filename2);
    return base_exception_traverse(self, visit, arg);
}

static py_obj *oserror_str(py_obj *self)
{
    py_os_error_object *e = (py_os_error_object *)self;
    if (e->filename) {
        if (e->filename2)
            return py_unicode_from_format("[Errno %S] %S: %R -> %R", e->myerrno, e->strerror, e->filename,
                                          e->filename2);
        return py_unicode_from_format("[Errno %S] %S: %R", e->myerrno, e->strerror, e->filename);
    }
    if (e->myerrno && e->strerror) return py_unicode_from_format("[Errno %S] %S", e->myerrno, e->strerror);
    return base_exception_str(self);
}

/* characters_written: set by BlockingIOError; AttributeError when unset. */
static py_obj *oserror_get_written(py_obj *self, void *c)
{
    (void)c;
    py_os_error_object *e = (py_os_error_object *)self;
    if (e->written == -1) {
        py_err_set_string(py_exc_AttributeError, "characters_written");
        return NULL;
    }
    return py_long_from_ssize_t(e->written);
}

static int oserror_set_written(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    py_os_error_object *e = (py_os_error_object *)self;
    if (value == NULL) {
        if (e->written == -1) {
            py_err_set_string(py_exc_AttributeError, "characters_written");
            return -1;
        }
        e->written = -1;
        return 0;
    }
    py_ssize_t n = py_number_as_ssize_t(value, py_exc_ValueError);
    if (n == -1 && py_err_occurred()) return -1;
    e->written = n;
    return 0;
}

static const py_getset_def oserror_getset[] = {
    {"characters_written", oserror_get_written, oserror_set_written, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_member_def oserror_members[] = {
    {"errno", PY_T_OBJECT, offsetof(py_os_error_object, myerrno), 0, "POSIX exception code"},
    {"strerror", PY_T_OBJECT, offsetof(py_os_error_object, strerror), 0, "exception strerror"},
    {"filename", PY_T_OBJECT, offsetof(py_os_error_object, filename), 0, "exception filename"},
    {"filename2", PY_T_OBJECT, offsetof(py_os_error_object, filename2), 0, "second exception filename"},
    {NULL, 0, 0, 0, NULL},
};

/* ---- SyntaxError -------------------------------------------------------- */

#define SE(o) ((py_syntax_error_object *)(o))

static int syntax_error_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_ssize_t lenargs = py_tuple_size(args);
    if (base_exception_init(self, args, kwds) < 0) return -1;
    py_syntax_error_object *e = SE(self);
    if (lenargs >= 1) PY_XSETREF(e->msg, py_new_ref(py_tuple_get(args, 0)));
    if (lenargs == 2) {
        py_obj *info = py_sequence_tuple(py_tuple_get(args, 1));
        if (info == NULL) return -1;
        py_ssize_t n = py_tuple_size(info);
        if (n < 4 || n > 6) {
            py_err_format(py_exc_TypeError, "function takes at %s %d arguments (%zd given)", n < 4 ? "least" : "most",
                          n < 4 ? 4 : 6, n);
            rg_decref(info);
            return -1;
        }
        PY_XSETREF(e->filename, py_new_ref(py_tuple_get(info, 0)));
        PY_XSETREF(e->lineno, py_new_ref(py_tuple_get(info, 1)));
        PY_XSETREF(e->offset, py_new_ref(py_tuple_get(info, 2)));
        PY_XSETREF(e->text, py_new_ref(py_tuple_get(info, 3)));
        PY_XSETREF(e->end_lineno, n > 4 ? py_new_ref(py_tuple_get(info, 4)) : NULL);
        PY_XSETREF(e->end_offset, n > 5 ? py_new_ref(py_tuple_get(info, 5)) : NULL);
        rg_decref(info);
        if (e->end_lineno != NULL && e->end_offset == NULL) {
            py_err_set_string(py_exc_TypeError, "end_offset must be provided when end_lineno is provided");
            return -1;
        }
    }
    return 0;
}

static int syntax_error_clear(py_obj *self)
{
    py_syntax_error_object *e = SE(self);
    RG_CLEAR(e->msg);
    RG_CLEAR(e->filename);
    RG_CLEAR(e->lineno);
    RG_CLEAR(e->offset);
    RG_CLEAR(e->end_lineno);
    RG_CLEAR(e->end_offset);
    RG_CLEAR(e->text);
    RG_CLEAR(e->print_file_and_line);
    return base_exception_clear(self);
}

static void syntax_error_dealloc(py_obj *self)
{
    syntax_error_clear(self);
    rg_object_free(self);
}

static int syntax_error_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_syntax_error_object *e = SE(self);
    RG_VISIT(e->msg);
    RG_VISIT(e->filename);
    RG_VISIT(e->lineno);
    RG_VISIT(e->offset);
    RG_VISIT(e->end_lineno);
    RG_VISIT(e->end_offset);
    RG_VISIT(e->text);
    RG_VISIT(e->print_file_and_line);
    return base_exception_traverse(self, visit, arg);
}

/* "msg (file.py, line 3)": the filename's basename. */
static py_obj *syntax_error_str(py_obj *self)
{
    py_syntax_error_object *e = SE(self);
    py_obj *filename = NULL;
    if (e->filename && py_unicode_check(e->filename)) {
        py_ssize_t n = py_unicode_get_length(e->filename);
        py_ssize_t sep = py_unicode_find_char(e->filename, '/', 0, n, -1);
        filename = sep >= 0 ? py_unicode_substring(e->filename, sep + 1, n) : py_new_ref(e->filename);
        if (filename == NULL) return NULL;
    }
    int have_lineno = e->lineno != NULL && py_long_check_exact(e->lineno);
    py_obj *msg = e->msg ? e->msg : py_none, *result;
    if (!filename && !have_lineno) return py_object_str(msg);
    int overflow;
    if (filename && have_lineno)
        result = py_unicode_from_format("%S (%U, line %ld)", msg, filename,
                                        py_long_as_long_and_overflow(e->lineno, &overflow));
    else if (filename) result = py_unicode_from_format("%S (%U)", msg, filename);
    else result = py_unicode_from_format("%S (line %ld)", msg, py_long_as_long_and_overflow(e->lineno, &overflow));
    rg_xdecref(filename);
    return result;
}

static const py_member_def syntax_error_members[] = {
    {"msg", PY_T_OBJECT, offsetof(py_syntax_error_object, msg), 0, "exception msg"},
    {"filename", PY_T_OBJECT, offsetof(py_syntax_error_object, filename), 0, "exception filename"},
    {"lineno", PY_T_OBJECT, offsetof(py_syntax_error_object, lineno), 0, "exception lineno"},
    {"offset", PY_T_OBJECT, offsetof(py_syntax_error_object, offset), 0, "exception offset"},
    {"text", PY_T_OBJECT, offsetof(py_syntax_error_object, text), 0, "exception text"},
    {"end_lineno", PY_T_OBJECT, offsetof(py_syntax_error_object, end_lineno), 0, "exception end lineno"},
    {"end_offset", PY_T_OBJECT, offsetof(py_syntax_error_object, end_offset), 0, "exception end offset"},
    {"print_file_and_line", PY_T_OBJECT, offsetof(py_syntax_error_object, print_file_and_line), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* KeyError: str is the key's repr. */
static py_obj *key_error_str(py_obj *self)
{
    py_obj *args = EXC(self)->args;
    if (py_tuple_size(args) == 1) return py_object_repr(py_tuple_get(args, 0));
    return base_exception_str(self);
}

/* ---- MemoryError's free list ------------------------------------------ */

static py_obj *memory_error_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_interp *in = py_current;
    if (type != py_exc_MemoryError || in->memerrors_freelist == NULL) return base_exception_new(type, args, kwds);
    /* Revive a cached one: uncounted, tracked again. */
    py_obj *self = in->memerrors_freelist;
    EXC(self)->args = py_new_ref(py_empty_tuple);
    in->memerrors_freelist = EXC(self)->dict;
    in->memerrors_numfree--;
    EXC(self)->dict = NULL;
    self->refcnt = 1;
    rg_track(self);
    return self;
}

static void memory_error_dealloc(py_obj *self)
{
    py_interp *in = py_current;
    if (!py_is_type(self, py_exc_MemoryError)) {
        base_exception_dealloc(self);
        return;
    }
    base_exception_clear(self);
    if (in == NULL || in->memerrors_numfree >= MEMERRORS_SAVE) {
        rg_object_free(self);
        return;
    }
    /* Cached dead (refcount 0, untracked), linked through dict. */
    EXC(self)->dict = in->memerrors_freelist;
    in->memerrors_freelist = self;
    in->memerrors_numfree++;
}

/* ====================================================================== */
/* The types                                                               */
/* ====================================================================== */

#define EXC_FLAGS (PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_BASE_EXC_SUBCLASS)

#define EXC_TYPE(NAME, BASE, STRUCT, TRAVERSE, CLEAR, DEALLOC, DOC, ...)                          \
    py_typeinfo py_exc_##NAME##_info = {                                                          \
        .rt = {.name = #NAME, .size = sizeof(STRUCT), .flags = RG_TYPE_GC, .traverse = TRAVERSE,   \
               .clear = CLEAR, .dealloc = DEALLOC},                                                \
        .flags = EXC_FLAGS,                                                                       \
        .base = BASE,                                                                             \
        .dictoffset = offsetof(py_base_exception_object, dict),                                   \
        .doc = DOC,                                                                               \
        __VA_ARGS__};

#define SIMPLE(NAME, BASE, DOC)                                                                   \
    EXC_TYPE(NAME, &py_exc_##BASE##_info, py_base_exception_object, base_exception_traverse,     \
             base_exception_clear, base_exception_dealloc, DOC)

EXC_TYPE(BaseException, NULL, py_base_exception_object, base_exception_traverse, base_exception_clear,
         base_exception_dealloc, "Common base class for all exceptions", .repr = base_exception_repr,
         .str = base_exception_str, .getattro = py_object_generic_get_attr, .setattro = py_object_generic_set_attr,
         .init = base_exception_init, .new = base_exception_new, .methods = base_exception_methods,
         .members = base_exception_members, .getset = base_exception_getset)
SIMPLE(Exception, BaseException, "Common base class for all non-exit exceptions.")
SIMPLE(TypeError, Exception, "Inappropriate argument type.")
SIMPLE(StopAsyncIteration, Exception, "Signal the end from iterator.__anext__().")
EXC_TYPE(StopIteration, &py_exc_Exception_info, py_stop_iteration_object, stop_iteration_traverse,
         stop_iteration_clear, stop_iteration_dealloc, "Signal the end from iterator.__next__().",
         .init = stop_iteration_init, .members = stop_iteration_members)
SIMPLE(GeneratorExit, BaseException, "Request that a generator exit.")
EXC_TYPE(SystemExit, &py_exc_BaseException_info, py_system_exit_object, system_exit_traverse, system_exit_clear,
         system_exit_dealloc, "Request to exit from the interpreter.", .init = system_exit_init,
         .members = system_exit_members)
SIMPLE(KeyboardInterrupt, BaseException, "Program interrupted by user.")
EXC_TYPE(ImportError, &py_exc_Exception_info, py_import_error_object, import_error_traverse, import_error_clear,
         import_error_dealloc, "Import can't find module, or can't find name in module.", .init = import_error_init,
         .str = import_error_str, .members = import_error_members)
EXC_TYPE(ModuleNotFoundError, &py_exc_ImportError_info, py_import_error_object, import_error_traverse,
         import_error_clear, import_error_dealloc, "Module not found.")
EXC_TYPE(OSError, &py_exc_Exception_info, py_os_error_object, oserror_traverse, oserror_clear, oserror_dealloc,
         "Base class for I/O related errors.", .new = oserror_new, .init = oserror_init, .str = oserror_str,
         .members = oserror_members, .getset = oserror_getset)
#define OSSUB(NAME, DOC)                                                                          \
    EXC_TYPE(NAME, &py_exc_OSError_info, py_os_error_object, oserror_traverse, oserror_clear,     \
             oserror_dealloc, DOC)
SIMPLE(EOFError, Exception, "Read beyond end of file.")
SIMPLE(RuntimeError, Exception, "Unspecified run-time error.")
SIMPLE(RecursionError, RuntimeError, "Recursion limit exceeded.")
SIMPLE(NotImplementedError, RuntimeError, "Method or function hasn't been implemented yet.")
EXC_TYPE(NameError, &py_exc_Exception_info, py_name_error_object, name_error_traverse, name_error_clear,
         name_error_dealloc, "Name not found globally.", .init = name_error_init, .members = name_error_members)
EXC_TYPE(UnboundLocalError, &py_exc_NameError_info, py_name_error_object, name_error_traverse, name_error_clear,
         name_error_dealloc, "Local name referenced but not bound to a value.")
EXC_TYPE(AttributeError, &py_exc_Exception_info, py_attribute_error_object, attribute_error_traverse,
         attribute_error_clear, attribute_error_dealloc, "Attribute not found.", .init = attribute_error_init,
         .members = attribute_error_members)
EXC_TYPE(SyntaxError, &py_exc_Exception_info, py_syntax_error_object, syntax_error_traverse, syntax_error_clear,
         syntax_error_dealloc, "Invalid syntax.", .init = syntax_error_init, .str = syntax_error_str,
         .members = syntax_error_members)
EXC_TYPE(IndentationError, &py_exc_SyntaxError_info, py_syntax_error_object, syntax_error_traverse,
         syntax_error_clear, syntax_error_dealloc, "Improper indentation.")
EXC_TYPE(TabError, &py_exc_IndentationError_info, py_syntax_error_object, syntax_error_traverse,
         syntax_error_clear, syntax_error_dealloc, "Improper mixture of spaces and tabs.")
SIMPLE(LookupError, Exception, "Base class for lookup errors.")
SIMPLE(IndexError, LookupError, "Sequence index out of range.")
SIMPLE(KeyError, LookupError, "Mapping key not found.")
SIMPLE(ValueError, Exception, "Inappropriate argument value (of correct type).")
SIMPLE(UnicodeError, ValueError, "Unicode related error.")
#define UNICODE_ERROR(NAME, INIT, DOC)                                                            \
    EXC_TYPE(NAME, &py_exc_UnicodeError_info, py_unicode_error_object, unicode_error_traverse,       \
             unicode_error_clear, unicode_error_dealloc, DOC, .init = INIT, .str = unicode_error_str,  \
             .members = unicode_error_members)
UNICODE_ERROR(UnicodeEncodeError, unicode_encode_error_init, "Unicode encoding error.")
UNICODE_ERROR(UnicodeDecodeError, unicode_decode_error_init, "Unicode decoding error.")
UNICODE_ERROR(UnicodeTranslateError, unicode_translate_error_init, "Unicode translation error.")
SIMPLE(AssertionError, Exception, "Assertion failed.")
SIMPLE(ArithmeticError, Exception, "Base class for arithmetic errors.")
SIMPLE(FloatingPointError, ArithmeticError, "Floating point operation failed.")
SIMPLE(OverflowError, ArithmeticError, "Result too large to be represented.")
SIMPLE(ZeroDivisionError, ArithmeticError, "Second argument to a division or modulo operation was zero.")
SIMPLE(SystemError, Exception, "Internal error in the Python interpreter.")
SIMPLE(ReferenceError, Exception, "Weak ref proxy used after referent went away.")
EXC_TYPE(MemoryError, &py_exc_Exception_info, py_base_exception_object, base_exception_traverse,
         base_exception_clear, memory_error_dealloc, "Out of memory.", .new = memory_error_new)
SIMPLE(BufferError, Exception, "Buffer error.")
OSSUB(ConnectionError, "Connection error.")
OSSUB(BlockingIOError, "I/O operation would block.")
EXC_TYPE(BrokenPipeError, &py_exc_ConnectionError_info, py_os_error_object, oserror_traverse, oserror_clear,
         oserror_dealloc, "Broken pipe.")
OSSUB(ChildProcessError, "Child process error.")
EXC_TYPE(ConnectionAbortedError, &py_exc_ConnectionError_info, py_os_error_object, oserror_traverse, oserror_clear,
         oserror_dealloc, "Connection aborted.")
EXC_TYPE(ConnectionRefusedError, &py_exc_ConnectionError_info, py_os_error_object, oserror_traverse, oserror_clear,
         oserror_dealloc, "Connection refused.")
EXC_TYPE(ConnectionResetError, &py_exc_ConnectionError_info, py_os_error_object, oserror_traverse, oserror_clear,
         oserror_dealloc, "Connection reset.")
OSSUB(FileExistsError, "File already exists.")
OSSUB(FileNotFoundError, "File not found.")
OSSUB(IsADirectoryError, "Operation doesn't work on directories.")
OSSUB(NotADirectoryError, "Operation only works on directories.")
OSSUB(InterruptedError, "Interrupted by signal.")
OSSUB(PermissionError, "Not enough permissions.")
OSSUB(ProcessLookupError, "Process not found.")
OSSUB(TimeoutError, "Timeout expired.")
SIMPLE(Warning, Exception, "Base class for warning categories.")
SIMPLE(UserWarning, Warning, "Base class for warnings generated by user code.")
SIMPLE(DeprecationWarning, Warning, "Base class for warnings about deprecated features.")
SIMPLE(PendingDeprecationWarning, Warning,
       "Base class for warnings about features which will be deprecated\nin the future.")
SIMPLE(SyntaxWarning, Warning, "Base class for warnings about dubious syntax.")
SIMPLE(RuntimeWarning, Warning, "Base class for warnings about dubious runtime behavior.")
SIMPLE(FutureWarning, Warning,
       "Base class for warnings about constructs that will change semantically\nin the future.")
SIMPLE(ImportWarning, Warning, "Base class for warnings about probable mistakes in module imports")
SIMPLE(UnicodeWarning, Warning, "Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.")
SIMPLE(BytesWarning, Warning, "Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.")
SIMPLE(ResourceWarning, Warning, "Base class for warnings about resource usage.")
SIMPLE(EncodingWarning, Warning, "Base class for warnings about encodings.")

/* ====================================================================== */
/* Interpreter start and end                                               */
/* ====================================================================== */

int py_exceptions_init(py_interp *interp)
{
    py_exc_KeyError_info.str = key_error_str;
#define READY(NAME)                                                                               \
    if (py_type_ready(&py_exc_##NAME##_info) < 0) return -1;
    PY_EXC_TYPES(READY)
#undef READY
    if (py_exception_groups_init(interp) < 0) return -1;
    /* Preallocate the MemoryErrors: made and dropped, they fill the list. */
    py_obj *errors[MEMERRORS_SAVE];
    int i;
    for (i = 0; i < MEMERRORS_SAVE; i++) {
        errors[i] = base_exception_new(py_exc_MemoryError, NULL, NULL);
        if (errors[i] == NULL) break;
    }
    for (int j = 0; j < i; j++) rg_decref(errors[j]);
    (void)interp;
    return i == MEMERRORS_SAVE ? 0 : -1;
}

void py_exceptions_fini(py_interp *interp)
{
    while (interp->memerrors_freelist != NULL) {
        py_obj *self = interp->memerrors_freelist;
        interp->memerrors_freelist = EXC(self)->dict;
        EXC(self)->dict = NULL;
        interp->memerrors_numfree--;
        rg_object_free(self);
    }
}
