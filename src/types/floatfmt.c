/*
 * floatfmt.c -- float kernels: decimal digits (the three modes of
 * CPython's _Py_dg_dtoa that Python uses, here on top of the C library's
 * correctly rounded snprintf and strtod), PyOS_double_to_string, repr(),
 * format specs and format(), round(x, n), float() of a string, hash(),
 * and //, %, divmod, ** with Python's rules.
 *
 * Assumes the "C" locale for LC_NUMERIC (as CPython runs) and glibc's
 * exact decimal conversions.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "floatfmt.h"
#include "utf8.h"

#include "os/assert.h"

/* Python's Py_ISSPACE on ASCII. */
static inline int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static inline int is_digit(char c) { return c >= '0' && c <= '9'; }

/* ====================================================================== */
/* Decimal digits                                                          */
/* ====================================================================== */

/* Beyond these, more requested digits are zeros: a double's exact decimal
 * expansion has at most 767 significant digits and 1074 after the point. */
#define MODE2_CAP 800
#define MODE3_CAP 1100

/* Powers of ten up to 10^17. */
static const uint64_t pow10_u64[] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
};

/* The value d 10^e (d of at most 17 digits) read back as a double. */
static double read_back(uint64_t d, int e)
{
    char buf[48], *p = buf + 24, *q = buf + 24;
    do {
        *--p = (char)('0' + d % 10);
        d /= 10;
    } while (d);
    *q++ = 'e';
    if (e < 0) {
        *q++ = '-';
        e = -e;
    }
    char t[8];
    int n = 0;
    do {
        t[n++] = (char)('0' + e % 10);
        e /= 10;
    } while (e);
    while (n) *q++ = t[--n];
    *q = 0;
    return strtod(p, NULL);
}

/* The 17 significant digits of x (> 0, finite), correctly rounded, as
 * snprintf gives them: the starting point of the shortest search. */
typedef struct digits17 {
    char d[17];
    int e; /* x ~ d[0].d[1..16] 10^e */
} digits17;

/* The nearest p-digit decimal to x (p <= 17) as d 10^(e - p + 1): from the
 * 17 digits when their tail decides the rounding, from snprintf when the
 * tail is exactly 5000... (the 17-digit rounding hid which side it was). */
static void nearest_p(double x, const digits17 *g, int p, uint64_t *d, int *e)
{
    uint64_t head = 0;
    for (int i = 0; i < p; i++) head = head * 10 + (uint64_t)(g->d[i] - '0');
    int ee = g->e;
    if (p < 17) {
        int up = g->d[p] > '5', tie = g->d[p] == '5';
        for (int i = p + 1; i < 17 && tie; i++) {
            if (g->d[i] != '0') {
                tie = 0;
                up = 1;
            }
        }
        if (tie) {
            char buf[48];
            snprintf(buf, sizeof buf, "%.*e", p - 1, x);
            head = 0;
            const char *s = buf;
            for (; *s != 'e'; s++) {
                if (is_digit(*s)) head = head * 10 + (uint64_t)(*s - '0');
            }
            ee = atoi(s + 1);
            up = 0;
        }
        if (up && ++head == pow10_u64[p]) {
            head = pow10_u64[p - 1];
            ee++;
        }
    }
    *d = head;
    *e = ee;
}

/* Whether some p-digit decimal rounds to x (> 0, finite); if so, the
 * nearest such as d (p digits) times 10^(e - p + 1).  The nearest p-digit
 * decimal is the candidate; when it does not round back to x, only its
 * neighbour on the other side of x can (the rounding interval is an
 * interval containing x). */
static int shortest_probe(double x, const digits17 *g, int p, uint64_t *d, int *e)
{
    uint64_t dd;
    int ee;
    nearest_p(x, g, p, &dd, &ee);
    double y = read_back(dd, ee - p + 1);
    if (y == x) {
        *d = dd;
        *e = ee;
        return 1;
    }
    uint64_t lo = pow10_u64[p - 1];
    if (y < x) {
        dd++;
        if (dd == lo * 10) {
            dd = lo;
            ee++;
        }
    } else {
        dd--;
        if (dd < lo) {
            dd = lo * 10 - 1;
            ee--;
        }
    }
    if (read_back(dd, ee - p + 1) != x) return 0;
    *d = dd;
    *e = ee;
    return 1;
}

/* Mode 0: the shortest digits that round to x (> 0, finite).  Whether p
 * digits suffice is monotonic in p (a p-digit decimal is a p+1-digit
 * one), so the least p is found by search: 15, 16, 17 first (most
 * doubles need 16 or 17), then bisection below 15. */
