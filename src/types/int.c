/*
 * int.c -- the int type (CPython 3.11's Objects/longobject.c), on the
 * numeric kernels of bigint.h.
 *
 * Owns: int objects (24-byte header + 4 bytes per 30-bit digit, zero
 * allocated with one digit: sys.getsizeof 28, 32, 36 ...), the static
 * small ints -5..256, conversions from and to C integers and doubles,
 * hash, comparison, str/repr, int(x) and the number protocol's integer
 * operations.  bigint.h owns the arithmetic on digit arrays.
 *
 * Invariants: an int is normalized (no leading zero digit; zero has
 * ob_size 0); every int in -5..256 that this file returns is the static
 * one; ints are immutable.
 *
 * Must not: allocate an int for a small value, or keep digits anywhere
 * but in the object (scratch memory of the kernels is theirs).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>

#include "object.h"
#include "bigint.h"

/* ====================================================================== */
/* Small ints                                                              */
/* ====================================================================== */

py_long_static py_small_ints[PY_NSMALLNEGINTS + PY_NSMALLPOSINTS];

/* Reset the static small ints (interpreter start). */
void py_long_init_static(void);
void py_long_init_static(void)
{
    for (int i = 0; i < PY_NSMALLNEGINTS + PY_NSMALLPOSINTS; i++) {
        long v = i - PY_NSMALLNEGINTS;
        py_long_static *s = &py_small_ints[i];
        s->ob.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
        s->ob.ob_var.ob_base.type = &py_long_info.rt;
        s->ob.ob_var.size = v < 0 ? -1 : v > 0 ? 1 : 0;
        s->digit = (py_digit)(v < 0 ? -v : v);
    }
}

/* ====================================================================== */
/* Allocation and conversions                                              */
/* ====================================================================== */

static inline py_digit *digits_of(py_obj *o) { return ((py_long_object *)o)->ob_digit; }
static inline py_bigint view_of(py_obj *o)
{
    return py_bigint_view(((py_long_object *)o)->ob_digit, ((rg_varobject *)o)->size);
}

py_long_object *py_long_new(py_ssize_t size)
{
    size_t ndigits = (size_t)(size < 0 ? -size : size);
    if (ndigits > (size_t)PY_SSIZE_T_MAX / sizeof(py_digit) - 64) {
        py_err_set_string(py_exc_OverflowError, "too many digits in integer");
        return NULL;
    }
    /* Zero still gets one digit (3.11's _PyLong_New). */
    py_obj *o = rg_new_var(py_heap(), &py_long_info.rt, ndigits ? ndigits : 1);
    if (o == NULL) return (py_long_object *)py_err_no_memory();
    ((rg_varobject *)o)->size = size;
    return (py_long_object *)o;
}

py_long_object *py_long_normalize(py_long_object *v)
{
    v->ob_var.size = py_bigint_normalize(v->ob_digit, v->ob_var.size);
    return v;
}

/* ====================================================================== */
/* Medium values (speed)                                                   */
/* ====================================================================== */

/* Ints below 2^62 in magnitude are "medium": the fast paths of the number
 * protocol compute them in int64_t (sums and differences stay below 2^63,
 * bitwise results below 2^62; products are checked for overflow)
 * and build the result as py_long_from_long_long does -- a static small
 * int or an object of exactly the result's digits, as the kernels would. */

/* 1 and *v = the value when o (an int) is medium. */
static inline int long_medium(py_obj *o, int64_t *v)
{
    const py_digit *d = ((py_long_object *)o)->ob_digit;
    switch (((rg_varobject *)o)->size) {
    case 0: *v = 0; return 1;
    case 1: *v = (int64_t)d[0]; return 1;
    case -1: *v = -(int64_t)d[0]; return 1;
    case 2: *v = (int64_t)d[0] | ((int64_t)d[1] << PY_BIGINT_SHIFT); return 1;
    case -2: *v = -((int64_t)d[0] | ((int64_t)d[1] << PY_BIGINT_SHIFT)); return 1;
    case 3:
    case -3:
        if (d[2] >= 4) return 0; /* |v| < 2^62 */
        *v = (int64_t)d[0] | ((int64_t)d[1] << PY_BIGINT_SHIFT) | ((int64_t)d[2] << (2 * PY_BIGINT_SHIFT));
        if (((rg_varobject *)o)->size < 0) *v = -*v;
        return 1;
    default: return 0;
    }
}

/* The int for v: a static small int, or a new object of exactly its
 * digits (1 to 3). */
