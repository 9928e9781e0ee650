/*
 * call.c -- calling objects (CPython 3.11's Objects/call.c) and argument
 * checking (the parts of Python/getargs.c the types need).
 *
 * Owns the call protocol: vectorcall when the callee's type has one
 * (py_typeinfo.vcall), else _PyObject_MakeTpCall (the positional
 * arguments packed into a tuple and the keywords into a dict, then
 * tp_call), the tuple/dict entry points, method calls through
 * py_object_get_method (no bound method made for method descriptors),
 * keyword unpacking (_PyStack_AsDict, _PyStack_UnpackDict) and the
 * result check.
 *
 * Temporary argument arrays larger than CPython's small stack (5) are
 * heap blocks (PyMem_Malloc is pymalloc in 3.11), so they land where
 * CPython's do.
 *
 * Must not: allocate anything CPython's call path does not (a bound
 * method, a tuple for a vectorcall callee).
 */
#include <stdarg.h>
#include <string.h>

#include "object.h"

#define SMALL_STACK 5

/* ====================================================================== */
/* Keywords                                                                */
/* ====================================================================== */

py_obj *py_stack_as_dict(py_obj *const *values, py_obj *kwnames)
{
    py_ssize_t nkwargs = py_tuple_size(kwnames);
    py_obj *kwdict = py_dict_new_presized(nkwargs);
    if (kwdict == NULL) return NULL;
    for (py_ssize_t i = 0; i < nkwargs; i++) {
        if (py_dict_set_item(kwdict, py_tuple_get(kwnames, i), values[i]) < 0) {
            rg_decref(kwdict);
            return NULL;
        }
    }
    return kwdict;
}

int py_stack_unpack_dict(py_obj *const *args, py_ssize_t nargs, py_obj *kwargs, py_obj *const **newargs,
                         py_obj **p_kwnames)
{
    py_ssize_t nkwargs = py_dict_size(kwargs);
    size_t maxnargs = (size_t)PY_SSIZE_T_MAX / sizeof(py_obj *) - 1;
    if ((size_t)nargs > maxnargs - (size_t)nkwargs) {
        py_err_no_memory();
        return -1;
    }
    /* One slot more, for PY_VECTORCALL_ARGUMENTS_OFFSET. */
    py_obj **stack = rg_malloc(py_heap(), (size_t)(1 + nargs + nkwargs) * sizeof(py_obj *));
    if (stack == NULL) {
        py_err_no_memory();
        return -1;
    }
    py_obj *kwnames = py_tuple_new(nkwargs);
    if (kwnames == NULL) {
        rg_free(stack);
        return -1;
    }
    stack++;
    for (py_ssize_t i = 0; i < nargs; i++) stack[i] = py_new_ref(args[i]);
    py_obj **kwstack = stack + nargs;
    py_ssize_t pos = 0, i = 0;
    py_obj *key, *value;
    unsigned long keys_are_strings = PY_TPFLAGS_UNICODE_SUBCLASS;
    while (py_dict_next(kwargs, &pos, &key, &value)) {
        keys_are_strings &= py_type_of(key)->flags;
        py_tuple_set(kwnames, i, py_new_ref(key));
        kwstack[i] = py_new_ref(value);
        i++;
    }
    if (!keys_are_strings) {
        py_err_set_string(py_exc_TypeError, "keywords must be strings");
        py_stack_unpack_dict_free(stack, nargs, kwnames);
        return -1;
    }
    *newargs = stack;
    *p_kwnames = kwnames;
    return 0;
}

void py_stack_unpack_dict_free(py_obj *const *stack, py_ssize_t nargs, py_obj *kwnames)
{
    py_ssize_t n = py_tuple_size(kwnames) + nargs;
    for (py_ssize_t i = 0; i < n; i++) rg_decref(stack[i]);
    rg_free((py_obj **)stack - 1);
    rg_decref(kwnames);
}

/* ====================================================================== */
/* The tuple/dict path                                                     */
/* ====================================================================== */

py_obj *py_object_make_tp_call(py_obj *callable, py_obj *const *args, py_ssize_t nargs, py_obj *keywords)
{
    py_ternaryfunc call = py_type_of(callable)->call;
    if (call == NULL)
        return py_err_format(py_exc_TypeError, "'%.200s' object is not callable", py_obj_type_name(callable));
    py_obj *argstuple = py_tuple_from_array(args, nargs);
    if (argstuple == NULL) return NULL;
    py_obj *kwdict;
    if (keywords == NULL || py_dict_check(keywords)) {
        kwdict = keywords;
    } else if (py_tuple_size(keywords)) {
        kwdict = py_stack_as_dict(args + nargs, keywords);
        if (kwdict == NULL) {
            rg_decref(argstuple);
            return NULL;
        }
    } else {
        keywords = kwdict = NULL;
    }
    py_obj *result = NULL;
    if (py_enter_recursive_call(" while calling a Python object") == 0) {
        result = call(callable, argstuple, kwdict);
        py_leave_recursive_call();
    }
    rg_decref(argstuple);
    if (kwdict != keywords) rg_decref(kwdict);
    return py_check_function_result(callable, result, NULL);
}