static size_t shortest(double x, char *digits, int *decpt)
{
    digits17 g;
    char buf[48];
    snprintf(buf, sizeof buf, "%.16e", x);
    int k = 0;
    const char *s = buf;
    for (; *s != 'e'; s++) {
        if (is_digit(*s)) g.d[k++] = *s;
    }
    RG_ASSERT(k == 17);
    g.e = atoi(s + 1);

    uint64_t d = 0;
    int e = 0;
    if (!shortest_probe(x, &g, 15, &d, &e)) {
        if (!shortest_probe(x, &g, 16, &d, &e)) {
            int ok = shortest_probe(x, &g, 17, &d, &e);
            RG_ASSERT(ok);
            (void)ok;
        }
    } else {
        int lo = 1, hi = 15; /* hi works, (d, e) its digits */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            uint64_t md;
            int me;
            if (shortest_probe(x, &g, mid, &md, &me)) {
                hi = mid;
                d = md;
                e = me;
            } else {
                lo = mid + 1;
            }
        }
    }
    while (d % 10 == 0) d /= 10;
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + d % 10);
        d /= 10;
    } while (d);
    for (int i = 0; i < n; i++) digits[i] = tmp[n - 1 - i];
    *decpt = e + 1;
    return (size_t)n;
}

/* Decimal digits of |x| in mode 0, 2 or 3 (see floatfmt.h). */
size_t py_float_digits(double x, int mode, int ndigits, char *digits, int *decpt, int *sign)
{
    RG_ASSERT(isfinite(x));
    *sign = signbit(x) != 0;
    x = fabs(x);
    if (x == 0.0) {
        digits[0] = '0';
        *decpt = 1;
        return 1;
    }
    if (mode == 0) return shortest(x, digits, decpt);
    if (mode == 2) {
        int n = ndigits < 1 ? 1 : ndigits > MODE2_CAP ? MODE2_CAP : ndigits;
        char buf[MODE2_CAP + 16];
        snprintf(buf, sizeof buf, "%.*e", n - 1, x);
        size_t len = 0;
        const char *s = buf;
        for (; *s != 'e'; s++) {
            if (is_digit(*s)) digits[len++] = *s;
        }
        while (len > 1 && digits[len - 1] == '0') len--;
        *decpt = atoi(s + 1) + 1;
        return len;
    }
    RG_ASSERT(mode == 3 && ndigits >= 0);
    int n = ndigits > MODE3_CAP ? MODE3_CAP : ndigits;
    char buf[DBL_MAX_10_EXP + MODE3_CAP + 16];
    snprintf(buf, sizeof buf, "%.*f", n, x);
    const char *point = strchr(buf, '.');
    int intlen = point ? (int)(point - buf) : (int)strlen(buf);
    /* the digits between the first and the last nonzero one, the point
     * dropped: at most 767 (the exact expansion's significant digits) */
    const char *first = buf, *last = NULL;
    while (*first == '0' || *first == '.') first++;
    for (const char *s = first; *s; s++)
        if (*s != '0' && *s != '.') last = s;
    if (!last) {
        *decpt = -n;
        return 0;
    }
    size_t len = 0;
    for (const char *s = first; s <= last; s++) {
        if (*s == '.') continue;
        RG_ASSERT(len < PY_FLOAT_DIGITS_MAX);
        digits[len++] = *s;
    }
    /* leading zeros before the point move it left */
    int lead = 0;
    for (const char *s = buf; s < first; s++) lead += *s == '0';
    *decpt = first < buf + intlen ? intlen - lead : -(int)(first - buf - intlen - 1);
    return len;
}

/* ====================================================================== */
/* PyOS_double_to_string and repr                                          */
/* ====================================================================== */

/* Chars for py_float_to_string: 309 integer digits of DBL_MAX, the point,
 * the precision, sign, exponent and NUL. */
size_t py_float_to_string_bound(int precision) { return (size_t)(precision > 0 ? precision : 0) + 330; }

/* n copies of c at p; returns p + n. */
static char *put_n(char *p, char c, ptrdiff_t n)
{
    for (; n > 0; n--) *p++ = c;
    return p;
}

/* Digits laid out as format_float_short does in CPython: the digits are a
 * window onto an infinite string of zeros (vstart..vend relative to the
 * first digit), the point at decpt, or an exponent. */
