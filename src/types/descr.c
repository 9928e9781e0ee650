/*
 * descr.c -- descriptors and the callables built on C functions
 * (CPython 3.11's Objects/descrobject.c, methodobject.c, classobject.c's
 * method, and funcobject.c's staticmethod and classmethod).
 *
 * Owns: method_descriptor, classmethod_descriptor, member_descriptor,
 * getset_descriptor, wrapper_descriptor (slot wrappers) and method-wrapper,
 * builtin_function_or_method (PyCFunction), method (a bound method),
 * staticmethod, classmethod and mappingproxy (property is property.c) --
 * their layouts
 * (sizes as CPython's), calling conventions (METH_NOARGS/O/VARARGS/
 * FASTCALL[|KEYWORDS], with CPython's argument errors), binding and reprs.
 *
 * Invariants: a descriptor holds a reference to its type's type object
 * (d_type names the behaviour, the reference keeps a class alive);
 * a method descriptor always has a vectorcall; a builtin function has one
 * except for METH_VARARGS (those go through tp_call with the tuple).
 *
 * Must not: bind a method descriptor when the call protocol can avoid it
 * (py_object_get_method's unbound path is the caller's business).
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* Common descriptor parts                                                 */
/* ====================================================================== */

static py_obj *descr_type_obj(py_descr_object *d) { return d->d_type->type_obj; }

static py_obj *descr_new(py_typeinfo *descrtype, py_typeinfo *type, const char *name)
{
    py_descr_object *d = (py_descr_object *)py_type_generic_alloc(descrtype, 0);
    if (d == NULL) return NULL;
    d->d_type = type;
    rg_xincref(type->type_obj);
    d->d_name = py_unicode_intern_from_string(name);
    if (d->d_name == NULL) {
        rg_decref((py_obj *)d);
        return NULL;
    }
    return (py_obj *)d;
}

static int descr_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(descr_type_obj((py_descr_object *)self));
    return 0;
}

static void descr_dealloc(py_obj *self)
{
    py_descr_object *d = (py_descr_object *)self;
    py_obj *t = descr_type_obj(d);
    rg_xdecref(d->d_name);
    rg_xdecref(d->d_qualname);
    rg_object_free(self);
    rg_xdecref(t);
}

/* descr_check: obj must be an instance of the descriptor's type. */
static int descr_check(py_descr_object *descr, py_obj *obj)
{
    if (!py_object_type_check(obj, descr->d_type)) {
        py_err_format(py_exc_TypeError, "descriptor '%V' for '%.100s' objects doesn't apply to a '%.100s' object",
                      descr->d_name, "?", descr->d_type->rt.name, py_obj_type_name(obj));
        return -1;
    }
    return 0;
}

/* "<kind 'name' of 'type' objects>" */
static py_obj *descr_repr(py_descr_object *d, const char *kind)
{
    return py_unicode_from_format("<%s '%V' of '%s' objects>", kind, d->d_name, "?", d->d_type->rt.name);
}

static py_obj *descr_get_qualname(py_obj *self, void *closure)
{
    (void)closure;
    py_descr_object *d = (py_descr_object *)self;
    if (d->d_qualname == NULL) {
        py_obj *tq = py_type_get_qualname(d->d_type);
        if (tq == NULL) return NULL;
        d->d_qualname = py_unicode_from_format("%S.%S", tq, d->d_name);
        rg_decref(tq);
        if (d->d_qualname == NULL) return NULL;
    }
    return py_new_ref(d->d_qualname);
}

static py_obj *descr_get_objclass(py_obj *self, void *closure)
{
    (void)closure;
    return py_new_ref(descr_type_obj((py_descr_object *)self));
}

static py_obj *descr_get_name(py_obj *self, void *closure)
{
    (void)closure;
    return py_new_ref(((py_descr_object *)self)->d_name);
}

static const py_getset_def descr_getset[] = {
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL, NULL},
    {"__name__", descr_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* _PyObject_FunctionStr: "mod.qualname()" (no module for builtins). */
static py_obj *function_str(py_obj *x)
{
    py_obj *qualname, *module, *result = NULL;
    int ret = py_object_lookup_attr(x, py_id(__qualname__), &qualname);
    if (qualname == NULL) {
        if (ret < 0) return NULL;
        return py_object_str(x);
    }
    ret = py_object_lookup_attr(x, py_id(__module__), &module);
    if (module != NULL && module != py_none) {
        ret = py_object_rich_compare_bool(module, py_id(builtins), PY_NE);
        if (ret > 0) result = py_unicode_from_format("%S.%S()", module, qualname);
        else if (ret == 0) result = py_unicode_from_format("%S()", qualname);
    } else if (ret >= 0) {
        result = py_unicode_from_format("%S()", qualname);
    }
    rg_decref(qualname);
    rg_xdecref(module);
    return result;
}

/* A TypeError "<func()> <msg>" with the function's name. */
static void func_type_error(py_obj *func, const char *fmt, py_ssize_t n)
{
    py_obj *funcstr = function_str(func);
    if (funcstr != NULL) {
        py_err_format(py_exc_TypeError, fmt, funcstr, n);
        rg_decref(funcstr);
    }
}

/* ====================================================================== */
/* method_descriptor                                                       */
/* ====================================================================== */

/* method_check_args: a self of the right type, and no keywords. */
static int method_check_args(py_obj *func, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    if (nargs < 1) {
        func_type_error(func, "unbound method %U needs an argument", 0);
        return -1;
    }
    if (descr_check((py_descr_object *)func, args[0]) < 0) return -1;
    if (kwnames && py_tuple_size(kwnames)) {
        func_type_error(func, "%U takes no keyword arguments", 0);
        return -1;
    }
    return 0;
}

static py_obj *method_vectorcall_varargs(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, kwnames)) return NULL;
    py_obj *argstuple = py_tuple_from_array(args + 1, nargs - 1);
    if (argstuple == NULL) return NULL;
    py_obj *result = NULL;
    if (py_enter_recursive_call(" while calling a Python object") == 0) {
        result = ((py_method_descr_object *)func)->d_method->meth.o(args[0], argstuple);
        py_leave_recursive_call();
    }
    rg_decref(argstuple);
    return result;
}

