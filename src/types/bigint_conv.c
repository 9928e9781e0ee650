/*
 * bigint_conv.c -- int conversions on digit arrays: to and from int64_t,
 * uint64_t and double (correctly rounded), true division of ints
 * (CPython's long_true_divide), int() of a string in bases 0 and 2..36,
 * str(), hex(), oct(), bin(), and 3.11's limit on decimal digits
 * (sys.set_int_max_str_digits).
 */
#define PY_BIGINT_INTERNAL
#include <float.h>
#include <math.h>

#include "bigint.h"

/* ====================================================================== */
/* Machine integers                                                        */
/* ====================================================================== */

/* out := v (at most 3 digits). */
ptrdiff_t py_bigint_from_uint64(py_digit *out, uint64_t v)
{
    ptrdiff_t n = 0;
    while (v) {
        out[n++] = (py_digit)(v & PY_BIGINT_MASK);
        v >>= PY_BIGINT_SHIFT;
    }
    return n;
}

/* out := v (at most 3 digits). */
ptrdiff_t py_bigint_from_int64(py_digit *out, int64_t v)
{
    if (v >= 0) return py_bigint_from_uint64(out, (uint64_t)v);
    return -py_bigint_from_uint64(out, (uint64_t)0 - (uint64_t)v);
}

/* |a| as a uint64_t, or PY_NUM_OVERFLOW past 2^64 - 1. */
static py_num_status mag_to_u64(const py_digit *d, size_t n, uint64_t *v)
{
    if (n > 3 || (n == 3 && d[2] >= 16)) return PY_NUM_OVERFLOW;
    uint64_t x = 0;
    for (size_t i = n; i-- > 0;) x = (x << PY_BIGINT_SHIFT) | d[i];
    *v = x;
    return PY_NUM_OK;
}

/* *v := a when it fits in int64_t. */
py_num_status py_bigint_to_int64(py_bigint a, int64_t *v)
{
    uint64_t x;
    if (mag_to_u64(a.d, py_bigint_ndigits(a.size), &x) != PY_NUM_OK) return PY_NUM_OVERFLOW;
    if (a.size >= 0) {
        if (x > (uint64_t)INT64_MAX) return PY_NUM_OVERFLOW;
        *v = (int64_t)x;
    } else {
        if (x > (uint64_t)INT64_MAX + 1) return PY_NUM_OVERFLOW;
        *v = x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x;
    }
    return PY_NUM_OK;
}

/* *v := a when 0 <= a < 2^64. */
py_num_status py_bigint_to_uint64(py_bigint a, uint64_t *v)
{
    if (a.size < 0) return PY_NUM_OVERFLOW;
    return mag_to_u64(a.d, (size_t)a.size, v);
}

/* ====================================================================== */
/* Doubles                                                                 */
/* ====================================================================== */

/* The 64 bits of a (normalized, n digits) from bit lo up; *sticky := any
 * bit below lo is set. */
static uint64_t mag_bits64(const py_digit *a, size_t n, uint64_t lo, int *sticky)
{
    size_t i = (size_t)(lo / PY_BIGINT_SHIFT);
    int off = (int)(lo % PY_BIGINT_SHIFT);
    int st = (a[i] & (((py_digit)1 << off) - 1)) != 0;
    for (size_t k = 0; k < i && !st; k++) st = a[k] != 0;
    *sticky = st;
    uint64_t acc = a[i] >> off;
    int have = PY_BIGINT_SHIFT - off;
    for (size_t k = i + 1; have < 64; k++, have += PY_BIGINT_SHIFT) {
        if (k < n) acc |= (uint64_t)a[k] << have;
    }
    return acc;
}

/* |a| rounded to a double with its binary exponent apart: |a| ~ *m 2^*e,
 * *m an integral double below 2^64.  The 64 top bits with a sticky bit
 * for the rest convert (to nearest, ties to even) exactly as the whole. */
static double mag_round64(const py_digit *a, size_t n, int64_t *e)
{
    uint64_t bits = py__mag_bits(a, n);
    if (bits <= 64) {
        uint64_t v = 0;
        for (size_t i = n; i-- > 0;) v = (v << PY_BIGINT_SHIFT) | a[i];
        *e = 0;
        return (double)v;
    }
    int sticky;
    uint64_t top = mag_bits64(a, n, bits - 64, &sticky);
    *e = (int64_t)(bits - 64);
    return (double)(top | (uint64_t)sticky);
}

