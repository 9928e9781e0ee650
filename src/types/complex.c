/*
 * complex.c -- the complex type (CPython 3.11's Objects/complexobject.c
 * and formatter_unicode.c's complex part).
 *
 * Owns: complex objects (32 bytes, not GC, no free list: 3.11 has none),
 * py_complex_from_doubles (the compiler's imaginary literals), repr/str
 * ((1+2j), 1j, (-0-0j), infj, (nan+nanj)), hash (real + 1000003 * imag,
 * unsigned), == and != with int/float/complex (ordering is NotImplemented,
 * so TypeError), + - * / with int and float operands, ** (the
 * integer-exponent path by repeated squaring for |n| <= 100, else polar
 * form; "0.0 to a negative or complex power", "complex exponentiation"),
 * abs ("absolute value too large"), -, +, bool, complex(real, imag) from
 * numbers, __complex__ and strings (3.11's grammar, underscores, messages),
 * conjugate, __getnewargs__, __complex__, __format__, real / imag.
 *
 * Invariants: complex objects are immutable.  The arithmetic follows
 * CPython's operation order exactly (Smith's division with its branches,
 * the squaring sequence of c_powu), so results agree bit for bit.
 *
 * Must not: format or parse decimal numbers itself beyond the grammar
 * (floatfmt.c converts).
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "object.h"
#include "floatfmt.h"
#include "strimpl.h"

#define CV(o) (((py_complex_object *)(o))->cval)

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

/* A complex of the given type (complex or a subclass). */
static py_obj *complex_subtype_from_c(py_typeinfo *type, py_complex c)
{
    py_obj *op;
    if (type == &py_complex_info) {
        op = rg_new(py_heap(), &py_complex_info.rt);
        if (op == NULL) return py_err_no_memory();
    } else {
        op = py_type_generic_alloc(type, 0);
        if (op == NULL) return NULL;
    }
    CV(op) = c;
    return op;
}

/* PyComplex_FromDoubles. */
py_obj *py_complex_from_doubles(double real, double imag)
{
    py_complex c = {real, imag};
    return complex_subtype_from_c(&py_complex_info, c);
}

py_obj *py_complex_from_ccomplex(py_complex c) { return complex_subtype_from_c(&py_complex_info, c); }

/* PyComplex_AsCComplex (numbers through __float__). */
py_complex py_complex_as_ccomplex(py_obj *o)
{
    if (py_complex_check(o)) return CV(o);
    py_complex c = {py_float_as_double(o), 0.0};
    return c;
}

/* ====================================================================== */
/* The arithmetic kernels (_Py_c_*)                                        */
/* ====================================================================== */

static py_complex c_sum(py_complex a, py_complex b) { return (py_complex){a.real + b.real, a.imag + b.imag}; }
static py_complex c_diff(py_complex a, py_complex b) { return (py_complex){a.real - b.real, a.imag - b.imag}; }
/* a * b. */
static py_complex c_prod(py_complex a, py_complex b)
{
    return (py_complex){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

/* a / b by Smith's method with CPython's branches; errno EDOM for b == 0. */
static py_complex c_quot(py_complex a, py_complex b)
{
    py_complex r;
    double abs_breal = b.real < 0 ? -b.real : b.real;
    double abs_bimag = b.imag < 0 ? -b.imag : b.imag;
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real;
            double denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bimag >= abs_breal) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN; /* a nan in b */
    }
    return r;
}