static py_obj *method_vectorcall_varargs_keywords(py_obj *func, py_obj *const *args, size_t nargsf,
                                                  py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, NULL)) return NULL;
    py_obj *argstuple = py_tuple_from_array(args + 1, nargs - 1);
    if (argstuple == NULL) return NULL;
    py_obj *result = NULL, *kwdict = NULL;
    if (kwnames != NULL && py_tuple_size(kwnames) > 0) {
        kwdict = py_stack_as_dict(args + nargs, kwnames);
        if (kwdict == NULL) goto exit;
    }
    if (py_enter_recursive_call(" while calling a Python object") == 0) {
        result = ((py_method_descr_object *)func)->d_method->meth.kw(args[0], argstuple, kwdict);
        py_leave_recursive_call();
    }
exit:
    rg_decref(argstuple);
    rg_xdecref(kwdict);
    return result;
}

static py_obj *method_vectorcall_fastcall(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, kwnames)) return NULL;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = ((py_method_descr_object *)func)->d_method->meth.fast(args[0], args + 1, nargs - 1);
    py_leave_recursive_call();
    return result;
}

static py_obj *method_vectorcall_fastcall_keywords(py_obj *func, py_obj *const *args, size_t nargsf,
                                                   py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, NULL)) return NULL;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = ((py_method_descr_object *)func)->d_method->meth.fast_kw(args[0], args + 1, nargs - 1, kwnames);
    py_leave_recursive_call();
    return result;
}

static py_obj *method_vectorcall_noargs(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, kwnames)) return NULL;
    if (nargs != 1) {
        func_type_error(func, "%U takes no arguments (%zd given)", nargs - 1);
        return NULL;
    }
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = ((py_method_descr_object *)func)->d_method->meth.o(args[0], NULL);
    py_leave_recursive_call();
    return result;
}

static py_obj *method_vectorcall_o(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (method_check_args(func, args, nargs, kwnames)) return NULL;
    if (nargs != 2) {
        func_type_error(func, "%U takes exactly one argument (%zd given)", nargs - 1);
        return NULL;
    }
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = ((py_method_descr_object *)func)->d_method->meth.o(args[0], args[1]);
    py_leave_recursive_call();
    return result;
}

py_obj *py_descr_new_method(py_typeinfo *type, const py_method_def *method)
{
    py_vectorcallfunc vectorcall;
    switch (method->flags & (PY_METH_VARARGS | PY_METH_FASTCALL | PY_METH_NOARGS | PY_METH_O | PY_METH_KEYWORDS)) {
    case PY_METH_VARARGS: vectorcall = method_vectorcall_varargs; break;
    case PY_METH_VARARGS | PY_METH_KEYWORDS: vectorcall = method_vectorcall_varargs_keywords; break;
    case PY_METH_FASTCALL: vectorcall = method_vectorcall_fastcall; break;
    case PY_METH_FASTCALL | PY_METH_KEYWORDS: vectorcall = method_vectorcall_fastcall_keywords; break;
    case PY_METH_NOARGS: vectorcall = method_vectorcall_noargs; break;
    case PY_METH_O: vectorcall = method_vectorcall_o; break;
    default:
        return py_err_format(py_exc_SystemError, "%s() method: bad call flags", method->name);
    }
    py_method_descr_object *d = (py_method_descr_object *)descr_new(&py_method_descr_info, type, method->name);
    if (d != NULL) {
        d->d_method = method;
        d->vectorcall = vectorcall;
    }
    return (py_obj *)d;
}

/* method_get: a builtin method bound to obj. */
static py_obj *method_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)type;
    py_method_descr_object *d = (py_method_descr_object *)self;
    if (obj == NULL) return py_new_ref(self);
    if (descr_check((py_descr_object *)d, obj) < 0) return NULL;
    return py_cfunction_new(d->d_method, obj, NULL);
}

static py_obj *method_repr(py_obj *self) { return descr_repr((py_descr_object *)self, "method"); }

static py_obj *method_get_doc(py_obj *self, void *closure)
{
    (void)closure;
    const char *doc = ((py_method_descr_object *)self)->d_method->doc;
    if (doc == NULL) return py_new_ref(py_none);
    return py_unicode_from_string(doc);
}