/* float(a), correctly rounded. */
py_num_status py_bigint_to_double(py_bigint a, double *out)
{
    size_t n = py_bigint_ndigits(a.size);
    if (py__mag_bits(a.d, n) > DBL_MAX_EXP) return PY_NUM_OVERFLOW;
    int64_t e;
    double m = mag_round64(a.d, n, &e);
    double x = ldexp(m, (int)e);
    if (isinf(x)) return PY_NUM_OVERFLOW;
    *out = a.size < 0 ? -x : x;
    return PY_NUM_OK;
}

/* |a| = m 2^e with 0.5 <= m < 1, m rounded to 53 bits. */
double py_bigint_frexp(py_bigint a, int64_t *e)
{
    size_t n = py_bigint_ndigits(a.size);
    if (n == 0) {
        *e = 0;
        return 0.0;
    }
    int64_t e0;
    int k;
    double m = frexp(mag_round64(a.d, n, &e0), &k);
    *e = e0 + k;
    return a.size < 0 ? -m : m;
}

/* Digits for int(x). */
size_t py_bigint_from_double_bound(double x)
{
    if (!isfinite(x) || fabs(x) < 1.0) return 0;
    int e;
    frexp(x, &e);
    return (size_t)(e + PY_BIGINT_SHIFT - 1) / PY_BIGINT_SHIFT + 1;
}

/* out := int(x): below 2^64 through uint64_t, above it the 53-bit
 * mantissa shifted into place. */
py_num_status py_bigint_from_double(py_digit *out, double x, ptrdiff_t *rsize)
{
    if (isinf(x)) return PY_NUM_OVERFLOW;
    if (isnan(x)) return PY_NUM_INVALID;
    double t = trunc(fabs(x));
    ptrdiff_t n;
    if (t < 18446744073709551616.0) {
        n = py_bigint_from_uint64(out, (uint64_t)t);
    } else {
        int e;
        double m = frexp(t, &e);
        py_digit tmp[PY_BIGINT_INT64_DIGITS];
        ptrdiff_t tn = py_bigint_from_uint64(tmp, (uint64_t)ldexp(m, DBL_MANT_DIG));
        n = py_bigint_lshift(out, py_bigint_view(tmp, tn), (uint64_t)(e - DBL_MANT_DIG));
    }
    *rsize = x < 0 ? -n : n;
    return PY_NUM_OK;
}

/* ====================================================================== */
/* True division                                                           */
/* ====================================================================== */

/* a / b correctly rounded.  With diff = bits(a) - bits(b), a / b lies in
 * [2^(diff-1), 2^(diff+1)); shift a so that the integer quotient x / b has
 * 55 or 56 bits (fewer when the result is subnormal, whose last place is
 * 2^-1074 whatever the value), then round that quotient to 53 bits (or to
 * the subnormal's place) once, half to even, with the remainder and the
 * bits shifted out of a as the sticky bit; scaling back is exact. */