size_t py_float_to_string(char *buf, double x, char type, int precision, int flags)
{
    int upper = type == 'E' || type == 'F' || type == 'G';
    char t = upper ? (char)(type + 32) : type;
    char *p = buf;
    if (!isfinite(x)) {
        if (isnan(x)) {
            if (flags & PY_DTSF_SIGN) *p++ = '+'; /* a nan's own sign never shows */
            memcpy(p, upper ? "NAN" : "nan", 3);
            p += 3;
        } else {
            if (x < 0)
                *p++ = '-';
            else if (flags & PY_DTSF_SIGN)
                *p++ = '+';
            memcpy(p, upper ? "INF" : "inf", 3);
            p += 3;
        }
        *p = 0;
        return (size_t)(p - buf);
    }
    int mode;
    switch (t) {
    case 'e':
        mode = 2;
        if (precision < 2147483647) precision++; /* past that the output is beyond memory anyway */
        break;
    case 'f':
        mode = 3;
        break;
    case 'g':
        mode = 2;
        if (precision == 0) precision = 1;
        break;
    default:
        RG_ASSERT(t == 'r');
        mode = 0;
        precision = 0;
        break;
    }
    char digits[PY_FLOAT_DIGITS_MAX];
    int decpt, sign;
    ptrdiff_t nd = (ptrdiff_t)py_float_digits(x, mode, precision, digits, &decpt, &sign);
    if ((flags & PY_DTSF_NO_NEG_0) && sign && (nd == 0 || (nd == 1 && digits[0] == '0'))) sign = 0;

    int alt = (flags & PY_DTSF_ALT) != 0, dot0 = (flags & PY_DTSF_ADD_DOT_0) != 0;
    int use_exp = 0;
    ptrdiff_t vend = nd;
    switch (t) {
    case 'e':
        use_exp = 1;
        vend = precision;
        break;
    case 'f':
        vend = (ptrdiff_t)decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (dot0 ? precision - 1 : precision)) use_exp = 1;
        if (alt) vend = precision;
        break;
    default:
        if (decpt <= -4 || decpt > 16) use_exp = 1;
        break;
    }
    int exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    ptrdiff_t vstart = decpt <= 0 ? decpt - 1 : 0;
    ptrdiff_t least = !use_exp && dot0 ? decpt + 1 : decpt;
    if (vend < least) vend = least;

    if (sign)
        *p++ = '-';
    else if (flags & PY_DTSF_SIGN)
        *p++ = '+';
    /* zeros before the digits, and the point among them */
    if (decpt <= 0) {
        p = put_n(p, '0', decpt - vstart);
        *p++ = '.';
        p = put_n(p, '0', -decpt);
    } else {
        p = put_n(p, '0', -vstart);
    }
    /* the digits, the point among them */
    if (decpt > 0 && decpt <= nd) {
        memcpy(p, digits, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, digits + decpt, (size_t)(nd - decpt));
        p += nd - decpt;
    } else {
        memcpy(p, digits, (size_t)nd);
        p += nd;
    }
    /* zeros after them, the point among them */
    if (nd < decpt) {
        p = put_n(p, '0', decpt - nd);
        *p++ = '.';
        p = put_n(p, '0', vend - decpt);
    } else {
        p = put_n(p, '0', vend - nd);
    }
    if (p[-1] == '.' && !alt) p--;
    if (use_exp) {
        *p++ = upper ? 'E' : 'e';
        p += sprintf(p, "%+.02d", exp);
    }
    *p = 0;
    return (size_t)(p - buf);
}

/* repr(x): the shortest digits, "1.0" for integral values, an exponent
 * from 1e16 up and below 1e-4. */
size_t py_float_repr(char *buf, double x) { return py_float_to_string(buf, x, 'r', 0, PY_DTSF_ADD_DOT_0); }

/* ====================================================================== */
/* Format specs                                                            */
/* ====================================================================== */

/* The next code point of UTF-8 text (invalid bytes count as themselves). */
static uint32_t utf8_next(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    uint32_t c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && more && p + more <= end) {
        c &= 0x3Fu >> more;
        for (int i = 0; i < more; i++) c = (c << 6) | (*p++ & 0x3F);
    }
    *pp = p;
    return c;
}


static int is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* "'%c'" for printable ASCII, else "'\x%x'", as CPython's messages. */
static void code_text(char *buf, size_t cap, uint32_t c)
{
    if (c > 32 && c < 128)
        snprintf(buf, cap, "'%c'", (char)c);
    else
        snprintf(buf, cap, "'\\x%x'", (unsigned)c);
}

/* A decimal integer at cp[*pos..n): the digits consumed, or -1 when it
 * would pass PY_SSIZE_T_MAX (get_integer). */
static int spec_integer(const uint32_t *cp, size_t n, size_t *pos, ptrdiff_t *out)
{
    ptrdiff_t acc = 0;
    int consumed = 0;
    for (; *pos < n && cp[*pos] >= '0' && cp[*pos] <= '9'; (*pos)++, consumed++) {
        int dv = (int)(cp[*pos] - '0');
        if (acc > (PTRDIFF_MAX - dv) / 10) return -1;
        acc = acc * 10 + dv;
    }
    *out = acc;
    return consumed;
}

