/*
 * bigint.h -- the numeric kernels of Python's int: CPython 3.11's
 * representation and arithmetic, as pure C functions on digit arrays.
 *
 * No Python objects and no refgc heap here: the int object (int.c) owns
 * allocation and exceptions, these functions own the arithmetic.  A few
 * kernels need temporaries (Karatsuba, division, pow, conversions); they
 * take them from the C library's malloc and report PY_NUM_NOMEM when it
 * fails.
 *
 * Representation (CPython's PyLongObject): a magnitude in base 2^30,
 * least significant digit first, one digit per uint32_t, and a signed size
 * like ob_size -- |size| is the number of digits, its sign is the int's
 * sign.  Normalized: the top digit is never 0, and zero has size 0.
 * sys.getsizeof(int) is py_bigint_sizeof(size).
 *
 * Results: the caller passes an output buffer of at least the digits that
 * the operation's *_bound helper returns (each function says which), and
 * gets back the result's normalized signed size.  Like CPython, which
 * allocates the bound and then long_normalize()s, the caller may allocate
 * the bound for the object itself, or compute into a scratch buffer and
 * allocate exactly.  Unless a function says otherwise, the output must not
 * overlap an input.
 *
 * Errors are statuses (py_num_status); the caller raises the exception
 * with CPython's message (each status lists the messages it stands for).
 */
#ifndef PY_BIGINT_H
#define PY_BIGINT_H

#include <stddef.h>
#include <stdint.h>

/* ====================================================================== */
/* Digits                                                                  */
/* ====================================================================== */

typedef uint32_t py_digit;          /* one digit, 30 bits used */
typedef int32_t py_sdigit;          /* a digit with a sign, for carries */
typedef uint64_t py_twodigits;      /* a product of two digits */
typedef int64_t py_stwodigits;      /* the same with a sign */

#define PY_BIGINT_SHIFT 30
#define PY_BIGINT_BASE ((py_digit)1 << PY_BIGINT_SHIFT)
#define PY_BIGINT_MASK ((py_digit)(PY_BIGINT_BASE - 1))

/* Digits of any int64_t or uint64_t (3 x 30 bits >= 64). */
#define PY_BIGINT_INT64_DIGITS 3

/* CPython 3.11's cutoffs (Objects/longobject.c). */
#define PY_BIGINT_KARATSUBA_CUTOFF 70
#define PY_BIGINT_KARATSUBA_SQUARE_CUTOFF (2 * PY_BIGINT_KARATSUBA_CUTOFF)

/* The small ints that CPython preallocates (_PY_NSMALLNEGINTS etc.). */
#define PY_BIGINT_SMALL_MIN (-5)
#define PY_BIGINT_SMALL_MAX 256

/* sys.int_info.default_max_str_digits and str_digits_check_threshold:
 * sys.set_int_max_str_digits accepts 0 (no limit) or >= the threshold. */
#define PY_BIGINT_MAX_STR_DIGITS 4300
#define PY_BIGINT_MAX_STR_DIGITS_THRESHOLD 640

/* CPython 3.11.7's ValueError messages for PY_NUM_TOO_MANY_DIGITS: int()
 * of a string (the limit, then the string's digit count) and str() of an
 * int (the limit). */
#define PY_BIGINT_MAX_STR_DIGITS_TO_INT_FMT                                                     \
    "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; use " \
    "sys.set_int_max_str_digits() to increase the limit"
#define PY_BIGINT_MAX_STR_DIGITS_TO_STR_FMT                                                     \
    "Exceeds the limit (%d digits) for integer string conversion; use "                        \
    "sys.set_int_max_str_digits() to increase the limit"

/* A read-only view of an int: CPython's (ob_digit, ob_size).  Passed by
 * value (two registers). */
typedef struct py_bigint {
    const py_digit *d; /* |size| digits, least significant first */
    ptrdiff_t size;    /* digits, negated when the int is negative */
} py_bigint;

/* The view of digits d with signed size `size`. */
static inline py_bigint py_bigint_view(const py_digit *d, ptrdiff_t size)
{
    py_bigint v = {d, size};
    return v;
}

/* |size|: the number of digits. */
static inline size_t py_bigint_ndigits(ptrdiff_t size) { return (size_t)(size < 0 ? -size : size); }

/* -a, without copying (CPython's _PyLong_Negate on a view). */
static inline py_bigint py_bigint_neg(py_bigint a)
{
    a.size = -a.size;
    return a;
}

/* |a|, without copying. */
static inline py_bigint py_bigint_abs(py_bigint a)
{
    if (a.size < 0) a.size = -a.size;
    return a;
}

