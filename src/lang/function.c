/*
 * function.c -- the function type (CPython 3.11's Objects/funcobject.c):
 * PyFunctionObject with 3.11's layout and size, its attributes, its
 * descriptor __get__ (a bound method, descr.c's type) and its vectorcall
 * (ceval_call.c's py_function_vectorcall).
 *
 * Owns: py_function_new, the attributes __name__ __qualname__ __code__
 * __defaults__ __kwdefaults__ __globals__ __builtins__ __closure__
 * __dict__ __doc__ __module__ __annotations__ (with 3.11's messages),
 * repr, GC traverse/clear, dealloc.
 *
 * Invariants: func_code, func_name, func_qualname, func_globals and
 * func_builtins are never NULL outside clear; func_annotations may be the
 * compiler's tuple (name, value, ...) until first read, as 3.11.
 */
#include "lang/frame.h"

#define FUNC(o) ((py_function_object *)(o))

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

/* The builtins for code run with globals (3.11's
 * _PyEval_BuiltinsFromGlobals): borrowed. */
static py_obj *builtins_from_globals(py_obj *globals)
{
    py_obj *b = py_dict_get_item_with_error(globals, py_id(__builtins__));
    if (b != NULL) {
        if (py_module_check(b)) b = py_module_get_dict(b);
        return b;
    }
    if (py_err_occurred()) return NULL;
    b = py_eval_get_builtins();
    if (b == NULL) py_err_set_string(py_exc_SystemError, "no builtins");
    return b;
}

/* PyFunction_New: a function for code in globals. */
py_obj *py_function_new(py_obj *code, py_obj *globals)
{
    if (!py_code_check(code) || !py_dict_check(globals)) return py_err_bad_internal_call();
    py_code_object *co = (py_code_object *)code;
    py_obj *doc = py_none;
    if (py_tuple_size(co->co_consts) >= 1) {
        doc = py_tuple_get(co->co_consts, 0);
        if (!py_unicode_check(doc)) doc = py_none;
    }
    py_obj *module = py_dict_get_item_with_error(globals, py_id(__name__));
    if (module == NULL && py_err_occurred()) return NULL;
    py_obj *builtins = builtins_from_globals(globals);
    if (builtins == NULL) return NULL;
    py_function_object *op = (py_function_object *)rg_new(py_heap(), &py_function_info.rt);
    if (op == NULL) return py_err_no_memory();
    op->func_globals = py_new_ref(globals);
    op->func_builtins = py_new_ref(builtins);
    op->func_name = py_new_ref(co->co_name);
    op->func_qualname = py_new_ref(co->co_qualname);
    op->func_code = py_new_ref(code);
    op->func_defaults = NULL;
    op->func_kwdefaults = NULL;
    op->func_closure = NULL;
    op->func_doc = py_new_ref(doc);
    op->func_dict = NULL;
    op->func_weakreflist = NULL;
    op->func_module = py_xnew_ref(module);
    op->func_annotations = NULL;
    op->vectorcall = py_function_vectorcall;
    op->func_version = 0;
    return (py_obj *)op;
}

/* ====================================================================== */
/* GC and deallocation                                                     */
/* ====================================================================== */

static int func_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_function_object *f = FUNC(self);
    RG_VISIT(f->func_code);
    RG_VISIT(f->func_globals);
    RG_VISIT(f->func_builtins);
    RG_VISIT(f->func_module);
    RG_VISIT(f->func_defaults);
    RG_VISIT(f->func_kwdefaults);
    RG_VISIT(f->func_doc);
    RG_VISIT(f->func_name);
    RG_VISIT(f->func_dict);
    RG_VISIT(f->func_closure);
    RG_VISIT(f->func_annotations);
    RG_VISIT(f->func_qualname);
    return 0;
}

/* tp_clear (name and qualname become '', code stays, as 3.11). */
static int func_clear(py_obj *self)
{
    py_function_object *f = FUNC(self);
    f->func_version = 0;
    RG_CLEAR(f->func_globals);
    RG_CLEAR(f->func_builtins);
    RG_CLEAR(f->func_module);
    RG_CLEAR(f->func_defaults);
    RG_CLEAR(f->func_kwdefaults);
    RG_CLEAR(f->func_doc);
    RG_CLEAR(f->func_dict);
    RG_CLEAR(f->func_closure);
    RG_CLEAR(f->func_annotations);
    PY_SETREF(f->func_name, py_new_ref(py_empty_str));
    PY_SETREF(f->func_qualname, py_new_ref(py_empty_str));
    return 0;
}

/* Deallocate a function: weak references first, then its references. */
static void func_dealloc(py_obj *self)
{
    py_function_object *f = FUNC(self);
    if (rg_is_tracked(self)) rg_untrack(self);
    if (f->func_weakreflist != NULL) rg_clear_weakrefs(self);
    func_clear(self);
    RG_CLEAR(f->func_code);
    RG_CLEAR(f->func_name);
    RG_CLEAR(f->func_qualname);
    rg_object_free(self);
}

/* ====================================================================== */
/* Attributes                                                              */
/* ====================================================================== */

static py_obj *func_get_code(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(FUNC(self)->func_code);
}