/* a ** b in polar form; errno EDOM for 0 to a negative or complex power. */
static py_complex c_pow(py_complex a, py_complex b)
{
    py_complex r;
    if (b.real == 0. && b.imag == 0.) {
        r.real = 1.;
        r.imag = 0.;
    } else if (a.real == 0. && a.imag == 0.) {
        if (b.imag != 0. || b.real < 0.) errno = EDOM;
        r.real = 0.;
        r.imag = 0.;
    } else {
        double vabs = hypot(a.real, a.imag);
        double len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real);
        double phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

/* x ** n (n >= 0) by repeated squaring, CPython's order of products. */
static py_complex c_powu(py_complex x, long n)
{
    py_complex r = {1.0, 0.0}, p = x;
    long mask = 1;
    while (mask > 0 && n >= mask) {
        if (n & mask) r = c_prod(r, p);
        mask <<= 1;
        p = c_prod(p, p);
    }
    return r;
}

/* x ** n for an integral n. */
static py_complex c_powi(py_complex x, long n)
{
    if (n > 0) return c_powu(x, n);
    return c_quot((py_complex){1.0, 0.0}, c_powu(x, -n));
}

/* abs(z): an infinite part wins over a nan; errno ERANGE on overflow. */
static double c_abs(py_complex z)
{
    if (!isfinite(z.real) || !isfinite(z.imag)) {
        errno = 0;
        if (isinf(z.real)) return fabs(z.real);
        if (isinf(z.imag)) return fabs(z.imag);
        return NAN;
    }
    double result = hypot(z.real, z.imag);
    errno = isfinite(result) ? 0 : ERANGE;
    return result;
}

/* ====================================================================== */
/* Slots                                                                   */
/* ====================================================================== */

/* An operand as a complex: 0, or 1 with *notimpl (NotImplemented) for a
 * type that is none of int, float, complex, or -1 with an error. */
static int to_complex(py_obj *obj, py_complex *c, py_obj **notimpl)
{
    if (py_complex_check(obj)) {
        *c = CV(obj);
        return 0;
    }
    c->imag = 0.0;
    if (py_long_check(obj)) {
        c->real = py_long_as_double(obj);
        return c->real == -1.0 && py_err_occurred() ? -1 : 0;
    }
    if (py_float_check(obj)) {
        c->real = py_float_as_double_exact(obj);
        return 0;
    }
    *notimpl = py_new_ref(py_notimplemented);
    return 1;
}

#define TO_COMPLEX(obj, c)                                                                        \
    do {                                                                                          \
        py_obj *ni_ = NULL;                                                                       \
        int r_ = to_complex(obj, &(c), &ni_);                                                     \
        if (r_ < 0) return NULL;                                                                  \
        if (r_ > 0) return ni_;                                                                   \
    } while (0)

/* repr(z) (= str(z)): the imaginary part alone when the real part is +0,
 * else (re+imj) with the imaginary part's sign always shown. */
static py_obj *complex_repr(py_obj *v)
{
    char re[PY_FLOAT_REPR_MAX + 4], im[PY_FLOAT_REPR_MAX + 4], out[2 * PY_FLOAT_REPR_MAX + 16];
    py_complex c = CV(v);
    int n;
    if (c.real == 0. && copysign(1.0, c.real) == 1.0) {
        py_float_to_string(im, c.imag, 'r', 0, 0);
        n = snprintf(out, sizeof out, "%sj", im);
    } else {
        py_float_to_string(re, c.real, 'r', 0, 0);
        py_float_to_string(im, c.imag, 'r', 0, PY_DTSF_SIGN);
        n = snprintf(out, sizeof out, "(%s%sj)", re, im);
    }
    return py_unicode_from_string_and_size(out, n);
}

/* hash(z): hash(real) + 1000003 * hash(imag) in unsigned arithmetic. */
static py_hash_t complex_hash(py_obj *v)
{
    py_uhash_t hashreal = (py_uhash_t)py_float_hash(CV(v).real, v);
    py_uhash_t hashimag = (py_uhash_t)py_float_hash(CV(v).imag, v);
    py_uhash_t combined = hashreal + 1000003UL * hashimag;
    if (combined == (py_uhash_t)-1) combined = (py_uhash_t)-2;
    return (py_hash_t)combined;
}

/* == and != with int (exactly), float and complex; else NotImplemented. */
static py_obj *complex_richcompare(py_obj *v, py_obj *w, int op)
{
    if (op != PY_EQ && op != PY_NE) return py_new_ref(py_notimplemented);
    py_complex i = CV(v);
    int equal;
    if (py_long_check(w)) {
        if (i.imag != 0.0) {
            equal = 0;
        } else {
            /* the exact float / int comparison */
            py_obj *j = py_float_from_double(i.real);
            if (j == NULL) return NULL;
            py_obj *sub = py_object_rich_compare(j, w, op);
            rg_decref(j);
            return sub;
        }
    } else if (py_float_check(w)) {
        equal = i.real == py_float_as_double_exact(w) && i.imag == 0.0;
    } else if (py_complex_check(w)) {
        equal = i.real == CV(w).real && i.imag == CV(w).imag;
    } else {
        return py_new_ref(py_notimplemented);
    }
    return py_bool_from_long(equal == (op == PY_EQ));
}

/* v + w */
static py_obj *complex_add(py_obj *v, py_obj *w)
{
    py_complex a, b;
    TO_COMPLEX(v, a);
    TO_COMPLEX(w, b);
    return py_complex_from_ccomplex(c_sum(a, b));
}

/* v - w */
static py_obj *complex_sub(py_obj *v, py_obj *w)
{
    py_complex a, b;
    TO_COMPLEX(v, a);
    TO_COMPLEX(w, b);
    return py_complex_from_ccomplex(c_diff(a, b));
}

/* v * w */
static py_obj *complex_mul(py_obj *v, py_obj *w)
{
    py_complex a, b;
    TO_COMPLEX(v, a);
    TO_COMPLEX(w, b);
    return py_complex_from_ccomplex(c_prod(a, b));
}

/* v / w: "complex division by zero". */
static py_obj *complex_div(py_obj *v, py_obj *w)
{
    py_complex a, b;
    TO_COMPLEX(v, a);
    TO_COMPLEX(w, b);
    errno = 0;
    py_complex q = c_quot(a, b);
    if (errno == EDOM) {
        py_err_set_string(py_exc_ZeroDivisionError, "complex division by zero");
        return NULL;
    }
    return py_complex_from_ccomplex(q);
}

/* v ** w (complex_pow): c_powi for small integral exponents, else c_pow. */
py_obj *py_complex_pow(py_obj *v, py_obj *w, py_obj *z)
{
    py_complex a, b, p;
    TO_COMPLEX(v, a);
    TO_COMPLEX(w, b);
    if (z != py_none) {
        py_err_set_string(py_exc_ValueError, "complex modulo");
        return NULL;
    }
    errno = 0;
    /* a small integral exponent: repeated squaring (faster, more exact) */
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0) p = c_powi(a, (long)b.real);
    else p = c_pow(a, b);
    /* Py_ADJUST_ERANGE2 */
    if (isinf(p.real) || isinf(p.imag)) {
        if (errno == 0) errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM) {
        py_err_set_string(py_exc_ZeroDivisionError, "0.0 to a negative or complex power");
        return NULL;
    }
    if (errno == ERANGE) {
        py_err_set_string(py_exc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return py_complex_from_ccomplex(p);
}

static py_obj *complex_neg(py_obj *v) { return py_complex_from_doubles(-CV(v).real, -CV(v).imag); }

/* +z: self for an exact complex. */
static py_obj *complex_pos(py_obj *v)
{
    if (py_complex_check_exact(v)) return py_new_ref(v);
    return py_complex_from_ccomplex(CV(v));
}

/* abs(z): "absolute value too large" on overflow. */
static py_obj *complex_abs(py_obj *v)
{
    double r = c_abs(CV(v));
    if (errno == ERANGE) {
        py_err_set_string(py_exc_OverflowError, "absolute value too large");
        return NULL;
    }
    return py_float_from_double(r);
}

static int complex_bool(py_obj *v) { return CV(v).real != 0.0 || CV(v).imag != 0.0; }

/* ====================================================================== */
/* complex(real=0, imag=0)                                                 */
/* ====================================================================== */

/* Python's float prefix grammar (PyOS_string_to_double with an end
 * pointer): [sign] digits [. digits] | [sign] . digits, an optional
 * exponent, or [sign] inf / infinity / nan in any case.  Returns the
 * number of chars read (0: none) and the value in *out (an overflow
 * gives an infinity). */
static size_t scan_float(const char *s, double *out)
{
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    const char *m = p;
    size_t ndig = 0;
    while (*p >= '0' && *p <= '9') p++, ndig++;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') p++, ndig++;
    }
    if (ndig == 0) {
        p = m;
        int neg = s[0] == '-';
        if (strncasecmp(p, "inf", 3) == 0) {
            p += 3;
            if (strncasecmp(p, "inity", 5) == 0) p += 5;
            *out = neg ? -INFINITY : INFINITY;
        } else if (strncasecmp(p, "nan", 3) == 0) {
            p += 3;
            *out = neg ? -NAN : NAN;
        } else {
            return 0;
        }
        return (size_t)(p - s);
    }
    if (*p == 'e' || *p == 'E') {
        const char *e = p + 1;
        if (*e == '+' || *e == '-') e++;
        if (*e >= '0' && *e <= '9') {
            while (*e >= '0' && *e <= '9') e++;
            p = e;
        }
    }
    size_t n = (size_t)(p - s);
    char stackbuf[128], *buf = n < sizeof stackbuf ? stackbuf : malloc(n + 1);
    if (buf == NULL) {
        *out = 0.0;
        return (size_t)-1;
    }
    memcpy(buf, s, n);
    buf[n] = 0;
    *out = strtod(buf, NULL); /* correctly rounded; overflow -> +-HUGE_VAL */
    if (buf != stackbuf) free(buf);
    return n;
}

static int c_isspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* complex_from_string_inner: s (NUL-terminated, len chars) as
 * <float>, <float>j, <float><signed-float>j, <float><sign>j, <sign>j, j,
 * in optional parentheses with surrounding whitespace.  0, or -1 with the
 * ValueError / MemoryError set. */
static int parse_complex(const char *s, size_t len, py_complex *out)
{
    const char *start = s;
    double x = 0.0, y = 0.0, z;
    int got_bracket = 0;
    while (c_isspace(*s)) s++;
    if (*s == '(') {
        got_bracket = 1;
        s++;
        while (c_isspace(*s)) s++;
    }
    size_t n = scan_float(s, &z);
    if (n == (size_t)-1) goto nomem;
    if (n > 0) {
        s += n;
        if (*s == '+' || *s == '-') {
            x = z;
            n = scan_float(s, &y);
            if (n == (size_t)-1) goto nomem;
            if (n > 0) {
                s += n;
            } else {
                y = *s == '+' ? 1.0 : -1.0;
                s++;
            }
            if (!(*s == 'j' || *s == 'J')) goto parse_error;
            s++;
        } else if (*s == 'j' || *s == 'J') {
            s++;
            y = z;
        } else {
            x = z;
        }
    } else {
        if (*s == '+' || *s == '-') {
            y = *s == '+' ? 1.0 : -1.0;
            s++;
        } else {
            y = 1.0;
        }
        if (!(*s == 'j' || *s == 'J')) goto parse_error;
        s++;
    }
    while (c_isspace(*s)) s++;
    if (got_bracket) {
        if (*s != ')') goto parse_error;
        s++;
        while (c_isspace(*s)) s++;
    }
    if ((size_t)(s - start) != len) goto parse_error;
    out->real = x;
    out->imag = y;
    return 0;
parse_error:
    py_err_set_string(py_exc_ValueError, "complex() arg is a malformed string");
    return -1;
nomem:
    py_err_no_memory();
    return -1;
}

/* complex(str): the str with non-ASCII spaces made ' ' and other non-ASCII
 * decimal digits ASCII and other non-ASCII chars '?' (and the end:
 * py_unicode_transform_decimal_and_space),
 * underscores between digits removed (_Py_string_to_number_with_underscores),
 * then parsed. */
static py_obj *complex_from_string(py_typeinfo *type, py_obj *v)
{
    py_ssize_t len;
    char *buf = py_unicode_transform_decimal_and_space(v, &len), *dup = buf ? malloc((size_t)len + 1) : NULL;
    py_obj *result = NULL;
    if (dup == NULL) {
        if (buf != NULL) py_err_no_memory();
        goto done;
    }
    const char *s = buf;
    if (memchr(buf, '_', (size_t)len) != NULL) {
        char prev = 0, *end = dup;
        const char *p;
        for (p = buf; *p; p++) {
            if (*p == '_') {
                if (!(prev >= '0' && prev <= '9')) break;
            } else {
                *end++ = *p;
                if (prev == '_' && !(*p >= '0' && *p <= '9')) break;
            }
            prev = *p;
        }
        if (*p != 0 || prev == '_' || p != buf + len) {
            py_err_format(py_exc_ValueError, "could not convert string to complex: %R", v);
            goto done;
        }
        *end = 0;
        s = dup;
        len = end - dup;
    }
    py_complex c;
    if (parse_complex(s, (size_t)len, &c) == 0) result = complex_subtype_from_c(type, c);
done:
    free(buf);
    free(dup);
    return result;
}

/* __complex__ of op: a new complex, or NULL with or without an error
 * (none: no such method). */
static py_obj *try_complex_special_method(py_obj *op)
{
    /* (not a py_id: __complex__ is a C keyword of GCC's) */
    py_obj *name = py_unicode_intern_from_string("__complex__");
    if (name == NULL) return NULL;
    py_obj *f = py_object_lookup_special(op, name);
    rg_decref(name);
    if (f == NULL) return NULL;
    py_obj *res = py_object_call_no_args(f);
    rg_decref(f);
    if (res == NULL || py_complex_check(res)) return res; /* (3.11 warns for a subclass) */
    py_err_format(py_exc_TypeError, "__complex__ returned non-complex (type %.200s)", py_obj_type_name(res));
    rg_decref(res);
    return NULL;
}

/* Whether o can be a part of complex(): a number or a complex. */
static int is_number(py_obj *o)
{
    py_number_methods *nb = py_type_of(o)->as_number;
    return py_complex_check(o) || (nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL));
}