/* sys.getsizeof of an int of this size in CPython 3.11 (zero counts one digit). */
static inline size_t py_bigint_sizeof(ptrdiff_t size)
{
    size_t n = py_bigint_ndigits(size);
    return 24 + 4 * (n ? n : 1);
}

/* ====================================================================== */
/* Statuses                                                                */
/* ====================================================================== */

typedef enum py_num_status {
    PY_NUM_OK = 0,
    /* MemoryError (a temporary could not be allocated) */
    PY_NUM_NOMEM,
    /* ZeroDivisionError: "integer division or modulo by zero",
     * "integer modulo by zero", "division by zero", "float division by
     * zero", "float modulo", "float divmod()", "float floor division by
     * zero", "0.0 cannot be raised to a negative power" */
    PY_NUM_ZERODIV,
    /* OverflowError: "int too large to convert to float", "integer
     * division result too large for a float", "Python int too large to
     * convert to C long", "cannot convert float infinity to integer",
     * "rounded value too large to represent", "(34, 'Numerical result out
     * of range')" */
    PY_NUM_OVERFLOW,
    /* ValueError: "invalid literal for int() with base %d: %R", "could not
     * convert string to float: %R", "cannot convert float NaN to integer" */
    PY_NUM_INVALID,
    /* ValueError: "Exceeds the limit (%d digits) for integer string
     * conversion..." (int max str digits) */
    PY_NUM_TOO_MANY_DIGITS,
    /* ValueError: "base is not invertible for the given modulus" */
    PY_NUM_NOT_INVERTIBLE,
    /* float ** float: a negative base to a fractional power; the caller
     * delegates to complex ** complex as CPython does */
    PY_NUM_COMPLEX,
    /* ValueError from a math domain error: "(33, 'Numerical argument out
     * of domain')" */
    PY_NUM_DOMAIN,
    /* py_bigint_poll_hook reported an exception (KeyboardInterrupt) during
     * a long kernel: the exception is already set, the partial result is
     * garbage and must be dropped */
    PY_NUM_INTERRUPTED,
} py_num_status;

/* Called now and then by the long kernels (multiplication, division, pow,
 * powmod): 0 to go on, or -1 with an exception set to stop them with
 * PY_NUM_INTERRUPTED.  NULL (the default): never stop.  The VM sets it to
 * py_vm_check_interrupt so that Ctrl-C interrupts long arithmetic. */
extern int (*py_bigint_poll_hook)(void);

/* 1 (exception set) when the hook says stop, else 0: for any long C loop
 * of src/types (iterators, sort), which cannot see the VM. */
static inline int py_poll_interrupt(void) { return py_bigint_poll_hook != NULL && py_bigint_poll_hook() < 0; }

/* ====================================================================== */
/* Small helpers                                                           */
/* ====================================================================== */

/* The normalized signed size of d[0..|size|): leading zero digits dropped,
 * the sign of size kept (zero has size 0). */
ptrdiff_t py_bigint_normalize(const py_digit *d, ptrdiff_t size);

/* 1 and *value set when a is one of the small ints -5..256 (CPython's
 * IS_SMALL_INT), else 0. */
int py_bigint_is_small(py_bigint a, int *value);

/* -1, 0 or 1 as a <, ==, > b. */
int py_bigint_compare(py_bigint a, py_bigint b);

/* int.bit_length(): bits of |a| (0 for zero). */
uint64_t py_bigint_bit_length(py_bigint a);

/* hash(a), exactly CPython's long_hash (modulus 2^61 - 1, -1 becomes -2). */
int64_t py_bigint_hash(py_bigint a);

/* Copy a into out (|a.size| digits); returns a.size. */
ptrdiff_t py_bigint_copy(py_digit *out, py_bigint a);

/* ====================================================================== */
/* Addition, subtraction, multiplication                                   */
/* ====================================================================== */

/* Digits for a + b or a - b: max(|a|, |b|) + 1. */
size_t py_bigint_add_bound(ptrdiff_t asize, ptrdiff_t bsize);

/* out := a + b (py_bigint_add_bound digits); out may be a.d or b.d. */
ptrdiff_t py_bigint_add(py_digit *out, py_bigint a, py_bigint b);

/* out := a - b (py_bigint_add_bound digits); out may be a.d or b.d. */
ptrdiff_t py_bigint_sub(py_digit *out, py_bigint a, py_bigint b);

/* Digits for a * b: |a| + |b|. */
size_t py_bigint_mul_bound(ptrdiff_t asize, ptrdiff_t bsize);

