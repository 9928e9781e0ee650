/*
 * excgroup.c -- BaseExceptionGroup and ExceptionGroup (PEP 654; CPython
 * 3.11's Objects/exceptions.c, the exception group part).
 *
 * Owns: BaseExceptionGroup (a static exception type: 88 bytes, the
 * BaseException fields plus msg and the exceptions tuple; sys.getsizeof
 * 104) with __new__'s construction rules and messages (a str message, a
 * non-empty sequence of exception instances; BaseExceptionGroup of
 * Exceptions only becomes an ExceptionGroup; no BaseException in an
 * ExceptionGroup or an Exception subclass), __init__ (no keywords),
 * __str__ "msg (N sub-exception[s])", message / exceptions, derive,
 * split and subgroup (by type, tuple of types or predicate function, the
 * parts keeping traceback, context, cause and a copy of __notes__), and
 * __class_getitem__; and ExceptionGroup, which 3.11 makes as a heap class
 * of (BaseExceptionGroup, Exception) in module builtins (tracked, with a
 * __weakref__ slot: 96 bytes, getsizeof 112), kept in
 * py_interp.exception_group.
 *
 * Must not: bypass derive() when building the parts of a split (user
 * subclasses override it).
 */
#include "object.h"

#define EG(o) ((py_base_exception_group_object *)(o))

/* ====================================================================== */
/* The object                                                              */
/* ====================================================================== */

/* The ExceptionGroup type (C-level identity; NULL before the start). */
static py_typeinfo *exception_group_info(void)
{
    py_obj *t = py_current->exception_group;
    return t != NULL ? py_typeinfo_of(t) : NULL;
}

py_obj *py_exc_exception_group_type(void) { return py_current->exception_group; }

/* _PyBaseExceptionGroup_Check. */
int py_base_exception_group_check(const py_obj *o)
{
    return py_object_type_check(o, &py_exc_BaseExceptionGroup_info);
}

/* BaseExceptionGroup.__new__(cls, message, exceptions) */
static py_obj *eg_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *message = NULL, *exceptions = NULL;
    py_ssize_t nargs = py_tuple_size(args);
    if (nargs != 2) {
        py_err_format(py_exc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zd given)", nargs);
        return NULL;
    }
    message = py_tuple_get(args, 0);
    exceptions = py_tuple_get(args, 1);
    if (!py_unicode_check(message)) {
        py_err_format(py_exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %.50s",
                      py_obj_type_name(message));
        return NULL;
    }
    if (!py_sequence_check(exceptions)) {
        py_err_set_string(py_exc_TypeError, "second argument (exceptions) must be a sequence");
        return NULL;
    }
    exceptions = py_sequence_tuple(exceptions);
    if (exceptions == NULL) return NULL;
    py_ssize_t numexcs = py_tuple_size(exceptions);
    if (numexcs == 0) {
        py_err_set_string(py_exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
        goto error;
    }
    int nested_base_exceptions = 0;
    for (py_ssize_t i = 0; i < numexcs; i++) {
        py_obj *exc = py_tuple_get(exceptions, i);
        if (!py_exception_instance_check(exc)) {
            py_err_format(py_exc_ValueError, "Item %zd of second argument (exceptions) is not an exception", i);
            goto error;
        }
        int is_nonbase = py_object_is_instance(exc, py_exc_Exception_info.type_obj);
        if (is_nonbase < 0) goto error;
        if (is_nonbase == 0) nested_base_exceptions = 1;
    }
    py_typeinfo *cls = type, *eg_info = exception_group_info();
    if (cls == eg_info) {
        if (nested_base_exceptions) {
            py_err_set_string(py_exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
            goto error;
        }
    } else if (cls == &py_exc_BaseExceptionGroup_info) {
        if (!nested_base_exceptions && eg_info != NULL) cls = eg_info;
    } else if (nested_base_exceptions) {
        int nonbase = py_type_is_subtype(cls, &py_exc_Exception_info);
        if (nonbase) {
            py_err_format(py_exc_TypeError, "Cannot nest BaseExceptions in '%.200s'", cls->rt.name);
            goto error;
        }
    }
    py_obj *self = py_exc_BaseException_info.new(cls, args, kwds);
    if (self == NULL) goto error;
    EG(self)->msg = py_new_ref(message);
    EG(self)->excs = exceptions;
    return self;
error:
    rg_decref(exceptions);
    return NULL;
}

/* __init__: no keywords, then BaseException.__init__. */
static int eg_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords(py_obj_type_name(self), kwds) < 0) return -1;
    return py_exc_BaseException_info.init(self, args, NULL);
}

/* tp_clear: msg, excs, then BaseException's fields. */
static int eg_clear(py_obj *self)
{
    RG_CLEAR(EG(self)->msg);
    RG_CLEAR(EG(self)->excs);
    return py_exc_BaseException_info.rt.clear(self);
}

