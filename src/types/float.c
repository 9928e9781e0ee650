/*
 * float.c -- the float type (CPython 3.11's Objects/floatobject.c), on the
 * kernels of floatfmt.h.
 *
 * Owns: float objects (24 bytes, not GC; the engine keeps 100 dead ones
 * for reuse, as 3.11's free list), repr/str, hash, comparison with floats
 * and ints (exact), the arithmetic with Python's rules, float(x), and the
 * int operations whose result is a float (int / int, int ** -n).
 *
 * Invariants: floats are immutable.
 *
 * Must not: format or parse numbers itself (floatfmt.c does).
 */
#include <math.h>
#include <string.h>

#include "object.h"
#include "floatfmt.h"

#define FV(o) (((py_float_object *)(o))->ob_fval)

py_obj *py_float_from_double(double v)
{
    py_obj *op = rg_new(py_heap(), &py_float_info.rt);
    if (op == NULL) return py_err_no_memory();
    FV(op) = v;
    return op;
}

/* The digits of an int, for the kernels. */
static inline py_bigint int_view(py_obj *o)
{
    return py_bigint_view(((py_long_object *)o)->ob_digit, ((rg_varobject *)o)->size);
}

double py_float_as_double(py_obj *op)
{
    if (py_float_check(op)) return FV(op);
    py_number_methods *nb = py_type_of(op)->as_number;
    if (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL)) {
        py_err_format(py_exc_TypeError, "must be real number, not %.50s", py_obj_type_name(op));
        return -1;
    }
    if (nb->nb_float == NULL) {
        py_obj *res = py_number_index(op);
        if (res == NULL) return -1;
        double val = py_long_as_double(res);
        rg_decref(res);
        return val;
    }
    py_obj *res = nb->nb_float(op);
    if (res == NULL) return -1;
    if (!py_float_check(res)) {
        py_err_format(py_exc_TypeError, "%.50s.__float__ returned non-float (type %.50s)", py_obj_type_name(op),
                      py_obj_type_name(res));
        rg_decref(res);
        return -1;
    }
    double val = FV(res);
    rg_decref(res);
    return val;
}

/* convert_to_double: a float or an int operand, else NotImplemented. */
static int convert_to_double(py_obj *obj, double *dbl, py_obj **notimpl)
{
    if (py_float_check(obj)) {
        *dbl = FV(obj);
        return 0;
    }
    if (py_long_check(obj)) {
        if (py_bigint_to_double(int_view(obj), dbl) != PY_NUM_OK) {
            py_err_set_string(py_exc_OverflowError, "int too large to convert to float");
            return -1;
        }
        return 0;
    }
    *notimpl = py_new_ref(py_notimplemented);
    return 1;
}

#define CONVERT(obj, dbl)                                                                         \
    do {                                                                                          \
        py_obj *ni_ = NULL;                                                                       \
        int r_ = convert_to_double(obj, &(dbl), &ni_);                                            \
        if (r_ < 0) return NULL;                                                                  \
        if (r_ > 0) return ni_;                                                                   \
    } while (0)

/* Raise the exception a kernel status stands for. */
static py_obj *num_error(py_num_status st, const char *zerodiv_msg)
{
    switch (st) {
    case PY_NUM_ZERODIV: py_err_set_string(py_exc_ZeroDivisionError, zerodiv_msg); break;
    case PY_NUM_OVERFLOW: py_err_format(py_exc_OverflowError, "(34, 'Numerical result out of range')"); break;
    case PY_NUM_DOMAIN: py_err_format(py_exc_ValueError, "(33, 'Numerical argument out of domain')"); break;
    case PY_NUM_COMPLEX:
        py_err_set_string(py_exc_ValueError, "negative number cannot be raised to a fractional power");
        break;
    default: py_err_no_memory(); break;
    }
    return NULL;
}

/* ====================================================================== */
/* Slots                                                                   */
/* ====================================================================== */

static py_obj *float_repr(py_obj *v)
{
    char buf[PY_FLOAT_REPR_MAX];
    size_t n = py_float_repr(buf, FV(v));
    return py_unicode_from_string_and_size(buf, (py_ssize_t)n);
}

static py_hash_t float_hash(py_obj *v) { return (py_hash_t)py_float_hash(FV(v), v); }

static py_obj *float_richcompare(py_obj *v, py_obj *w, int op)
{
    double i = FV(v), j;
    int c;
    if (py_float_check(w)) {
        j = FV(w);
        if (isnan(i) || isnan(j)) c = 2;
        else c = i < j ? -1 : i > j ? 1 : 0;
    } else if (py_long_check(w)) {
        c = py_float_compare_bigint(i, int_view(w));
    } else {
        return py_new_ref(py_notimplemented);
    }
    if (c == 2) return py_bool_from_long(op == PY_NE);
    return py_bool_from_cmp(c, op);
}

static py_obj *float_add(py_obj *v, py_obj *w)
{
    double a, b;
    CONVERT(v, a);
    CONVERT(w, b);
    return py_float_from_double(a + b);
}