/* float(o) as a double, or -1 with an error. */
static int as_real(py_obj *o, double *out)
{
    py_obj *f = py_number_float(o);
    if (f == NULL) return -1;
    *out = py_float_as_double_exact(f);
    rg_decref(f);
    return 0;
}

static const char *const complex_kwlist[] = {"real", "imag", NULL};

/* complex(real=0, imag=0) (complex_new_impl). */
static py_obj *complex_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(((py_tuple_object *)args)->ob_item, py_tuple_size(args), kwds, NULL, "complex",
                               complex_kwlist, 0, 0, 2, argv) < 0)
        return NULL;
    py_obj *r = argv[0] != NULL ? argv[0] : py_small_int(0), *i = argv[1];
    if (py_complex_check_exact(r) && i == NULL && type == &py_complex_info) return py_new_ref(r);
    if (py_unicode_check(r)) {
        if (i != NULL) {
            py_err_set_string(py_exc_TypeError, "complex() can't take second arg if first is a string");
            return NULL;
        }
        return complex_from_string(type, r);
    }
    if (i != NULL && py_unicode_check(i)) {
        py_err_set_string(py_exc_TypeError, "complex() second arg can't be a string");
        return NULL;
    }
    py_obj *own_r = try_complex_special_method(r);
    if (own_r != NULL) r = own_r;
    else if (py_err_occurred()) return NULL;
    py_complex cr = {0.0, 0.0}, ci = {0.0, 0.0};
    int cr_is_complex = 0, ci_is_complex = 0;
    if (!is_number(r)) {
        py_err_format(py_exc_TypeError, "complex() first argument must be a string or a number, not '%.200s'",
                      py_obj_type_name(r));
        rg_xdecref(own_r);
        return NULL;
    }
    if (i != NULL && !is_number(i)) {
        py_err_format(py_exc_TypeError, "complex() second argument must be a number, not '%.200s'",
                      py_obj_type_name(i));
        rg_xdecref(own_r);
        return NULL;
    }
    if (py_complex_check(r)) {
        cr = CV(r);
        cr_is_complex = 1;
        rg_xdecref(own_r);
    } else {
        int e = as_real(r, &cr.real);
        rg_xdecref(own_r);
        if (e < 0) return NULL;
    }
    if (i == NULL) {
        ci.real = cr.imag;
    } else if (py_complex_check(i)) {
        ci = CV(i);
        ci_is_complex = 1;
    } else if (as_real(i, &ci.real) < 0) {
        return NULL;
    }
    /* a complex part contributes its other component to the other side */
    if (ci_is_complex) cr.real -= ci.imag;
    if (cr_is_complex && i != NULL) ci.real += cr.imag;
    return complex_subtype_from_c(type, (py_complex){cr.real, ci.real});
}

