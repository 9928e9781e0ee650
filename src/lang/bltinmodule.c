/*
 * bltinmodule.c -- the builtins module (CPython 3.11's Python/bltinmodule.c):
 * py_builtins_module_new, the module's method table in 3.11's order, and
 * the builtin functions that are plain object-protocol calls (abs ... vars:
 * everything but print/input/open, in bltin_io.c, and __build_class__,
 * __import__, compile, eval, exec, in bltin_exec.c).
 *
 * Each function keeps 3.11's calling convention (METH_O, FASTCALL,
 * VARARGS for dir/vars/min/max, FASTCALL|KEYWORDS for the clinic ones),
 * because it decides what a call allocates (a VARARGS call builds an
 * args tuple, a GC object) and which TypeError a bad call gets; and 3.11's
 * allocation pattern (sorted: a new list, then its bound sort method;
 * sum: C accumulators for exact ints and floats; min/max: the references
 * CPython holds).
 *
 * Invariants: the module dict's order is builtins.__dict__'s in python3
 * -S (minus what refgc lacks: breakpoint, aiter, anext, memoryview);
 * interp->builtins is that dict.  The functions hold the module as m_self
 * (a cycle, as in CPython).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lang/bltinmodule.h"
#include "lang/trace_vm.h"

/* ====================================================================== */
/* Static names (3.11's _Py_ID strings that object.h's table lacks)        */
/* ====================================================================== */


PY_STATIC_ASCII_STR(str_sort, "sort");

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* SystemError for a namespace builtin called with no frame running. */
static py_obj *no_frame(void)
{
    if (!py_err_occurred()) py_err_set_string(py_exc_SystemError, "frame does not exist");
    return NULL;
}

/* PyMapping_Keys as a list: a dict's keys directly, else list(m.keys()). */
static py_obj *mapping_keys_list(py_obj *m)
{
    if (py_dict_check_exact(m)) {
        py_obj *list = py_list_new(py_dict_size(m));
        if (list == NULL) return NULL;
        py_ssize_t pos = 0, i = 0;
        py_obj *key;
        while (py_dict_next(m, &pos, &key, NULL)) py_list_set_item(list, i++, py_new_ref(key));
        return list;
    }
    py_obj *keys = py_object_call_method_no_args(m, py_id(keys));
    if (keys == NULL) return NULL;
    py_obj *list = py_sequence_list(keys);
    rg_decref(keys);
    return list;
}

/* ====================================================================== */
/* One-argument functions (METH_O)                                         */
/* ====================================================================== */

/* abs(x, /) */
static py_obj *builtin_abs(py_obj *self PY_UNUSED, py_obj *x) { return py_number_absolute(x); }

/* all(iterable, /) and any(iterable, /): stop at the first item whose
 * truth is `stop`; calls tp_iternext directly, as 3.11. */
static py_obj *all_any(py_obj *v, int stop)
{
    py_obj *it = py_object_get_iter(v);
    if (it == NULL) return NULL;
    py_iternextfunc iternext = py_type_of(it)->iternext;
    for (;;) {
        py_obj *item = iternext(it);
        if (item == NULL) break;
        int cmp = py_object_is_true(item);
        rg_decref(item);
        if (cmp < 0) {
            rg_decref(it);
            return NULL;
        }
        if (cmp == stop) {
            rg_decref(it);
            return py_bool_from_long(stop);
        }
    }
    rg_decref(it);
    if (py_err_occurred()) {
        if (!py_err_exception_matches(py_exc_StopIteration)) return NULL;
        py_err_clear();
    }
    return py_bool_from_long(!stop);
}

static py_obj *builtin_all(py_obj *self PY_UNUSED, py_obj *v) { return all_any(v, 0); }
static py_obj *builtin_any(py_obj *self PY_UNUSED, py_obj *v) { return all_any(v, 1); }

/* ascii(obj, /) */
static py_obj *builtin_ascii(py_obj *self PY_UNUSED, py_obj *o) { return py_object_ascii(o); }

/* PyNumber_ToBase for base 2, 8, 16: "0b101", "-0xff" (through __index__). */
static py_obj *number_to_base(py_obj *x, int base)
{
    py_obj *index = py_number_index(x);
    if (index == NULL) return NULL;
    py_long_object *v = (py_long_object *)index;
    py_bigint b = py_bigint_view(v->ob_digit, v->ob_var.size);
    size_t bound = py_bigint_to_base_string_bound(b, base);
    char small[128], *buf = bound <= sizeof small ? small : malloc(bound);
    if (buf == NULL) {
        rg_decref(index);
        return py_err_no_memory();
    }
    size_t n = py_bigint_to_base_string(buf, b, base, PY_BIGINT_PREFIX);
    rg_decref(index);
    py_obj *r = py_unicode_from_string_and_size(buf, (py_ssize_t)n);
    if (buf != small) free(buf);
    return r;
}