static const py_getset_def method_getset[] = {
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL, NULL},
    {"__name__", descr_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_method_descr_info = {
    .rt = {.name = "method_descriptor", .size = sizeof(py_method_descr_object), .flags = RG_TYPE_GC,
           .traverse = descr_traverse, .dealloc = descr_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_METHOD_DESCRIPTOR | PY_TPFLAGS_HAVE_VECTORCALL,
    .repr = method_repr,
    .call = py_vectorcall_call,
    .vectorcall_offset = offsetof(py_method_descr_object, vectorcall),
    .descr_get = method_get,
    .getset = method_getset,
};

/* ---- classmethod_descriptor ------------------------------------------- */

/* classmethod_get: a builtin method bound to the class. */
static py_obj *classmethod_get(py_obj *self, py_obj *obj, py_obj *type)
{
    py_method_descr_object *d = (py_method_descr_object *)self;
    if (type == NULL) {
        if (obj != NULL) type = py_type_object_of_obj(obj);
        else
            return py_err_format(py_exc_TypeError, "descriptor '%V' for type '%.100s' needs either an object or a type",
                                 d->d_name, "?", d->d_type->rt.name);
    }
    if (!py_type_check(type))
        return py_err_format(py_exc_TypeError, "descriptor '%V' for type '%.100s' needs a type, not a '%.100s' as arg 2",
                             d->d_name, "?", d->d_type->rt.name, py_obj_type_name(type));
    if (!py_type_is_subtype(py_typeinfo_of(type), d->d_type))
        return py_err_format(py_exc_TypeError, "descriptor '%V' requires a subtype of '%.100s' but received '%.100s'",
                             d->d_name, "?", d->d_type->rt.name, py_typeinfo_of(type)->rt.name);
    return py_cfunction_new(d->d_method, type, NULL);
}

/* classmethoddescr_call: bind to args[0] (a type), call with the rest. */
static py_obj *classmethoddescr_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_method_descr_object *d = (py_method_descr_object *)self;
    py_ssize_t argc = py_tuple_size(args);
    if (argc < 1)
        return py_err_format(py_exc_TypeError, "descriptor '%V' of '%.100s' object needs an argument", d->d_name, "?",
                             d->d_type->rt.name);
    py_obj *bound = classmethod_get(self, NULL, py_tuple_get(args, 0));
    if (bound == NULL) return NULL;
    py_obj *rest = py_tuple_get_slice(args, 1, argc);
    py_obj *result = rest ? py_object_call(bound, rest, kwds) : NULL;
    rg_xdecref(rest);
    rg_decref(bound);
    return result;
}

py_obj *py_descr_new_classmethod(py_typeinfo *type, const py_method_def *method)
{
    py_method_descr_object *d = (py_method_descr_object *)descr_new(&py_classmethod_descr_info, type, method->name);
    if (d != NULL) d->d_method = method;
    return (py_obj *)d;
}

py_typeinfo py_classmethod_descr_info = {
    .rt = {.name = "classmethod_descriptor", .size = sizeof(py_method_descr_object), .flags = RG_TYPE_GC,
           .traverse = descr_traverse, .dealloc = descr_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = method_repr,
    .call = classmethoddescr_call,
    .descr_get = classmethod_get,
    .getset = method_getset,
};

/* ====================================================================== */
/* member_descriptor                                                       */
/* ====================================================================== */

/* PyMember_GetOne */
static py_obj *member_get_one(const char *obj_addr, const py_member_def *l, py_obj *obj)
{
    const char *addr = obj_addr + l->offset;
    switch (l->type) {
    case PY_T_OBJECT: {
        py_obj *v = *(py_obj *const *)(const void *)addr;
        return py_new_ref(v ? v : py_none);
    }
    case PY_T_OBJECT_EX: {
        py_obj *v = *(py_obj *const *)(const void *)addr;
        if (v == NULL)
            return py_err_format(py_exc_AttributeError, "'%.200s' object has no attribute '%s'", py_obj_type_name(obj),
                                 l->name);
        return py_new_ref(v);
    }
    case PY_T_PYSSIZET: return py_long_from_ssize_t(*(const py_ssize_t *)(const void *)addr);
    case PY_T_INT: return py_long_from_long(*(const int *)(const void *)addr);
    case PY_T_BOOL: return py_bool_from_long(*(const char *)addr);
    case PY_T_DOUBLE: return py_float_from_double(*(const double *)(const void *)addr);
    default: return py_err_format(py_exc_SystemError, "bad memberdescr type for %s", l->name);
    }
}

/* PyMember_SetOne */
static int member_set_one(char *obj_addr, const py_member_def *l, py_obj *v)
{
    char *addr = obj_addr + l->offset;
    if (l->flags & PY_READONLY) {
        py_err_set_string(py_exc_AttributeError, "readonly attribute");
        return -1;
    }
    if (v == NULL) {
        if (l->type == PY_T_OBJECT_EX) {
            if (*(py_obj **)(void *)addr == NULL) {
                py_err_set_string(py_exc_AttributeError, l->name);
                return -1;
            }
        } else if (l->type != PY_T_OBJECT) {
            py_err_set_string(py_exc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
    }
    switch (l->type) {
    case PY_T_OBJECT:
    case PY_T_OBJECT_EX: {
        py_obj *old = *(py_obj **)(void *)addr;
        *(py_obj **)(void *)addr = py_xnew_ref(v);
        rg_xdecref(old);
        return 0;
    }
    case PY_T_PYSSIZET: {
        py_ssize_t x = py_long_as_ssize_t(v);
        if (x == -1 && py_err_occurred()) return -1;
        *(py_ssize_t *)(void *)addr = x;
        return 0;
    }
    case PY_T_INT: {
        long x = py_long_as_long(v);
        if (x == -1 && py_err_occurred()) return -1;
        *(int *)(void *)addr = (int)x;
        return 0;
    }
    case PY_T_BOOL:
        if (!py_bool_check(v)) {
            py_err_set_string(py_exc_TypeError, "attribute value type must be bool");
            return -1;
        }
        *(char *)addr = v == py_true;
        return 0;
    case PY_T_DOUBLE: {
        double x = py_float_as_double(v);
        if (x == -1 && py_err_occurred()) return -1;
        *(double *)(void *)addr = x;
        return 0;
    }
    default:
        py_err_format(py_exc_SystemError, "bad memberdescr type for %s", l->name);
        return -1;
    }
}

static py_obj *member_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)type;
    py_member_descr_object *d = (py_member_descr_object *)self;
    if (obj == NULL) return py_new_ref(self);
    if (descr_check((py_descr_object *)d, obj) < 0) return NULL;
    return member_get_one((const char *)obj, d->d_member, obj);
}

static int member_set(py_obj *self, py_obj *obj, py_obj *value)
{
    py_member_descr_object *d = (py_member_descr_object *)self;
    if (descr_check((py_descr_object *)d, obj) < 0) return -1;
    return member_set_one((char *)obj, d->d_member, value);
}

static py_obj *member_repr(py_obj *self) { return descr_repr((py_descr_object *)self, "member"); }

py_obj *py_descr_new_member(py_typeinfo *type, const py_member_def *member)
{
    py_member_descr_object *d = (py_member_descr_object *)descr_new(&py_member_descr_info, type, member->name);
    if (d != NULL) d->d_member = member;
    return (py_obj *)d;
}

py_typeinfo py_member_descr_info = {
    .rt = {.name = "member_descriptor", .size = sizeof(py_member_descr_object), .flags = RG_TYPE_GC,
           .traverse = descr_traverse, .dealloc = descr_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = member_repr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getset = descr_getset,
};

/* ====================================================================== */
/* getset_descriptor                                                       */
/* ====================================================================== */

static py_obj *getset_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)type;
    py_getset_descr_object *d = (py_getset_descr_object *)self;
    if (obj == NULL) return py_new_ref(self);
    if (descr_check((py_descr_object *)d, obj) < 0) return NULL;
    if (d->d_getset->get != NULL) return d->d_getset->get(obj, d->d_getset->closure);
    return py_err_format(py_exc_AttributeError, "attribute '%V' of '%.100s' objects is not readable", d->d_name, "?",
                         d->d_type->rt.name);
}

static int getset_set(py_obj *self, py_obj *obj, py_obj *value)
{
    py_getset_descr_object *d = (py_getset_descr_object *)self;
    if (descr_check((py_descr_object *)d, obj) < 0) return -1;
    if (d->d_getset->set != NULL) return d->d_getset->set(obj, value, d->d_getset->closure);
    py_err_format(py_exc_AttributeError, "attribute '%V' of '%.100s' objects is not writable", d->d_name, "?",
                  d->d_type->rt.name);
    return -1;
}

static py_obj *getset_repr(py_obj *self) { return descr_repr((py_descr_object *)self, "attribute"); }

py_obj *py_descr_new_getset(py_typeinfo *type, const py_getset_def *getset)
{
    py_getset_descr_object *d = (py_getset_descr_object *)descr_new(&py_getset_descr_info, type, getset->name);
    if (d != NULL) d->d_getset = getset;
    return (py_obj *)d;
}

py_typeinfo py_getset_descr_info = {
    .rt = {.name = "getset_descriptor", .size = sizeof(py_getset_descr_object), .flags = RG_TYPE_GC,
           .traverse = descr_traverse, .dealloc = descr_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getset = descr_getset,
};

/* ====================================================================== */
/* wrapper_descriptor and method-wrapper                                   */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_wrapper_descr_object *descr;
    py_obj *self;
} wrapper_object;

/* wrapperdescr_raw_call: the slot's wrapper with the wrapped function. */
static py_obj *wrapperdescr_raw_call(py_wrapper_descr_object *descr, py_obj *self, py_obj *args, py_obj *kwds)
{
    if (descr->d_base->flags & PY_WRAPPER_FLAG_KEYWORDS)
        return descr->d_base->wrapper_kw(self, args, descr->d_wrapped, kwds);
    if (kwds != NULL && (!py_dict_check(kwds) || py_dict_size(kwds) != 0))
        return py_err_format(py_exc_TypeError, "wrapper %s() takes no keyword arguments", descr->d_base->name);
    return descr->d_base->wrapper(self, args, descr->d_wrapped);
}

/* int.__add__(1, 2): check self, call with the rest. */
static py_obj *wrapperdescr_call(py_obj *me, py_obj *args, py_obj *kwds)
{
    py_wrapper_descr_object *descr = (py_wrapper_descr_object *)me;
    py_ssize_t argc = py_tuple_size(args);
    if (argc < 1)
        return py_err_format(py_exc_TypeError, "descriptor '%V' of '%.100s' object needs an argument", descr->d_name,
                             "?", descr->d_type->rt.name);
    py_obj *self = py_tuple_get(args, 0);
    if (!py_type_is_subtype(py_type_of(self), descr->d_type))
        return py_err_format(py_exc_TypeError, "descriptor '%V' requires a '%.100s' object but received a '%.100s'",
                             descr->d_name, "?", descr->d_type->rt.name, py_obj_type_name(self));
    py_obj *rest = py_tuple_get_slice(args, 1, argc);
    if (rest == NULL) return NULL;
    py_obj *result = wrapperdescr_raw_call(descr, self, rest, kwds);
    rg_decref(rest);
    return result;
}

static py_obj *wrapper_new(py_wrapper_descr_object *descr, py_obj *self)
{
    wrapper_object *wp = (wrapper_object *)py_type_generic_alloc(&py_method_wrapper_info, 0);
    if (wp == NULL) return NULL;
    wp->descr = (py_wrapper_descr_object *)py_new_ref((py_obj *)descr);
    wp->self = py_new_ref(self);
    return (py_obj *)wp;
}

static py_obj *wrapperdescr_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)type;
    if (obj == NULL) return py_new_ref(self);
    if (descr_check((py_descr_object *)self, obj) < 0) return NULL;
    return wrapper_new((py_wrapper_descr_object *)self, obj);
}