/* parse_internal_render_format_spec (see floatfmt.h). */
int py_format_spec_parse(const char *spec, size_t len, char default_type, char default_align,
                         const char *type_name, py_format_spec *out, char *err)
{
    uint32_t small[64], *cp = len <= 64 ? small : malloc(len * sizeof(uint32_t));
    if (!cp) {
        err[0] = 0;
        return -1;
    }
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)spec, *end = s + len;
    while (s < end) cp[n++] = utf8_next(&s, end);

    py_format_spec f = {' ', default_align, 0, 0, 0, 0, -1, -1, (uint32_t)(unsigned char)default_type};
    size_t pos = 0;
    int fill_given = 0, align_given = 0, rc = -1;
    char code[16];
    if (n - pos >= 2 && is_align(cp[pos + 1])) {
        f.align = (char)cp[pos + 1];
        f.fill = cp[pos];
        fill_given = align_given = 1;
        pos += 2;
    } else if (n - pos >= 1 && is_align(cp[pos])) {
        f.align = (char)cp[pos];
        align_given = 1;
        pos++;
    }
    if (n - pos >= 1 && (cp[pos] == '+' || cp[pos] == '-' || cp[pos] == ' ')) f.sign = (char)cp[pos++];
    if (n - pos >= 1 && cp[pos] == 'z') {
        f.no_neg_0 = 1;
        pos++;
    }
    if (n - pos >= 1 && cp[pos] == '#') {
        f.alternate = 1;
        pos++;
    }
    if (!fill_given && n - pos >= 1 && cp[pos] == '0') {
        f.fill = '0';
        if (!align_given && default_align == '>') f.align = '=';
        pos++;
    }
    int consumed = spec_integer(cp, n, &pos, &f.width);
    if (consumed < 0) {
        snprintf(err, PY_FORMAT_ERR_MAX, "Too many decimal digits in format string");
        goto done;
    }
    if (consumed == 0) f.width = -1;
    if (pos < n && cp[pos] == ',') {
        f.thousands = ',';
        pos++;
    }
    if (pos < n && cp[pos] == '_') {
        if (f.thousands) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Cannot specify both ',' and '_'.");
            goto done;
        }
        f.thousands = '_';
        pos++;
    }
    if (pos < n && cp[pos] == ',' && f.thousands == '_') {
        snprintf(err, PY_FORMAT_ERR_MAX, "Cannot specify both ',' and '_'.");
        goto done;
    }
    if (pos < n && cp[pos] == '.') {
        pos++;
        consumed = spec_integer(cp, n, &pos, &f.precision);
        if (consumed < 0) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Too many decimal digits in format string");
            goto done;
        }
        if (consumed == 0) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Format specifier missing precision");
            goto done;
        }
    }
    if (n - pos > 1) {
        snprintf(err, PY_FORMAT_ERR_MAX, "Invalid format specifier '%.*s' for object of type '%.200s'",
                 (int)(len > 200 ? 200 : len), spec, type_name);
        goto done;
    }
    if (n - pos == 1) f.type = cp[pos++];
    if (f.thousands) {
        switch (f.type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f.thousands == '_') {
                f.thousands = '4';
                break;
            }
            /* fall through */
        default:
            code_text(code, sizeof code, f.type);
            snprintf(err, PY_FORMAT_ERR_MAX, "Cannot specify '%c' with %s.", f.thousands, code);
            goto done;
        }
    }
    *out = f;
    rc = 0;
done:
    if (cp != small) free(cp);
    return rc;
}

/* UTF-8 bytes for py_format_number. */
size_t py_format_number_bound(const py_format_spec *spec, size_t nprefix, size_t nbody)
{
    size_t w = spec->width > 0 ? (size_t)spec->width : 0;
    return 4 * w + 2 * (nbody + nprefix) + 8;
}

/* The digits d[0..nd) grouped every g (0: never) with separator sep, and
 * left-padded with zeros to min_width chars (separators among the zeros
 * too), written backwards ending at *pend (InsertThousandsGrouping).
 * With out NULL only counts.  Returns the chars. */
static size_t group_digits(char *end, const char *d, ptrdiff_t nd, ptrdiff_t min_width, int g, char sep)
{
    char *p = end;
    size_t count = 0;
    ptrdiff_t remaining = nd;
    int use_sep = 0;
    for (;;) {
        ptrdiff_t m = remaining > min_width ? remaining : min_width;
        if (m < 1) m = 1;
        ptrdiff_t l = g && g < m ? g : m;
        ptrdiff_t zeros = l - remaining > 0 ? l - remaining : 0;
        ptrdiff_t chars = remaining < l ? remaining : l;
        if (chars < 0) chars = 0;
        count += (size_t)(use_sep + zeros + chars);
        if (end) {
            if (use_sep) *--p = sep;
            p -= chars;
            memcpy(p, d + remaining - chars, (size_t)chars);
            for (ptrdiff_t i = 0; i < zeros; i++) *--p = '0';
        }
        remaining -= chars;
        min_width -= l;
        if (!g) break; /* no grouping: one pass */
        use_sep = 1;
        if (remaining <= 0 && min_width <= 0) break;
        min_width -= 1;
    }
    return count;
}

/* calc_number_widths and fill_number: the digits d[0..nd) (grouped),
 * then a '.' when has_decimal, then rem (nrem bytes, rem_chars chars)
 * copied as it is. */