/* out := a * b (py_bigint_mul_bound digits): schoolbook, Karatsuba above
 * CPython's cutoffs, squaring when a and b are the same digits.
 * PY_NUM_OK or PY_NUM_NOMEM; *rsize := the result's size. */
py_num_status py_bigint_mul(py_digit *out, py_bigint a, py_bigint b, ptrdiff_t *rsize);

/* out := a * m + add for small non-negative m, add < 2^30 (|a| + 1 digits);
 * out may be a.d.  The sign of a is kept, add is added to the magnitude. */
ptrdiff_t py_bigint_mul_small(py_digit *out, py_bigint a, py_digit m, py_digit add);

/* ====================================================================== */
/* Division                                                                */
/* ====================================================================== */

/* Digits for a // b: |a| - |b| + 2 when |a| >= |b| (the floor may carry
 * one digit past the truncated quotient), else 1 (the floor is 0 or -1). */
size_t py_bigint_div_bound(ptrdiff_t asize, ptrdiff_t bsize);

/* Digits for a % b: |b|. */
size_t py_bigint_mod_bound(ptrdiff_t asize, ptrdiff_t bsize);

/* Python's divmod: q := a // b (floor), r := a % b (the sign of b).
 * q or r may be NULL when not wanted (with its size pointer).  Knuth's
 * algorithm D; one digit divisors by the short loop.
 * PY_NUM_ZERODIV when b is 0, else PY_NUM_OK or PY_NUM_NOMEM. */
py_num_status py_bigint_divmod(py_digit *q, ptrdiff_t *qsize, py_digit *r, ptrdiff_t *rsize,
                               py_bigint a, py_bigint b);

/* CPython's _PyLong_DivmodNear, for round(int, -n): a = b q + r with
 * |r| <= |b| / 2, and q even when |r| == |b| / 2.  Bounds as divmod's
 * (q: py_bigint_div_bound, r: py_bigint_mod_bound); both wanted.
 * PY_NUM_ZERODIV, PY_NUM_NOMEM or PY_NUM_OK. */
py_num_status py_bigint_divmod_near(py_digit *q, ptrdiff_t *qsize, py_digit *r, ptrdiff_t *rsize,
                                    py_bigint a, py_bigint b);

/* Truncating division by one digit 0 < m < 2^30: q := |a| / m with the
 * sign of a (|a| digits; q may be a.d); returns |a| % m.  *qsize set. */
py_digit py_bigint_divrem_small(py_digit *q, ptrdiff_t *qsize, py_bigint a, py_digit m);

/* a / b correctly rounded to the nearest double (ties to even), as
 * CPython's long_true_divide, for operands of any size.  PY_NUM_ZERODIV
 * ("division by zero"), PY_NUM_OVERFLOW ("integer division result too
 * large for a float"), PY_NUM_NOMEM, or PY_NUM_OK. */
py_num_status py_bigint_true_divide(py_bigint a, py_bigint b, double *out);

/* ====================================================================== */
/* Powers                                                                  */
/* ====================================================================== */

/* Digits for a ** e (e >= 0), or SIZE_MAX when that is beyond any
 * allocation (CPython would run out of memory: the caller raises
 * MemoryError, or OverflowError "too many digits in integer"). */
size_t py_bigint_pow_bound(py_bigint a, py_bigint e);

/* out := a ** e for e >= 0 (a negative exponent is the caller's: it makes
 * a float).  PY_NUM_OK or PY_NUM_NOMEM. */
py_num_status py_bigint_pow(py_digit *out, py_bigint a, py_bigint e, ptrdiff_t *rsize);

/* Digits for pow(a, e, m): |m|. */
size_t py_bigint_powmod_bound(ptrdiff_t msize);

/* out := pow(a, e, m), m != 0 (the caller raises "pow() 3rd argument
 * cannot be 0"); a negative e uses the inverse of a modulo m, as 3.8+.
 * The result has the sign of m.  PY_NUM_NOT_INVERTIBLE, PY_NUM_NOMEM or
 * PY_NUM_OK. */
py_num_status py_bigint_powmod(py_digit *out, py_bigint a, py_bigint e, py_bigint m,
                               ptrdiff_t *rsize);

/* ====================================================================== */
/* Shifts and bitwise operations (infinite two's complement)              */
/* ====================================================================== */

/* Digits for a << n: |a| + n / 30 + 1 (SIZE_MAX if that overflows). */
size_t py_bigint_lshift_bound(ptrdiff_t asize, uint64_t n);