/* __code__ = code object with as many free variables as the closure. */
static int func_set_code(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL || !py_code_check(value)) {
        py_err_set_string(py_exc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    py_function_object *f = FUNC(self);
    int nfree = ((py_code_object *)value)->co_nfreevars;
    py_ssize_t nclosure = f->func_closure == NULL ? 0 : py_tuple_size(f->func_closure);
    if (nclosure != nfree) {
        py_err_format(py_exc_ValueError, "%U() requires a code object with %zd free vars, not %d", f->func_name,
                      nclosure, nfree);
        return -1;
    }
    f->func_version = 0;
    PY_SETREF(f->func_code, py_new_ref(value));
    return 0;
}

/* __name__. */
static py_obj *func_get_name(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(FUNC(self)->func_name);
}

/* __name__ = str. */
static int func_set_name(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL || !py_unicode_check(value)) {
        py_err_set_string(py_exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    PY_SETREF(FUNC(self)->func_name, py_new_ref(value));
    return 0;
}

/* __qualname__. */
static py_obj *func_get_qualname(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(FUNC(self)->func_qualname);
}

/* __qualname__ = str. */
static int func_set_qualname(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL || !py_unicode_check(value)) {
        py_err_set_string(py_exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    PY_SETREF(FUNC(self)->func_qualname, py_new_ref(value));
    return 0;
}

/* __defaults__ (None when unset). */
static py_obj *func_get_defaults(py_obj *self, void *c)
{
    (void)c;
    py_obj *d = FUNC(self)->func_defaults;
    return py_new_ref(d != NULL ? d : py_none);
}

/* __defaults__ = tuple or None. */
static int func_set_defaults(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == py_none) value = NULL;
    if (value != NULL && !py_tuple_check(value)) {
        py_err_set_string(py_exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    FUNC(self)->func_version = 0;
    PY_XSETREF(FUNC(self)->func_defaults, py_xnew_ref(value));
    return 0;
}

/* __kwdefaults__ (None when unset). */
static py_obj *func_get_kwdefaults(py_obj *self, void *c)
{
    (void)c;
    py_obj *d = FUNC(self)->func_kwdefaults;
    return py_new_ref(d != NULL ? d : py_none);
}

/* __kwdefaults__ = dict or None. */
static int func_set_kwdefaults(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == py_none) value = NULL;
    if (value != NULL && !py_dict_check(value)) {
        py_err_set_string(py_exc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    FUNC(self)->func_version = 0;
    PY_XSETREF(FUNC(self)->func_kwdefaults, py_xnew_ref(value));
    return 0;
}

/* The annotations as a dict, converting the compiler's tuple on first use. */
static py_obj *func_get_annotations(py_obj *self, void *c)
{
    (void)c;
    py_function_object *f = FUNC(self);
    if (f->func_annotations == NULL) {
        f->func_annotations = py_dict_new();
        if (f->func_annotations == NULL) return NULL;
    } else if (py_tuple_check(f->func_annotations)) {
        py_obj *ann = f->func_annotations;
        py_obj *d = py_dict_new();
        if (d == NULL) return NULL;
        for (py_ssize_t i = 0; i + 1 < py_tuple_size(ann); i += 2) {
            if (py_dict_set_item(d, py_tuple_get(ann, i), py_tuple_get(ann, i + 1)) < 0) {
                rg_decref(d);
                return NULL;
            }
        }
        PY_SETREF(f->func_annotations, d);
    }
    return py_new_ref(f->func_annotations);
}

/* __annotations__ = dict or None. */
static int func_set_annotations(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == py_none) value = NULL;
    if (value != NULL && !py_dict_check(value)) {
        py_err_set_string(py_exc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    FUNC(self)->func_version = 0;
    PY_XSETREF(FUNC(self)->func_annotations, py_xnew_ref(value));
    return 0;
}

static const py_getset_def func_getset[] = {
    {"__code__", func_get_code, func_set_code, NULL, NULL},
    {"__defaults__", func_get_defaults, func_set_defaults, NULL, NULL},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults, NULL, NULL},
    {"__annotations__", func_get_annotations, func_set_annotations, NULL, NULL},
    {"__dict__", py_object_generic_get_dict, py_object_generic_set_dict, NULL, NULL},
    {"__name__", func_get_name, func_set_name, NULL, NULL},
    {"__qualname__", func_get_qualname, func_set_qualname, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_member_def func_members[] = {
    {"__closure__", PY_T_OBJECT, offsetof(py_function_object, func_closure), PY_READONLY, NULL},
    {"__doc__", PY_T_OBJECT, offsetof(py_function_object, func_doc), 0, NULL},
    {"__globals__", PY_T_OBJECT, offsetof(py_function_object, func_globals), PY_READONLY, NULL},
    {"__module__", PY_T_OBJECT, offsetof(py_function_object, func_module), 0, NULL},
    {"__builtins__", PY_T_OBJECT, offsetof(py_function_object, func_builtins), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* ====================================================================== */
/* Slots                                                                   */
/* ====================================================================== */

static py_obj *func_repr(py_obj *self)
{
    return py_unicode_from_format("<function %U at %p>", FUNC(self)->func_qualname, (void *)self);
}

/* f.__get__(obj, type): f itself on the class, a bound method on an
 * instance. */
static py_obj *func_descr_get(py_obj *func, py_obj *obj, py_obj *type)
{
    (void)type;
    if (obj == py_none || obj == NULL) return py_new_ref(func);
    return py_method_new(func, obj);
}

py_typeinfo py_function_info = {
    .rt = {.name = "function",
           .size = sizeof(py_function_object),
           .flags = RG_TYPE_GC,
           .weaklist_offset = offsetof(py_function_object, func_weakreflist),
           .traverse = func_traverse,
           .clear = func_clear,
           .dealloc = func_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_HAVE_VECTORCALL | PY_TPFLAGS_METHOD_DESCRIPTOR,
    .dictoffset = offsetof(py_function_object, func_dict),
    .repr = func_repr,
    .call = py_vectorcall_call,
    .vectorcall_offset = offsetof(py_function_object, vectorcall),
    .getattro = py_object_generic_get_attr,
    .setattro = py_object_generic_set_attr,
    .descr_get = func_descr_get,
    .members = func_members,
    .getset = func_getset,
};