static py_obj *float_sub(py_obj *v, py_obj *w)
{
    double a, b;
    CONVERT(v, a);
    CONVERT(w, b);
    return py_float_from_double(a - b);
}

static py_obj *float_mul(py_obj *v, py_obj *w)
{
    double a, b;
    CONVERT(v, a);
    CONVERT(w, b);
    return py_float_from_double(a * b);
}

static py_obj *float_div(py_obj *v, py_obj *w)
{
    double a, b;
    CONVERT(v, a);
    CONVERT(w, b);
    if (b == 0.0) {
        py_err_set_string(py_exc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return py_float_from_double(a / b);
}

static py_obj *float_rem(py_obj *v, py_obj *w)
{
    double a, b, r;
    CONVERT(v, a);
    CONVERT(w, b);
    py_num_status st = py_float_mod(a, b, &r);
    if (st != PY_NUM_OK) return num_error(st, "float modulo");
    return py_float_from_double(r);
}

static py_obj *float_floor_div(py_obj *v, py_obj *w)
{
    double a, b, q;
    CONVERT(v, a);
    CONVERT(w, b);
    py_num_status st = py_float_floordiv(a, b, &q);
    if (st != PY_NUM_OK) return num_error(st, "float floor division by zero");
    return py_float_from_double(q);
}

static py_obj *float_divmod(py_obj *v, py_obj *w)
{
    double a, b, q, r;
    CONVERT(v, a);
    CONVERT(w, b);
    py_num_status st = py_float_divmod(a, b, &q, &r);
    if (st != PY_NUM_OK) return num_error(st, "float divmod()");
    py_obj *qo = py_float_from_double(q), *ro = qo ? py_float_from_double(r) : NULL;
    py_obj *t = ro ? py_tuple_pack(2, qo, ro) : NULL;
    rg_xdecref(qo);
    rg_xdecref(ro);
    return t;
}

static py_obj *float_pow(py_obj *v, py_obj *w, py_obj *z)
{
    double a, b, r;
    if (z != py_none) {
        py_err_set_string(py_exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    CONVERT(v, a);
    CONVERT(w, b);
    py_num_status st = py_float_pow(a, b, &r);
    if (st != PY_NUM_OK) return num_error(st, "0.0 cannot be raised to a negative power");
    return py_float_from_double(r);
}

static py_obj *float_neg(py_obj *v) { return py_float_from_double(-FV(v)); }
static py_obj *float_abs(py_obj *v) { return py_float_from_double(fabs(FV(v))); }
static int float_bool(py_obj *v) { return FV(v) != 0.0; }

static py_obj *float_float(py_obj *v)
{
    if (py_float_check_exact(v)) return py_new_ref(v);
    return py_float_from_double(FV(v));
}

/* int(x): truncation. */
static py_obj *float_int(py_obj *v) { return py_long_from_double(FV(v)); }

/* float(x=0.0) */
static py_obj *float_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("float", kwds) < 0) return NULL;
    py_obj *x = NULL;
    if (!py_arg_unpack_tuple(args, "float", 0, 1, &x)) return NULL;
    py_obj *r;
    if (x == NULL) {
        r = py_float_from_double(0.0);
    } else if (py_unicode_check(x)) {
        py_ssize_t len;
        const char *s = py_unicode_as_utf8_and_size(x, &len);
        double d;
        if (s == NULL) return NULL;
        py_num_status st = py_float_from_string(s, (size_t)len, &d);
        if (st == PY_NUM_INVALID) return py_err_format(py_exc_ValueError, "could not convert string to float: %R", x);
        if (st != PY_NUM_OK) return py_err_no_memory();
        r = py_float_from_double(d);
    } else if (py_float_check_exact(x)) {
        r = py_new_ref(x);
    } else {
        double d = py_float_as_double(x);
        if (d == -1.0 && py_err_occurred()) {
            if (py_err_exception_matches(py_exc_TypeError))
                py_err_format(py_exc_TypeError, "float() argument must be a string or a real number, not '%.200s'",
                              py_obj_type_name(x));
            return NULL;
        }
        r = py_float_from_double(d);
    }
    if (r == NULL || type == &py_float_info) return r;
    py_obj *o = py_type_generic_alloc(type, 0);
    if (o != NULL) FV(o) = FV(r);
    rg_decref(r);
    return o;
}

static py_obj *float_is_integer(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_bool_from_long(py_float_is_integer(FV(self)));
}

/* __trunc__ / __int__: toward zero. */
static py_obj *float_trunc_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_double(FV(self));
}
static py_obj *float_floor_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_double(floor(FV(self)));
}
static py_obj *float_ceil_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_double(ceil(FV(self)));
}