/* out := a << n (a negative count is the caller's ValueError). */
ptrdiff_t py_bigint_lshift(py_digit *out, py_bigint a, uint64_t n);

/* Digits for a >> n: max(|a| - n / 30, 0) + 1. */
size_t py_bigint_rshift_bound(ptrdiff_t asize, uint64_t n);

/* out := a >> n, flooring (negative ints shift towards -infinity). */
ptrdiff_t py_bigint_rshift(py_digit *out, py_bigint a, uint64_t n);

/* Digits for a & b, a | b, a ^ b: max(|a|, |b|) + 1. */
size_t py_bigint_bitwise_bound(ptrdiff_t asize, ptrdiff_t bsize);

/* out := a op b with op '&', '|' or '^', as on infinite two's complement. */
ptrdiff_t py_bigint_bitwise(py_digit *out, py_bigint a, char op, py_bigint b);

/* Digits for ~a: |a| + 1. */
size_t py_bigint_invert_bound(ptrdiff_t asize);

/* out := ~a = -(a + 1); out may be a.d. */
ptrdiff_t py_bigint_invert(py_digit *out, py_bigint a);

/* ====================================================================== */
/* Machine integers and doubles                                            */
/* ====================================================================== */

/* out (PY_BIGINT_INT64_DIGITS) := v; returns the size. */
ptrdiff_t py_bigint_from_int64(py_digit *out, int64_t v);

/* out (PY_BIGINT_INT64_DIGITS) := v; returns the size. */
ptrdiff_t py_bigint_from_uint64(py_digit *out, uint64_t v);

/* *v := a; PY_NUM_OVERFLOW when a is outside int64_t. */
py_num_status py_bigint_to_int64(py_bigint a, int64_t *v);

/* *v := a; PY_NUM_OVERFLOW when a is negative or above UINT64_MAX (the
 * caller picks the message by the sign). */
py_num_status py_bigint_to_uint64(py_bigint a, uint64_t *v);

/* float(a): correctly rounded, ties to even; PY_NUM_OVERFLOW ("int too
 * large to convert to float") when it rounds beyond DBL_MAX. */
py_num_status py_bigint_to_double(py_bigint a, double *out);

/* Digits for int(x) (truncated): 0 for |x| < 1, else ceil(exponent / 30);
 * 0 for inf and nan. */
size_t py_bigint_from_double_bound(double x);

/* out := int(x), truncated towards zero.  PY_NUM_OVERFLOW for an
 * infinity ("cannot convert float infinity to integer"), PY_NUM_INVALID
 * for a nan ("cannot convert float NaN to integer"). */
py_num_status py_bigint_from_double(py_digit *out, double x, ptrdiff_t *rsize);

/* (m, e) with |a| = m * 2^e, 0.5 <= m < 1 (m rounded to 53 bits, ties to
 * even; m may round up to 1.0, then m = 0.5 and e + 1), CPython's
 * _PyLong_Frexp, for math.log of huge ints and the like; (0, 0) for 0.
 * The sign of a is on m. */
double py_bigint_frexp(py_bigint a, int64_t *e);

/* ====================================================================== */
/* Strings                                                                 */
/* ====================================================================== */

/* Digits enough for any int that int(s, base) can make from len chars
 * (base 0 counts as 10: prefixed literals are shorter than that). */
size_t py_bigint_from_string_bound(size_t len, int base);

/* int(s, base) by Python's rules: leading and trailing whitespace (ASCII
 * " \t\n\v\f\r"), one sign, for base 0 and the matching base a prefix 0x,
 * 0o, 0b (one underscore may follow it), single underscores between
 * digits, for base 0 no leading zeros before a nonzero decimal.  s holds
 * len bytes (ASCII; the caller transforms Unicode digits and spaces, and
 * rejects embedded NULs).  base is 0 or 2..36 (the caller checks).
 * max_str_digits is the current limit (0: none), which applies to bases
 * that are not powers of two; when it is exceeded *ndigits is the digit
 * count for the message.  Statuses: PY_NUM_INVALID, PY_NUM_TOO_MANY_DIGITS,
 * PY_NUM_NOMEM, PY_NUM_OK.  out: py_bigint_from_string_bound(len, base). */
py_num_status py_bigint_from_string(py_digit *out, ptrdiff_t *rsize, const char *s, size_t len,
                                    int base, int max_str_digits, size_t *ndigits);

/* Chars (with the sign, without a NUL) enough for str(a). */
size_t py_bigint_to_decimal_bound(py_bigint a);

