/*
 * floatfmt.h -- the numeric kernels of Python's float: repr() (the
 * shortest string that round-trips), PyOS_double_to_string's formatting
 * ('e', 'f', 'g', 'r' and flags), format() with a format spec (the spec
 * parser and the number layout are shared with int's __format__),
 * round(x, n) correctly rounded, float() of a string, hash(), and the
 * arithmetic with Python's rules: //, %, divmod, **.
 *
 * Pure C on doubles: no Python objects, no refgc heap.  The decimal
 * conversions are the C library's snprintf and strtod (correctly rounded
 * in glibc), driven so that the results are exactly CPython's (its
 * Python/dtoa.c modes 0, 2 and 3), in the "C" locale.
 */
#ifndef PY_FLOATFMT_H
#define PY_FLOATFMT_H

#include <stddef.h>
#include <stdint.h>

#include "bigint.h" /* py_num_status, py_bigint */

/* ====================================================================== */
/* Decimal digits                                                          */
/* ====================================================================== */

/* Room for py_float_digits' digits in any mode (a double has at most 767
 * significant decimal digits; mode 3 adds up to 309 integer digits). */
#define PY_FLOAT_DIGITS_MAX 1200

/* Decimal digits of |x| (finite) as _Py_dg_dtoa returns them: no leading
 * or trailing zeros, |x| = 0.DIGITS x 10^decpt, *sign set for a negative
 * x (or -0.0).  mode 0: the shortest string that rounds to x (the nearest
 * of those when several); mode 2: ndigits >= 1 significant digits,
 * rounded half to even; mode 3: ndigits digits after the decimal point
 * (ndigits >= 0), rounded half to even, and no digits at all when that is
 * 0.  Zero gives "0" with decpt 1.  digits holds PY_FLOAT_DIGITS_MAX
 * chars; returns the number of digits (no NUL written). */
size_t py_float_digits(double x, int mode, int ndigits, char *digits, int *decpt, int *sign);

/* ====================================================================== */
/* repr() and PyOS_double_to_string                                        */
/* ====================================================================== */

/* Flags of py_float_to_string (CPython's Py_DTSF_*). */
#define PY_DTSF_SIGN 0x01      /* always a sign */
#define PY_DTSF_ADD_DOT_0 0x02 /* "1.0", not "1", when the result looks like an int */
#define PY_DTSF_ALT 0x04       /* '#': keep the point and, for 'g', trailing zeros */
#define PY_DTSF_NO_NEG_0 0x08  /* 'z': -0.0 (and what rounds to it) loses its sign */

/* Longest repr(): "-2.2250738585072014e-308" and a NUL fit. */
#define PY_FLOAT_REPR_MAX 32

/* repr(x) (and str(x)) into buf, NUL-terminated; returns its length. */
size_t py_float_repr(char *buf, double x);

/* Chars (with a NUL) enough for py_float_to_string with this precision. */
size_t py_float_to_string_bound(int precision);

/* PyOS_double_to_string(x, type, precision, flags): type 'e', 'E', 'f',
 * 'F', 'g', 'G' with precision >= 0 (as the caller's default already
 * applied), or 'r' (repr's digits; precision ignored).  Infinities and
 * nans are "inf", "nan" ("INF", "NAN" for upper-case types; a nan has no
 * sign).  Writes a NUL; returns the length. */
size_t py_float_to_string(char *buf, double x, char type, int precision, int flags);

/* ====================================================================== */
/* Format specs: format(x, spec)                                           */
/* ====================================================================== */

/* A parsed standard format spec (Python/formatter_unicode.c's
 * InternalFormatSpec): [[fill]align][sign][z][#][0][width][grouping]
 * [.precision][type]. */
typedef struct py_format_spec {
    uint32_t fill;        /* code point; ' ' unless given */
    char align;           /* '<', '>', '=', '^' (the default when not given) */
    char sign;            /* '+', '-', ' ', or 0 */
    char no_neg_0;        /* 'z' given */
    char alternate;       /* '#' given */
    char thousands;       /* ',' or '_' (every 3 digits), '4' for '_' every 4
                           * digits (b, o, x, X), or 0 */
    ptrdiff_t width;      /* -1: not given */
    ptrdiff_t precision;  /* -1: not given */
    uint32_t type;        /* presentation type code point, 0: not given */
} py_format_spec;

/* Room for a ValueError message of the spec functions. */
#define PY_FORMAT_ERR_MAX 320

/* Parse spec (UTF-8, len bytes) as CPython 3.11's
 * parse_internal_render_format_spec, with the type's default type and
 * alignment ('>' for numbers).  type_name is for the messages.  Returns 0,
 * or -1 with the ValueError's message in err ("Format specifier missing
 * precision", "Cannot specify ',' with 's'.", "Invalid format specifier
 * '...' for object of type '...'", "Too many decimal digits in format
 * string", "Cannot specify both ',' and '_'."); ASCII digits only for the
 * width and precision. */
int py_format_spec_parse(const char *spec, size_t len, char default_type, char default_align,
                         const char *type_name, py_format_spec *out, char *err);

/* UTF-8 bytes enough for py_format_number of a body of nbody chars and a
 * prefix of nprefix chars. */
size_t py_format_number_bound(const py_format_spec *spec, size_t nprefix, size_t nbody);

/* The layout of a formatted number (formatter_unicode.c's
 * calc_number_widths and fill_number): padding, the sign (negative says
 * whether there is a '-'), the prefix ("0x"), the digits of body up to its
 * first non-digit grouped by spec->thousands (and zero-padded to the
 * width under '0' fill with '=' alignment), then the rest of body as it
 * is (a '.' and what follows, an exponent, '%', "inf").  Writes UTF-8
 * into out (py_format_number_bound bytes; no NUL); returns the length. */