static size_t layout(char *out, const py_format_spec *spec, int negative, const char *prefix, size_t nprefix,
                     const char *d, ptrdiff_t nd, int has_decimal, const char *rem, ptrdiff_t nrem,
                     ptrdiff_t rem_chars)
{
    char sign = 0;
    if (spec->sign == '+')
        sign = negative ? '-' : '+';
    else if (spec->sign == ' ')
        sign = negative ? '-' : ' ';
    else if (negative)
        sign = '-';
    ptrdiff_t nsign = sign != 0;
    ptrdiff_t nondigit = nsign + (ptrdiff_t)nprefix + has_decimal + rem_chars;
    ptrdiff_t min_width = spec->fill == '0' && spec->align == '=' ? spec->width - nondigit : 0;
    int g = spec->thousands == '4' ? 4 : spec->thousands ? 3 : 0;
    char sep = spec->thousands == ',' ? ',' : '_';
    ptrdiff_t ngrouped = nd ? (ptrdiff_t)group_digits(NULL, d, nd, min_width, g, sep) : 0;
    ptrdiff_t padding = spec->width - (nondigit + ngrouped);
    ptrdiff_t lpad = 0, spad = 0, rpad = 0;
    if (padding > 0) {
        switch (spec->align) {
        case '<': rpad = padding; break;
        case '^': lpad = padding / 2; rpad = padding - lpad; break;
        case '=': spad = padding; break;
        default: lpad = padding; break;
        }
    }
    char fill[4];
    size_t nfill = py_utf8_put(fill, spec->fill);
    char *p = out;
    for (ptrdiff_t i = 0; i < lpad; i++, p += nfill) memcpy(p, fill, nfill);
    if (sign) *p++ = sign;
    memcpy(p, prefix, nprefix);
    p += nprefix;
    for (ptrdiff_t i = 0; i < spad; i++, p += nfill) memcpy(p, fill, nfill);
    if (nd) {
        p += ngrouped;
        group_digits(p, d, nd, min_width, g, sep);
    }
    if (has_decimal) *p++ = '.';
    memcpy(p, rem, (size_t)nrem);
    p += nrem;
    for (ptrdiff_t i = 0; i < rpad; i++, p += nfill) memcpy(p, fill, nfill);
    return (size_t)(p - out);
}

/* py_format_number: body split at its first non-digit and its point. */
size_t py_format_number(char *out, const py_format_spec *spec, int negative, const char *prefix,
                        size_t nprefix, const char *body, size_t nbody)
{
    ptrdiff_t nd = 0;
    while ((size_t)nd < nbody && is_digit(body[nd])) nd++;
    int has_decimal = (size_t)nd < nbody && body[nd] == '.';
    const char *rem = body + nd + has_decimal;
    ptrdiff_t nrem = (ptrdiff_t)nbody - nd - has_decimal;
    size_t n = layout(out, spec, negative, prefix, nprefix, body, nd, has_decimal, rem, nrem, nrem);
    RG_ASSERT(n <= py_format_number_bound(spec, nprefix, nbody));
    return n;
}

/* format_float_internal: x under a parsed spec whose type is a float
 * type (or none). */