/* str(a) into out (py_bigint_to_decimal_bound chars, no NUL written);
 * *len := its length.  PY_NUM_TOO_MANY_DIGITS when max_str_digits > 0 and
 * a has more decimal digits than that; PY_NUM_NOMEM; PY_NUM_OK. */
py_num_status py_bigint_to_decimal(char *out, size_t *len, py_bigint a, int max_str_digits);

/* The number of decimal digits of |a| (1 for zero), by the conversion's
 * own arithmetic; (size_t)-1 when a temporary could not be allocated. */
size_t py_bigint_decimal_digits(py_bigint a);

/* Flags of py_bigint_to_base_string. */
#define PY_BIGINT_PREFIX 1 /* 0x / 0o / 0b, as hex(), oct(), bin() and '#' */
#define PY_BIGINT_UPPER 2  /* A-F and 0X, as format(x, 'X') */

/* Chars (with sign and prefix, without a NUL) enough for a in base 2, 8 or 16. */
size_t py_bigint_to_base_string_bound(py_bigint a, int base);

/* a in base 2, 8 or 16 (no limit on digits applies) into out; returns the
 * length: hex(-255) is "-0xff" with PY_BIGINT_PREFIX. */
size_t py_bigint_to_base_string(char *out, py_bigint a, int base, int flags);

/* ====================================================================== */
/* Internal: shared by the bigint_*.c files only                          */
/* ====================================================================== */

/* What the kernels' files share and nobody else uses (defined by them
 * before including this header): assertions, scratch memory and the
 * magnitude primitives -- unsigned digit arrays, lengths as size_t. */
#ifdef PY_BIGINT_INTERNAL

#include <stdlib.h>
#include <string.h>

/* ====================================================================== */
/* Conventions                                                             */
/* ====================================================================== */

#include "os/assert.h"

/* Scratch digits from malloc (at least one, so that 0 is not a failure). */
static inline py_digit *bi_scratch(size_t n) { return (py_digit *)malloc((n ? n : 1) * sizeof(py_digit)); }

/* Floor of z / 2^30 for a signed z (an arithmetic shift, spelt portably). */
static inline py_stwodigits bi_sar(py_stwodigits z)
{
    return z >= 0 ? z >> PY_BIGINT_SHIFT : ~(~z >> PY_BIGINT_SHIFT);
}

/* Bits in a digit (0 for 0). */
static inline int bi_digit_bits(py_digit d) { return d ? 32 - __builtin_clz(d) : 0; }

/* ====================================================================== */
/* Magnitudes (bigint.c)                                                   */
/* ====================================================================== */

/* Length of d[0..n) without its leading zero digits. */
static inline size_t mag_norm(const py_digit *d, size_t n)
{
    while (n && d[n - 1] == 0) n--;
    return n;
}

/* -1, 0, 1 comparing normalized magnitudes. */
int py__mag_cmp(const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* out := a + b, na >= nb; returns the normalized length (<= na + 1). */
size_t py__mag_add(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* out := a - b, a >= b; returns the normalized length (<= na). */
size_t py__mag_sub(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* out (na + nb digits, all written) := a * b; malloc'd scratch for
 * Karatsuba.  Returns PY_NUM_OK or PY_NUM_NOMEM. */
py_num_status py__mag_mul(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* Truncating division of magnitudes, nb >= 1 and b normalized: q gets
 * na - nb + 1 digits (or na when nb is 1; q may be NULL), r gets nb digits
 * (may be NULL).  *rnonzero := whether the remainder is nonzero.
 * PY_NUM_OK or PY_NUM_NOMEM. */
py_num_status py__mag_divrem(py_digit *q, py_digit *r, int *rnonzero, const py_digit *a, size_t na,
                             const py_digit *b, size_t nb);

/* q := a / m, returns a % m (0 < m < 2^30); q may be a. */
py_digit py__mag_divrem1(py_digit *q, const py_digit *a, size_t n, py_digit m);

/* out := a << s, 0 <= s < 30 (n + 1 digits written); returns the carry digit. */
py_digit py__mag_lshift_bits(py_digit *out, const py_digit *a, size_t n, int s);

/* out := a >> s, 0 <= s < 30 (n digits written); returns the bits shifted out. */
py_digit py__mag_rshift_bits(py_digit *out, const py_digit *a, size_t n, int s);

/* Bits of a normalized magnitude. */
uint64_t py__mag_bits(const py_digit *a, size_t n);

#endif /* PY_BIGINT_INTERNAL */

#endif /* PY_BIGINT_H */