size_t py_format_number(char *out, const py_format_spec *spec, int negative, const char *prefix,
                        size_t nprefix, const char *body, size_t nbody);

/* format(x, spec) for a float (float.__format__): an empty spec is
 * str(x).  Returns a malloc'd UTF-8 string (*len bytes, NUL-terminated),
 * or NULL with the ValueError's message in err ("Unknown format code 'd'
 * for object of type 'float'", the parser's messages, "precision too
 * big"), or NULL with err[0] == 0 when out of memory. */
char *py_float_format(double x, const char *spec, size_t speclen, size_t *len, char *err);

/* format(a, spec) for an int (int.__format__): types b, c, d, o, x, X, n
 * (and none: d), e, E, f, F, g, G, % through float(a); '_' groups b, o,
 * x, X by 4 digits; an empty spec is str(a).  max_str_digits applies to
 * decimal output.  Returns a malloc'd UTF-8 string (*len bytes,
 * NUL-terminated), or NULL with *status: PY_NUM_INVALID (ValueError, the
 * message in err: the parser's, "Precision not allowed in integer format
 * specifier", "Negative zero coercion (z) not allowed in integer format
 * specifier", "Sign not allowed with integer format specifier 'c'",
 * "Alternate form (#) not allowed with integer format specifier 'c'",
 * unknown codes), PY_NUM_OVERFLOW (OverflowError, message in err: "%c arg
 * not in range(0x110000)", "Python int too large to convert to C long",
 * "int too large to convert to float"), PY_NUM_TOO_MANY_DIGITS (the
 * caller's message), PY_NUM_NOMEM. */
char *py_bigint_format(py_bigint a, const char *spec, size_t speclen, int max_str_digits, size_t *len,
                       py_num_status *status, char *err);

/* ====================================================================== */
/* round(), float(), hash()                                                */
/* ====================================================================== */

/* round(x, ndigits), correctly rounded from the exact value, half to
 * even, as CPython (infinities and nans round to themselves; beyond 323
 * digits x, beyond -308 a signed zero).  PY_NUM_OVERFLOW: "rounded value
 * too large to represent". */
py_num_status py_float_round(double x, int64_t ndigits, double *out);

/* round(x) before it becomes an int: the nearest integral double, half
 * to even (an infinity or nan is the caller's error). */
double py_float_round_half_even(double x);

/* float(s) by Python's rules: leading and trailing whitespace (ASCII
 * " \t\n\v\f\r"), a sign, "inf", "infinity", "nan" in any case, decimal
 * literals with single underscores between digits; overflow gives an
 * infinity.  s holds len bytes (the caller transforms Unicode digits and
 * spaces, and rejects embedded NULs).  PY_NUM_INVALID: "could not convert
 * string to float: %R"; PY_NUM_NOMEM. */
py_num_status py_float_from_string(const char *s, size_t len, double *out);

/* hash(x), exactly CPython's _Py_HashDouble: a nan hashes by identity
 * (the float object's address, as _Py_HashPointer) since 3.10; an
 * infinity is +-314159; otherwise x's value modulo 2^61 - 1, equal to the
 * hash of an int of the same value.  -1 becomes -2.  (_Py_HashPointer,
 * the address rotated right by 4 bits, is the object layer's
 * py_hash_pointer; this file has its own copy.) */
int64_t py_float_hash(double x, const void *identity);

/* ====================================================================== */
/* Arithmetic                                                              */
/* ====================================================================== */

/* divmod(a, b) (float_divmod): q = (a - a % b) / b rounded to an
 * integral, r with b's sign.  PY_NUM_ZERODIV: "float divmod()". */
py_num_status py_float_divmod(double a, double b, double *q, double *r);

/* a // b.  PY_NUM_ZERODIV: "float floor division by zero". */
py_num_status py_float_floordiv(double a, double b, double *q);

/* a % b (float_rem), with b's sign.  PY_NUM_ZERODIV: "float modulo". */
py_num_status py_float_mod(double a, double b, double *r);

/* a ** b (float_pow, C99 Annex F's special cases as CPython takes them).
 * PY_NUM_ZERODIV: "0.0 cannot be raised to a negative power";
 * PY_NUM_COMPLEX: a negative a to a non-integral b (the caller computes
 * complex(a) ** complex(b)); PY_NUM_OVERFLOW: "(34, 'Numerical result out
 * of range')"; PY_NUM_DOMAIN: "(33, 'Numerical argument out of domain')". */
py_num_status py_float_pow(double a, double b, double *out);

/* float.is_integer(). */
int py_float_is_integer(double x);

/* float.as_integer_ratio() as x = m 2^e with m odd (or 0): the ratio is
 * (m << e, 1) for e >= 0, else (m, 1 << -e).  PY_NUM_OVERFLOW for an
 * infinity ("cannot convert Infinity to integer ratio"), PY_NUM_INVALID
 * for a nan ("cannot convert NaN to integer ratio"). */
py_num_status py_float_as_integer_ratio(double x, int64_t *m, int *e);

/* x compared with the int b exactly (float_richcompare): -1, 0, 1 for
 * x <, ==, > b, 2 when x is a nan (every comparison false but !=).
 * PY_NUM_NOMEM is not possible: no temporaries beyond the stack. */
int py_float_compare_bigint(double x, py_bigint b);

#endif /* PY_FLOATFMT_H */