/* bin(number, /), oct(number, /), hex(number, /) */
static py_obj *builtin_bin(py_obj *self PY_UNUSED, py_obj *x) { return number_to_base(x, 2); }
static py_obj *builtin_oct(py_obj *self PY_UNUSED, py_obj *x) { return number_to_base(x, 8); }
static py_obj *builtin_hex(py_obj *self PY_UNUSED, py_obj *x) { return number_to_base(x, 16); }

/* callable(obj, /) */
static py_obj *builtin_callable(py_obj *self PY_UNUSED, py_obj *o) { return py_bool_from_long(py_callable_check(o)); }

/* chr(i, /) */
static py_obj *builtin_chr(py_obj *self PY_UNUSED, py_obj *arg)
{
    int i;
    if (py_index_as_int(arg, &i) < 0) return NULL;
    if (i < 0 || i > 0x10ffff) {
        py_err_set_string(py_exc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return py_unicode_from_ordinal((py_ucs4)i);
}

/* hash(obj, /) */
static py_obj *builtin_hash(py_obj *self PY_UNUSED, py_obj *o)
{
    py_hash_t h = py_object_hash(o);
    if (h == -1) return NULL;
    return py_long_from_ssize_t(h);
}

/* id(obj, /): the address (PyLong_FromVoidPtr). */
static py_obj *builtin_id(py_obj *self PY_UNUSED, py_obj *o)
{
    if (RG_UNLIKELY(py_trace_hooks.id != NULL)) /* a traced run: stable ids */
        return py_long_from_unsigned_long_long((unsigned long long)py_trace_hooks.id(o));
    return py_long_from_unsigned_long_long((unsigned long long)(uintptr_t)o);
}

/* len(obj, /) */
static py_obj *builtin_len(py_obj *self PY_UNUSED, py_obj *o)
{
    py_ssize_t n = py_object_size(o);
    if (n < 0) return NULL;
    return py_long_from_ssize_t(n);
}

/* ord(c, /) */
static py_obj *builtin_ord(py_obj *self PY_UNUSED, py_obj *c)
{
    py_ssize_t size;
    if (py_bytes_check(c)) {
        size = py_bytes_size(c);
        if (size == 1) return py_long_from_long((unsigned char)py_bytes_as_string(c)[0]);
    } else if (py_unicode_check(c)) {
        size = py_unicode_get_length(c);
        if (size == 1) return py_long_from_long((long)py_unicode_read_char(c, 0));
    } else if (py_bytearray_check(c)) {
        size = py_bytearray_size(c);
        if (size == 1) return py_long_from_long((unsigned char)py_bytearray_as_string(c)[0]);
    } else {
        return py_err_format(py_exc_TypeError, "ord() expected string of length 1, but %.200s found",
                             py_obj_type_name(c));
    }
    return py_err_format(py_exc_TypeError, "ord() expected a character, but string of length %zd found", size);
}

/* repr(obj, /) */
static py_obj *builtin_repr(py_obj *self PY_UNUSED, py_obj *o) { return py_object_repr(o); }

/* ====================================================================== */
/* Attributes, namespaces, types                                           */
/* ====================================================================== */

/* getattr(object, name[, default]) */
static py_obj *builtin_getattr(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("getattr", nargs, 2, 3) < 0) return NULL;
    if (nargs > 2) {
        py_obj *result;
        int r = py_object_lookup_attr(args[0], args[1], &result);
        if (r == 0) return py_new_ref(args[2]);
        return r < 0 ? NULL : result;
    }
    return py_object_get_attr(args[0], args[1]);
}

/* hasattr(obj, name, /) */
static py_obj *builtin_hasattr(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("hasattr", nargs, 2, 2) < 0) return NULL;
    py_obj *v;
    if (py_object_lookup_attr(args[0], args[1], &v) < 0) return NULL;
    if (v == NULL) return py_bool_from_long(0);
    rg_decref(v);
    return py_bool_from_long(1);
}

/* setattr(obj, name, value, /) */
static py_obj *builtin_setattr(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("setattr", nargs, 3, 3) < 0) return NULL;
    if (py_object_set_attr(args[0], args[1], args[2]) < 0) return NULL;
    return py_new_ref(py_none);
}

/* delattr(obj, name, /) */
static py_obj *builtin_delattr(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("delattr", nargs, 2, 2) < 0) return NULL;
    if (py_object_set_attr(args[0], args[1], NULL) < 0) return NULL;
    return py_new_ref(py_none);
}

/* globals() */
static py_obj *builtin_globals(py_obj *self PY_UNUSED, py_obj *unused PY_UNUSED)
{
    py_obj *d = py_eval_get_globals();
    return d ? py_new_ref(d) : no_frame();
}