py_num_status py_bigint_true_divide(py_bigint a, py_bigint b, double *out)
{
    size_t na = py_bigint_ndigits(a.size), nb = py_bigint_ndigits(b.size);
    if (nb == 0) return PY_NUM_ZERODIV;
    int neg = (a.size < 0) != (b.size < 0);
    if (na == 0) {
        *out = neg ? -0.0 : 0.0;
        return PY_NUM_OK;
    }
    int64_t abits = (int64_t)py__mag_bits(a.d, na), bbits = (int64_t)py__mag_bits(b.d, nb);
    if (abits <= DBL_MANT_DIG && bbits <= DBL_MANT_DIG) {
        /* both exact as doubles: one rounding, the division's */
        double x = 0, y = 1;
        py_bigint_to_double(py_bigint_abs(a), &x);
        py_bigint_to_double(py_bigint_abs(b), &y);
        *out = neg ? -(x / y) : x / y;
        return PY_NUM_OK;
    }
    int64_t diff = abits - bbits;
    if (diff > DBL_MAX_EXP) return PY_NUM_OVERFLOW;
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
        *out = neg ? -0.0 : 0.0;
        return PY_NUM_OK;
    }
    int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;

    /* x := |a| / 2^shift, truncated; inexact := bits were lost */
    int inexact = 0;
    size_t nx;
    py_digit *x;
    if (shift <= 0) {
        nx = py_bigint_lshift_bound((ptrdiff_t)na, (uint64_t)-shift);
        x = bi_scratch(nx + nx + 2);
        if (!x) return PY_NUM_NOMEM;
        nx = (size_t)py_bigint_lshift(x, py_bigint_abs(a), (uint64_t)-shift);
    } else {
        nx = py_bigint_rshift_bound((ptrdiff_t)na, (uint64_t)shift);
        x = bi_scratch(nx + nx + 2);
        if (!x) return PY_NUM_NOMEM;
        size_t w = (size_t)(shift / PY_BIGINT_SHIFT);
        for (size_t i = 0; i < w && i < na; i++) inexact |= a.d[i] != 0;
        if (w < na) {
            inexact |= py__mag_rshift_bits(x, a.d + w, na - w, (int)(shift % PY_BIGINT_SHIFT)) != 0;
            nx = mag_norm(x, na - w);
        } else {
            nx = 0;
        }
    }

    /* q := x / |b|, at most 56 bits */
    uint64_t q = 0;
    if (nx >= nb) {
        py_digit *qd = x + nx + 1;
        int rnonzero;
        if (py__mag_divrem(qd, NULL, &rnonzero, x, nx, b.d, nb) != PY_NUM_OK) {
            free(x);
            return PY_NUM_NOMEM;
        }
        inexact |= rnonzero;
        size_t nq = mag_norm(qd, nb == 1 ? nx : nx - nb + 1);
        RG_ASSERT(nq <= 2);
        for (size_t i = nq; i-- > 0;) q = (q << PY_BIGINT_SHIFT) | qd[i];
    } else {
        inexact |= nx != 0;
    }
    free(x);

    /* round q to the result's precision */
    int qbits = q ? 64 - __builtin_clzll(q) : 0;
    int64_t keep_from = DBL_MIN_EXP - DBL_MANT_DIG - shift; /* the subnormal's place */
    int64_t extra = (qbits - DBL_MANT_DIG > keep_from ? qbits - DBL_MANT_DIG : keep_from);
    RG_ASSERT(extra >= 1 && extra <= 3);
    uint64_t half = (uint64_t)1 << (extra - 1), rem = q & ((half << 1) - 1);
    q >>= extra;
    if (rem > half || (rem == half && (inexact || (q & 1)))) q++;
    double r = ldexp((double)q, (int)(shift + extra));
    if (isinf(r)) return PY_NUM_OVERFLOW;
    *out = neg ? -r : r;
    return PY_NUM_OK;
}

/* ====================================================================== */
/* int() of a string                                                       */
/* ====================================================================== */

/* Python's Py_ISSPACE on ASCII. */
static inline int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The value of a digit character in bases up to 36, else 37. */
static inline int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 37;
}

/* Digits for int(s, base) of len chars: len log2(base) bits at most (base
 * 0: 4 bits a char, as hex). */
size_t py_bigint_from_string_bound(size_t len, int base)
{
    double bits_per_char = base == 0 ? 4.0 : log2((double)base);
    return (size_t)((double)len * bits_per_char / PY_BIGINT_SHIFT) + 2;
}

/* Digits d[start..end) (underscores skipped) of a power-of-two base, from
 * the least significant end, k bits each. */
static size_t convert_binary(py_digit *out, const char *start, const char *end, int k)
{
    size_t n = 0;
    py_twodigits acc = 0;
    int have = 0;
    for (const char *p = end; p-- > start;) {
        if (*p == '_') continue;
        acc |= (py_twodigits)digit_value(*p) << have;
        have += k;
        if (have >= PY_BIGINT_SHIFT) {
            out[n++] = (py_digit)(acc & PY_BIGINT_MASK);
            acc >>= PY_BIGINT_SHIFT;
            have -= PY_BIGINT_SHIFT;
        }
    }
    if (have) out[n++] = (py_digit)acc;
    return mag_norm(out, n);
}

/* Digits of any other base, from the most significant end: groups of as
 * many characters as keep base^k below 2^30, each folded in as
 * z := z base^k + group. */
static size_t convert_general(py_digit *out, const char *start, const char *end, int base)
{
    py_digit maxmult = 1;
    int width = 0;
    while ((py_twodigits)maxmult * (py_digit)base < PY_BIGINT_BASE) {
        maxmult *= (py_digit)base;
        width++;
    }
    ptrdiff_t n = 0;
    const char *p = start;
    while (p < end) {
        py_digit group = 0, mult = 1;
        for (int k = 0; k < width && p < end; p++) {
            if (*p == '_') continue;
            group = group * (py_digit)base + (py_digit)digit_value(*p);
            mult *= (py_digit)base;
            k++;
        }
        n = py_bigint_mul_small(out, py_bigint_view(out, n), mult, group);
    }
    return (size_t)n;
}