static char *float_format_spec(double x, const py_format_spec *fs, size_t *len, char *err)
{
    py_format_spec f = *fs;
    uint32_t type = f.type;
    if (f.precision > 2147483647) {
        snprintf(err, PY_FORMAT_ERR_MAX, "precision too big");
        return NULL;
    }
    int precision = (int)f.precision, default_precision = 6, flags = 0, pct = 0;
    if (f.alternate) flags |= PY_DTSF_ALT;
    if (f.no_neg_0) flags |= PY_DTSF_NO_NEG_0;
    if (type == 0) {
        flags |= PY_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') type = 'g';
    if (type == '%') {
        type = 'f';
        x *= 100;
        pct = 1;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    size_t cap = py_float_to_string_bound(precision) + 1;
    char *body = malloc(cap);
    if (!body) return NULL;
    size_t nbody = py_float_to_string(body, x, (char)type, precision, flags);
    if (pct) body[nbody++] = '%';
    body[nbody] = 0;
    if (f.sign != '+' && f.sign != ' ' && f.width == -1 && f.type != 'n' && !f.thousands) {
        *len = nbody;
        return body;
    }
    int negative = body[0] == '-';
    size_t ocap = py_format_number_bound(&f, 0, nbody) + 1;
    char *out = malloc(ocap);
    if (out) {
        *len = py_format_number(out, &f, negative, "", 0, body + negative, nbody - (size_t)negative);
        out[*len] = 0;
    }
    free(body);
    return out;
}

/* "Unknown format code ... for object of type ...". */
static void unknown_code(char *err, uint32_t type, const char *type_name)
{
    char code[16];
    code_text(code, sizeof code, type);
    snprintf(err, PY_FORMAT_ERR_MAX, "Unknown format code %s for object of type '%s'", code, type_name);
}

/* format(x, spec): float.__format__. */
char *py_float_format(double x, const char *spec, size_t speclen, size_t *len, char *err)
{
    err[0] = 0;
    if (speclen == 0) {
        char *s = malloc(PY_FLOAT_REPR_MAX);
        if (s) *len = py_float_repr(s, x);
        return s;
    }
    py_format_spec f;
    if (py_format_spec_parse(spec, speclen, 0, '>', "float", &f, err) < 0) return NULL;
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        return float_format_spec(x, &f, len, err);
    default:
        unknown_code(err, f.type, "float");
        return NULL;
    }
}

/* str(a) (with the digit limit) in a malloc'd string. */
static char *int_decimal(py_bigint a, int max_str_digits, size_t *len, py_num_status *st)
{
    char *s = malloc(py_bigint_to_decimal_bound(a) + 1);
    if (!s) {
        *st = PY_NUM_NOMEM;
        return NULL;
    }
    *st = py_bigint_to_decimal(s, len, a, max_str_digits);
    if (*st != PY_NUM_OK) {
        free(s);
        return NULL;
    }
    s[*len] = 0;
    return s;
}

/* format(a, spec): int.__format__ (format_long_internal, and the float
 * types through float(a)). */
char *py_bigint_format(py_bigint a, const char *spec, size_t speclen, int max_str_digits, size_t *len,
                       py_num_status *status, char *err)
{
    err[0] = 0;
    *status = PY_NUM_INVALID;
    if (speclen == 0) return int_decimal(a, max_str_digits, len, status);
    py_format_spec f;
    if (py_format_spec_parse(spec, speclen, 'd', '>', "int", &f, err) < 0) {
        if (!err[0]) *status = PY_NUM_NOMEM;
        return NULL;
    }
    switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double x;
        if (py_bigint_to_double(a, &x) != PY_NUM_OK) {
            *status = PY_NUM_OVERFLOW;
            snprintf(err, PY_FORMAT_ERR_MAX, "int too large to convert to float");
            return NULL;
        }
        char *r = float_format_spec(x, &f, len, err);
        *status = r ? PY_NUM_OK : err[0] ? PY_NUM_INVALID : PY_NUM_NOMEM;
        return r;
    }
    default:
        unknown_code(err, f.type, "int");
        return NULL;
    }
    if (f.precision != -1) {
        snprintf(err, PY_FORMAT_ERR_MAX, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (f.no_neg_0) {
        snprintf(err, PY_FORMAT_ERR_MAX, "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    char *out;
    if (f.type == 'c') {
        if (f.sign) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Sign not allowed with integer format specifier 'c'");
            return NULL;
        }
        if (f.alternate) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Alternate form (#) not allowed with integer format specifier 'c'");
            return NULL;
        }
        int64_t v;
        *status = PY_NUM_OVERFLOW;
        if (py_bigint_to_int64(a, &v) != PY_NUM_OK) {
            snprintf(err, PY_FORMAT_ERR_MAX, "Python int too large to convert to C long");
            return NULL;
        }
        if (v < 0 || v > 0x10ffff) {
            snprintf(err, PY_FORMAT_ERR_MAX, "%%c arg not in range(0x110000)");
            return NULL;
        }
        char ch[4];
        size_t nch = py_utf8_put(ch, (uint32_t)v);
        out = malloc(py_format_number_bound(&f, 0, nch) + 1);
        if (!out) {
            *status = PY_NUM_NOMEM;
            return NULL;
        }
        *len = layout(out, &f, 0, "", 0, "", 0, 0, ch, (ptrdiff_t)nch, 1);
    } else {
        /* the digits of |a| in the base, the prefix apart */
        py_bigint mag = py_bigint_abs(a);
        char *digits;
        size_t nd;
        char prefix[2] = {'0', 0};
        size_t nprefix = 0;
        if (f.type == 'd' || f.type == 'n') {
            digits = int_decimal(mag, max_str_digits, &nd, status);
            if (!digits) return NULL;
        } else {
            int base = f.type == 'b' ? 2 : f.type == 'o' ? 8 : 16;
            digits = malloc(py_bigint_to_base_string_bound(mag, base) + 1);
            if (!digits) {
                *status = PY_NUM_NOMEM;
                return NULL;
            }
            nd = py_bigint_to_base_string(digits, mag, base, f.type == 'X' ? PY_BIGINT_UPPER : 0);
            if (f.alternate) {
                prefix[1] = (char)f.type;
                nprefix = 2;
            }
        }
        out = malloc(py_format_number_bound(&f, nprefix, nd) + 1);
        if (!out) {
            free(digits);
            *status = PY_NUM_NOMEM;
            return NULL;
        }
        *len = layout(out, &f, a.size < 0, prefix, nprefix, digits, (ptrdiff_t)nd, 0, "", 0, 0);
        free(digits);
    }
    out[*len] = 0;
    *status = PY_NUM_OK;
    return out;
}

/* ====================================================================== */
/* round()                                                                 */
/* ====================================================================== */

/* float.__round__'s bounds: beyond NDIGITS_MAX digits x rounds to itself,
 * beyond NDIGITS_MIN to a signed zero. */
#define NDIGITS_MAX ((int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103))
#define NDIGITS_MIN (-(int)((DBL_MAX_EXP + 1) * 0.30103))

/* round(x, ndigits): the exact value of x rounded half to even at the
 * 10^-ndigits place (snprintf's %.*f for ndigits >= 0; for ndigits < 0
 * the exact integer digits of x with a sticky bit for its fraction), read
 * back by strtod, as CPython's double_round does with _Py_dg_dtoa mode 3. */
py_num_status py_float_round(double x, int64_t ndigits, double *out)
{
    if (!isfinite(x) || ndigits > NDIGITS_MAX) {
        *out = x;
        return PY_NUM_OK;
    }
    if (ndigits < NDIGITS_MIN) {
        *out = 0.0 * x;
        return PY_NUM_OK;
    }
    double r;
    if (ndigits >= 0) {
        char buf[DBL_MAX_10_EXP + 340];
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
        r = strtod(buf, NULL);
    } else {
        /* digits of trunc(|x|), exactly */
        int k = (int)-ndigits;
        double ax = fabs(x), ti = trunc(ax);
        int sticky = ax != ti;
        char buf[DBL_MAX_10_EXP + 16];
        int n = snprintf(buf, sizeof buf, "%.0f", ti);
        if (n == 1 && buf[0] == '0') n = 0;
        char res[DBL_MAX_10_EXP + 32];
        int m = n - k; /* digits kept */
        int up;
        if (m < 0) {
            up = 0;
        } else {
            /* the dropped part against one half: "5000..." */
            int cmp = 0;
            for (int i = m; i < n && !cmp; i++) {
                char half = i == m ? '5' : '0';
                cmp = buf[i] > half ? 1 : buf[i] < half ? -1 : 0;
            }
            if (cmp == 0 && sticky) cmp = 1;
            int last_odd = m > 0 && ((buf[m - 1] - '0') & 1);
            up = cmp > 0 || (cmp == 0 && last_odd);
        }
        if (m <= 0) {
            snprintf(res, sizeof res, "%se%d", up ? "1" : "0", k);
        } else {
            /* buf[0..m) + up, then the exponent */
            memcpy(res + 1, buf, (size_t)m);
            res[0] = '0';
            int i = m;
            while (up && i > 0) {
                if (res[i] == '9') {
                    res[i--] = '0';
                } else {
                    res[i]++;
                    up = 0;
                }
            }
            if (up) res[0] = '1';
            snprintf(res + m + 1, sizeof res - (size_t)m - 1, "e%d", k);
        }
        r = strtod(res, NULL);
        if (signbit(x)) r = -r;
    }
    if (isinf(r)) return PY_NUM_OVERFLOW;
    *out = r;
    return PY_NUM_OK;
}

/* round(x) before int(): to the nearest integral double, half to even. */
double py_float_round_half_even(double x)
{
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return r;
}

/* ====================================================================== */
/* float() of a string                                                     */
/* ====================================================================== */

/* Whether s[0..n) is "inf", "infinity" or "nan" in any case: 1 inf, 2 nan. */
static int inf_or_nan(const char *s, size_t n)
{
    char low[9];
    if (n > 8) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)(s[i] | 0x20);
    low[n] = 0;
    if (!strcmp(low, "inf") || !strcmp(low, "infinity")) return 1;
    if (!strcmp(low, "nan")) return 2;
    return 0;
}

/* float(s) (see floatfmt.h): _Py_string_to_number_with_underscores's
 * underscore rules, float_from_string_inner's whitespace, then the
 * syntax [sign] (digits [. [digits]] | . digits) [e [sign] digits] checked
 * here and the value from strtod. */
py_num_status py_float_from_string(const char *s, size_t len, double *out)
{
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    size_t n = (size_t)(end - p);
    if (n == 0) return PY_NUM_INVALID;
    char small[128], *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return PY_NUM_NOMEM;
    py_num_status st = PY_NUM_INVALID;
    /* underscores: only between digits */
    size_t m = 0;
    char prev = 0;
    for (const char *q = p; q < end; q++) {
        if (*q == '_') {
            if (!is_digit(prev)) goto done;
        } else {
            if (prev == '_' && !is_digit(*q)) goto done;
            buf[m++] = *q;
        }
        prev = *q;
    }
    if (prev == '_') goto done;
    buf[m] = 0;

    const char *t = buf;
    int neg = 0;
    if (*t == '+' || *t == '-') neg = *t++ == '-';
    int special = inf_or_nan(t, m - (size_t)(t - buf));
    if (special) {
        double v = special == 1 ? HUGE_VAL : NAN;
        *out = neg ? -v : v;
        st = PY_NUM_OK;
        goto done;
    }
    size_t mant = 0;
    while (is_digit(*t)) t++, mant++;
    if (*t == '.') {
        t++;
        while (is_digit(*t)) t++, mant++;
    }
    if (mant == 0) goto done;
    if (*t == 'e' || *t == 'E') {
        t++;
        if (*t == '+' || *t == '-') t++;
        if (!is_digit(*t)) goto done;
        while (is_digit(*t)) t++;
    }
    if (*t != 0) goto done;
    *out = strtod(buf, NULL);
    st = PY_NUM_OK;
done:
    if (buf != small) free(buf);
    return st;
}

/* ====================================================================== */
/* hash()                                                                  */
/* ====================================================================== */

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* _Py_HashPointer: the address rotated right by 4 bits, -1 as -2. */
static int64_t hash_pointer(const void *p)
{
    uint64_t y = (uint64_t)(uintptr_t)p;
    y = (y >> 4) | (y << 60);
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

/* _Py_HashDouble: the value modulo 2^61 - 1, fed 28 bits of the mantissa
 * at a time (multiplying by 2^28 modulo 2^61 - 1 is a rotation), then
 * the exponent as a rotation by e mod 61. */
int64_t py_float_hash(double v, const void *identity)
{
    if (!isfinite(v)) {
        if (isinf(v)) return v > 0 ? HASH_INF : -HASH_INF;
        return hash_pointer(identity);
    }
    int e;
    double m = frexp(v, &e);
    int neg = 0;
    if (m < 0) {
        neg = 1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2^28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    int64_t h = (int64_t)x;
    if (neg) h = -h;
    return h == -1 ? -2 : h;
}

/* ====================================================================== */
/* Arithmetic                                                              */
/* ====================================================================== */

/* divmod(a, b): fmod is exact, so a - a % b is an exact multiple of b in
 * theory; the division is snapped to the nearest integer. */
py_num_status py_float_divmod(double a, double b, double *q, double *r)
{
    if (b == 0.0) return PY_NUM_ZERODIV;
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b);
    }
    double fl;
    if (div) {
        fl = floor(div);
        if (div - fl > 0.5) fl += 1.0;
    } else {
        fl = copysign(0.0, a / b);
    }
    *q = fl;
    *r = mod;
    return PY_NUM_OK;
}

/* a // b. */
py_num_status py_float_floordiv(double a, double b, double *q)
{
    double r;
    return py_float_divmod(a, b, q, &r);
}

/* a % b with b's sign. */
py_num_status py_float_mod(double a, double b, double *r)
{
    if (b == 0.0) return PY_NUM_ZERODIV;
    double mod = fmod(a, b);
    if (mod) {
        if ((b < 0) != (mod < 0)) mod += b;
    } else {
        mod = copysign(0.0, b);
    }
    *r = mod;
    return PY_NUM_OK;
}

/* Whether x is an odd integer. */
static int is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

/* a ** b (float_pow). */
py_num_status py_float_pow(double a, double b, double *out)
{
    if (b == 0.0) {
        *out = 1.0;
        return PY_NUM_OK;
    }
    if (isnan(a)) {
        *out = a;
        return PY_NUM_OK;
    }
    if (isnan(b)) {
        *out = a == 1.0 ? 1.0 : b;
        return PY_NUM_OK;
    }
    if (isinf(b)) {
        double aa = fabs(a);
        if (aa == 1.0)
            *out = 1.0;
        else if ((b > 0.0) == (aa > 1.0))
            *out = fabs(b);
        else
            *out = 0.0;
        return PY_NUM_OK;
    }
    if (isinf(a)) {
        int odd = is_odd_integer(b);
        if (b > 0.0)
            *out = odd ? a : fabs(a);
        else
            *out = odd ? copysign(0.0, a) : 0.0;
        return PY_NUM_OK;
    }
    if (a == 0.0) {
        if (b < 0.0) return PY_NUM_ZERODIV;
        *out = is_odd_integer(b) ? a : 0.0;
        return PY_NUM_OK;
    }
    int negate = 0;
    if (a < 0.0) {
        if (b != floor(b)) return PY_NUM_COMPLEX;
        a = -a;
        negate = is_odd_integer(b);
    }
    if (a == 1.0) {
        *out = negate ? -1.0 : 1.0;
        return PY_NUM_OK;
    }
    errno = 0;
    double r = pow(a, b);
    /* _Py_ADJUST_ERANGE1: an infinity is an overflow, an underflow to 0 is not an error */
    if (errno == 0) {
        if (r == HUGE_VAL || r == -HUGE_VAL) errno = ERANGE;
    } else if (errno == ERANGE && r == 0.0) {
        errno = 0;
    }
    if (negate) r = -r;
    if (errno) return errno == ERANGE ? PY_NUM_OVERFLOW : PY_NUM_DOMAIN;
    *out = r;
    return PY_NUM_OK;
}

/* float.is_integer(). */
int py_float_is_integer(double x) { return isfinite(x) && floor(x) == x; }

/* x = m 2^e with m odd. */
py_num_status py_float_as_integer_ratio(double x, int64_t *m, int *e)
{
    if (isinf(x)) return PY_NUM_OVERFLOW;
    if (isnan(x)) return PY_NUM_INVALID;
    if (x == 0.0) {
        *m = 0;
        *e = 0;
        return PY_NUM_OK;
    }
    int ex;
    double f = frexp(x, &ex);
    int64_t mm = (int64_t)ldexp(f, DBL_MANT_DIG);
    ex -= DBL_MANT_DIG;
    while ((mm & 1) == 0) {
        mm /= 2;
        ex++;
    }
    *m = mm;
    *e = ex;
    return PY_NUM_OK;
}

/* x against the int b, exactly: signs, then integral parts as ints, then
 * x's fraction breaks a tie. */
int py_float_compare_bigint(double x, py_bigint b)
{
    if (isnan(x)) return 2;
    if (isinf(x)) return x > 0 ? 1 : -1;
    int xs = x > 0 ? 1 : x < 0 ? -1 : 0, bs = b.size > 0 ? 1 : b.size < 0 ? -1 : 0;
    if (xs != bs) return xs < bs ? -1 : 1;
    if (xs == 0) return 0;
    /* same sign: compare floor(x) (exact as an int) with b */
    double fl = floor(x);
    py_digit d[DBL_MAX_EXP / PY_BIGINT_SHIFT + 4];
    ptrdiff_t n;
    RG_ASSERT(py_bigint_from_double_bound(fl) <= sizeof d / sizeof *d);
    py_bigint_from_double(d, fl, &n);
    int c = py_bigint_compare(py_bigint_view(d, n), b);
    if (c != 0) return c;
    return x > fl ? 1 : 0;
}