static py_obj *long_from_int64(int64_t v)
{
    if (v >= -PY_NSMALLNEGINTS && v < PY_NSMALLPOSINTS) return py_new_ref(py_small_int((long)v));
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    ptrdiff_t n = m < ((uint64_t)1 << PY_BIGINT_SHIFT) ? 1 : m < ((uint64_t)1 << (2 * PY_BIGINT_SHIFT)) ? 2 : 3;
    py_long_object *r = py_long_new(v < 0 ? -n : n);
    if (r == NULL) return NULL;
    for (ptrdiff_t i = 0; i < n; i++, m >>= PY_BIGINT_SHIFT) r->ob_digit[i] = (py_digit)(m & PY_BIGINT_MASK);
    return (py_obj *)r;
}

/* The int for digits[0..|size|) (normalized): a small int, or a new
 * object of exactly that many digits. */
static py_obj *long_from_digits(const py_digit *d, ptrdiff_t size)
{
    int small;
    if (size >= -1 && size <= 1) return long_from_int64(size == 0 ? 0 : size < 0 ? -(int64_t)d[0] : (int64_t)d[0]);
    if (py_bigint_is_small(py_bigint_view(d, size), &small)) return py_new_ref(py_small_int(small));
    py_long_object *v = py_long_new(size);
    if (v == NULL) return NULL;
    memcpy(v->ob_digit, d, py_bigint_ndigits(size) * sizeof(py_digit));
    return (py_obj *)v;
}

py_obj *py_long_from_long_long(long long v)
{
    if (v >= -PY_NSMALLNEGINTS && v < PY_NSMALLPOSINTS) return py_new_ref(py_small_int((long)v));
    if (v > INT64_MIN) return long_from_int64((int64_t)v);
    py_digit d[PY_BIGINT_INT64_DIGITS];
    ptrdiff_t size = py_bigint_from_int64(d, (int64_t)v);
    return long_from_digits(d, size);
}

py_obj *py_long_from_unsigned_long_long(unsigned long long v)
{
    if (v < PY_NSMALLPOSINTS) return py_new_ref(py_small_int((long)v));
    py_digit d[PY_BIGINT_INT64_DIGITS];
    ptrdiff_t size = py_bigint_from_uint64(d, (uint64_t)v);
    return long_from_digits(d, size);
}

py_obj *py_long_from_long(long v) { return py_long_from_long_long(v); }
py_obj *py_long_from_ssize_t(py_ssize_t v) { return py_long_from_long_long(v); }
py_obj *py_long_from_size_t(size_t v) { return py_long_from_unsigned_long_long(v); }

long py_long_as_long_and_overflow(py_obj *o, int *overflow)
{
    *overflow = 0;
    py_obj *v = o;
    if (!py_long_check(o)) {
        v = py_number_index(o);
        if (v == NULL) return -1;
    } else {
        rg_incref(v);
    }
    int64_t r;
    long res;
    if (py_bigint_to_int64(view_of(v), &r) == PY_NUM_OK) {
        res = (long)r;
    } else {
        *overflow = ((rg_varobject *)v)->size < 0 ? -1 : 1;
        res = -1;
    }
    rg_decref(v);
    return res;
}

long py_long_as_long(py_obj *o)
{
    int overflow;
    long r = py_long_as_long_and_overflow(o, &overflow);
    if (overflow) py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C long");
    return r;
}