/* locals() */
static py_obj *builtin_locals(py_obj *self PY_UNUSED, py_obj *unused PY_UNUSED)
{
    py_obj *d = py_eval_get_locals();
    return d ? py_new_ref(d) : no_frame();
}

/* vars([object]) (METH_VARARGS) */
static py_obj *builtin_vars(py_obj *self PY_UNUSED, py_obj *args)
{
    py_obj *v = NULL, *d;
    if (!py_arg_unpack_tuple(args, "vars", 0, 1, &v)) return NULL;
    if (v == NULL) {
        d = py_eval_get_locals();
        return d ? py_new_ref(d) : no_frame();
    }
    if (py_object_lookup_attr(v, py_id(__dict__), &d) == 0)
        py_err_set_string(py_exc_TypeError, "vars() argument must have __dict__ attribute");
    return d;
}

/* dir([object]) (METH_VARARGS): sorted(obj.__dir__()) or the sorted
 * names of the current locals. */
static py_obj *builtin_dir(py_obj *self PY_UNUSED, py_obj *args)
{
    py_obj *arg = NULL, *names;
    if (!py_arg_unpack_tuple(args, "dir", 0, 1, &arg)) return NULL;
    if (arg == NULL) {
        py_obj *locals = py_eval_get_locals();
        if (locals == NULL) return no_frame();
        names = mapping_keys_list(locals);
    } else {
        py_obj *dirfunc = py_object_lookup_special(arg, py_id(__dir__));
        if (dirfunc == NULL) {
            if (!py_err_occurred()) py_err_set_string(py_exc_TypeError, "object does not provide __dir__");
            return NULL;
        }
        py_obj *result = py_object_call_no_args(dirfunc);
        rg_decref(dirfunc);
        if (result == NULL) return NULL;
        names = py_sequence_list(result);
        rg_decref(result);
    }
    if (names == NULL) return NULL;
    if (py_list_sort(names) < 0) {
        rg_decref(names);
        return NULL;
    }
    return names;
}

/* isinstance(obj, class_or_tuple, /) */
static py_obj *builtin_isinstance(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("isinstance", nargs, 2, 2) < 0) return NULL;
    int r = py_object_is_instance(args[0], args[1]);
    return r < 0 ? NULL : py_bool_from_long(r);
}

/* issubclass(cls, class_or_tuple, /) */
static py_obj *builtin_issubclass(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("issubclass", nargs, 2, 2) < 0) return NULL;
    int r = py_object_is_subclass(args[0], args[1]);
    return r < 0 ? NULL : py_bool_from_long(r);
}

/* ====================================================================== */
/* Numbers and formatting                                                  */
/* ====================================================================== */

/* divmod(x, y, /) */
static py_obj *builtin_divmod(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("divmod", nargs, 2, 2) < 0) return NULL;
    return py_number_divmod(args[0], args[1]);
}

/* format(value, format_spec='', /) */
static py_obj *builtin_format(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("format", nargs, 1, 2) < 0) return NULL;
    if (nargs > 1 && !py_unicode_check(args[1])) {
        py_arg_bad_argument("format", "argument 2", "str", args[1]);
        return NULL;
    }
    return py_object_format(args[0], nargs > 1 ? args[1] : py_empty_str);
}

/* pow(base, exp, mod=None) */
static py_obj *builtin_pow(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"base", "exp", "mod", NULL};
    py_obj *a[3] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "pow", kwlist, 0, 2, 3, a) < 0) return NULL;
    return py_number_power(a[0], a[1], a[2] ? a[2] : py_none);
}

/* round(number, ndigits=None): type(number).__round__. */
static py_obj *builtin_round(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"number", "ndigits", NULL};
    py_obj *a[2] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "round", kwlist, 0, 1, 2, a) < 0) return NULL;
    py_obj *round = py_object_lookup_special(a[0], py_id(__round__));
    if (round == NULL) {
        if (!py_err_occurred())
            py_err_format(py_exc_TypeError, "type %.100s doesn't define __round__ method", py_obj_type_name(a[0]));
        return NULL;
    }
    py_obj *result = a[1] == NULL || a[1] == py_none ? py_object_call_no_args(round)
                                                     : py_object_call_one_arg(round, a[1]);
    rg_decref(round);
    return result;
}

/* sum's loop once result is no exact int or float: result + item, each
 * step a new object (no in-place add, bpo-18305). */
static py_obj *sum_generic(py_obj *it, py_obj *result)
{
    for (;;) {
        py_obj *item = py_iter_next(it);
        if (item == NULL) {
            if (py_err_occurred()) RG_CLEAR(result);
            return result;
        }
        py_obj *temp = py_number_add(result, item);
        rg_decref(result);
        rg_decref(item);
        result = temp;
        if (result == NULL) return NULL;
    }
}