/* int(s, base) by Python's rules (CPython 3.11.7's PyLong_FromString). */
py_num_status py_bigint_from_string(py_digit *out, ptrdiff_t *rsize, const char *s, size_t len,
                                    int base, int max_str_digits, size_t *ndigits)
{
    RG_ASSERT(base == 0 || (base >= 2 && base <= 36));
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p)) p++;
    int neg = 0;
    if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';

    /* base 0: the prefix decides; a leading 0 without one means decimal,
     * and then the value must be zero ("010" is an error) */
    int error_if_nonzero = 0;
    char p1 = p + 1 < end ? (char)(p[1] | 0x20) : 0;
    if (base == 0) {
        if (p >= end || p[0] != '0')
            base = 10;
        else if (p1 == 'x')
            base = 16;
        else if (p1 == 'o')
            base = 8;
        else if (p1 == 'b')
            base = 2;
        else {
            error_if_nonzero = 1;
            base = 10;
        }
    }
    if (p < end && p[0] == '0' &&
        ((base == 16 && p1 == 'x') || (base == 8 && p1 == 'o') || (base == 2 && p1 == 'b'))) {
        p += 2;
        if (p < end && *p == '_') p++; /* one underscore may follow the prefix */
    }
    if (p < end && *p == '_') return PY_NUM_INVALID;

    /* the digits, single underscores between them */
    const char *start = p;
    size_t digits = 0;
    char prev = 0;
    for (; p < end && (digit_value(*p) < base || *p == '_'); p++) {
        if (*p == '_') {
            if (prev == '_') return PY_NUM_INVALID;
        } else {
            digits++;
        }
        prev = *p;
    }
    if (prev == '_' || digits == 0) return PY_NUM_INVALID;
    int binary = (base & (base - 1)) == 0;
    if (!binary && max_str_digits > 0 && digits > (size_t)max_str_digits) {
        if (ndigits) *ndigits = digits;
        return PY_NUM_TOO_MANY_DIGITS;
    }
    size_t n;
    if (binary) {
        int k = 0;
        while ((1 << k) < base) k++;
        n = convert_binary(out, start, p, k);
    } else {
        n = convert_general(out, start, p, base);
    }
    if (error_if_nonzero && n != 0) return PY_NUM_INVALID;
    while (p < end && is_space(*p)) p++;
    if (p != end) return PY_NUM_INVALID;
    *rsize = neg ? -(ptrdiff_t)n : (ptrdiff_t)n;
    return PY_NUM_OK;
}

/* ====================================================================== */
/* str()                                                                   */
/* ====================================================================== */

#define DEC_BASE 1000000000u /* 10^9: base of the conversion */
#define DEC_DIGITS 9

/* Chars enough for str(a): 30 n bits are fewer than 30 n 0.30103 + 1
 * decimal digits, and the sign. */
size_t py_bigint_to_decimal_bound(py_bigint a)
{
    size_t n = py_bigint_ndigits(a.size);
    return n * 30 * 30103 / 100000 + 3;
}

/* |a| in base 10^9 into pout (least significant first); returns its
 * length.  Quadratic, as CPython 3.11: each digit of a, from the top,
 * goes in as pout := pout 2^30 + digit, one pass over pout each. */
static size_t to_base1e9(py_digit *pout, const py_digit *a, size_t n)
{
    size_t size = 0;
    for (size_t i = n; i-- > 0;) {
        py_digit hi = a[i];
        for (size_t j = 0; j < size; j++) {
            py_twodigits z = ((py_twodigits)pout[j] << PY_BIGINT_SHIFT) | hi;
            hi = (py_digit)(z / DEC_BASE);
            pout[j] = (py_digit)(z - (py_twodigits)hi * DEC_BASE);
        }
        while (hi) {
            pout[size++] = hi % DEC_BASE;
            hi /= DEC_BASE;
        }
    }
    return size;
}

/* Room for |a| in base 10^9: 30 n bits need n (30 / 29.89...) digits. */
static size_t base1e9_cap(size_t n) { return n + n / 64 + 2; }

/* Decimal digits of a base-10^9 number of size >= 1. */
static size_t base1e9_digits(const py_digit *pout, size_t size)
{
    size_t len = (size - 1) * DEC_DIGITS + 1;
    for (py_digit t = 10; pout[size - 1] >= t && len < (size - 1) * DEC_DIGITS + DEC_DIGITS; t *= 10) len++;
    return len;
}