py_ssize_t py_long_as_ssize_t(py_obj *o)
{
    if (!py_long_check(o)) {
        py_err_set_string(py_exc_TypeError, "an integer is required");
        return -1;
    }
    int64_t r;
    if (py_bigint_to_int64(view_of(o), &r) != PY_NUM_OK) {
        py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (py_ssize_t)r;
}

double py_long_as_double(py_obj *o)
{
    if (!py_long_check(o)) {
        py_err_set_string(py_exc_TypeError, "an integer is required");
        return -1.0;
    }
    double d;
    if (py_bigint_to_double(view_of(o), &d) != PY_NUM_OK) {
        py_err_set_string(py_exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return d;
}

py_obj *py_long_from_double(double x)
{
    if (x > -1e18 && x < 1e18) return py_long_from_long_long((long long)x);
    size_t bound = py_bigint_from_double_bound(x);
    py_digit *d = malloc((bound ? bound : 1) * sizeof(py_digit));
    if (d == NULL) return py_err_no_memory();
    ptrdiff_t size;
    py_num_status st = py_bigint_from_double(d, x, &size);
    py_obj *r = NULL;
    if (st == PY_NUM_OVERFLOW) py_err_set_string(py_exc_OverflowError, "cannot convert float infinity to integer");
    else if (st == PY_NUM_INVALID) py_err_set_string(py_exc_ValueError, "cannot convert float NaN to integer");
    else r = long_from_digits(d, size);
    free(d);
    return r;
}

int py_long_sign(const py_obj *o)
{
    py_ssize_t s = ((const rg_varobject *)o)->size;
    return s < 0 ? -1 : s > 0;
}

py_hash_t py_long_hash(py_obj *o) { return (py_hash_t)py_bigint_hash(view_of(o)); }

py_obj *py_long_to_decimal_string(py_obj *o)
{
    py_bigint v = view_of(o);
    size_t bound = py_bigint_to_decimal_bound(v);
    char stackbuf[64];
    char *buf = bound <= sizeof stackbuf ? stackbuf : malloc(bound);
    if (buf == NULL) return py_err_no_memory();
    size_t len;
    py_num_status st = py_bigint_to_decimal(buf, &len, v, PY_BIGINT_MAX_STR_DIGITS);
    py_obj *r = NULL;
    if (st == PY_NUM_OK) {
        /* a new str even for one digit (CPython fills a PyUnicode_New) */
        r = py_unicode_new((py_ssize_t)len, 127);
        if (r != NULL) memcpy(py_unicode_data(r), buf, len);
    } else if (st == PY_NUM_TOO_MANY_DIGITS) {
        py_err_format(py_exc_ValueError,
                      "Exceeds the limit (%d digits) for integer string conversion; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      PY_BIGINT_MAX_STR_DIGITS);
    } else {
        py_err_no_memory();
    }
    if (buf != stackbuf) free(buf);
    return r;
}

/* ====================================================================== */
/* The type's slots                                                        */
/* ====================================================================== */

static py_obj *long_repr(py_obj *o) { return py_long_to_decimal_string(o); }

static py_hash_t long_hash_slot(py_obj *o) { return py_long_hash(o); }

static py_obj *long_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!py_long_check(a) || !py_long_check(b)) return py_new_ref(py_notimplemented);
    int64_t x, y;
    int c;
    if (long_medium(a, &x) && long_medium(b, &y)) c = x < y ? -1 : x > y;
    else c = a == b ? 0 : py_bigint_compare(view_of(a), view_of(b));
    return py_bool_from_cmp(c, op);
}

static int long_bool(py_obj *o) { return ((rg_varobject *)o)->size != 0; }

/* int(x) of an int subclass instance, or of an exact int: an exact int. */
static py_obj *long_long(py_obj *o)
{
    if (py_long_check_exact(o)) return py_new_ref(o);
    return long_from_digits(digits_of(o), ((rg_varobject *)o)->size);
}

/* A binary kernel result into an int: scratch of `bound` digits. */
typedef ptrdiff_t (*bin_kernel)(py_digit *out, py_bigint a, py_bigint b);

static py_obj *long_binop(py_obj *a, py_obj *b, bin_kernel k, size_t bound)
{
    py_digit stackbuf[8];
    py_digit *out = bound <= 8 ? stackbuf : malloc(bound * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size = k(out, view_of(a), view_of(b));
    py_obj *r = long_from_digits(out, size);
    if (out != stackbuf) free(out);
    return r;
}

#define CHECK_BINOP(a, b)                                                                         \
    do {                                                                                          \
        if (!py_long_check(a) || !py_long_check(b)) return py_new_ref(py_notimplemented);         \
    } while (0)

static py_obj *long_add(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    int64_t x, y;
    if (long_medium(a, &x) && long_medium(b, &y)) return long_from_int64(x + y);
    return long_binop(a, b, py_bigint_add, py_bigint_add_bound(((rg_varobject *)a)->size, ((rg_varobject *)b)->size));
}

static py_obj *long_sub(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    int64_t x, y;
    if (long_medium(a, &x) && long_medium(b, &y)) return long_from_int64(x - y);
    return long_binop(a, b, py_bigint_sub, py_bigint_add_bound(((rg_varobject *)a)->size, ((rg_varobject *)b)->size));
}

/* The error of a failed kernel: MemoryError, unless Ctrl-C stopped it
 * (PY_NUM_INTERRUPTED: KeyboardInterrupt is already set).  NULL. */
static py_obj *kernel_failed(py_num_status st)
{
    if (st == PY_NUM_INTERRUPTED) return NULL;
    return py_err_no_memory();
}

static py_obj *long_mul(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    int64_t x, y, p;
    if (long_medium(a, &x) && long_medium(b, &y) && !__builtin_mul_overflow(x, y, &p) && p != INT64_MIN)
        return long_from_int64(p);
    size_t bound = py_bigint_mul_bound(((rg_varobject *)a)->size, ((rg_varobject *)b)->size);
    py_digit *out = malloc((bound ? bound : 1) * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size;
    py_obj *r = NULL;
    py_num_status st = py_bigint_mul(out, view_of(a), view_of(b), &size);
    if (st == PY_NUM_OK) r = long_from_digits(out, size);
    else kernel_failed(st);
    free(out);
    return r;
}

/* Floor division and/or modulo. */
static py_obj *long_divmod_common(py_obj *a, py_obj *b, int want_q, int want_r, const char *zeromsg)
{
    int64_t x, y;
    if (!(want_q && want_r) && long_medium(a, &x) && long_medium(b, &y) && y != 0) {
        /* C truncates; Python floors (the remainder takes the divisor's sign). */
        int64_t fq = x / y, fr = x % y;
        if (fr != 0 && ((fr < 0) != (y < 0))) {
            fq -= 1;
            fr += y;
        }
        return long_from_int64(want_q ? fq : fr);
    }
    ptrdiff_t as = ((rg_varobject *)a)->size, bs = ((rg_varobject *)b)->size;
    size_t qb = py_bigint_div_bound(as, bs), rb = py_bigint_mod_bound(as, bs);
    py_digit *q = malloc((qb ? qb : 1) * sizeof(py_digit)), *r = malloc((rb ? rb : 1) * sizeof(py_digit));
    py_obj *res = NULL;
    if (q == NULL || r == NULL) {
        py_err_no_memory();
        goto done;
    }
    ptrdiff_t qs = 0, rs = 0;
    py_num_status st = py_bigint_divmod(q, &qs, r, &rs, view_of(a), view_of(b));
    if (st == PY_NUM_ZERODIV) {
        py_err_set_string(py_exc_ZeroDivisionError, zeromsg);
        goto done;
    }
    if (st != PY_NUM_OK) {
        kernel_failed(st);
        goto done;
    }
    if (want_q && want_r) {
        py_obj *qo = long_from_digits(q, qs);
        py_obj *ro = qo ? long_from_digits(r, rs) : NULL;
        if (ro != NULL) {
            res = py_tuple_new(2);
            if (res != NULL) {
                py_tuple_set(res, 0, qo);
                py_tuple_set(res, 1, ro);
                qo = ro = NULL;
            }
        }
        rg_xdecref(qo);
        rg_xdecref(ro);
    } else if (want_q) {
        res = long_from_digits(q, qs);
    } else {
        res = long_from_digits(r, rs);
    }
done:
    free(q);
    free(r);
    return res;
}

static py_obj *long_floordiv(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    return long_divmod_common(a, b, 1, 0, "integer division or modulo by zero");
}

static py_obj *long_mod(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    return long_divmod_common(a, b, 0, 1, "integer modulo by zero");
}

static py_obj *long_divmod(py_obj *a, py_obj *b)
{
    CHECK_BINOP(a, b);
    return long_divmod_common(a, b, 1, 1, "integer division or modulo by zero");
}

static py_obj *long_neg(py_obj *o)
{
    py_long_object *v = (py_long_object *)o;
    return long_from_digits(v->ob_digit, -v->ob_var.size);
}

static py_obj *long_abs(py_obj *o)
{
    py_long_object *v = (py_long_object *)o;
    if (v->ob_var.size >= 0) return long_long(o);
    return long_neg(o);
}

static py_obj *long_invert(py_obj *o)
{
    size_t bound = py_bigint_invert_bound(((rg_varobject *)o)->size);
    py_digit *out = malloc(bound * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size = py_bigint_invert(out, view_of(o));
    py_obj *r = long_from_digits(out, size);
    free(out);
    return r;
}

/* a op b for & | ^. */
static py_obj *long_bitwise(py_obj *a, py_obj *b, char op)
{
    CHECK_BINOP(a, b);
    int64_t x, y;
    if (long_medium(a, &x) && long_medium(b, &y)) return long_from_int64(op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y));
    size_t bound = py_bigint_bitwise_bound(((rg_varobject *)a)->size, ((rg_varobject *)b)->size);
    py_digit *out = malloc(bound * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size = py_bigint_bitwise(out, view_of(a), op, view_of(b));
    py_obj *r = long_from_digits(out, size);
    free(out);
    return r;
}
static py_obj *long_and(py_obj *a, py_obj *b) { return long_bitwise(a, b, '&'); }
static py_obj *long_or(py_obj *a, py_obj *b) { return long_bitwise(a, b, '|'); }
static py_obj *long_xor(py_obj *a, py_obj *b) { return long_bitwise(a, b, '^'); }

/* a << b / a >> b. */
static py_obj *long_shift(py_obj *a, py_obj *b, int left)
{
    CHECK_BINOP(a, b);
    if (py_long_sign(b) < 0) {
        py_err_set_string(py_exc_ValueError, "negative shift count");
        return NULL;
    }
    if (py_long_sign(a) == 0) return py_new_ref(py_small_int(0));
    int64_t n;
    if (py_bigint_to_int64(view_of(b), &n) != PY_NUM_OK) {
        if (!left) return py_new_ref(py_small_int(py_long_sign(a) < 0 ? -1 : 0));
        py_err_set_string(py_exc_OverflowError, "too many digits in integer");
        return NULL;
    }
    ptrdiff_t as = ((rg_varobject *)a)->size;
    size_t bound = left ? py_bigint_lshift_bound(as, (uint64_t)n) : py_bigint_rshift_bound(as, (uint64_t)n);
    if (bound == SIZE_MAX || bound > ((size_t)1 << 40)) return py_err_no_memory();
    py_digit *out = malloc(bound * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size = left ? py_bigint_lshift(out, view_of(a), (uint64_t)n) : py_bigint_rshift(out, view_of(a), (uint64_t)n);
    py_obj *r = long_from_digits(out, size);
    free(out);
    return r;
}
static py_obj *long_lshift(py_obj *a, py_obj *b) { return long_shift(a, b, 1); }
static py_obj *long_rshift(py_obj *a, py_obj *b) { return long_shift(a, b, 0); }

/* a ** b (b >= 0; a negative b needs float, raised as not supported here)
 * and pow(a, b, m). */
static py_obj *long_pow(py_obj *a, py_obj *b, py_obj *m)
{
    CHECK_BINOP(a, b);
    if (m != py_none && !py_long_check(m)) return py_new_ref(py_notimplemented);
    py_obj *r = NULL;
    ptrdiff_t size;
    if (m != py_none) {
        if (py_long_sign(m) == 0) {
            py_err_set_string(py_exc_ValueError, "pow() 3rd argument cannot be 0");
            return NULL;
        }
        size_t bound = py_bigint_powmod_bound(((rg_varobject *)m)->size);
        py_digit *out = malloc(bound * sizeof(py_digit));
        if (out == NULL) return py_err_no_memory();
        py_num_status st = py_bigint_powmod(out, view_of(a), view_of(b), view_of(m), &size);
        if (st == PY_NUM_OK) r = long_from_digits(out, size);
        else if (st == PY_NUM_NOT_INVERTIBLE) py_err_set_string(py_exc_ValueError, "base is not invertible for the given modulus");
        else kernel_failed(st);
        free(out);
        return r;
    }
    if (py_long_sign(b) < 0) return py_long_float_power(a, b); /* a float, as CPython */
    size_t bound = py_bigint_pow_bound(view_of(a), view_of(b));
    if (bound == SIZE_MAX) return py_err_no_memory();
    py_digit *out = malloc((bound ? bound : 1) * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    py_num_status st = py_bigint_pow(out, view_of(a), view_of(b), &size);
    if (st == PY_NUM_OK) r = long_from_digits(out, size);
    else kernel_failed(st);
    free(out);
    return r;
}

static py_ssize_t long_sizeof(py_obj *o)
{
    return (py_ssize_t)py_bigint_sizeof(((rg_varobject *)o)->size);
}

/* int(x=0) / int(x, base) */
static py_obj *long_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    /* 3.11's clinic signature: int(x=0, /, base=10) */
    static const char *const kwlist[] = {"", "base", NULL};
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(py_tuple_items(args), py_tuple_size(args), kwds, NULL, "int", kwlist, 1, 0, 2,
                               argv) < 0)
        return NULL;
    py_obj *x = argv[0], *obase = argv[1];
    py_obj *r;
    if (x == NULL) {
        if (obase != NULL) return py_err_format(py_exc_TypeError, "int() missing string argument");
        r = py_new_ref(py_small_int(0));
    } else if (obase == NULL) {
        r = py_number_long(x);
    } else {
        long base = py_long_as_long(obase);
        if (base == -1 && py_err_occurred()) return NULL;
        if ((base != 0 && base < 2) || base > 36)
            return py_err_format(py_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (py_unicode_check(x)) r = py_long_from_unicode(x, (int)base);
        else if (py_bytes_check(x) || py_bytearray_check(x)) r = py_long_from_bytes_text(x, (int)base);
        else return py_err_format(py_exc_TypeError, "int() can't convert non-string with explicit base");
    }
    if (r == NULL || type == &py_long_info) return r;
    /* A subclass: copy the digits into an instance of it. */
    py_ssize_t size = ((rg_varobject *)r)->size, n = size < 0 ? -size : size;
    py_obj *o = py_type_generic_alloc(type, n ? n : 1);
    if (o != NULL) {
        ((rg_varobject *)o)->size = size;
        memcpy(digits_of(o), digits_of(r), (size_t)n * sizeof(py_digit));
    }
    rg_decref(r);
    return o;
}

/* int(text, base) of ASCII text (len bytes); the ValueError shows orig. */
static py_obj *long_from_text(const char *u, py_ssize_t len, int base, py_obj *orig)
{
    size_t bound = py_bigint_from_string_bound((size_t)len, base);
    py_digit *out = malloc((bound ? bound : 1) * sizeof(py_digit));
    if (out == NULL) return py_err_no_memory();
    ptrdiff_t size;
    size_t nd = 0;
    py_num_status st = py_bigint_from_string(out, &size, u, (size_t)len, base, PY_BIGINT_MAX_STR_DIGITS, &nd);
    py_obj *r = NULL;
    if (st == PY_NUM_OK) r = long_from_digits(out, size);
    else if (st == PY_NUM_INVALID) py_err_format(py_exc_ValueError, "invalid literal for int() with base %d: %R", base, orig);
    else if (st == PY_NUM_TOO_MANY_DIGITS)
        py_err_format(py_exc_ValueError,
                      "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      PY_BIGINT_MAX_STR_DIGITS, nd);
    else py_err_no_memory();
    free(out);
    return r;
}

py_obj *py_long_from_unicode(py_obj *s, int base)
{
    py_ssize_t len;
    char *u = py_unicode_transform_decimal_and_space(s, &len);
    if (u == NULL) return NULL;
    py_obj *r = long_from_text(u, len, base, s);
    free(u);
    return r;
}

py_obj *py_long_from_bytes_text(py_obj *b, int base)
{
    int ba = py_bytearray_check(b);
    const char *s = ba ? py_bytearray_as_string(b) : py_bytes_as_string(b);
    py_ssize_t n = ba ? py_bytearray_size(b) : py_bytes_size(b);
    /* the message shows a bytes, as _PyLong_FromBytes */
    py_obj *shown = ba ? py_bytes_from_string_and_size(s, n) : py_new_ref(b);
    if (shown == NULL) return NULL;
    py_obj *r = long_from_text(s, n, base, shown);
    rg_decref(shown);
    return r;
}

static py_obj *long_bit_length(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_unsigned_long_long(py_bigint_bit_length(view_of(self)));
}

static py_obj *long_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(long_sizeof(self));
}

/* Kernel scratch of n digits (C malloc, as the kernels' own). */
static py_digit *digit_scratch(size_t n) { return malloc((n ? n : 1) * sizeof(py_digit)); }

/* conjugate, __trunc__, __floor__, __ceil__, __int__: int(self). */
static py_obj *long_long_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return long_long(self);
}

static py_obj *long_bit_count(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_ssize_t n = ((rg_varobject *)self)->size;
    if (n < 0) n = -n;
    uint64_t count = 0;
    for (py_ssize_t i = 0; i < n; i++) count += (uint64_t)__builtin_popcount(digits_of(self)[i]);
    return py_long_from_unsigned_long_long(count);
}

static py_obj *long_as_integer_ratio(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *n = long_long(self);
    if (n == NULL) return NULL;
    py_obj *r = py_tuple_pack(2, n, py_small_int(1));
    rg_decref(n);
    return r;
}

static py_obj *long_getnewargs(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *n = long_long(self);
    if (n == NULL) return NULL;
    py_obj *r = py_tuple_pack(1, n);
    rg_decref(n);
    return r;
}

/* round(self, ndigits): self unless ndigits < 0, then self rounded to a
 * multiple of 10**-ndigits, ties to even (_PyLong_DivmodNear). */
static py_obj *long_round(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("__round__", nargs, 0, 1) < 0) return NULL;
    if (nargs == 0 || args[0] == py_none) return long_long(self);
    py_obj *ndigits = py_number_index(args[0]);
    if (ndigits == NULL) return NULL;
    if (((rg_varobject *)ndigits)->size >= 0) {
        rg_decref(ndigits);
        return long_long(self);
    }
    py_obj *neg = long_neg(ndigits);
    rg_decref(ndigits);
    if (neg == NULL) return NULL;
    py_obj *pow10 = long_pow(py_small_int(10), neg, py_none);
    rg_decref(neg);
    if (pow10 == NULL) return NULL;
    py_bigint a = view_of(self), b = view_of(pow10);
    py_digit *q = digit_scratch(py_bigint_div_bound(a.size, b.size)), *r = digit_scratch(py_bigint_mod_bound(a.size, b.size));
    py_obj *result = NULL;
    ptrdiff_t qsize, rsize;
    py_num_status st = q != NULL && r != NULL ? py_bigint_divmod_near(q, &qsize, r, &rsize, a, b) : PY_NUM_NOMEM;
    if (st == PY_NUM_OK) {
        py_obj *rem = long_from_digits(r, rsize);
        if (rem != NULL) {
            result = long_sub(self, rem);
            rg_decref(rem);
        }
    } else {
        kernel_failed(st);
    }
    free(q);
    free(r);
    rg_decref(pow10);
    return result;
}

/* The byteorder argument: 1 little, 0 big, -1 error. */
static int parse_byteorder(py_obj *o)
{
    if (o == NULL) return 0;
    if (!py_unicode_check(o)) {
        py_arg_bad_argument("to_bytes", "argument 'byteorder'", "str", o);
        return -1;
    }
    if (py_unicode_equal_to_ascii_string(o, "little")) return 1;
    if (py_unicode_equal_to_ascii_string(o, "big")) return 0;
    py_err_set_string(py_exc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

/* |self| is a power of two. */
static int magnitude_is_pow2(py_obj *self)
{
    py_ssize_t n = ((rg_varobject *)self)->size;
    if (n < 0) n = -n;
    if (n == 0) return 0;
    for (py_ssize_t i = 0; i < n - 1; i++)
        if (digits_of(self)[i] != 0) return 0;
    py_digit top = digits_of(self)[n - 1];
    return (top & (top - 1)) == 0;
}

static const char *const to_bytes_kwlist[] = {"length", "byteorder", "signed", NULL};

/* to_bytes(length=1, byteorder='big', *, signed=False) */
static py_obj *long_to_bytes(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[3];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "to_bytes", to_bytes_kwlist, 0, 0, 2, argv) < 0)
        return NULL;
    py_ssize_t length = 1;
    if (argv[0] != NULL) {
        length = py_number_as_ssize_t(argv[0], py_exc_OverflowError);
        if (length == -1 && py_err_occurred()) return NULL;
        if (length < 0) {
            py_err_set_string(py_exc_ValueError, "length argument must be non-negative");
            return NULL;
        }
    }
    int little = parse_byteorder(argv[1]);
    if (little < 0) return NULL;
    int is_signed = 0;
    if (argv[2] != NULL && (is_signed = py_object_is_true(argv[2])) < 0) return NULL;
    py_ssize_t size = ((rg_varobject *)self)->size;
    int negative = size < 0;
    if (negative && !is_signed) {
        py_err_set_string(py_exc_OverflowError, "can't convert negative int to unsigned");
        return NULL;
    }
    /* Magnitude bytes, little-endian, then two's complement if negative. */
    py_ssize_t n = negative ? -size : size;
    uint64_t bits = py_bigint_bit_length(view_of(self));
    py_obj *result = py_bytes_from_string_and_size(NULL, length);
    if (result == NULL) return NULL;
    unsigned char *out = (unsigned char *)py_bytes_as_string(result);
    int overflow = 0;
    if (length == 0) {
        overflow = size != 0;
    } else if (!is_signed || !negative) {
        overflow = bits > (uint64_t)length * 8 - (is_signed ? 1 : 0);
    } else {
        /* -2**(8L-1) fits: |v| <= 2**(8L-1), a power of two of 8L bits. */
        uint64_t width = (uint64_t)length * 8;
        overflow = bits > width || (bits == width && !magnitude_is_pow2(self));
    }
    if (overflow) {
        rg_decref(result);
        py_err_set_string(py_exc_OverflowError, "int too big to convert");
        return NULL;
    }
    uint64_t acc = 0;
    int accbits = 0;
    py_ssize_t di = 0;
    unsigned carry = 1;
    for (py_ssize_t j = 0; j < length; j++) {
        while (accbits < 8 && di < n) {
            acc |= (uint64_t)digits_of(self)[di++] << accbits;
            accbits += PY_LONG_SHIFT;
        }
        unsigned byte = (unsigned)(acc & 0xff);
        acc >>= 8;
        accbits = accbits >= 8 ? accbits - 8 : 0;
        if (negative) {
            byte = (~byte & 0xffu) + carry;
            carry = byte >> 8;
            byte &= 0xff;
        }
        out[little ? j : length - 1 - j] = (unsigned char)byte;
    }
    return result;
}

static const char *const from_bytes_kwlist[] = {"bytes", "byteorder", "signed", NULL};

/* int.from_bytes(bytes, byteorder='big', *, signed=False) */
static py_obj *long_from_bytes(py_obj *cls, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[3];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "from_bytes", from_bytes_kwlist, 0, 1, 2, argv) < 0)
        return NULL;
    int little = parse_byteorder(argv[1]);
    if (little < 0) return NULL;
    int is_signed = 0;
    if (argv[2] != NULL && (is_signed = py_object_is_true(argv[2])) < 0) return NULL;
    py_obj *bytes = py_bytes_check(argv[0]) ? py_new_ref(argv[0]) : py_object_call_one_arg(py_bytes_info.type_obj, argv[0]);
    if (bytes == NULL) return NULL;
    const unsigned char *in = (const unsigned char *)py_bytes_as_string(bytes);
    py_ssize_t len = py_bytes_size(bytes);
    int negative = is_signed && len > 0 && (in[little ? len - 1 : 0] & 0x80);
    size_t nd = ((size_t)len * 8 + PY_LONG_SHIFT - 1) / PY_LONG_SHIFT;
    py_digit *d = digit_scratch(nd);
    if (d == NULL) {
        rg_decref(bytes);
        return py_err_no_memory();
    }
    uint64_t acc = 0;
    int accbits = 0;
    size_t k = 0;
    unsigned carry = 1;
    for (py_ssize_t j = 0; j < len; j++) {
        unsigned byte = in[little ? j : len - 1 - j];
        if (negative) { /* the magnitude of a two's complement value */
            byte = (~byte & 0xffu) + carry;
            carry = byte >> 8;
            byte &= 0xff;
        }
        acc |= (uint64_t)byte << accbits;
        accbits += 8;
        if (accbits >= PY_LONG_SHIFT) {
            d[k++] = (py_digit)(acc & PY_LONG_MASK);
            acc >>= PY_LONG_SHIFT;
            accbits -= PY_LONG_SHIFT;
        }
    }
    if (accbits > 0) d[k++] = (py_digit)acc;
    ptrdiff_t size = py_bigint_normalize(d, (ptrdiff_t)k);
    /* -2**(8L-1) has the magnitude 2**(8L-1) exactly, which the carry gives. */
    py_obj *r = long_from_digits(d, negative ? -size : size);
    free(d);
    rg_decref(bytes);
    if (r != NULL && cls != py_long_info.type_obj) PY_SETREF(r, py_object_call_one_arg(cls, r));
    return r;
}

/* real, numerator: int(self); imag: 0; denominator: 1. */
static py_obj *long_get_self(py_obj *self, void *closure)
{
    (void)closure;
    return long_long(self);
}
static py_obj *long_get_zero(py_obj *self, void *closure)
{
    (void)self, (void)closure;
    return py_new_ref(py_small_int(0));
}
static py_obj *long_get_one(py_obj *self, void *closure)
{
    (void)self, (void)closure;
    return py_new_ref(py_small_int(1));
}

static const py_getset_def long_getset[] = {
    {"real", long_get_self, NULL, "the real part of a complex number", NULL},
    {"imag", long_get_zero, NULL, "the imaginary part of a complex number", NULL},
    {"numerator", long_get_self, NULL, "the numerator of a rational number in lowest terms", NULL},
    {"denominator", long_get_one, NULL, "the denominator of a rational number in lowest terms", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def long_methods[] = {
    {"conjugate", {.o = long_long_meth}, PY_METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", {.o = long_bit_length}, PY_METH_NOARGS, "Number of bits necessary to represent self in binary."},
    {"bit_count", {.o = long_bit_count}, PY_METH_NOARGS, "Number of ones in the binary representation of the absolute value of self."},
    {"to_bytes", {.fast_kw = long_to_bytes}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return an array of bytes representing an integer."},
    {"from_bytes", {.fast_kw = long_from_bytes}, PY_METH_FASTCALL | PY_METH_KEYWORDS | PY_METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", {.o = long_as_integer_ratio}, PY_METH_NOARGS, "Return integer ratio."},
    {"__trunc__", {.o = long_long_meth}, PY_METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", {.o = long_long_meth}, PY_METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", {.o = long_long_meth}, PY_METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", {.fast = long_round}, PY_METH_FASTCALL,
     "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", {.o = long_getnewargs}, PY_METH_NOARGS, NULL},
    {"__sizeof__", {.o = long_sizeof_meth}, PY_METH_NOARGS, "Returns size in memory, in bytes."},
    {"__format__", {.o = py_long_format_meth}, PY_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_number_methods py_long_as_number = {
    .nb_add = long_add,
    .nb_subtract = long_sub,
    .nb_multiply = long_mul,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = long_pow,
    .nb_negative = long_neg,
    .nb_positive = long_long,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = long_or,
    .nb_int = long_long,
    .nb_float = py_long_float,
    .nb_floor_divide = long_floordiv,
    .nb_true_divide = py_long_true_divide,
    .nb_index = long_long,
};

py_typeinfo py_long_info = {
    .rt = {.name = "int", .size = offsetof(py_long_object, ob_digit), .item_size = sizeof(py_digit)},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_LONG_SUBCLASS | PY_TPFLAGS_IMMUTABLETYPE,
    .doc = "int([x]) -> integer",
    .repr = long_repr,
    .hash = long_hash_slot,
    .richcompare = long_richcompare,
    .new = long_new,
    .sizeof_ = long_sizeof,
    .as_number = &py_long_as_number,
    .methods = long_methods,
    .getset = long_getset,
};

/* _PyLong_AsInt of an index (Argument Clinic's `int` converter). */
int py_index_as_int(py_obj *o, int *out)
{
    py_obj *index = py_number_index(o);
    if (index == NULL) return -1;
    int overflow;
    long v = py_long_as_long_and_overflow(index, &overflow);
    rg_decref(index);
    if (overflow || v > INT_MAX || v < INT_MIN) {
        py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}