/* sum's exact-int fast path: a C long accumulator while items are exact
 * ints (or bools) that fit.  Returns the final result, or (*done 0) the
 * sum so far as an object when an item needs the generic loop -- added
 * already. */
static py_obj *sum_ints(py_obj *it, long acc, int *done)
{
    *done = 1;
    for (;;) {
        py_obj *item = py_iter_next(it);
        if (item == NULL) return py_err_occurred() ? NULL : py_long_from_long(acc);
        if (py_long_check_exact(item) || py_bool_check(item)) {
            py_long_object *l = (py_long_object *)item;
            long b;
            int overflow = 0;
            switch (l->ob_var.size) {
            case -1: b = -(long)l->ob_digit[0]; break;
            case 0: rg_decref(item); continue;
            case 1: b = (long)l->ob_digit[0]; break;
            default: b = py_long_as_long_and_overflow(item, &overflow); break;
            }
            if (overflow == 0 && (acc >= 0 ? (b <= LONG_MAX - acc) : (b >= LONG_MIN - acc))) {
                acc += b;
                rg_decref(item);
                continue;
            }
        }
        *done = 0;
        py_obj *result = py_long_from_long(acc);
        if (result != NULL) {
            py_obj *temp = py_number_add(result, item);
            rg_decref(result);
            result = temp;
        }
        rg_decref(item);
        return result;
    }
}

/* sum's exact-float fast path: a C double while items are exact floats or
 * ints that fit in a C long; same contract as sum_ints. */
static py_obj *sum_floats(py_obj *it, double acc, int *done)
{
    *done = 1;
    for (;;) {
        py_obj *item = py_iter_next(it);
        if (item == NULL) return py_err_occurred() ? NULL : py_float_from_double(acc);
        if (py_float_check_exact(item)) {
            acc += py_float_as_double_exact(item);
            rg_decref(item);
            continue;
        }
        if (py_long_check(item)) {
            int overflow;
            long value = py_long_as_long_and_overflow(item, &overflow);
            if (!overflow) {
                acc += (double)value;
                rg_decref(item);
                continue;
            }
        }
        *done = 0;
        py_obj *result = py_float_from_double(acc);
        if (result != NULL) {
            py_obj *temp = py_number_add(result, item);
            rg_decref(result);
            result = temp;
        }
        rg_decref(item);
        return result;
    }
}

/* sum(iterable, /, start=0) */
static py_obj *builtin_sum(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    static const char *const kwlist[] = {"", "start", NULL};
    py_obj *a[2] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "sum", kwlist, 1, 1, 2, a) < 0) return NULL;
    py_obj *it = py_object_get_iter(a[0]);
    if (it == NULL) return NULL;
    py_obj *result = a[1];
    if (result == NULL) {
        result = py_long_from_long(0);
    } else {
        const char *msg = py_unicode_check(result)    ? "sum() can't sum strings [use ''.join(seq) instead]"
                          : py_bytes_check(result)     ? "sum() can't sum bytes [use b''.join(seq) instead]"
                          : py_bytearray_check(result) ? "sum() can't sum bytearray [use b''.join(seq) instead]"
                                                       : NULL;
        if (msg != NULL) {
            py_err_set_string(py_exc_TypeError, msg);
            rg_decref(it);
            return NULL;
        }
        rg_incref(result);
    }
    int done = 0;
    if (py_long_check_exact(result)) {
        int overflow;
        long acc = py_long_as_long_and_overflow(result, &overflow);
        if (overflow == 0) {
            rg_decref(result);
            result = sum_ints(it, acc, &done);
        }
    }
    if (!done && result != NULL && py_float_check_exact(result)) {
        double acc = py_float_as_double_exact(result);
        rg_decref(result);
        result = sum_floats(it, acc, &done);
    }
    if (!done && result != NULL) result = sum_generic(it, result);
    rg_decref(it);
    return result;
}

/* ====================================================================== */
/* Iteration                                                               */
/* ====================================================================== */

/* iter(object[, sentinel]) */
static py_obj *builtin_iter(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("iter", nargs, 1, 2) < 0) return NULL;
    if (nargs == 1) return py_object_get_iter(args[0]);
    if (!py_callable_check(args[0])) {
        py_err_set_string(py_exc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return py_callable_iter_new(args[0], args[1]);
}

/* next(iterator[, default]): tp_iternext directly. */
static py_obj *builtin_next(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("next", nargs, 1, 2) < 0) return NULL;
    py_obj *it = args[0];
    if (!py_iter_check(it))
        return py_err_format(py_exc_TypeError, "'%.200s' object is not an iterator", py_obj_type_name(it));
    py_obj *res = py_type_of(it)->iternext(it);
    if (res != NULL) return res;
    if (nargs > 1) {
        if (py_err_occurred()) {
            if (!py_err_exception_matches(py_exc_StopIteration)) return NULL;
            py_err_clear();
        }
        return py_new_ref(args[1]);
    }
    if (!py_err_occurred()) py_err_set_none(py_exc_StopIteration);
    return NULL;
}