/* __round__(ndigits=None, /): an int without ndigits, else a float. */
static py_obj *float_round_meth(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("__round__", nargs, 0, 1) < 0) return NULL;
    double x = FV(self);
    if (nargs == 0 || args[0] == py_none) {
        if (!isfinite(x)) return py_long_from_double(x); /* the OverflowError / ValueError */
        return py_long_from_double(py_float_round_half_even(x));
    }
    py_ssize_t ndigits = py_number_as_ssize_t(args[0], NULL);
    if (ndigits == -1 && py_err_occurred()) return NULL;
    if (!isfinite(x)) return py_float_from_double(x);
    double r;
    py_num_status st = py_float_round(x, ndigits, &r);
    if (st == PY_NUM_OVERFLOW) {
        py_err_set_string(py_exc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    if (st != PY_NUM_OK) return py_err_no_memory();
    return py_float_from_double(r);
}

static py_obj *float_as_integer_ratio(py_obj *self, py_obj *unused)
{
    (void)unused;
    int64_t m;
    int e;
    py_num_status st = py_float_as_integer_ratio(FV(self), &m, &e);
    if (st == PY_NUM_OVERFLOW) {
        py_err_set_string(py_exc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (st == PY_NUM_INVALID) {
        py_err_set_string(py_exc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    py_obj *num = py_long_from_long_long(m), *den = py_long_from_long(1), *shift = py_long_from_long(e < 0 ? -e : e);
    py_obj *result = NULL;
    if (num != NULL && den != NULL && shift != NULL) {
        if (e >= 0) PY_SETREF(num, py_number_lshift(num, shift));
        else PY_SETREF(den, py_number_lshift(den, shift));
        if (num != NULL && den != NULL) result = py_tuple_pack(2, num, den);
    }
    rg_xdecref(num);
    rg_xdecref(den);
    rg_xdecref(shift);
    return result;
}

static py_obj *float_conjugate(py_obj *self, py_obj *unused)
{
    (void)unused;
    return float_float(self);
}

static py_obj *float_getnewargs(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *v = py_float_from_double(FV(self));
    if (v == NULL) return NULL;
    py_obj *r = py_tuple_pack(1, v);
    rg_decref(v);
    return r;
}

static py_obj *float_get_real(py_obj *self, void *closure)
{
    (void)closure;
    return float_float(self);
}
static py_obj *float_get_imag(py_obj *self, void *closure)
{
    (void)self, (void)closure;
    return py_float_from_double(0.0);
}

static const py_getset_def float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def float_methods[] = {
    {"conjugate", {.o = float_conjugate}, PY_METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", {.o = float_trunc_meth}, PY_METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", {.o = float_floor_meth}, PY_METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", {.o = float_ceil_meth}, PY_METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", {.fast = float_round_meth}, PY_METH_FASTCALL,
     "Return the Integral closest to x, rounding half toward even.\n\nWhen an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", {.o = float_as_integer_ratio}, PY_METH_NOARGS,
     "Return integer ratio.\n\nReturn a pair of integers, whose ratio is exactly equal to the original float\nand with a positive denominator.\n\nRaise OverflowError on infinities and a ValueError on NaNs."},
    {"is_integer", {.o = float_is_integer}, PY_METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", {.o = float_getnewargs}, PY_METH_NOARGS, NULL},
    {"__format__", {.o = py_float_format_meth}, PY_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

static py_number_methods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

py_typeinfo py_float_info = {
    .rt = {.name = "float", .size = sizeof(py_float_object), .freelist_capacity = 100},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_IMMUTABLETYPE,
    .doc = "Convert a string or number to a floating point number, if possible.",
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .new = float_new,
    .as_number = &float_as_number,
    .methods = float_methods,
    .getset = float_getset,
};

/* ====================================================================== */
/* int operations with float results                                       */
/* ====================================================================== */

py_obj *py_long_true_divide(py_obj *a, py_obj *b)
{
    if (!py_long_check(a) || !py_long_check(b)) return py_new_ref(py_notimplemented);
    double d;
    py_num_status st = py_bigint_true_divide(int_view(a), int_view(b), &d);
    if (st == PY_NUM_ZERODIV) {
        py_err_set_string(py_exc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    if (st == PY_NUM_OVERFLOW) {
        py_err_set_string(py_exc_OverflowError, "integer division result too large for a float");
        return NULL;
    }
    if (st != PY_NUM_OK) return py_err_no_memory();
    return py_float_from_double(d);
}

py_obj *py_long_float_power(py_obj *a, py_obj *b)
{
    double x, y;
    if (py_bigint_to_double(int_view(a), &x) != PY_NUM_OK || py_bigint_to_double(int_view(b), &y) != PY_NUM_OK) {
        py_err_set_string(py_exc_OverflowError, "int too large to convert to float");
        return NULL;
    }
    double r;
    py_num_status st = py_float_pow(x, y, &r);
    if (st != PY_NUM_OK) return num_error(st, "0.0 cannot be raised to a negative power");
    return py_float_from_double(r);
}

py_obj *py_long_float(py_obj *a)
{
    double d;
    if (py_bigint_to_double(int_view(a), &d) != PY_NUM_OK) {
        py_err_set_string(py_exc_OverflowError, "int too large to convert to float");
        return NULL;
    }
    return py_float_from_double(d);
}