/* ====================================================================== */
/* format(z, spec)                                                         */
/* ====================================================================== */

/* One part (re or im) laid out by py_format_number with no padding; the
 * UTF-8 result appended to w.  sign: the spec's sign rule for this part. */
static int write_part(py_unicode_writer *w, const py_format_spec *spec, char sign, double x, char type,
                      int precision, int flags)
{
    char *digits = malloc(py_float_to_string_bound(precision));
    if (digits == NULL) {
        py_err_no_memory();
        return -1;
    }
    size_t nd = py_float_to_string(digits, x, type, precision, flags);
    int negative = digits[0] == '-';
    py_format_spec part = *spec;
    part.sign = sign;
    part.width = -1;
    part.align = '<';
    part.fill = ' ';
    char *out = malloc(py_format_number_bound(&part, 0, nd));
    int r = -1;
    if (out == NULL) {
        py_err_no_memory();
    } else {
        size_t n = py_format_number(out, &part, negative, "", 0, digits + negative, nd - (size_t)negative);
        r = py_unicode_writer_write_utf8(w, out, (py_ssize_t)n);
    }
    free(out);
    free(digits);
    return r;
}

/* complex.__format__(spec) (format_complex_internal). */
static py_obj *complex_format_meth(py_obj *self, py_obj *spec)
{
    if (!py_unicode_check(spec))
        return py_err_format(py_exc_TypeError, "format() argument must be str, not %.200s", py_obj_type_name(spec));
    if (LEN(spec) == 0) return py_object_str(self);
    py_ssize_t slen;
    const char *u = py_unicode_as_utf8_and_size(spec, &slen);
    if (u == NULL) return NULL;
    py_format_spec f;
    char err[PY_FORMAT_ERR_MAX];
    if (py_format_spec_parse(u, (size_t)slen, 0, '>', "complex", &f, err) < 0) {
        py_err_set_string(py_exc_ValueError, err);
        return NULL;
    }
    char type = (char)f.type;
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default:
        if (f.type > 32 && f.type < 128)
            return py_err_format(py_exc_ValueError, "Unknown format code '%c' for object of type 'complex'",
                                 (int)f.type);
        return py_err_format(py_exc_ValueError, "Unknown format code '\\x%x' for object of type 'complex'",
                             (unsigned)f.type);
    }
    if (f.fill == '0') {
        py_err_set_string(py_exc_ValueError, "Zero padding is not allowed in complex format specifier");
        return NULL;
    }
    if (f.align == '=') {
        py_err_set_string(py_exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
        return NULL;
    }
    py_complex c = CV(self);
    int default_precision = 6, skip_re = 0, add_parens = 0, flags = 0;
    if (f.precision > 0x7fffffff) {
        py_err_set_string(py_exc_ValueError, "precision too big");
        return NULL;
    }
    int precision = (int)f.precision;
    if (f.alternate) flags |= PY_DTSF_ALT;
    if (f.no_neg_0) flags |= PY_DTSF_NO_NEG_0;
    if (type == 0) {
        type = 'r';
        default_precision = 0;
        if (c.real == 0.0 && copysign(1.0, c.real) == 1.0) skip_re = 1;
        else add_parens = 1;
    }
    if (type == 'n') type = 'g';
    if (precision < 0) precision = default_precision;
    else if (type == 'r') type = 'g';
    py_unicode_writer body;
    py_unicode_writer_init(&body);
    int e = 0;
    if (add_parens) e = py_unicode_writer_write_char(&body, '(') < 0;
    if (!e && !skip_re) e = write_part(&body, &f, f.sign, c.real, type, precision, flags) < 0;
    if (!e) e = write_part(&body, &f, skip_re ? f.sign : '+', c.imag, type, precision, flags) < 0;
    if (!e) e = py_unicode_writer_write_char(&body, 'j') < 0;
    if (!e && add_parens) e = py_unicode_writer_write_char(&body, ')') < 0;
    if (e) {
        py_unicode_writer_dealloc(&body);
        return NULL;
    }
    py_obj *s = py_unicode_writer_finish(&body);
    return s == NULL ? NULL : py__str_pad(s, f.width, f.fill, f.align);
}