/* tp_dealloc. */
static void eg_dealloc(py_obj *self)
{
    RG_CLEAR(EG(self)->msg);
    RG_CLEAR(EG(self)->excs);
    py_exc_BaseException_info.rt.dealloc(self);
}

/* tp_traverse: msg, excs, then BaseException's fields. */
static int eg_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(EG(self)->msg);
    RG_VISIT(EG(self)->excs);
    return py_exc_BaseException_info.rt.traverse(self, visit, arg);
}

/* str(eg): "msg (N sub-exception[s])" */
static py_obj *eg_str(py_obj *self)
{
    py_ssize_t n = py_tuple_size(EG(self)->excs);
    return py_unicode_from_format("%S (%zd sub-exception%s)", EG(self)->msg, n, n > 1 ? "s" : "");
}

/* ====================================================================== */
/* derive, split, subgroup                                                 */
/* ====================================================================== */

/* eg.derive(excs): BaseExceptionGroup(self.message, excs). */
static py_obj *eg_derive(py_obj *self, py_obj *args)
{
    if (py_tuple_size(args) != 1) {
        py_err_format(py_exc_TypeError, "function takes exactly 1 argument (%zd given)", py_tuple_size(args));
        return NULL;
    }
    py_obj *init_args = py_tuple_pack(2, EG(self)->msg, py_tuple_get(args, 0));
    if (init_args == NULL) return NULL;
    py_obj *eg = py_object_call(py_exc_BaseExceptionGroup_info.type_obj, init_args, NULL);
    rg_decref(init_args);
    return eg;
}

enum { MATCH_BY_TYPE, MATCH_PREDICATE };

/* How split/subgroup match: a function, an exception class or a tuple of
 * them; 0, or -1 with TypeError. */
static int get_matcher_type(py_obj *value, int *type)
{
    py_typeinfo *ft = py_current->function_type;
    if (ft != NULL && py_is_type(value, ft)) {
        *type = MATCH_PREDICATE;
        return 0;
    }
    if (py_exception_class_check(value)) {
        *type = MATCH_BY_TYPE;
        return 0;
    }
    if (py_tuple_check_exact(value)) {
        for (py_ssize_t i = 0; i < py_tuple_size(value); i++)
            if (!py_exception_class_check(py_tuple_get(value, i))) goto error;
        *type = MATCH_BY_TYPE;
        return 0;
    }
error:
    py_err_set_string(py_exc_TypeError, "expected a function, exception type or tuple of exception types");
    return -1;
}

/* Whether exc matches: 1, 0, -1 on error. */
static int check_match(py_obj *exc, int matcher_type, py_obj *matcher)
{
    if (matcher_type == MATCH_BY_TYPE) return py_err_given_exception_matches(exc, matcher);
    py_obj *r = py_object_call_one_arg(matcher, exc);
    if (r == NULL) return -1;
    int t = py_object_is_true(r);
    rg_decref(r);
    return t;
}

/* *result: orig.derive(excs) with orig's traceback, context, cause and a
 * copy of its notes; NULL when excs is empty.  0 or -1. */
static int eg_subset(py_obj *orig, py_obj *excs, py_obj **result)
{
    *result = NULL;
    py_ssize_t n = py_sequence_size(excs);
    if (n < 0) return -1;
    if (n == 0) return 0;
    py_obj *eg = py_object_call_method_one_arg(orig, py_id(derive), excs);
    if (eg == NULL) return -1;
    if (!py_base_exception_group_check(eg)) {
        py_err_set_string(py_exc_TypeError, "derive must return an instance of BaseExceptionGroup");
        goto error;
    }
    py_obj *tb = py_exception_get_traceback(orig);
    if (tb != NULL) {
        int res = py_exception_set_traceback(eg, tb);
        rg_decref(tb);
        if (res < 0) goto error;
    }
    py_exception_set_context(eg, py_exception_get_context(orig));
    py_exception_set_cause(eg, py_exception_get_cause(orig));
    py_obj *notes;
    if (py_object_lookup_attr(orig, py_id(__notes__), &notes) < 0) goto error;
    if (notes != NULL) {
        if (py_sequence_check(notes)) {
            py_obj *copy = py_sequence_list(notes);
            rg_decref(notes);
            if (copy == NULL) goto error;
            int res = py_object_set_attr(eg, py_id(__notes__), copy);
            rg_decref(copy);
            if (res < 0) goto error;
        } else {
            rg_decref(notes);
        }
    }
    *result = eg;
    return 0;
error:
    rg_decref(eg);
    return -1;
}

/* exceptiongroup_split_recursive: *match and (construct_rest) *rest, each
 * NULL when empty.  0 or -1. */