/* str(a) with the max str digits limit. */
py_num_status py_bigint_to_decimal(char *out, size_t *len, py_bigint a, int max_str_digits)
{
    size_t n = py_bigint_ndigits(a.size);
    if (n == 0) {
        out[0] = '0';
        *len = 1;
        return PY_NUM_OK;
    }
    if (max_str_digits > 0) {
        /* |a| >= 2^(bits-1) has at least floor((bits-1) log10 2) + 1
         * digits: refuse early when that is already too many */
        uint64_t bits = py__mag_bits(a.d, n);
        if ((bits - 1) * 30102 / 100000 + 1 > (uint64_t)max_str_digits) return PY_NUM_TOO_MANY_DIGITS;
    }
    py_digit *pout = bi_scratch(base1e9_cap(n));
    if (!pout) return PY_NUM_NOMEM;
    size_t size = to_base1e9(pout, a.d, n);
    RG_ASSERT(size >= 1 && size <= base1e9_cap(n));
    size_t digits = base1e9_digits(pout, size);
    if (max_str_digits > 0 && digits > (size_t)max_str_digits) {
        free(pout);
        return PY_NUM_TOO_MANY_DIGITS;
    }
    size_t total = digits + (a.size < 0);
    RG_ASSERT(total <= py_bigint_to_decimal_bound(a));
    char *p = out + total;
    for (size_t i = 0; i + 1 < size; i++) {
        py_digit d = pout[i];
        for (int k = 0; k < DEC_DIGITS; k++) {
            *--p = (char)('0' + d % 10);
            d /= 10;
        }
    }
    for (py_digit d = pout[size - 1]; d; d /= 10) *--p = (char)('0' + d % 10);
    if (a.size < 0) *--p = '-';
    RG_ASSERT(p == out);
    free(pout);
    *len = total;
    return PY_NUM_OK;
}

/* Decimal digits of |a| (1 for zero). */
size_t py_bigint_decimal_digits(py_bigint a)
{
    size_t n = py_bigint_ndigits(a.size);
    if (n == 0) return 1;
    py_digit *pout = bi_scratch(base1e9_cap(n));
    if (!pout) return (size_t)-1;
    size_t digits = base1e9_digits(pout, to_base1e9(pout, a.d, n));
    free(pout);
    return digits;
}

/* ====================================================================== */
/* hex(), oct(), bin()                                                     */
/* ====================================================================== */

/* Bits per character of base 2, 8 or 16. */
static int base_bits(int base)
{
    RG_ASSERT(base == 2 || base == 8 || base == 16);
    return base == 2 ? 1 : base == 8 ? 3 : 4;
}

/* Chars for a in base 2, 8 or 16 with sign and prefix. */
size_t py_bigint_to_base_string_bound(py_bigint a, int base)
{
    int k = base_bits(base);
    uint64_t bits = py_bigint_bit_length(a);
    return (size_t)((bits + (uint64_t)k - 1) / (uint64_t)k) + 4;
}

/* a in base 2, 8 or 16: k bits a character from the least significant. */
size_t py_bigint_to_base_string(char *out, py_bigint a, int base, int flags)
{
    static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    const char *xd = (flags & PY_BIGINT_UPPER) ? upper : lower;
    int k = base_bits(base);
    size_t n = py_bigint_ndigits(a.size);
    uint64_t bits = py__mag_bits(a.d, n);
    size_t nchars = bits ? (size_t)((bits + (uint64_t)k - 1) / (uint64_t)k) : 1;
    size_t pos = 0;
    if (a.size < 0) out[pos++] = '-';
    if (flags & PY_BIGINT_PREFIX) {
        out[pos++] = '0';
        char c = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
        out[pos++] = (flags & PY_BIGINT_UPPER) ? (char)(c - 32) : c;
    }
    char *p = out + pos + nchars;
    py_twodigits acc = 0;
    int have = 0;
    size_t i = 0;
    for (size_t c = 0; c < nchars; c++) {
        if (have < k) {
            if (i < n) acc |= (py_twodigits)a.d[i++] << have;
            have += PY_BIGINT_SHIFT;
        }
        *--p = xd[acc & (py_twodigits)(base - 1)];
        acc >>= k;
        have -= k;
    }
    RG_ASSERT(p == out + pos);
    return pos + nchars;
}