/* ====================================================================== */
/* Methods and the type                                                    */
/* ====================================================================== */

static py_obj *complex_conjugate(py_obj *self, PY_UNUSED py_obj *u)
{
    return py_complex_from_doubles(CV(self).real, -CV(self).imag);
}

/* __complex__: self for an exact complex, else a plain copy. */
static py_obj *complex_complex(py_obj *self, PY_UNUSED py_obj *u) { return complex_pos(self); }

/* __getnewargs__: (real, imag). */
static py_obj *complex_getnewargs(py_obj *self, PY_UNUSED py_obj *u)
{
    py_obj *re = py_float_from_double(CV(self).real), *im = re ? py_float_from_double(CV(self).imag) : NULL;
    py_obj *t = im ? py_tuple_pack(2, re, im) : NULL;
    rg_xdecref(re);
    rg_xdecref(im);
    return t;
}

static const py_method_def complex_methods[] = {
    {"conjugate", {.o = complex_conjugate}, PY_METH_NOARGS, "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__getnewargs__", {.o = complex_getnewargs}, PY_METH_NOARGS, NULL},
    {"__format__", {.o = complex_format_meth}, PY_METH_O, "Convert to a string according to format_spec."},
    {"__complex__", {.o = complex_complex}, PY_METH_NOARGS, "Convert complex to a complex."},
    {NULL, {NULL}, 0, NULL},
};

static const py_member_def complex_members[] = {
    {"real", PY_T_DOUBLE, offsetof(py_complex_object, cval.real), PY_READONLY, "the real part of a complex number"},
    {"imag", PY_T_DOUBLE, offsetof(py_complex_object, cval.imag), PY_READONLY, "the imaginary part of a complex number"},
    {NULL, 0, 0, 0, NULL},
};

static py_number_methods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = py_complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
};

py_typeinfo py_complex_info = {
    .rt = {.name = "complex", .size = sizeof(py_complex_object)},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_IMMUTABLETYPE,
    .doc = "Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to "
           "(real + imag*1j) where imag defaults to 0.",
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .new = complex_new,
    .as_number = &complex_as_number,
    .methods = complex_methods,
    .members = complex_members,
};