static int split_recursive(py_obj *exc, int matcher_type, py_obj *matcher, int construct_rest, py_obj **match,
                           py_obj **rest)
{
    *match = *rest = NULL;
    int is_match = check_match(exc, matcher_type, matcher);
    if (is_match < 0) return -1;
    if (is_match) {
        *match = py_new_ref(exc);
        return 0;
    }
    if (!py_base_exception_group_check(exc)) {
        if (construct_rest) *rest = py_new_ref(exc);
        return 0;
    }
    int retval = -1;
    py_obj *excs = EG(exc)->excs, *rest_list = NULL;
    py_obj *match_list = py_list_new(0);
    if (match_list == NULL) return -1;
    if (construct_rest && (rest_list = py_list_new(0)) == NULL) goto done;
    for (py_ssize_t i = 0; i < py_tuple_size(excs); i++) {
        py_obj *m, *r;
        if (py_enter_recursive_call(" in exceptiongroup_split_recursive")) goto done;
        int e = split_recursive(py_tuple_get(excs, i), matcher_type, matcher, construct_rest, &m, &r);
        py_leave_recursive_call();
        if (e < 0) goto done;
        int bad = (m != NULL && py_list_append(match_list, m) < 0) || (r != NULL && py_list_append(rest_list, r) < 0);
        rg_xdecref(m);
        rg_xdecref(r);
        if (bad) goto done;
    }
    if (eg_subset(exc, match_list, match) < 0) goto done;
    if (construct_rest && eg_subset(exc, rest_list, rest) < 0) {
        RG_CLEAR(*match);
        goto done;
    }
    retval = 0;
done:
    rg_decref(match_list);
    rg_xdecref(rest_list);
    return retval;
}

/* The common part of split and subgroup. */
static int split_common(py_obj *self, py_obj *args, const char *name, int construct_rest, py_obj **match,
                        py_obj **rest)
{
    py_obj *matcher = NULL;
    int matcher_type;
    if (!py_arg_unpack_tuple(args, name, 1, 1, &matcher)) return -1;
    if (get_matcher_type(matcher, &matcher_type) < 0) return -1;
    return split_recursive(self, matcher_type, matcher, construct_rest, match, rest);
}

/* eg.split(matcher) -> (match, rest) */
static py_obj *eg_split(py_obj *self, py_obj *args)
{
    py_obj *match, *rest;
    if (split_common(self, args, "split", 1, &match, &rest) < 0) return NULL;
    py_obj *t = py_tuple_pack(2, match ? match : py_none, rest ? rest : py_none);
    rg_xdecref(match);
    rg_xdecref(rest);
    return t;
}

/* eg.subgroup(matcher) -> match or None */
static py_obj *eg_subgroup(py_obj *self, py_obj *args)
{
    py_obj *match, *rest;
    if (split_common(self, args, "subgroup", 0, &match, &rest) < 0) return NULL;
    return match ? match : py_new_ref(py_none);
}

/* ====================================================================== */
/* The types                                                               */
/* ====================================================================== */

static const py_method_def eg_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"derive", {.o = eg_derive}, PY_METH_VARARGS, NULL},
    {"split", {.o = eg_split}, PY_METH_VARARGS, NULL},
    {"subgroup", {.o = eg_subgroup}, PY_METH_VARARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const py_member_def eg_members[] = {
    {"message", PY_T_OBJECT, offsetof(py_base_exception_group_object, msg), PY_READONLY, "exception message"},
    {"exceptions", PY_T_OBJECT, offsetof(py_base_exception_group_object, excs), PY_READONLY, "nested exceptions"},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_exc_BaseExceptionGroup_info = {
    .rt = {.name = "BaseExceptionGroup", .size = sizeof(py_base_exception_group_object), .flags = RG_TYPE_GC,
           .traverse = eg_traverse, .clear = eg_clear, .dealloc = eg_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_BASE_EXC_SUBCLASS,
    .base = &py_exc_BaseException_info,
    .dictoffset = offsetof(py_base_exception_object, dict),
    .doc = "A combination of multiple unrelated exceptions.",
    .new = eg_new,
    .init = eg_init,
    .str = eg_str,
    .methods = eg_methods,
    .members = eg_members,
};

/* Make ExceptionGroup (interpreter start; BaseExceptionGroup is ready). */
int py_exception_groups_init(py_interp *interp)
{
    /* PyErr_NewException("builtins.ExceptionGroup", (BaseExceptionGroup, Exception), NULL) */
    py_obj *name = py_unicode_from_string("ExceptionGroup"), *mod = py_unicode_from_string("builtins");
    py_obj *bases = py_tuple_pack(2, py_exc_BaseExceptionGroup_info.type_obj, py_exc_Exception_info.type_obj);
    py_obj *dict = py_dict_new();
    int r = -1;
    if (name && mod && bases && dict && py_dict_set_item(dict, py_id(__module__), mod) == 0) {
        interp->exception_group = py_type_new_class(NULL, name, bases, dict);
        if (interp->exception_group != NULL) r = 0;
    }
    rg_xdecref(name);
    rg_xdecref(mod);
    rg_xdecref(bases);
    rg_xdecref(dict);
    return r;
}