/* min_max: min(iterable, *[, default=obj, key=func]) / min(a, b, *args,
 * key=func) and max (op PY_GT) (METH_VARARGS | METH_KEYWORDS). */
static py_obj *min_max(py_obj *args, py_obj *kwds, int op)
{
    static const char *const kwlist[] = {"key", "default", NULL};
    const char *name = op == PY_LT ? "min" : "max";
    py_ssize_t nargs = py_tuple_size(args);
    int positional = nargs > 1;
    if (nargs == 0)
        return py_err_format(py_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    py_obj *v = positional ? args : py_tuple_get(args, 0);
    py_obj *kw[2] = {NULL, NULL};
    if (kwds != NULL && py_arg_unpack_keywords(NULL, 0, kwds, NULL, name, kwlist, 0, 0, 0, kw) < 0) return NULL;
    py_obj *keyfunc = kw[0], *defaultval = kw[1];
    if (positional && defaultval != NULL)
        return py_err_format(py_exc_TypeError,
                             "Cannot specify a default for %s() with multiple positional arguments", name);
    py_obj *it = py_object_get_iter(v);
    if (it == NULL) return NULL;
    if (keyfunc == py_none) keyfunc = NULL;
    py_obj *maxitem = NULL, *maxval = NULL, *item;
    while ((item = py_iter_next(it)) != NULL) {
        py_obj *val;
        if (keyfunc != NULL) {
            val = py_object_call_one_arg(keyfunc, item);
            if (val == NULL) {
                rg_decref(item);
                goto fail;
            }
        } else {
            val = py_new_ref(item);
        }
        if (maxval == NULL) {
            maxitem = item;
            maxval = val;
            continue;
        }
        int cmp = py_object_rich_compare_bool(val, maxval, op);
        if (cmp < 0) {
            rg_decref(item);
            rg_decref(val);
            goto fail;
        }
        if (cmp > 0) {
            rg_decref(maxval);
            rg_decref(maxitem);
            maxval = val;
            maxitem = item;
        } else {
            rg_decref(item);
            rg_decref(val);
        }
    }
    if (py_err_occurred()) goto fail;
    if (maxval == NULL) {
        if (defaultval != NULL)
            maxitem = py_new_ref(defaultval);
        else
            py_err_format(py_exc_ValueError, "%s() arg is an empty sequence", name);
    } else {
        rg_decref(maxval);
    }
    rg_decref(it);
    return maxitem;
fail:
    rg_xdecref(maxval);
    rg_xdecref(maxitem);
    rg_decref(it);
    return NULL;
}

static py_obj *builtin_min(py_obj *self PY_UNUSED, py_obj *args, py_obj *kwds)
{
    return min_max(args, kwds, PY_LT);
}

static py_obj *builtin_max(py_obj *self PY_UNUSED, py_obj *args, py_obj *kwds)
{
    return min_max(args, kwds, PY_GT);
}

/* sorted(iterable, /, *, key=None, reverse=False): a new list, then its
 * bound sort method called with the keywords (so list.sort's messages). */
static py_obj *builtin_sorted(py_obj *self PY_UNUSED, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    if (py_arg_check_positional("sorted", nargs, 1, 1) < 0) return NULL;
    py_obj *newlist = py_sequence_list(args[0]);
    if (newlist == NULL) return NULL;
    py_obj *callable = py_object_get_attr(newlist, (py_obj *)&str_sort.ob);
    if (callable == NULL) {
        rg_decref(newlist);
        return NULL;
    }
    py_obj *v = py_object_vectorcall(callable, args + 1, 0, kwnames);
    rg_decref(callable);
    if (v == NULL) {
        rg_decref(newlist);
        return NULL;
    }
    rg_decref(v);
    return newlist;
}

/* ====================================================================== */
/* The module                                                              */
/* ====================================================================== */

#define FAST(f) {.fast = (py_cfunction_fast)(f)}
#define FASTKW(f) {.fast_kw = (f)}
#define O(f) {.o = (f)}
#define KW(f) {.kw = (f)}

/* builtin_methods, in 3.11's order (the dict's). */
static const py_method_def builtin_methods[] = {
    {"__build_class__", FASTKW(py_builtin_build_class), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\n"
     "Internal helper function used by the class statement."},
    {"__import__", FASTKW(py_builtin_import), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "__import__($module, /, name, globals=None, locals=None, fromlist=(), level=0)\n--\n\nImport a module."},
    {"abs", O(builtin_abs), PY_METH_O, "abs($module, x, /)\n--\n\nReturn the absolute value of the argument."},
    {"all", O(builtin_all), PY_METH_O,
     "all($module, iterable, /)\n--\n\nReturn True if bool(x) is True for all values x in the iterable.\n\n"
     "If the iterable is empty, return True."},
    {"any", O(builtin_any), PY_METH_O,
     "any($module, iterable, /)\n--\n\nReturn True if bool(x) is True for any x in the iterable.\n\n"
     "If the iterable is empty, return False."},
    {"ascii", O(builtin_ascii), PY_METH_O,
     "ascii($module, obj, /)\n--\n\nReturn an ASCII-only representation of an object."},
    {"bin", O(builtin_bin), PY_METH_O,
     "bin($module, number, /)\n--\n\nReturn the binary representation of an integer."},
    {"callable", O(builtin_callable), PY_METH_O,
     "callable($module, obj, /)\n--\n\nReturn whether the object is callable (i.e., some kind of function)."},
    {"chr", O(builtin_chr), PY_METH_O,
     "chr($module, i, /)\n--\n\nReturn a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."},
    {"compile", FASTKW(py_builtin_compile), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "compile($module, /, source, filename, mode, flags=0,\n        dont_inherit=False, optimize=-1, *,\n"
     "        _feature_version=-1)\n--\n\nCompile source into a code object that can be executed by exec() or eval()."},
    {"delattr", FAST(builtin_delattr), PY_METH_FASTCALL,
     "delattr($module, obj, name, /)\n--\n\nDeletes the named attribute from the given object."},
    {"dir", O(builtin_dir), PY_METH_VARARGS,
     "dir([object]) -> list of strings\n\nIf called without an argument, return the names in the current scope."},
    {"divmod", FAST(builtin_divmod), PY_METH_FASTCALL,
     "divmod($module, x, y, /)\n--\n\nReturn the tuple (x//y, x%y).  Invariant: div*y + mod == x."},
    {"eval", FAST(py_builtin_eval), PY_METH_FASTCALL,
     "eval($module, source, globals=None, locals=None, /)\n--\n\n"
     "Evaluate the given source in the context of globals and locals."},
    {"exec", FASTKW(py_builtin_exec), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "exec($module, source, globals=None, locals=None, /, *, closure=None)\n--\n\n"
     "Execute the given source in the context of globals and locals."},
    {"format", FAST(builtin_format), PY_METH_FASTCALL,
     "format($module, value, format_spec='', /)\n--\n\nReturn value.__format__(format_spec)"},
    {"getattr", FAST(builtin_getattr), PY_METH_FASTCALL,
     "getattr(object, name[, default]) -> value\n\nGet a named attribute from an object; getattr(x, 'y') is "
     "equivalent to x.y."},
    {"globals", O(builtin_globals), PY_METH_NOARGS,
     "globals($module, /)\n--\n\nReturn the dictionary containing the current scope's global variables."},
    {"hasattr", FAST(builtin_hasattr), PY_METH_FASTCALL,
     "hasattr($module, obj, name, /)\n--\n\nReturn whether the object has an attribute with the given name."},
    {"hash", O(builtin_hash), PY_METH_O, "hash($module, obj, /)\n--\n\nReturn the hash value for the given object."},
    {"hex", O(builtin_hex), PY_METH_O,
     "hex($module, number, /)\n--\n\nReturn the hexadecimal representation of an integer."},
    {"id", O(builtin_id), PY_METH_O, "id($module, obj, /)\n--\n\nReturn the identity of an object."},
    {"input", FAST(py_builtin_input), PY_METH_FASTCALL,
     "input($module, prompt='', /)\n--\n\nRead a string from standard input.  The trailing newline is stripped."},
    {"isinstance", FAST(builtin_isinstance), PY_METH_FASTCALL,
     "isinstance($module, obj, class_or_tuple, /)\n--\n\n"
     "Return whether an object is an instance of a class or of a subclass thereof."},
    {"issubclass", FAST(builtin_issubclass), PY_METH_FASTCALL,
     "issubclass($module, cls, class_or_tuple, /)\n--\n\n"
     "Return whether 'cls' is derived from another class or is the same class."},
    {"iter", FAST(builtin_iter), PY_METH_FASTCALL,
     "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\nGet an iterator from an object."},
    {"len", O(builtin_len), PY_METH_O, "len($module, obj, /)\n--\n\nReturn the number of items in a container."},
    {"locals", O(builtin_locals), PY_METH_NOARGS,
     "locals($module, /)\n--\n\nReturn a dictionary containing the current scope's local variables."},
    {"max", KW(builtin_max), PY_METH_VARARGS | PY_METH_KEYWORDS,
     "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\n"
     "With a single iterable argument, return its biggest item."},
    {"min", KW(builtin_min), PY_METH_VARARGS | PY_METH_KEYWORDS,
     "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\n"
     "With a single iterable argument, return its smallest item."},
    {"next", FAST(builtin_next), PY_METH_FASTCALL,
     "next(iterator[, default])\n\nReturn the next item from the iterator."},
    {"oct", O(builtin_oct), PY_METH_O, "oct($module, number, /)\n--\n\nReturn the octal representation of an integer."},
    {"ord", O(builtin_ord), PY_METH_O,
     "ord($module, c, /)\n--\n\nReturn the Unicode code point for a one-character string."},
    {"pow", FASTKW(builtin_pow), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "pow($module, /, base, exp, mod=None)\n--\n\nEquivalent to base**exp with 2 arguments or base**exp % mod with 3 "
     "arguments"},
    {"print", FASTKW(py_builtin_print), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "print(value, ..., sep=' ', end='\\n', file=sys.stdout, flush=False)\n\n"
     "Prints the values to a stream, or to sys.stdout by default."},
    {"repr", O(builtin_repr), PY_METH_O,
     "repr($module, obj, /)\n--\n\nReturn the canonical string representation of the object."},
    {"round", FASTKW(builtin_round), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "round($module, /, number, ndigits=None)\n--\n\nRound a number to a given precision in decimal digits."},
    {"setattr", FAST(builtin_setattr), PY_METH_FASTCALL,
     "setattr($module, obj, name, value, /)\n--\n\nSets the named attribute on the given object to the specified "
     "value."},
    {"sorted", FASTKW(builtin_sorted), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "sorted($module, iterable, /, *, key=None, reverse=False)\n--\n\n"
     "Return a new list containing all items from the iterable in ascending order."},
    {"sum", FASTKW(builtin_sum), PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "sum($module, iterable, /, start=0)\n--\n\n"
     "Return the sum of a 'start' value (default: 0) plus an iterable of numbers"},
    {"vars", O(builtin_vars), PY_METH_VARARGS,
     "vars([object]) -> dictionary\n\nWithout arguments, equivalent to locals().\n"
     "With an argument, equivalent to object.__dict__."},
    {NULL, {NULL}, 0, NULL},
};

/* open() comes after the exceptions (io's, set by _PyBuiltin_Init's caller). */
static const py_method_def open_method = {
    "open", FASTKW(py_builtin_open), PY_METH_FASTCALL | PY_METH_KEYWORDS,
    "Open file and return a stream (not supported by refgc)."};

#undef FAST
#undef FASTKW
#undef O
#undef KW

/* The built-in types by name, after None ... True (SETBUILTIN's order). */
static const struct {
    const char *name;
    py_typeinfo *type;
} builtin_types[] = {
    {"bool", &py_bool_info},       {"bytearray", &py_bytearray_info},
    {"bytes", &py_bytes_info},     {"classmethod", &py_classmethod_info},
    {"complex", &py_complex_info},
    {"dict", &py_dict_info},       {"enumerate", &py_enum_info},
    {"filter", &py_filter_info},   {"float", &py_float_info},
    {"frozenset", &py_frozenset_info}, {"property", &py_property_info},
    {"int", &py_long_info},        {"list", &py_list_info},
    {"map", &py_map_info},         {"object", &py_object_info},
    {"range", &py_range_info},     {"reversed", &py_reversed_info},
    {"set", &py_set_info},         {"slice", &py_slice_info},
    {"staticmethod", &py_staticmethod_info}, {"str", &py_str_info},
    {"super", &py_super_info},     {"tuple", &py_tuple_info},
    {"type", &py_type_info},       {"zip", &py_zip_info},
};

/* The exceptions in _PyBuiltins_AddExceptions' order, then the aliases. */
#define EXC(NAME) {#NAME, &py_exc_##NAME##_info}
static const struct {
    const char *name;
    py_typeinfo *type;
} builtin_exceptions[] = {
    EXC(BaseException), EXC(BaseExceptionGroup), EXC(Exception), EXC(GeneratorExit), EXC(KeyboardInterrupt),
    EXC(SystemExit), EXC(ArithmeticError), EXC(AssertionError), EXC(AttributeError), EXC(BufferError), EXC(EOFError),
    EXC(ImportError), EXC(LookupError), EXC(MemoryError), EXC(NameError), EXC(OSError), EXC(ReferenceError),
    EXC(RuntimeError), EXC(StopAsyncIteration), EXC(StopIteration), EXC(SyntaxError), EXC(SystemError),
    EXC(TypeError), EXC(ValueError), EXC(Warning), EXC(FloatingPointError), EXC(OverflowError),
    EXC(ZeroDivisionError), EXC(BytesWarning), EXC(DeprecationWarning), EXC(EncodingWarning),
    EXC(FutureWarning), EXC(ImportWarning), EXC(PendingDeprecationWarning), EXC(ResourceWarning),
    EXC(RuntimeWarning), EXC(SyntaxWarning), EXC(UnicodeWarning), EXC(UserWarning), EXC(BlockingIOError),
    EXC(ChildProcessError), EXC(ConnectionError), EXC(FileExistsError), EXC(FileNotFoundError),
    EXC(InterruptedError), EXC(IsADirectoryError), EXC(NotADirectoryError), EXC(PermissionError),
    EXC(ProcessLookupError), EXC(TimeoutError), EXC(IndentationError), EXC(IndexError), EXC(KeyError),
    EXC(ModuleNotFoundError), EXC(NotImplementedError), EXC(RecursionError), EXC(UnboundLocalError),
    EXC(UnicodeError), EXC(BrokenPipeError), EXC(ConnectionAbortedError), EXC(ConnectionRefusedError),
    EXC(ConnectionResetError), EXC(TabError), EXC(UnicodeDecodeError), EXC(UnicodeEncodeError),
    EXC(UnicodeTranslateError),
    {"EnvironmentError", &py_exc_OSError_info}, {"IOError", &py_exc_OSError_info},
};
#undef EXC

static const char builtins_doc[] =
    "Built-in functions, types, exceptions, and other objects.\n\n"
    "This module provides direct access to all 'built-in'\n"
    "identifiers of Python; for example, builtins.len is\n"
    "the full name for the built-in function len().\n\n"
    "This module is not normally accessed explicitly by most\n"
    "applications, but can be useful in modules that provide\n"
    "objects with the same name as a built-in value, but in\n"
    "which the built-in of that name is also needed.";

/* dict[name] = value under an interned key (PyDict_SetItemString's
 * intern, as module attribute names are); value borrowed. */
static int set_interned(py_obj *dict, const char *name, py_obj *value)
{
    py_obj *key = py_unicode_intern_from_string(name);
    if (key == NULL) return -1;
    int r = py_dict_set_item(dict, key, value);
    rg_decref(key);
    return r;
}

/* A function of the module (m_self the module, __module__ its name). */
static int add_function(py_obj *module, py_obj *dict, py_obj *modname, const py_method_def *ml)
{
    py_obj *f = py_cfunction_new(ml, module, modname);
    if (f == NULL) return -1;
    int r = set_interned(dict, ml->name, f);
    rg_decref(f);
    return r;
}

/* Fill the dict: the functions, the constants, types and exceptions. */
static int fill_builtins(py_obj *module, py_obj *dict, py_obj *modname)
{
    py_obj *doc = py_unicode_from_string(builtins_doc);
    if (doc == NULL) return -1;
    int r = py_dict_set_item(dict, py_id(__doc__), doc);
    rg_decref(doc);
    if (r < 0) return -1;
    for (const py_method_def *ml = builtin_methods; ml->name != NULL; ml++)
        if (add_function(module, dict, modname, ml) < 0) return -1;
    static const char *const const_names[] = {"None", "Ellipsis", "NotImplemented", "False", "True"};
    py_obj *const consts[] = {py_none, py_ellipsis, py_notimplemented, py_false, py_true};
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (set_interned(dict, const_names[i], consts[i]) < 0) return -1;
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (set_interned(dict, builtin_types[i].name, py_type_object_of(builtin_types[i].type)) < 0) return -1;
    if (set_interned(dict, "__debug__", py_true) < 0) return -1;
    for (size_t i = 0; i < sizeof builtin_exceptions / sizeof builtin_exceptions[0]; i++) {
        if (set_interned(dict, builtin_exceptions[i].name, py_type_object_of(builtin_exceptions[i].type)) < 0)
            return -1;
        /* ExceptionGroup (a heap class in 3.11) right before the aliases. */
        py_obj *group = py_exc_exception_group_type();
        if (strcmp(builtin_exceptions[i].name, "UnicodeTranslateError") == 0 && group != NULL &&
            set_interned(dict, "ExceptionGroup", group) < 0)
            return -1;
    }
    return add_function(module, dict, modname, &open_method);
}

/* The module, its dict filled; interp->builtins becomes that dict. */
py_obj *py_builtins_module_new(void)
{
    py_obj *name = py_unicode_intern_from_string("builtins");
    if (name == NULL) return NULL;
    py_obj *module = py_module_new(name);
    if (module == NULL) {
        rg_decref(name);
        return NULL;
    }
    py_obj *dict = py_module_get_dict(module);
    int r = fill_builtins(module, dict, name);
    rg_decref(name);
    if (r < 0) {
        rg_decref(module);
        return NULL;
    }
    PY_XSETREF(py_current->builtins, py_new_ref(dict));
    return module;
}