/* _PyVectorcall_Call: a tuple/dict call forwarded to a vectorcall. */
static py_obj *vectorcall_call(py_vectorcallfunc func, py_obj *callable, py_obj *tuple, py_obj *kwargs)
{
    py_ssize_t nargs = py_tuple_size(tuple);
    if (kwargs == NULL || py_dict_size(kwargs) == 0) return func(callable, py_tuple_items(tuple), (size_t)nargs, NULL);
    py_obj *const *args;
    py_obj *kwnames;
    if (py_stack_unpack_dict(py_tuple_items(tuple), nargs, kwargs, &args, &kwnames) < 0) return NULL;
    py_obj *result = func(callable, args, (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    py_stack_unpack_dict_free(args, nargs, kwnames);
    return py_check_function_result(callable, result, NULL);
}

py_obj *py_vectorcall_call(py_obj *callable, py_obj *tuple, py_obj *kwargs)
{
    py_vectorcallfunc func = py_vectorcall_function(callable);
    if (func == NULL)
        return py_err_format(py_exc_TypeError, "'%.200s' object does not support vectorcall",
                             py_obj_type_name(callable));
    return vectorcall_call(func, callable, tuple, kwargs);
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

py_obj *py_object_vectorcall(py_obj *callable, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_vectorcallfunc func = py_vectorcall_function(callable);
    if (func == NULL) return py_object_make_tp_call(callable, args, py_vectorcall_nargs(nargsf), kwnames);
    py_obj *res = func(callable, args, nargsf, kwnames);
    return py_check_function_result(callable, res, NULL);
}

py_obj *py_object_call(py_obj *callable, py_obj *args, py_obj *kwargs)
{
    py_typeinfo *tp = py_type_of(callable);
    py_vectorcallfunc vf = py_vectorcall_function(callable);
    if (vf != NULL) return vectorcall_call(vf, callable, args, kwargs);
    py_ternaryfunc call = tp->call;
    if (call == NULL)
        return py_err_format(py_exc_TypeError, "'%.200s' object is not callable", py_obj_type_name(callable));
    if (py_enter_recursive_call(" while calling a Python object")) return NULL;
    py_obj *result = call(callable, args, kwargs);
    py_leave_recursive_call();
    return py_check_function_result(callable, result, NULL);
}

py_obj *py_object_call_no_args(py_obj *callable) { return py_object_vectorcall(callable, NULL, 0, NULL); }

py_obj *py_object_call_one_arg(py_obj *callable, py_obj *arg)
{
    py_obj *stack[2];
    stack[1] = arg;
    return py_object_vectorcall(callable, stack + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
}

py_obj *py_object_vectorcall_dict(py_obj *callable, py_obj *const *args, size_t nargsf, py_obj *kwargs)
{
    py_vectorcallfunc func = py_vectorcall_function(callable);
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (func == NULL) return py_object_make_tp_call(callable, args, nargs, kwargs);
    py_obj *res;
    if (kwargs == NULL || py_dict_size(kwargs) == 0) {
        res = func(callable, args, nargsf, NULL);
    } else {
        py_obj *kwnames;
        py_obj *const *newargs;
        if (py_stack_unpack_dict(args, nargs, kwargs, &newargs, &kwnames) < 0) return NULL;
        res = func(callable, newargs, (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        py_stack_unpack_dict_free(newargs, nargs, kwnames);
    }
    return py_check_function_result(callable, res, NULL);
}

py_obj *py_object_call_prepend(py_obj *callable, py_obj *obj, py_obj *args, py_obj *kwargs)
{
    py_obj *small_stack[SMALL_STACK], **stack;
    py_ssize_t argcount = py_tuple_size(args);
    if (argcount + 1 <= SMALL_STACK) {
        stack = small_stack;
    } else {
        stack = rg_malloc(py_heap(), (size_t)(argcount + 1) * sizeof(py_obj *));
        if (stack == NULL) return py_err_no_memory();
    }
    stack[0] = obj;
    if (argcount) memcpy(&stack[1], py_tuple_items(args), (size_t)argcount * sizeof(py_obj *));
    py_obj *result = py_object_vectorcall_dict(callable, stack, (size_t)argcount + 1, kwargs);
    if (stack != small_stack) rg_free(stack);
    return result;
}

/* object_vacall: base (may be NULL) then the NULL-terminated arguments. */
static py_obj *object_vacall(py_obj *base, py_obj *callable, va_list vargs)
{
    py_obj *small_stack[SMALL_STACK], **stack;
    py_ssize_t nargs = base ? 1 : 0;
    va_list countva;
    va_copy(countva, vargs);
    while (va_arg(countva, py_obj *) != NULL) nargs++;
    va_end(countva);
    if (nargs <= SMALL_STACK) {
        stack = small_stack;
    } else {
        stack = rg_malloc(py_heap(), (size_t)nargs * sizeof(py_obj *));
        if (stack == NULL) return py_err_no_memory();
    }
    py_ssize_t i = 0;
    if (base) stack[i++] = base;
    for (; i < nargs; ++i) stack[i] = va_arg(vargs, py_obj *);
    py_obj *result = py_object_vectorcall(callable, stack, (size_t)nargs, NULL);
    if (stack != small_stack) rg_free(stack);
    return result;
}

py_obj *py_object_call_function_obj_args(py_obj *callable, ...)
{
    va_list vargs;
    va_start(vargs, callable);
    py_obj *result = object_vacall(NULL, callable, vargs);
    va_end(vargs);
    return result;
}

py_obj *py_object_vectorcall_method(py_obj *name, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_obj *callable = NULL;
    int unbound = py_object_get_method(args[0], name, &callable);
    if (callable == NULL) return NULL;
    if (unbound) {
        /* args[-1] must not be touched: it is not ours. */
        nargsf &= ~PY_VECTORCALL_ARGUMENTS_OFFSET;
    } else {
        args++;
        nargsf--;
    }
    py_obj *result = py_object_vectorcall(callable, args, nargsf, kwnames);
    rg_decref(callable);
    return result;
}

py_obj *py_object_call_method_obj_args(py_obj *obj, py_obj *name, ...)
{
    py_obj *callable = NULL;
    int is_method = py_object_get_method(obj, name, &callable);
    if (callable == NULL) return NULL;
    va_list vargs;
    va_start(vargs, name);
    py_obj *result = object_vacall(is_method ? obj : NULL, callable, vargs);
    va_end(vargs);
    rg_decref(callable);
    return result;
}

py_obj *py_object_call_method_no_args(py_obj *o, py_obj *name)
{
    return py_object_vectorcall_method(name, &o, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
}

py_obj *py_object_call_method_one_arg(py_obj *o, py_obj *name, py_obj *arg)
{
    py_obj *args[2] = {o, arg};
    return py_object_vectorcall_method(name, args, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
}

/* ====================================================================== */
/* Argument checking (getargs.c)                                           */
/* ====================================================================== */

int py_arg_no_keywords(const char *funcname, py_obj *kwargs)
{
    if (kwargs == NULL) return 0;
    if (!py_dict_check_exact(kwargs)) {
        py_err_bad_internal_call();
        return -1;
    }
    if (py_dict_size(kwargs) == 0) return 0;
    py_err_format(py_exc_TypeError, "%.200s() takes no keyword arguments", funcname);
    return -1;
}

int py_arg_no_kwnames(const char *funcname, py_obj *kwnames)
{
    if (kwnames == NULL || py_tuple_size(kwnames) == 0) return 0;
    py_err_format(py_exc_TypeError, "%s() takes no keyword arguments", funcname);
    return -1;
}

int py_arg_check_positional(const char *name, py_ssize_t nargs, py_ssize_t min, py_ssize_t max)
{
    if (nargs < min) {
        if (name != NULL)
            py_err_format(py_exc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                          min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        else
            py_err_format(py_exc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                          min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs == 0) return 0;
    if (nargs > max) {
        if (name != NULL)
            py_err_format(py_exc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                          min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        else
            py_err_format(py_exc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                          min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

int py_arg_unpack_tuple(py_obj *args, const char *name, py_ssize_t min, py_ssize_t max, ...)
{
    py_ssize_t nargs = py_tuple_size(args);
    if (py_arg_check_positional(name, nargs, min, max) < 0) return 0;
    va_list va;
    va_start(va, max);
    for (py_ssize_t i = 0; i < nargs; i++) {
        py_obj **o = va_arg(va, py_obj **);
        *o = py_tuple_get(args, i);
    }
    va_end(va);
    return 1;
}

/* The value of keyword `name` among the vectorcall keywords or in a dict
 * (borrowed; NULL absent or error). */
static py_obj *find_keyword(py_obj *const *args, py_ssize_t nargs, py_obj *kwargs, py_obj *kwnames, const char *name)
{
    if (kwargs != NULL) {
        py_obj *key = py_unicode_from_string(name);
        if (key == NULL) return NULL;
        py_obj *v = py_dict_get_item_with_error(kwargs, key);
        rg_decref(key);
        return v;
    }
    for (py_ssize_t k = 0; k < py_tuple_size(kwnames); k++)
        if (py_unicode_equal_to_ascii_string(py_tuple_get(kwnames, k), name)) return args[nargs + k];
    return NULL;
}

/* error_unexpected_keyword_arg: the first keyword that is no parameter. */
static void unexpected_keyword(py_obj *kwargs, py_obj *kwnames, const char *fname, const char *const *kwlist,
                               int posonly)
{
    py_ssize_t pos = 0, k = 0;
    py_obj *key, *value;
    for (;;) {
        if (kwargs != NULL) {
            if (!py_dict_next(kwargs, &pos, &key, &value)) break;
        } else {
            if (k >= py_tuple_size(kwnames)) break;
            key = py_tuple_get(kwnames, k++);
        }
        if (!py_unicode_check(key)) {
            py_err_set_string(py_exc_TypeError, "keywords must be strings");
            return;
        }
        int known = 0;
        for (int i = posonly; kwlist[i] != NULL && !known; i++)
            known = py_unicode_equal_to_ascii_string(key, kwlist[i]);
        if (!known) {
            py_err_format(py_exc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                          fname ? fname : "this function", fname ? "()" : "");
            return;
        }
    }
}

int py_arg_unpack_keywords(py_obj *const *args, py_ssize_t nargs, py_obj *kwargs, py_obj *kwnames,
                           const char *fname, const char *const *kwlist, int posonly, int minpos, int maxpos,
                           py_obj **out)
{
    const char *fn = fname ? fname : "function", *paren = fname ? "()" : "";
    int maxargs = 0;
    while (kwlist[maxargs] != NULL) maxargs++;
    RG_ASSERT(posonly <= minpos || posonly <= maxpos);
    py_ssize_t nkwargs = kwargs ? py_dict_size(kwargs) : kwnames ? py_tuple_size(kwnames) : 0;
    int minposonly = minpos < posonly ? minpos : posonly;
    if (nargs + nkwargs > maxargs) {
        py_err_format(py_exc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", fn, paren, maxargs,
                      nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s", nargs + nkwargs);
        return -1;
    }
    if (nargs > maxpos) {
        if (maxpos == 0)
            py_err_format(py_exc_TypeError, "%.200s%s takes no positional arguments", fn, paren);
        else
            py_err_format(py_exc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn, paren,
                          minposonly < maxpos ? "at most" : "exactly", maxpos, maxpos == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs < minposonly) {
        py_err_format(py_exc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn, paren,
                      minposonly < maxpos ? "at least" : "exactly", minposonly, minposonly == 1 ? "" : "s", nargs);
        return -1;
    }
    for (py_ssize_t i = 0; i < nargs; i++) out[i] = args[i];
    for (int i = (int)(nargs > posonly ? nargs : posonly); i < maxargs; i++) {
        py_obj *current = NULL;
        if (nkwargs) {
            current = find_keyword(args, nargs, kwargs, kwnames, kwlist[i]);
            if (current == NULL && py_err_occurred()) return -1;
        } else if (i >= minpos) {
            for (; i < maxargs; i++) out[i] = NULL;
            break;
        }
        out[i] = current;
        if (current != NULL) {
            nkwargs--;
        } else if (i < minpos) {
            py_err_format(py_exc_TypeError, "%.200s%s missing required argument '%s' (pos %d)", fn, paren, kwlist[i],
                          i + 1);
            return -1;
        }
    }
    if (nkwargs > 0) {
        for (int i = posonly; i < nargs; i++) {
            py_obj *current = find_keyword(args, nargs, kwargs, kwnames, kwlist[i]);
            if (current == NULL && py_err_occurred()) return -1;
            if (current != NULL) {
                py_err_format(py_exc_TypeError, "argument for %.200s%s given by name ('%s') and position (%d)", fn,
                              paren, kwlist[i], i + 1);
                return -1;
            }
        }
        unexpected_keyword(kwargs, kwnames, fname, kwlist, posonly);
        return -1;
    }
    return 0;
}

int py_arg_bad_argument(const char *fname, const char *displayname, const char *expected, py_obj *arg)
{
    py_err_format(py_exc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname, expected,
                  arg == py_none ? "None" : py_obj_type_name(arg));
    return -1;
}

const char *py_arg_str(const char *fname, const char *argname, py_obj *arg)
{
    if (!py_unicode_check(arg)) {
        char display[80];
        snprintf(display, sizeof display, "argument '%s'", argname);
        py_arg_bad_argument(fname, display, "str", arg);
        return NULL;
    }
    py_ssize_t len;
    const char *s = py_unicode_as_utf8_and_size(arg, &len);
    if (s != NULL && (size_t)len != strlen(s)) {
        py_err_set_string(py_exc_ValueError, "embedded null character");
        return NULL;
    }
    return s;
}