static py_obj *wrapperdescr_repr(py_obj *self) { return descr_repr((py_descr_object *)self, "slot wrapper"); }

static py_obj *wrapperdescr_get_doc(py_obj *self, void *closure)
{
    (void)closure;
    const char *doc = ((py_wrapper_descr_object *)self)->d_base->doc;
    if (doc == NULL) return py_new_ref(py_none);
    return py_unicode_from_string(doc);
}

static const py_getset_def wrapperdescr_getset[] = {
    {"__doc__", wrapperdescr_get_doc, NULL, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL, NULL},
    {"__objclass__", descr_get_objclass, NULL, NULL, NULL},
    {"__name__", descr_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_obj *py_descr_new_wrapper(py_typeinfo *type, const py_slotdef *base, void *wrapped)
{
    py_wrapper_descr_object *d = (py_wrapper_descr_object *)descr_new(&py_wrapper_descr_info, type, base->name);
    if (d != NULL) {
        d->d_base = base;
        d->d_wrapped = wrapped;
    }
    return (py_obj *)d;
}

py_typeinfo py_wrapper_descr_info = {
    .rt = {.name = "wrapper_descriptor", .size = sizeof(py_wrapper_descr_object), .flags = RG_TYPE_GC,
           .traverse = descr_traverse, .dealloc = descr_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_METHOD_DESCRIPTOR,
    .repr = wrapperdescr_repr,
    .call = wrapperdescr_call,
    .descr_get = wrapperdescr_get,
    .getset = wrapperdescr_getset,
};

static int wrapper_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    wrapper_object *wp = (wrapper_object *)self;
    RG_VISIT(wp->descr);
    RG_VISIT(wp->self);
    return 0;
}

static py_obj *wrapper_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    wrapper_object *wp = (wrapper_object *)self;
    return wrapperdescr_raw_call(wp->descr, wp->self, args, kwds);
}

static py_obj *wrapper_repr(py_obj *self)
{
    wrapper_object *wp = (wrapper_object *)self;
    return py_unicode_from_format("<method-wrapper '%s' of %s object at %p>", wp->descr->d_base->name,
                                  py_obj_type_name(wp->self), (void *)wp->self);
}

static py_obj *wrapper_get_self(py_obj *self, void *closure)
{
    (void)closure;
    return py_new_ref(((wrapper_object *)self)->self);
}

static py_obj *wrapper_get_name(py_obj *self, void *closure)
{
    (void)closure;
    return py_new_ref(((wrapper_object *)self)->descr->d_name);
}

static const py_getset_def wrapper_getset[] = {
    {"__self__", wrapper_get_self, NULL, NULL, NULL},
    {"__name__", wrapper_get_name, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_method_wrapper_info = {
    .rt = {.name = "method-wrapper", .size = sizeof(wrapper_object), .flags = RG_TYPE_GC,
           .traverse = wrapper_traverse, .refs_offset = offsetof(wrapper_object, descr), .nrefs = 2},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = wrapper_repr,
    .call = wrapper_call,
    .getset = wrapper_getset,
};

/* ====================================================================== */
/* builtin_function_or_method                                              */
/* ====================================================================== */

/* cfunction_enter_call: the recursion guard around every C call. */
static int cfunction_check_kwargs(py_obj *func, py_obj *kwnames)
{
    if (kwnames && py_tuple_size(kwnames)) {
        func_type_error(func, "%U takes no keyword arguments", 0);
        return -1;
    }
    return 0;
}

static py_obj *cfunction_vectorcall_fastcall(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (cfunction_check_kwargs(func, kwnames)) return NULL;
    py_cfunction_object *f = (py_cfunction_object *)func;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = f->m_ml->meth.fast(f->m_self, args, py_vectorcall_nargs(nargsf));
    py_leave_recursive_call();
    return result;
}

static py_obj *cfunction_vectorcall_fastcall_keywords(py_obj *func, py_obj *const *args, size_t nargsf,
                                                      py_obj *kwnames)
{
    py_cfunction_object *f = (py_cfunction_object *)func;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = f->m_ml->meth.fast_kw(f->m_self, args, py_vectorcall_nargs(nargsf), kwnames);
    py_leave_recursive_call();
    return result;
}

static py_obj *cfunction_vectorcall_noargs(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    (void)args;
    if (cfunction_check_kwargs(func, kwnames)) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (nargs != 0) {
        func_type_error(func, "%U takes no arguments (%zd given)", nargs);
        return NULL;
    }
    py_cfunction_object *f = (py_cfunction_object *)func;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = f->m_ml->meth.o(f->m_self, NULL);
    py_leave_recursive_call();
    return result;
}

static py_obj *cfunction_vectorcall_o(py_obj *func, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (cfunction_check_kwargs(func, kwnames)) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (nargs != 1) {
        func_type_error(func, "%U takes exactly one argument (%zd given)", nargs);
        return NULL;
    }
    py_cfunction_object *f = (py_cfunction_object *)func;
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = f->m_ml->meth.o(f->m_self, args[0]);
    py_leave_recursive_call();
    return result;
}

/* cfunction_call: METH_VARARGS functions with the tuple; the others
 * through their vectorcall. */
static py_obj *cfunction_call(py_obj *func, py_obj *args, py_obj *kwargs)
{
    py_cfunction_object *f = (py_cfunction_object *)func;
    int flags = f->m_ml->flags;
    if (!(flags & PY_METH_VARARGS)) return py_vectorcall_call(func, args, kwargs);
    py_obj *result;
    if (flags & PY_METH_KEYWORDS) {
        result = f->m_ml->meth.kw(f->m_self, args, kwargs);
    } else {
        if (kwargs != NULL && py_dict_size(kwargs) != 0)
            return py_err_format(py_exc_TypeError, "%.200s() takes no keyword arguments", f->m_ml->name);
        result = f->m_ml->meth.o(f->m_self, args);
    }
    return py_check_function_result(func, result, NULL);
}

py_obj *py_cfunction_new(const py_method_def *ml, py_obj *self, py_obj *module)
{
    py_vectorcallfunc vectorcall;
    switch (ml->flags & (PY_METH_VARARGS | PY_METH_FASTCALL | PY_METH_NOARGS | PY_METH_O | PY_METH_KEYWORDS)) {
    case PY_METH_VARARGS:
    case PY_METH_VARARGS | PY_METH_KEYWORDS: vectorcall = NULL; break;
    case PY_METH_FASTCALL: vectorcall = cfunction_vectorcall_fastcall; break;
    case PY_METH_FASTCALL | PY_METH_KEYWORDS: vectorcall = cfunction_vectorcall_fastcall_keywords; break;
    case PY_METH_NOARGS: vectorcall = cfunction_vectorcall_noargs; break;
    case PY_METH_O: vectorcall = cfunction_vectorcall_o; break;
    default:
        return py_err_format(py_exc_SystemError, "%s() method: bad call flags", ml->name);
    }
    py_cfunction_object *op = (py_cfunction_object *)py_type_generic_alloc(&py_cfunction_info, 0);
    if (op == NULL) return NULL;
    op->m_ml = ml;
    op->m_self = py_xnew_ref(self);
    op->m_module = py_xnew_ref(module);
    op->vectorcall = vectorcall;
    return (py_obj *)op;
}

static int cfunction_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_cfunction_object *m = (py_cfunction_object *)self;
    RG_VISIT(m->m_self);
    RG_VISIT(m->m_module);
    return 0;
}

/* meth_dealloc: weak references, then self and module. */
static void cfunction_dealloc(py_obj *self)
{
    py_cfunction_object *m = (py_cfunction_object *)self;
    if (m->m_weakreflist != NULL) rg_clear_weakrefs(self);
    RG_CLEAR(m->m_self);
    RG_CLEAR(m->m_module);
    rg_object_free(self);
}

/* Is o a module (whose functions print as "built-in function")? */
static int is_module(py_obj *o) { return py_module_check(o); }

static py_obj *cfunction_repr(py_obj *self)
{
    py_cfunction_object *m = (py_cfunction_object *)self;
    if (m->m_self == NULL || is_module(m->m_self))
        return py_unicode_from_format("<built-in function %s>", m->m_ml->name);
    return py_unicode_from_format("<built-in method %s of %s object at %p>", m->m_ml->name,
                                  py_obj_type_name(m->m_self), (void *)m->m_self);
}

static py_obj *cfunction_richcompare(py_obj *self, py_obj *other, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_is_type(self, &py_cfunction_info) || !py_is_type(other, &py_cfunction_info))
        return py_new_ref(py_notimplemented);
    py_cfunction_object *a = (py_cfunction_object *)self, *b = (py_cfunction_object *)other;
    int eq = a->m_self == b->m_self && a->m_ml->meth.o == b->m_ml->meth.o;
    return py_bool_from_long(op == PY_EQ ? eq : !eq);
}

static py_hash_t cfunction_hash(py_obj *self)
{
    py_cfunction_object *a = (py_cfunction_object *)self;
    py_hash_t x = py_hash_pointer(a->m_self);
    py_hash_t y = py_hash_pointer((const void *)(uintptr_t)a->m_ml->meth.o);
    x ^= y;
    return x == -1 ? -2 : x;
}

static py_obj *cfunction_get_name(py_obj *self, void *closure)
{
    (void)closure;
    return py_unicode_from_string(((py_cfunction_object *)self)->m_ml->name);
}

static py_obj *cfunction_get_qualname(py_obj *self, void *closure)
{
    (void)closure;
    py_cfunction_object *m = (py_cfunction_object *)self;
    if (m->m_self == NULL || is_module(m->m_self)) return py_unicode_from_string(m->m_ml->name);
    py_obj *type = py_type_check(m->m_self) ? m->m_self : py_type_object_of_obj(m->m_self);
    py_obj *tq = py_object_get_attr(type, py_id(__qualname__));
    if (tq == NULL) return NULL;
    if (!py_unicode_check(tq)) {
        rg_decref(tq);
        py_err_set_string(py_exc_TypeError, "<method>.__class__.__qualname__ is not a unicode object");
        return NULL;
    }
    py_obj *res = py_unicode_from_format("%S.%s", tq, m->m_ml->name);
    rg_decref(tq);
    return res;
}

static py_obj *cfunction_get_self(py_obj *self, void *closure)
{
    (void)closure;
    py_obj *s = ((py_cfunction_object *)self)->m_self;
    return py_new_ref(s ? s : py_none);
}

const char *py_doc_signature_marker(const char *name, const char *doc)
{
    size_t n = strlen(name);
    if (doc == NULL || strncmp(doc, name, n) != 0 || doc[n] != '(') return NULL;
    return strstr(doc, "\n--\n\n");
}

/* __doc__ without the signature (_PyType_GetDocFromInternalDoc). */
static py_obj *cfunction_get_doc(py_obj *self, void *closure)
{
    (void)closure;
    const py_method_def *ml = ((py_cfunction_object *)self)->m_ml;
    if (ml->doc == NULL) return py_new_ref(py_none);
    const char *end = py_doc_signature_marker(ml->name, ml->doc);
    return py_unicode_from_string(end ? end + 5 : ml->doc);
}

/* __text_signature__: "(...)" of the internal doc, or None. */
static py_obj *cfunction_get_text_signature(py_obj *self, void *closure)
{
    (void)closure;
    const py_method_def *ml = ((py_cfunction_object *)self)->m_ml;
    const char *end = py_doc_signature_marker(ml->name, ml->doc);
    if (end == NULL) return py_new_ref(py_none);
    const char *start = ml->doc + strlen(ml->name);
    return py_unicode_from_string_and_size(start, end - start);
}

static const py_getset_def cfunction_getset[] = {
    {"__doc__", cfunction_get_doc, NULL, NULL, NULL},
    {"__text_signature__", cfunction_get_text_signature, NULL, NULL, NULL},
    {"__name__", cfunction_get_name, NULL, NULL, NULL},
    {"__qualname__", cfunction_get_qualname, NULL, NULL, NULL},
    {"__self__", cfunction_get_self, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_member_def cfunction_members[] = {
    {"__module__", PY_T_OBJECT, offsetof(py_cfunction_object, m_module), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_cfunction_info = {
    .rt = {.name = "builtin_function_or_method", .size = sizeof(py_cfunction_object), .flags = RG_TYPE_GC,
           .traverse = cfunction_traverse, .dealloc = cfunction_dealloc,
           .weaklist_offset = offsetof(py_cfunction_object, m_weakreflist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_HAVE_VECTORCALL,
    .repr = cfunction_repr,
    .hash = cfunction_hash,
    .richcompare = cfunction_richcompare,
    .call = cfunction_call,
    .vectorcall_offset = offsetof(py_cfunction_object, vectorcall),
    .getset = cfunction_getset,
    .members = cfunction_members,
};

/* ====================================================================== */
/* method (bound methods)                                                  */
/* ====================================================================== */

/* method_vectorcall: self prepended, in place when the caller allows. */
static py_obj *bound_method_vectorcall(py_obj *method, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_method_object *m = (py_method_object *)method;
    py_obj *self = m->im_self, *func = m->im_func, *result;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET) {
        py_obj **newargs = (py_obj **)args - 1;
        py_obj *tmp = newargs[0];
        newargs[0] = self;
        result = py_object_vectorcall(func, newargs, (size_t)nargs + 1, kwnames);
        newargs[0] = tmp;
        return result;
    }
    py_ssize_t nkwargs = kwnames == NULL ? 0 : py_tuple_size(kwnames);
    py_ssize_t totalargs = nargs + nkwargs;
    if (totalargs == 0) return py_object_vectorcall(func, &self, 1, NULL);
    py_obj *newargs_stack[5], **newargs;
    if (totalargs <= 4) {
        newargs = newargs_stack;
    } else {
        newargs = rg_malloc(py_heap(), (size_t)(totalargs + 1) * sizeof(py_obj *));
        if (newargs == NULL) return py_err_no_memory();
    }
    newargs[0] = self;
    memcpy(newargs + 1, args, (size_t)totalargs * sizeof(py_obj *));
    result = py_object_vectorcall(func, newargs, (size_t)nargs + 1, kwnames);
    if (newargs != newargs_stack) rg_free(newargs);
    return result;
}

py_obj *py_method_new(py_obj *func, py_obj *self)
{
    if (self == NULL) return py_err_bad_internal_call();
    py_method_object *im = (py_method_object *)py_type_generic_alloc(&py_method_info, 0);
    if (im == NULL) return NULL;
    im->im_func = py_new_ref(func);
    im->im_self = py_new_ref(self);
    im->vectorcall = bound_method_vectorcall;
    return (py_obj *)im;
}

static int bound_method_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_method_object *im = (py_method_object *)self;
    RG_VISIT(im->im_func);
    RG_VISIT(im->im_self);
    return 0;
}

static void bound_method_dealloc(py_obj *self)
{
    py_method_object *im = (py_method_object *)self;
    if (im->im_weakreflist != NULL) rg_clear_weakrefs(self);
    RG_CLEAR(im->im_func);
    RG_CLEAR(im->im_self);
    rg_object_free(self);
}

static py_obj *bound_method_repr(py_obj *self)
{
    py_method_object *a = (py_method_object *)self;
    py_obj *funcname;
    if (py_object_lookup_attr(a->im_func, py_id(__qualname__), &funcname) < 0 ||
        (funcname == NULL && py_object_lookup_attr(a->im_func, py_id(__name__), &funcname) < 0))
        return NULL;
    if (funcname != NULL && !py_unicode_check(funcname)) RG_CLEAR(funcname);
    py_obj *result = py_unicode_from_format("<bound method %V of %R>", funcname, "?", a->im_self);
    rg_xdecref(funcname);
    return result;
}

static py_obj *bound_method_richcompare(py_obj *self, py_obj *other, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_is_type(self, &py_method_info) || !py_is_type(other, &py_method_info))
        return py_new_ref(py_notimplemented);
    py_method_object *a = (py_method_object *)self, *b = (py_method_object *)other;
    int eq = py_object_rich_compare_bool(a->im_func, b->im_func, PY_EQ);
    if (eq == 1) eq = a->im_self == b->im_self;
    else if (eq < 0) return NULL;
    return py_bool_from_long(op == PY_EQ ? eq : !eq);
}

static py_hash_t bound_method_hash(py_obj *self)
{
    py_method_object *a = (py_method_object *)self;
    py_hash_t x = py_hash_pointer(a->im_self);
    py_hash_t y = py_object_hash(a->im_func);
    if (y == -1) return -1;
    x ^= y;
    return x == -1 ? -2 : x;
}

/* method_getattro: the method type's own attributes, then the function's. */
static py_obj *bound_method_getattro(py_obj *obj, py_obj *name)
{
    py_typeinfo *tp = py_type_of(obj);
    py_obj *descr = py_type_lookup(tp, name);
    if (descr != NULL) {
        py_descrgetfunc f = py_type_of(descr)->descr_get;
        if (f != NULL) return f(descr, obj, py_type_object_of(tp));
        return py_new_ref(descr);
    }
    return py_object_get_attr(((py_method_object *)obj)->im_func, name);
}

static py_obj *bound_method_get_doc(py_obj *self, void *closure)
{
    (void)closure;
    return py_object_get_attr(((py_method_object *)self)->im_func, py_id(__doc__));
}

static const py_member_def bound_method_members[] = {
    {"__func__", PY_T_OBJECT, offsetof(py_method_object, im_func), PY_READONLY, "the function (or other callable) implementing a method"},
    {"__self__", PY_T_OBJECT, offsetof(py_method_object, im_self), PY_READONLY, "the instance to which a method is bound"},
    {NULL, 0, 0, 0, NULL},
};

static const py_getset_def bound_method_getset[] = {
    {"__doc__", bound_method_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* A bound method binds to nothing else. */
static py_obj *bound_method_descr_get(py_obj *meth, py_obj *obj, py_obj *cls)
{
    (void)obj;
    (void)cls;
    return py_new_ref(meth);
}

py_typeinfo py_method_info = {
    .rt = {.name = "method", .size = sizeof(py_method_object), .flags = RG_TYPE_GC,
           .traverse = bound_method_traverse, .dealloc = bound_method_dealloc,
           .weaklist_offset = offsetof(py_method_object, im_weakreflist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_HAVE_VECTORCALL,
    .repr = bound_method_repr,
    .hash = bound_method_hash,
    .richcompare = bound_method_richcompare,
    .getattro = bound_method_getattro,
    .setattro = py_object_generic_set_attr,
    .call = py_vectorcall_call,
    .vectorcall_offset = offsetof(py_method_object, vectorcall),
    .descr_get = bound_method_descr_get,
    .members = bound_method_members,
    .getset = bound_method_getset,
};

/* ====================================================================== */
/* staticmethod, classmethod                                               */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *cm_callable;
    py_obj *cm_dict;
} classmethod_object;

static int cm_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    classmethod_object *cm = (classmethod_object *)self;
    RG_VISIT(cm->cm_callable);
    RG_VISIT(cm->cm_dict);
    return 0;
}

static int cm_clear(py_obj *self)
{
    classmethod_object *cm = (classmethod_object *)self;
    RG_CLEAR(cm->cm_callable);
    RG_CLEAR(cm->cm_dict);
    return 0;
}

/* functools_wraps: __module__, __name__, __qualname__, __doc__ and
 * __dict__ copied from the wrapped callable (3.10+). */
static int functools_wraps(py_obj *wrapper, py_obj *wrapped)
{
    py_obj *names[5] = {py_id(__module__), py_id(__name__), py_id(__qualname__), py_id(__doc__), py_id(__dict__)};
    for (int i = 0; i < 5; i++) {
        py_obj *value = py_object_get_attr(wrapped, names[i]);
        if (value == NULL) {
            if (py_err_exception_matches(py_exc_AttributeError)) {
                py_err_clear();
                continue;
            }
            return -1;
        }
        int res = py_object_set_attr(wrapper, names[i], value);
        rg_decref(value);
        if (res < 0) return -1;
    }
    return 0;
}

/* staticmethod(f) / classmethod(f): __init__. */
static int cm_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    const char *name = py_is_type(self, &py_staticmethod_info) ? "staticmethod" : "classmethod";
    if (py_arg_no_keywords(name, kwds) < 0) return -1;
    py_obj *callable = NULL;
    if (!py_arg_unpack_tuple(args, name, 1, 1, &callable)) return -1;
    classmethod_object *cm = (classmethod_object *)self;
    PY_XSETREF(cm->cm_callable, py_new_ref(callable));
    return functools_wraps(self, callable);
}

static py_obj *cm_new_from(py_typeinfo *type, py_obj *callable)
{
    classmethod_object *cm = (classmethod_object *)py_type_generic_alloc(type, 0);
    if (cm == NULL) return NULL;
    cm->cm_callable = py_new_ref(callable);
    return (py_obj *)cm;
}

py_obj *py_staticmethod_new(py_obj *callable) { return cm_new_from(&py_staticmethod_info, callable); }
py_obj *py_classmethod_new(py_obj *callable) { return cm_new_from(&py_classmethod_info, callable); }

static py_obj *sm_descr_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)obj;
    (void)type;
    classmethod_object *sm = (classmethod_object *)self;
    if (sm->cm_callable == NULL) {
        py_err_set_string(py_exc_RuntimeError, "uninitialized staticmethod object");
        return NULL;
    }
    return py_new_ref(sm->cm_callable);
}

/* staticmethod objects are callable (3.10+). */
static py_obj *sm_call(py_obj *self, py_obj *args, py_obj *kwargs)
{
    return py_object_call(((classmethod_object *)self)->cm_callable, args, kwargs);
}

static py_obj *cm_descr_get(py_obj *self, py_obj *obj, py_obj *type)
{
    classmethod_object *cm = (classmethod_object *)self;
    if (cm->cm_callable == NULL) {
        py_err_set_string(py_exc_RuntimeError, "uninitialized classmethod object");
        return NULL;
    }
    if (type == NULL) type = py_type_object_of_obj(obj);
    py_descrgetfunc f = py_type_of(cm->cm_callable)->descr_get;
    if (f != NULL) return f(cm->cm_callable, type, type);
    return py_method_new(cm->cm_callable, type);
}

static py_obj *cm_repr(py_obj *self)
{
    const char *name = py_is_type(self, &py_staticmethod_info) ? "staticmethod" : "classmethod";
    return py_unicode_from_format("<%s(%R)>", name, ((classmethod_object *)self)->cm_callable);
}

static py_obj *cm_get_isabstract(py_obj *self, void *closure)
{
    (void)closure;
    py_obj *res;
    int r = py_object_lookup_attr(((classmethod_object *)self)->cm_callable, py_id(__isabstractmethod__), &res);
    if (r < 0) return NULL;
    if (r == 0) return py_new_ref(py_false);
    int t = py_object_is_true(res);
    rg_decref(res);
    if (t < 0) return NULL;
    return py_bool_from_long(t);
}

static const py_member_def cm_members[] = {
    {"__func__", PY_T_OBJECT, offsetof(classmethod_object, cm_callable), PY_READONLY, NULL},
    {"__wrapped__", PY_T_OBJECT, offsetof(classmethod_object, cm_callable), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const py_getset_def cm_getset[] = {
    {"__isabstractmethod__", cm_get_isabstract, NULL, NULL, NULL},
    {"__dict__", py_object_generic_get_dict, py_object_generic_set_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_staticmethod_info = {
    .rt = {.name = "staticmethod", .size = sizeof(classmethod_object), .flags = RG_TYPE_GC,
           .traverse = cm_traverse, .clear = cm_clear, .refs_offset = offsetof(classmethod_object, cm_callable),
           .nrefs = 2},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .dictoffset = offsetof(classmethod_object, cm_dict),
    .repr = cm_repr,
    .call = sm_call,
    .descr_get = sm_descr_get,
    .init = cm_init,
    .new = py_type_generic_new,
    .members = cm_members,
    .getset = cm_getset,
};

py_typeinfo py_classmethod_info = {
    .rt = {.name = "classmethod", .size = sizeof(classmethod_object), .flags = RG_TYPE_GC,
           .traverse = cm_traverse, .clear = cm_clear, .refs_offset = offsetof(classmethod_object, cm_callable),
           .nrefs = 2},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .dictoffset = offsetof(classmethod_object, cm_dict),
    .repr = cm_repr,
    .descr_get = cm_descr_get,
    .init = cm_init,
    .new = py_type_generic_new,
    .members = cm_members,
    .getset = cm_getset,
};

/* ====================================================================== */
/* mappingproxy                                                            */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *mapping;
} mappingproxy_object;

py_obj *py_dictproxy_new(py_obj *mapping)
{
    mappingproxy_object *pp = (mappingproxy_object *)py_type_generic_alloc(&py_mappingproxy_info, 0);
    if (pp == NULL) return NULL;
    pp->mapping = py_new_ref(mapping);
    return (py_obj *)pp;
}

static int mappingproxy_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((mappingproxy_object *)self)->mapping);
    return 0;
}

static py_ssize_t mappingproxy_len(py_obj *self) { return py_object_size(((mappingproxy_object *)self)->mapping); }
static py_obj *mappingproxy_getitem(py_obj *self, py_obj *key)
{
    return py_object_get_item(((mappingproxy_object *)self)->mapping, key);
}
static int mappingproxy_contains(py_obj *self, py_obj *key)
{
    py_obj *m = ((mappingproxy_object *)self)->mapping;
    if (py_dict_check_exact(m)) return py_dict_contains(m, key);
    return py_sequence_contains(m, key);
}
static py_obj *mappingproxy_iter(py_obj *self) { return py_object_get_iter(((mappingproxy_object *)self)->mapping); }
static py_obj *mappingproxy_repr(py_obj *self)
{
    return py_unicode_from_format("mappingproxy(%R)", ((mappingproxy_object *)self)->mapping);
}
static py_obj *mappingproxy_str(py_obj *self) { return py_object_str(((mappingproxy_object *)self)->mapping); }

static py_obj *mappingproxy_keys(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_object_call_method_no_args(((mappingproxy_object *)self)->mapping, py_id(keys));
}
static py_obj *mappingproxy_values(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_object_call_method_no_args(((mappingproxy_object *)self)->mapping, py_id(values));
}
static py_obj *mappingproxy_items(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_object_call_method_no_args(((mappingproxy_object *)self)->mapping, py_id(items));
}
static py_obj *mappingproxy_get(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("get", nargs, 1, 2) < 0) return NULL;
    py_obj *m = ((mappingproxy_object *)self)->mapping;
    py_obj *a[3] = {m, args[0], nargs > 1 ? args[1] : py_none};
    return py_object_vectorcall_method(py_id(get), a, 3, NULL);
}
static py_obj *mappingproxy_copy(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_object_call_method_no_args(((mappingproxy_object *)self)->mapping, py_id(copy));
}

static const py_method_def mappingproxy_methods[] = {
    {"get", {.fast = mappingproxy_get}, PY_METH_FASTCALL, NULL},
    {"keys", {.o = mappingproxy_keys}, PY_METH_NOARGS, NULL},
    {"values", {.o = mappingproxy_values}, PY_METH_NOARGS, NULL},
    {"items", {.o = mappingproxy_items}, PY_METH_NOARGS, NULL},
    {"copy", {.o = mappingproxy_copy}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static py_mapping_methods mappingproxy_as_mapping = {.mp_length = mappingproxy_len, .mp_subscript = mappingproxy_getitem};
static py_sequence_methods mappingproxy_as_sequence = {.sq_contains = mappingproxy_contains};

py_typeinfo py_mappingproxy_info = {
    .rt = {.name = "mappingproxy", .size = sizeof(mappingproxy_object), .flags = RG_TYPE_GC,
           .traverse = mappingproxy_traverse, .refs_offset = offsetof(mappingproxy_object, mapping), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_MAPPING,
    .repr = mappingproxy_repr,
    .str = mappingproxy_str,
    .iter = mappingproxy_iter,
    .as_mapping = &mappingproxy_as_mapping,
    .as_sequence = &mappingproxy_as_sequence,
    .methods = mappingproxy_methods,
};
