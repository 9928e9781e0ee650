/*
 * float.c -- the float type (CPython 3.11's Objects/floatobject.c), on the
 * kernels of floatfmt.h.
 *
 * Owns: float objects (24 bytes, not GC; the engine keeps 100 dead ones
 * for reuse, as 3.11's free list), repr/str, hash, comparison with floats
 * and ints (exact), the arithmetic with Python's rules, float(x), and the
 * int operations whose result is a float (int / int, int ** -n), float.hex
 * and float.fromhex (CPython's bit-level algorithms, correctly rounded),
 * float.__getformat__.
 *
 * Invariants: floats are immutable.
 *
 * Must not: format or parse decimal numbers itself (floatfmt.c does).
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <strings.h>

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
    /* a negative number to a fractional power is complex */
    if (st == PY_NUM_COMPLEX) return py_complex_pow(v, w, z);
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
        char *s = py_unicode_transform_decimal_and_space(x, &len);
        double d;
        if (s == NULL) return NULL;
        /* an embedded NUL is never part of a number */
        py_num_status st = memchr(s, 0, (size_t)len) ? PY_NUM_INVALID : py_float_from_string(s, (size_t)len, &d);
        free(s);
        if (st == PY_NUM_INVALID) return py_err_format(py_exc_ValueError, "could not convert string to float: %R", x);
        if (st != PY_NUM_OK) return py_err_no_memory();
        r = py_float_from_double(d);
    } else if (py_bytes_check(x) || py_bytearray_check(x)) {
        int ba = py_bytearray_check(x);
        const char *s = ba ? py_bytearray_as_string(x) : py_bytes_as_string(x);
        size_t len = (size_t)(ba ? py_bytearray_size(x) : py_bytes_size(x));
        double d;
        py_num_status st = memchr(s, 0, len) ? PY_NUM_INVALID : py_float_from_string(s, len, &d);
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

/* ====================================================================== */
/* hex, fromhex, __getformat__                                             */
/* ====================================================================== */

/* float.hex(): [-]0x<h>.<13 hex digits>p<sign><exp>, the leading digit 1
 * (0 for subnormals); inf / nan as repr(). */
static py_obj *float_hex(py_obj *self, PY_UNUSED py_obj *u)
{
    double x = FV(self), m;
    if (isnan(x) || isinf(x)) return float_repr(self);
    if (x == 0.0) return py_unicode_from_string(copysign(1.0, x) == -1.0 ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char s[20];
    int si = 0;
    static const char hexdigits[] = "0123456789abcdef";
    s[si++] = hexdigits[(int)m];
    m -= (int)m;
    s[si++] = '.';
    for (int i = 0; i < 13; i++) { /* (TOHEX_NBITS - 1) / 4 digits: 52 bits */
        m *= 16.0;
        s[si++] = hexdigits[(int)m];
        m -= (int)m;
    }
    s[si] = 0;
    return py_unicode_from_format("%s0x%sp%c%d", x < 0.0 ? "-" : "", s, e < 0 ? '-' : '+', e < 0 ? -e : e);
}

static int hex_from_char(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int c_isspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* [sign] inf / infinity / nan (any case) at s: chars read (0: none). */
static size_t parse_inf_or_nan(const char *s, double *x)
{
    const char *p = s;
    int negate = *p == '-';
    if (*p == '-' || *p == '+') p++;
    if (strncasecmp(p, "inf", 3) == 0) {
        p += 3;
        if (strncasecmp(p, "inity", 5) == 0) p += 5;
        *x = negate ? -INFINITY : INFINITY;
    } else if (strncasecmp(p, "nan", 3) == 0) {
        p += 3;
        *x = negate ? -NAN : NAN;
    } else {
        return 0;
    }
    return (size_t)(p - s);
}

/* float.fromhex(string) (a class method): the hex string correctly rounded
 * (half to even), CPython's float_fromhex step for step. */
static py_obj *float_fromhex(py_obj *type, py_obj *string)
{
    double x;
    long exp, top_exp, lsb, key_digit;
    const char *s, *coeff_start, *s_store, *coeff_end, *s_end;
    int half_eps, digit, round_up, negate = 0;
    py_ssize_t length, ndigits, fdigits, i;
    if (!py_unicode_check(string)) {
        py_err_set_string(py_exc_TypeError, "bad argument type for built-in operation");
        return NULL;
    }
    s = py_unicode_as_utf8_and_size(string, &length);
    if (s == NULL) return NULL;
    s_end = s + length;
    while (c_isspace(*s)) s++;
    size_t special = parse_inf_or_nan(s, &x);
    if (special > 0) {
        s += special;
        goto finished;
    }
    if (*s == '-') {
        s++;
        negate = 1;
    } else if (*s == '+') {
        s++;
    }
    s_store = s;
    if (*s == '0') {
        s++;
        if (*s == 'x' || *s == 'X') s++;
        else s = s_store;
    }
    coeff_start = s;
    while (hex_from_char(*s) >= 0) s++;
    s_store = s;
    if (*s == '.') {
        s++;
        while (hex_from_char(*s) >= 0) s++;
        coeff_end = s - 1;
    } else {
        coeff_end = s;
    }
    ndigits = coeff_end - coeff_start;
    fdigits = coeff_end - s_store;
    if (ndigits == 0) goto parse_error;
    {
        long lim1 = DBL_MIN_EXP - DBL_MANT_DIG - LONG_MIN / 2, lim2 = LONG_MAX / 2 + 1 - DBL_MAX_EXP;
        if (ndigits > (lim1 < lim2 ? lim1 : lim2) / 4) {
            py_err_set_string(py_exc_ValueError, "hexadecimal string too long to convert");
            return NULL;
        }
    }
    if (*s == 'p' || *s == 'P') {
        s++;
        const char *exp_start = s;
        if (*s == '-' || *s == '+') s++;
        if (!('0' <= *s && *s <= '9')) goto parse_error;
        s++;
        while ('0' <= *s && *s <= '9') s++;
        exp = strtol(exp_start, NULL, 10);
    } else {
        exp = 0;
    }
#define HEX_DIGIT(j) hex_from_char(*((j) < fdigits ? coeff_end - (j) : coeff_end - 1 - (j)))
    while (ndigits > 0 && HEX_DIGIT(ndigits - 1) == 0) ndigits--;
    if (ndigits == 0 || exp < LONG_MIN / 2) {
        x = 0.0;
        goto finished;
    }
    if (exp > LONG_MAX / 2) goto overflow_error;
    exp = exp - 4 * (long)fdigits;
    top_exp = exp + 4 * ((long)ndigits - 1);
    for (digit = HEX_DIGIT(ndigits - 1); digit != 0; digit /= 2) top_exp++;
    if (top_exp < DBL_MIN_EXP - DBL_MANT_DIG) {
        x = 0.0;
        goto finished;
    }
    if (top_exp > DBL_MAX_EXP) goto overflow_error;
    lsb = (top_exp > DBL_MIN_EXP ? top_exp : DBL_MIN_EXP) - DBL_MANT_DIG;
    x = 0.0;
    if (exp >= lsb) {
        for (i = ndigits - 1; i >= 0; i--) x = 16.0 * x + HEX_DIGIT(i);
        x = ldexp(x, (int)exp);
        goto finished;
    }
    half_eps = 1 << (int)((lsb - exp - 1) % 4);
    key_digit = (lsb - exp - 1) / 4;
    for (i = ndigits - 1; i > key_digit; i--) x = 16.0 * x + HEX_DIGIT(i);
    digit = HEX_DIGIT(key_digit);
    x = 16.0 * x + (double)(digit & (16 - 2 * half_eps));
    if ((digit & half_eps) != 0) {
        round_up = 0;
        if ((digit & (3 * half_eps - 1)) != 0 ||
            (half_eps == 8 && key_digit + 1 < ndigits && (HEX_DIGIT(key_digit + 1) & 1) != 0)) {
            round_up = 1;
        } else {
            for (i = key_digit - 1; i >= 0; i--) {
                if (HEX_DIGIT(i) != 0) {
                    round_up = 1;
                    break;
                }
            }
        }
        if (round_up) {
            x += 2 * half_eps;
            if (top_exp == DBL_MAX_EXP && x == ldexp((double)(2 * half_eps), DBL_MANT_DIG)) goto overflow_error;
        }
    }
    x = ldexp(x, (int)(exp + 4 * key_digit));
#undef HEX_DIGIT
finished:
    while (c_isspace(*s)) s++;
    if (s != s_end) goto parse_error;
    py_obj *result = py_float_from_double(negate ? -x : x);
    if (result != NULL && py_typeinfo_of(type) != &py_float_info) PY_SETREF(result, py_object_call_one_arg(type, result));
    return result;
overflow_error:
    py_err_set_string(py_exc_OverflowError, "hexadecimal value too large to represent as a float");
    return NULL;
parse_error:
    py_err_set_string(py_exc_ValueError, "invalid hexadecimal floating-point string");
    return NULL;
}

/* float.__getformat__(typestr) (a class method): the C double's layout. */
static py_obj *float_getformat(PY_UNUSED py_obj *type, py_obj *arg)
{
    if (!py_unicode_check(arg)) {
        py_arg_bad_argument("__getformat__", "argument", "str", arg);
        return NULL;
    }
    const char *t = py_unicode_as_utf8(arg);
    if (t == NULL) return NULL;
    if (strcmp(t, "double") != 0 && strcmp(t, "float") != 0) {
        py_err_set_string(py_exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return NULL;
    }
    return py_unicode_from_string("IEEE, little-endian");
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
    {"hex", {.o = float_hex}, PY_METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"fromhex", {.o = float_fromhex}, PY_METH_O | PY_METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"__getformat__", {.o = float_getformat}, PY_METH_O | PY_METH_CLASS,
     "You probably don't want to use this function."},
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
