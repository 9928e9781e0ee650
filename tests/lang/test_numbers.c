/*
 * test_numbers.c -- the numeric kernels (src/types/bigint*.c,
 * src/types/floatfmt.c) against CPython 3.11.
 *
 * Two kinds of tests:
 *  - vectors: the files of tests/lang/numbers/, written by tools/gen-number-vectors
 *    with python3.11 (one case a line: operation, operands, what Python
 *    printed); every case must match exactly;
 *  - self-consistency: fixed-seed random ints through identities that tie
 *    independent kernels together ((a*b)//b == a, the divmod identity,
 *    str -> int -> str, shifts against multiplication by powers of two,
 *    De Morgan, Karatsuba against division), a few hundred thousand ops.
 * Ints in the vectors are hex() text, decoded here by a decoder of the
 * test's own (so a bug in the parser under test cannot hide itself), and
 * float results are compared by their bits after strtod.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "support/xoshiro.h"
#include "types/bigint.h"
#include "types/floatfmt.h"

#ifndef REFGC_SOURCE_DIR
#define REFGC_SOURCE_DIR "."
#endif

/* ====================================================================== */
/* Test-side ints                                                          */
/* ====================================================================== */

/* An int owned by the test: digits with room to spare. */
typedef struct num {
    py_digit *d;
    ptrdiff_t size;
    size_t cap;
} num;

/* A num with room for cap digits. */
static num num_new(size_t cap)
{
    num n = {calloc(cap ? cap : 1, sizeof(py_digit)), 0, cap};
    assert_non_null(n.d);
    return n;
}

/* Release a num's digits. */
static void num_free(num *n)
{
    free(n->d);
    n->d = NULL;
}

/* The kernels' view of a num. */
static py_bigint V(num n) { return py_bigint_view(n.d, n.size); }

/* Decode hex() text ("0x1f", "-0x1f") without the code under test. */
static num dec_hex(const char *t)
{
    int neg = *t == '-';
    if (neg || *t == '+') t++;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t += 2;
    size_t len = strlen(t);
    num n = num_new(len * 4 / 30 + 2);
    size_t nd = 0;
    uint64_t acc = 0;
    int have = 0;
    for (size_t i = len; i-- > 0;) {
        char c = t[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
        acc |= (uint64_t)v << have;
        have += 4;
        if (have >= 30) {
            n.d[nd++] = (py_digit)(acc & PY_BIGINT_MASK);
            acc >>= 30;
            have -= 30;
        }
    }
    if (have) n.d[nd++] = (py_digit)acc;
    while (nd && n.d[nd - 1] == 0) nd--;
    n.size = neg ? -(ptrdiff_t)nd : (ptrdiff_t)nd;
    return n;
}

/* Whether two ints are equal digit for digit (and both normalized). */
static int big_eq(py_bigint a, py_bigint b)
{
    if (a.size != b.size) return 0;
    size_t n = py_bigint_ndigits(a.size);
    if (n && a.d[n - 1] == 0) return 0;
    return n == 0 || memcmp(a.d, b.d, n * sizeof(py_digit)) == 0;
}

/* hex(a) in a malloc'd string. */
static char *hex_of(py_bigint a)
{
    size_t cap = py_bigint_to_base_string_bound(a, 16) + 1;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t len = py_bigint_to_base_string(s, a, 16, PY_BIGINT_PREFIX);
    assert_true(len < cap);
    s[len] = 0;
    return s;
}

/* ====================================================================== */
/* Vector files                                                            */
/* ====================================================================== */

#define MAX_FIELDS 8

/* The current file and line, and the failures so far. */
typedef struct vec_ctx {
    const char *file;
    size_t line;
    size_t cases, failures;
} vec_ctx;

/* Report one mismatch (the first 20 of a file in full). */
static void vec_fail(vec_ctx *c, const char *op, const char *fmt, ...)
{
    c->failures++;
    if (c->failures > 20) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%zu: %s: ", c->file, c->line, op);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Decode a %XX-escaped string field in place; returns its length. */
static size_t dec_str(char *s)
{
    if (strcmp(s, "%") == 0) {
        s[0] = 0;
        return 0;
    }
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '%' && s[i + 1] && s[i + 2]) {
            char hx[3] = {s[i + 1], s[i + 2], 0};
            s[o++] = (char)strtol(hx, NULL, 16);
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = 0;
    return o;
}

/* The error name a status stands for. */
static const char *status_name(py_num_status st)
{
    switch (st) {
    case PY_NUM_OK: return "ok";
    case PY_NUM_NOMEM: return "!MemoryError";
    case PY_NUM_ZERODIV: return "!ZeroDivisionError";
    case PY_NUM_OVERFLOW: return "!OverflowError";
    case PY_NUM_INVALID: return "!ValueError";
    case PY_NUM_TOO_MANY_DIGITS: return "!TooManyDigits";
    case PY_NUM_NOT_INVERTIBLE: return "!ValueError";
    case PY_NUM_COMPLEX: return "!complex";
    case PY_NUM_DOMAIN: return "!ValueError";
    case PY_NUM_INTERRUPTED: return "!KeyboardInterrupt";
    }
    return "?";
}

/* A double from the 16 hex digits of its bits. */
static double dec_fbits(const char *t)
{
    uint64_t bits = strtoull(t, NULL, 16);
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* A double from Python's repr text (strtod reads inf and nan too). */
static double dec_frepr(const char *t) { return strtod(t, NULL); }

/* Whether two doubles are the same: equal bits, or both nans. */
static int same_double(double a, double b)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Check an int result against an expected field (hex or !Error). */
static void check_int(vec_ctx *c, const char *op, py_num_status st, py_bigint got, const char *want)
{
    if (want[0] == '!') {
        if (st == PY_NUM_OK || strcmp(status_name(st), want) != 0)
            vec_fail(c, op, "status %s, want %s", status_name(st), want);
        return;
    }
    if (st != PY_NUM_OK) {
        vec_fail(c, op, "status %s, want %s", status_name(st), want);
        return;
    }
    num w = dec_hex(want);
    if (!big_eq(got, V(w))) {
        char *g = hex_of(got);
        vec_fail(c, op, "got %.200s, want %.200s", g, want);
        free(g);
    }
    num_free(&w);
}

/* Check a double result against Python's repr (or !Error). */
static void check_double(vec_ctx *c, const char *op, py_num_status st, double got, const char *want)
{
    if (want[0] == '!') {
        if (st == PY_NUM_OK || strcmp(status_name(st), want) != 0)
            vec_fail(c, op, "status %s, want %s", status_name(st), want);
        return;
    }
    if (st != PY_NUM_OK) {
        vec_fail(c, op, "status %s, want %s", status_name(st), want);
        return;
    }
    if (!same_double(got, dec_frepr(want))) vec_fail(c, op, "got %.17g, want %s", got, want);
}

/* Check a string result. */
static void check_str(vec_ctx *c, const char *op, py_num_status st, const char *got, size_t len, const char *want)
{
    if (want[0] == '!') {
        if (st == PY_NUM_OK || strcmp(status_name(st), want) != 0)
            vec_fail(c, op, "status %s, want %s", status_name(st), want);
        return;
    }
    if (st != PY_NUM_OK) {
        vec_fail(c, op, "status %s, want %.100s", status_name(st), want);
        return;
    }
    if (len != strlen(want) || memcmp(got, want, len) != 0)
        vec_fail(c, op, "got '%.*s', want '%.200s'", (int)(len > 200 ? 200 : len), got, want);
}

typedef void (*vec_fn)(vec_ctx *c, char **f, int nf);

/* Run every line of a vector file through fn; fails the test on any
 * mismatch.  Returns the number of cases. */
static size_t run_vectors(const char *name, vec_fn fn)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/lang/numbers/%s", REFGC_SOURCE_DIR, name);
    FILE *fp = fopen(path, "r");
    if (!fp) fail_msg("cannot open %s", path);
    vec_ctx c = {name, 0, 0, 0};
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        size_t len = 0;
        int ch;
        while ((ch = fgetc(fp)) != EOF && ch != '\n') {
            if (len + 1 >= cap) {
                cap *= 2;
                buf = realloc(buf, cap);
                assert_non_null(buf);
            }
            buf[len++] = (char)ch;
        }
        if (ch == EOF && len == 0) break;
        buf[len] = 0;
        c.line++;
        if (buf[0] == '#' || len == 0) continue;
        char *f[MAX_FIELDS];
        int nf = 0;
        for (char *p = strtok(buf, " "); p && nf < MAX_FIELDS; p = strtok(NULL, " ")) f[nf++] = p;
        c.cases++;
        fn(&c, f, nf);
    }
    fclose(fp);
    free(buf);
    fprintf(stderr, "%-18s %6zu cases, %zu failed\n", name, c.cases, c.failures);
    if (c.failures) fail_msg("%s: %zu of %zu cases failed", name, c.failures, c.cases);
    return c.cases;
}

/* ====================================================================== */
/* int vectors                                                             */
/* ====================================================================== */

/* Arithmetic, shifts, bitwise operations, comparison, hash, powers, each
 * result in a buffer of exactly the bound the kernel documents. */
static void vec_int_arith(vec_ctx *c, char **f, int nf)
{
    const char *op = f[0];
    num a = dec_hex(f[1]);
    num b = {0};
    num r = {0}, q = {0};
    py_num_status st = PY_NUM_OK;
    (void)nf;
    if (!strcmp(op, "add") || !strcmp(op, "sub")) {
        b = dec_hex(f[2]);
        r = num_new(py_bigint_add_bound(a.size, b.size));
        r.size = op[0] == 'a' ? py_bigint_add(r.d, V(a), V(b)) : py_bigint_sub(r.d, V(a), V(b));
        check_int(c, op, st, V(r), f[3]);
        /* in place: out == a */
        num a2 = num_new(r.cap);
        a2.size = py_bigint_copy(a2.d, V(a));
        a2.size = op[0] == 'a' ? py_bigint_add(a2.d, V(a2), V(b)) : py_bigint_sub(a2.d, V(a2), V(b));
        check_int(c, "add/sub in place", st, V(a2), f[3]);
        num_free(&a2);
    } else if (!strcmp(op, "mul")) {
        b = dec_hex(f[2]);
        r = num_new(py_bigint_mul_bound(a.size, b.size));
        int same = strcmp(f[1], f[2]) == 0;
        st = py_bigint_mul(r.d, V(a), same ? V(a) : V(b), &r.size);
        check_int(c, op, st, V(r), f[3]);
    } else if (!strcmp(op, "divmod")) {
        b = dec_hex(f[2]);
        q = num_new(py_bigint_div_bound(a.size, b.size));
        r = num_new(py_bigint_mod_bound(a.size, b.size) + 1);
        st = py_bigint_divmod(q.d, &q.size, r.d, &r.size, V(a), V(b));
        check_int(c, "divmod q", st, V(q), f[3]);
        if (st == PY_NUM_OK) check_int(c, "divmod r", st, V(r), f[4]);
        /* quotient only, remainder only */
        if (st == PY_NUM_OK) {
            num q2 = num_new(q.cap), r2 = num_new(r.cap);
            st = py_bigint_divmod(q2.d, &q2.size, NULL, NULL, V(a), V(b));
            check_int(c, "floordiv", st, V(q2), f[3]);
            st = py_bigint_divmod(NULL, NULL, r2.d, &r2.size, V(a), V(b));
            check_int(c, "mod", st, V(r2), f[4]);
            num_free(&q2);
            num_free(&r2);
        }
    } else if (!strcmp(op, "cmp")) {
        b = dec_hex(f[2]);
        int cmp = py_bigint_compare(V(a), V(b));
        if (cmp != atoi(f[3])) vec_fail(c, op, "got %d, want %s", cmp, f[3]);
    } else if (!strcmp(op, "lshift") || !strcmp(op, "rshift")) {
        uint64_t s = strtoull(f[2], NULL, 10);
        if (op[0] == 'l') {
            r = num_new(py_bigint_lshift_bound(a.size, s));
            r.size = py_bigint_lshift(r.d, V(a), s);
        } else {
            r = num_new(py_bigint_rshift_bound(a.size, s));
            r.size = py_bigint_rshift(r.d, V(a), s);
        }
        check_int(c, op, st, V(r), f[3]);
    } else if (!strcmp(op, "and") || !strcmp(op, "or") || !strcmp(op, "xor")) {
        b = dec_hex(f[2]);
        r = num_new(py_bigint_bitwise_bound(a.size, b.size));
        char o = op[0] == 'a' ? '&' : op[0] == 'o' ? '|' : '^';
        r.size = py_bigint_bitwise(r.d, V(a), o, V(b));
        check_int(c, op, st, V(r), f[3]);
    } else if (!strcmp(op, "invert")) {
        r = num_new(py_bigint_invert_bound(a.size));
        r.size = py_bigint_invert(r.d, V(a));
        check_int(c, op, st, V(r), f[2]);
        r.size = py_bigint_invert(r.d, V(r)); /* in place, back */
        check_int(c, "invert twice", st, V(r), f[1]);
    } else if (!strcmp(op, "bitlen")) {
        uint64_t n = py_bigint_bit_length(V(a));
        if (n != strtoull(f[2], NULL, 10)) vec_fail(c, op, "got %llu, want %s", (unsigned long long)n, f[2]);
    } else if (!strcmp(op, "hash")) {
        int64_t hsh = py_bigint_hash(V(a));
        if (hsh != strtoll(f[2], NULL, 10)) vec_fail(c, op, "got %lld, want %s", (long long)hsh, f[2]);
    } else if (!strcmp(op, "pow")) {
        b = dec_hex(f[2]);
        size_t bound = py_bigint_pow_bound(V(a), V(b));
        assert_true(bound != SIZE_MAX);
        r = num_new(bound);
        st = py_bigint_pow(r.d, V(a), V(b), &r.size);
        check_int(c, op, st, V(r), f[3]);
    } else if (!strcmp(op, "iround")) {
        /* round(a, -n) = a - r, (q, r) = divmod_near(a, 10^n) */
        py_digit ten = 10;
        py_digit nd[1] = {(py_digit)atoi(f[2])};
        num p10 = num_new(py_bigint_pow_bound(py_bigint_view(&ten, 1), py_bigint_view(nd, 1)));
        assert_int_equal(py_bigint_pow(p10.d, py_bigint_view(&ten, 1), py_bigint_view(nd, 1), &p10.size), PY_NUM_OK);
        q = num_new(py_bigint_div_bound(a.size, p10.size));
        num rm = num_new(py_bigint_mod_bound(a.size, p10.size));
        st = py_bigint_divmod_near(q.d, &q.size, rm.d, &rm.size, V(a), V(p10));
        r = num_new(py_bigint_add_bound(a.size, rm.size));
        r.size = py_bigint_sub(r.d, V(a), V(rm));
        check_int(c, op, st, V(r), f[3]);
        num_free(&p10);
        num_free(&rm);
    } else if (!strcmp(op, "powmod")) {
        b = dec_hex(f[2]);
        num m = dec_hex(f[3]);
        r = num_new(py_bigint_powmod_bound(m.size));
        st = py_bigint_powmod(r.d, V(a), V(b), V(m), &r.size);
        check_int(c, op, st, V(r), f[4]);
        num_free(&m);
    } else {
        vec_fail(c, op, "unknown operation");
    }
    num_free(&a);
    num_free(&b);
    num_free(&r);
    num_free(&q);
}

/* Every case of int_arith.txt. */
static void test_int_arith_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("int_arith.txt", vec_int_arith) > 2000);
}

/* Conversions: float(int), int64, int / int, int(float). */
static void vec_int_conv(vec_ctx *c, char **f, int nf)
{
    const char *op = f[0];
    (void)nf;
    if (!strcmp(op, "fromfloat")) {
        double x = dec_fbits(f[1]);
        num r = num_new(py_bigint_from_double_bound(x));
        py_num_status st = py_bigint_from_double(r.d, x, &r.size);
        check_int(c, op, st, V(r), f[2]);
        num_free(&r);
        return;
    }
    num a = dec_hex(f[1]);
    if (!strcmp(op, "float")) {
        double x = 0;
        py_num_status st = py_bigint_to_double(V(a), &x);
        check_double(c, op, st, x, f[2]);
    } else if (!strcmp(op, "int64")) {
        int64_t v = 0;
        py_num_status st = py_bigint_to_int64(V(a), &v);
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)v);
        check_str(c, op, st, buf, strlen(buf), f[2]);
        if (st == PY_NUM_OK) {
            py_digit d[PY_BIGINT_INT64_DIGITS];
            ptrdiff_t n = py_bigint_from_int64(d, v);
            if (!big_eq(py_bigint_view(d, n), V(a))) vec_fail(c, "from_int64", "round trip of %s", f[1]);
        }
        uint64_t u = 0;
        st = py_bigint_to_uint64(V(a), &u);
        int fits = a.size >= 0 && py_bigint_bit_length(V(a)) <= 64;
        if ((st == PY_NUM_OK) != fits) vec_fail(c, "uint64", "status %s for %s", status_name(st), f[1]);
        if (st == PY_NUM_OK) {
            py_digit d[PY_BIGINT_INT64_DIGITS];
            ptrdiff_t n = py_bigint_from_uint64(d, u);
            if (!big_eq(py_bigint_view(d, n), V(a))) vec_fail(c, "from_uint64", "round trip of %s", f[1]);
        }
    } else if (!strcmp(op, "truediv")) {
        num b = dec_hex(f[2]);
        double x = 0;
        py_num_status st = py_bigint_true_divide(V(a), V(b), &x);
        check_double(c, op, st, x, f[3]);
        num_free(&b);
    } else {
        vec_fail(c, op, "unknown operation");
    }
    num_free(&a);
}

/* Every case of int_conv.txt. */
static void test_int_conv_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("int_conv.txt", vec_int_conv) > 1000);
}

/* A format() result against the vector: the text, or "!ValueError:msg",
 * "!OverflowError:msg", "!TooManyDigits". */
static void check_format(vec_ctx *c, const char *spec, char *got, size_t len, py_num_status st, const char *err,
                         char *want)
{
    if (want[0] == '!') {
        char *colon = strchr(want, ':');
        const char *kind = st == PY_NUM_OVERFLOW ? "!OverflowError" : st == PY_NUM_TOO_MANY_DIGITS ? "!TooManyDigits"
                                                                                                 : "!ValueError";
        if (colon) *colon++ = 0;
        if (colon) dec_str(colon);
        if (got)
            vec_fail(c, "format", "'%s': got '%.100s', want %s %s", spec, got, want, colon ? colon : "");
        else if (strcmp(kind, want) != 0)
            vec_fail(c, "format", "'%s': got %s, want %s", spec, kind, want);
        else if (colon && strcmp(err, colon) != 0)
            vec_fail(c, "format", "'%s': message '%s', want '%s'", spec, err, colon);
        return;
    }
    size_t wl = dec_str(want);
    if (!got)
        vec_fail(c, "format", "'%s': error %s '%s', want '%.100s'", spec, status_name(st), err, want);
    else if (len != wl || memcmp(got, want, wl) != 0)
        vec_fail(c, "format", "'%s': got '%.200s', want '%.200s'", spec, got, want);
}

/* str(), oct(), bin(), int(s, base), format(int, spec). */
static void vec_int_str(vec_ctx *c, char **f, int nf)
{
    const char *op = f[0];
    (void)nf;
    if (!strcmp(op, "parse")) {
        int base = atoi(f[1]);
        size_t len = dec_str(f[2]);
        num r = num_new(py_bigint_from_string_bound(len, base));
        size_t nd = 0;
        py_num_status st = py_bigint_from_string(r.d, &r.size, f[2], len, base, PY_BIGINT_MAX_STR_DIGITS, &nd);
        check_int(c, op, st, V(r), f[3]);
        num_free(&r);
        return;
    }
    num a = dec_hex(f[1]);
    if (!strcmp(op, "format")) {
        size_t speclen = dec_str(f[2]);
        char err[PY_FORMAT_ERR_MAX];
        size_t len = 0;
        py_num_status st;
        char *got = py_bigint_format(V(a), f[2], speclen, PY_BIGINT_MAX_STR_DIGITS, &len, &st, err);
        check_format(c, f[2], got, len, st, err, f[3]);
        free(got);
    } else if (!strcmp(op, "str")) {
        size_t cap = py_bigint_to_decimal_bound(V(a));
        char *s = malloc(cap);
        size_t len = 0;
        py_num_status st = py_bigint_to_decimal(s, &len, V(a), PY_BIGINT_MAX_STR_DIGITS);
        check_str(c, op, st, s, len, f[2]);
        if (st == PY_NUM_OK) {
            /* the digit count, and back through the parser */
            size_t nd = py_bigint_decimal_digits(V(a));
            if (nd != len - (a.size < 0)) vec_fail(c, "decimal_digits", "got %zu for %zu chars", nd, len);
            num r = num_new(py_bigint_from_string_bound(len, 10));
            st = py_bigint_from_string(r.d, &r.size, s, len, 10, 0, NULL);
            check_int(c, "str round trip", st, V(r), f[1]);
            num_free(&r);
        }
        free(s);
    } else if (!strcmp(op, "oct") || !strcmp(op, "bin")) {
        int base = op[0] == 'o' ? 8 : 2;
        size_t cap = py_bigint_to_base_string_bound(V(a), base);
        char *s = malloc(cap);
        size_t len = py_bigint_to_base_string(s, V(a), base, PY_BIGINT_PREFIX);
        assert_true(len <= cap);
        check_str(c, op, PY_NUM_OK, s, len, f[2]);
        free(s);
    } else {
        vec_fail(c, op, "unknown operation");
    }
    num_free(&a);
}

/* Every case of int_str.txt. */
static void test_int_str_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("int_str.txt", vec_int_str) > 2000);
}

/* ====================================================================== */
/* Self-consistency of the int kernels                                     */
/* ====================================================================== */

/* A random int of up to maxbits bits: plain random digits, or runs of
 * ones and zeros (reaching the rare corrections of the division). */
static num rand_num(xoshiro *g, size_t maxbits)
{
    size_t bits = xoshiro_below(g, maxbits + 1);
    size_t nd = (bits + 29) / 30;
    num n = num_new(nd + 1);
    int runs = xoshiro_below(g, 3) == 0;
    int one = (int)xoshiro_below(g, 2);
    size_t left = 0;
    for (size_t i = 0; i < nd; i++) {
        py_digit d = 0;
        if (runs) {
            for (int b = 0; b < 30; b++) {
                if (left == 0) {
                    left = 1 + xoshiro_below(g, 60);
                    one = !one;
                }
                left--;
                d |= (py_digit)one << b;
            }
        } else {
            d = (py_digit)(xoshiro_next(g) & PY_BIGINT_MASK);
        }
        n.d[i] = d;
    }
    if (nd && bits % 30) n.d[nd - 1] &= ((py_digit)1 << (bits % 30)) - 1;
    size_t k = nd;
    while (k && n.d[k - 1] == 0) k--;
    n.size = xoshiro_below(g, 2) ? -(ptrdiff_t)k : (ptrdiff_t)k;
    return n;
}

/* Fail with both operands in hex. */
static void consistency_fail(const char *what, py_bigint a, py_bigint b)
{
    char *x = hex_of(a), *y = hex_of(b);
    fail_msg("%s: a=%.300s b=%.300s", what, x, y);
    free(x);
    free(y);
}

/* One round of identities on random a and b. */
static void consistency_round(xoshiro *g, size_t maxbits, size_t *ops)
{
    num a = rand_num(g, maxbits), b = rand_num(g, maxbits);
    if (xoshiro_below(g, 4) == 0) { /* lopsided sizes */
        num_free(&b);
        b = rand_num(g, maxbits / 8 + 1);
    }
    /* p = a * b; p // b == a and p % b == 0 */
    num p = num_new(py_bigint_mul_bound(a.size, b.size));
    assert_int_equal(py_bigint_mul(p.d, V(a), V(b), &p.size), PY_NUM_OK);
    if (b.size != 0) {
        num q = num_new(py_bigint_div_bound(p.size, b.size)), r = num_new(py_bigint_mod_bound(p.size, b.size));
        assert_int_equal(py_bigint_divmod(q.d, &q.size, r.d, &r.size, V(p), V(b)), PY_NUM_OK);
        if (!big_eq(V(q), V(a)) || r.size != 0) consistency_fail("(a*b)//b", V(a), V(b));
        num_free(&q);
        num_free(&r);
    }
    /* a == q b + r with 0 <= r < b or b < r <= 0 */
    if (b.size != 0) {
        num q = num_new(py_bigint_div_bound(a.size, b.size)), r = num_new(py_bigint_mod_bound(a.size, b.size));
        assert_int_equal(py_bigint_divmod(q.d, &q.size, r.d, &r.size, V(a), V(b)), PY_NUM_OK);
        num qb = num_new(py_bigint_mul_bound(q.size, b.size) + 1);
        assert_int_equal(py_bigint_mul(qb.d, V(q), V(b), &qb.size), PY_NUM_OK);
        num s = num_new(py_bigint_add_bound(qb.size, r.size));
        s.size = py_bigint_add(s.d, V(qb), V(r));
        if (!big_eq(V(s), V(a))) consistency_fail("divmod identity", V(a), V(b));
        int rs = r.size > 0 ? 1 : r.size < 0 ? -1 : 0;
        if (rs != 0 && rs != (b.size > 0 ? 1 : -1)) consistency_fail("divmod sign", V(a), V(b));
        if (py_bigint_compare(py_bigint_abs(V(r)), py_bigint_abs(V(b))) >= 0) consistency_fail("|r| < |b|", V(a), V(b));
        num_free(&q);
        num_free(&r);
        num_free(&qb);
        num_free(&s);
    }
    /* (a + b) - b == a */
    num s = num_new(py_bigint_add_bound(a.size, b.size));
    s.size = py_bigint_add(s.d, V(a), V(b));
    num t = num_new(py_bigint_add_bound(s.size, b.size));
    t.size = py_bigint_sub(t.d, V(s), V(b));
    if (!big_eq(V(t), V(a))) consistency_fail("(a+b)-b", V(a), V(b));
    /* a << k == a * 2^k, (a << k) >> k == a */
    uint64_t k = xoshiro_below(g, 200);
    num l = num_new(py_bigint_lshift_bound(a.size, k));
    l.size = py_bigint_lshift(l.d, V(a), k);
    num pw = num_new(k / 30 + 2);
    pw.d[k / 30] = (py_digit)1 << (k % 30);
    pw.size = (ptrdiff_t)(k / 30 + 1);
    num m = num_new(py_bigint_mul_bound(a.size, pw.size));
    assert_int_equal(py_bigint_mul(m.d, V(a), V(pw), &m.size), PY_NUM_OK);
    if (!big_eq(V(l), V(m))) consistency_fail("a<<k == a*2^k", V(a), V(pw));
    num rr = num_new(py_bigint_rshift_bound(l.size, k));
    rr.size = py_bigint_rshift(rr.d, V(l), k);
    if (!big_eq(V(rr), V(a))) consistency_fail("(a<<k)>>k", V(a), V(pw));
    /* a >> k == a // 2^k */
    num ra = num_new(py_bigint_rshift_bound(a.size, k)), qa = num_new(py_bigint_div_bound(a.size, pw.size));
    ra.size = py_bigint_rshift(ra.d, V(a), k);
    assert_int_equal(py_bigint_divmod(qa.d, &qa.size, NULL, NULL, V(a), V(pw)), PY_NUM_OK);
    if (!big_eq(V(ra), V(qa))) consistency_fail("a>>k == a//2^k", V(a), V(pw));
    /* ~(a & b) == ~a | ~b;  a ^ b == (a | b) - (a & b) */
    size_t bw = py_bigint_bitwise_bound(a.size, b.size) + 1;
    num x1 = num_new(bw), x2 = num_new(bw), na = num_new(bw), nb = num_new(bw), x3 = num_new(bw), x4 = num_new(bw);
    x1.size = py_bigint_bitwise(x1.d, V(a), '&', V(b));
    x1.size = py_bigint_invert(x1.d, V(x1));
    na.size = py_bigint_invert(na.d, V(a));
    nb.size = py_bigint_invert(nb.d, V(b));
    x2.size = py_bigint_bitwise(x2.d, V(na), '|', V(nb));
    if (!big_eq(V(x1), V(x2))) consistency_fail("De Morgan", V(a), V(b));
    x3.size = py_bigint_bitwise(x3.d, V(a), '|', V(b));
    x4.size = py_bigint_bitwise(x4.d, V(a), '&', V(b));
    x1.size = py_bigint_sub(x1.d, V(x3), V(x4));
    x2.size = py_bigint_bitwise(x2.d, V(a), '^', V(b));
    if (!big_eq(V(x1), V(x2))) consistency_fail("xor = or - and", V(a), V(b));
    /* str -> int -> str, hex -> int */
    if (py_bigint_ndigits(a.size) < 300) {
        size_t cap = py_bigint_to_decimal_bound(V(a));
        char *str = malloc(cap);
        size_t len;
        assert_int_equal(py_bigint_to_decimal(str, &len, V(a), 0), PY_NUM_OK);
        num back = num_new(py_bigint_from_string_bound(len, 10));
        assert_int_equal(py_bigint_from_string(back.d, &back.size, str, len, 10, 0, NULL), PY_NUM_OK);
        if (!big_eq(V(back), V(a))) consistency_fail("str round trip", V(a), V(b));
        free(str);
        num_free(&back);
        char *hx = hex_of(V(a));
        num back2 = num_new(py_bigint_from_string_bound(strlen(hx), 0));
        assert_int_equal(py_bigint_from_string(back2.d, &back2.size, hx, strlen(hx), 0, 0, NULL), PY_NUM_OK);
        if (!big_eq(V(back2), V(a))) consistency_fail("hex round trip", V(a), V(b));
        free(hx);
        num_free(&back2);
    }
    /* a / b == (a 2^k) / (b 2^k) (same correctly rounded double); a / 1 == float(a) */
    if (b.size != 0) {
        double q1 = 0, q2 = 0;
        py_num_status s1 = py_bigint_true_divide(V(a), V(b), &q1);
        num bk = num_new(py_bigint_lshift_bound(b.size, k));
        bk.size = py_bigint_lshift(bk.d, V(b), k);
        py_num_status s2 = py_bigint_true_divide(V(l), V(bk), &q2);
        if (s1 != s2 || (s1 == PY_NUM_OK && memcmp(&q1, &q2, sizeof q1) != 0))
            consistency_fail("a/b == (a<<k)/(b<<k)", V(a), V(b));
        num_free(&bk);
        py_digit one = 1;
        double f1 = 0, f2 = 0;
        s1 = py_bigint_true_divide(V(a), py_bigint_view(&one, 1), &f1);
        s2 = py_bigint_to_double(V(a), &f2);
        if (s1 != s2 || (s1 == PY_NUM_OK && memcmp(&f1, &f2, sizeof f1) != 0)) consistency_fail("a/1 == float(a)", V(a), V(b));
    }
    /* hash is additive modulo 2^61 - 1 on non-negative ints (never -1 there) */
    if (a.size >= 0 && b.size >= 0) {
        const int64_t M = ((int64_t)1 << 61) - 1;
        int64_t ha = py_bigint_hash(V(a)), hb = py_bigint_hash(V(b)), hs = py_bigint_hash(V(s));
        if (hs != (ha + hb) % M) consistency_fail("hash additive", V(a), V(b));
    }
    *ops += 20;
    num *all[] = {&a, &b, &p, &s, &t, &l, &pw, &m, &rr, &ra, &qa, &x1, &x2, &na, &nb, &x3, &x4};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) num_free(all[i]);
}

/* The identities over ints of up to 400, 3000 and 20000 bits (Karatsuba deep). */
static void test_int_consistency(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 20240611);
    size_t ops = 0;
    for (int i = 0; i < 12000; i++) consistency_round(&g, 400, &ops);
    for (int i = 0; i < 3000; i++) consistency_round(&g, 3000, &ops);
    for (int i = 0; i < 300; i++) consistency_round(&g, 20000, &ops); /* deep Karatsuba */
    fprintf(stderr, "int consistency: %zu operations\n", ops);
}

/* ====================================================================== */
/* float vectors                                                           */
/* ====================================================================== */

/* repr(x), and float(repr(x)) is x again. */
static void vec_float_repr(vec_ctx *c, char **f, int nf)
{
    (void)nf;
    double x = dec_fbits(f[1]);
    char buf[PY_FLOAT_REPR_MAX];
    size_t len = py_float_repr(buf, x);
    assert_true(len < PY_FLOAT_REPR_MAX && buf[len] == 0);
    check_str(c, f[0], PY_NUM_OK, buf, len, f[2]);
    double y = 0;
    py_num_status st = py_float_from_string(buf, len, &y);
    if (st != PY_NUM_OK || !same_double(x, y)) vec_fail(c, "repr round trip", "%s -> %g", buf, y);
}

/* Every case of float_repr.txt. */
static void test_float_repr_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("float_repr.txt", vec_float_repr) > 4000);
}

/* format(x, spec), or its ValueError message. */
static void vec_float_format(vec_ctx *c, char **f, int nf)
{
    (void)nf;
    double x = dec_fbits(f[1]);
    size_t speclen = dec_str(f[2]);
    char err[PY_FORMAT_ERR_MAX];
    size_t len = 0;
    char *got = py_float_format(x, f[2], speclen, &len, err);
    check_format(c, f[2], got, len, got ? PY_NUM_OK : PY_NUM_INVALID, err, f[3]);
    free(got);
}

/* Every case of float_format.txt. */
static void test_float_format_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("float_format.txt", vec_float_format) > 4000);
}

/* round(x, n). */
static void vec_float_round(vec_ctx *c, char **f, int nf)
{
    (void)nf;
    double x = dec_fbits(f[1]), r = 0;
    py_num_status st = py_float_round(x, strtoll(f[2], NULL, 10), &r);
    check_double(c, f[0], st, r, f[3]);
}

/* Every case of float_round.txt. */
static void test_float_round_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("float_round.txt", vec_float_round) > 2500);
}

/* float(s). */
static void vec_float_parse(vec_ctx *c, char **f, int nf)
{
    (void)nf;
    size_t len = dec_str(f[1]);
    double x = 0;
    py_num_status st = py_float_from_string(f[1], len, &x);
    check_double(c, f[0], st, x, f[2]);
}

/* Every case of float_parse.txt. */
static void test_float_parse_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("float_parse.txt", vec_float_parse) > 3000);
}

/* //, %, divmod, **, hash, is_integer, as_integer_ratio. */
static void vec_float_arith(vec_ctx *c, char **f, int nf)
{
    (void)nf;
    const char *op = f[0];
    double a = dec_fbits(f[1]);
    if (!strcmp(op, "fhash")) {
        const void *id = &a;
        int64_t hsh = py_float_hash(a, id);
        if (!strcmp(f[2], "nan")) {
            uint64_t y = (uint64_t)(uintptr_t)id;
            y = (y >> 4) | (y << 60);
            if (hsh != ((int64_t)y == -1 ? -2 : (int64_t)y)) vec_fail(c, op, "nan hash is not the identity's");
        } else if (hsh != strtoll(f[2], NULL, 10)) {
            vec_fail(c, op, "got %lld, want %s", (long long)hsh, f[2]);
        }
        return;
    }
    if (!strcmp(op, "fisint")) {
        if (py_float_is_integer(a) != atoi(f[2])) vec_fail(c, op, "%.17g", a);
        return;
    }
    if (!strcmp(op, "fratio")) {
        int64_t m;
        int e;
        py_num_status st = py_float_as_integer_ratio(a, &m, &e);
        if (f[2][0] == '!') {
            check_double(c, op, st, 0, f[2]);
            return;
        }
        /* numerator m << e, denominator 1 << -e */
        py_digit md[PY_BIGINT_INT64_DIGITS];
        ptrdiff_t mn = py_bigint_from_int64(md, m);
        num nu = num_new(py_bigint_lshift_bound(mn, e > 0 ? (uint64_t)e : 0));
        nu.size = py_bigint_lshift(nu.d, py_bigint_view(md, mn), e > 0 ? (uint64_t)e : 0);
        py_digit one = 1;
        num de = num_new(py_bigint_lshift_bound(1, e < 0 ? (uint64_t)-e : 0));
        de.size = py_bigint_lshift(de.d, py_bigint_view(&one, 1), e < 0 ? (uint64_t)-e : 0);
        check_int(c, "fratio num", st, V(nu), f[2]);
        check_int(c, "fratio den", st, V(de), f[3]);
        num_free(&nu);
        num_free(&de);
        return;
    }
    double b = dec_fbits(f[2]), q = 0, r = 0;
    py_num_status st;
    if (!strcmp(op, "fdivmod")) {
        st = py_float_divmod(a, b, &q, &r);
        check_double(c, op, st, q, f[3]);
        if (st == PY_NUM_OK) check_double(c, "fdivmod r", st, r, f[4]);
    } else if (!strcmp(op, "ffloordiv")) {
        st = py_float_floordiv(a, b, &q);
        check_double(c, op, st, q, f[3]);
    } else if (!strcmp(op, "fmod")) {
        st = py_float_mod(a, b, &r);
        check_double(c, op, st, r, f[3]);
    } else if (!strcmp(op, "fpow")) {
        st = py_float_pow(a, b, &r);
        check_double(c, op, st, r, f[3]);
    } else {
        vec_fail(c, op, "unknown operation");
    }
}

/* Every case of float_arith.txt. */
static void test_float_arith_vectors(void **state)
{
    (void)state;
    assert_true(run_vectors("float_arith.txt", vec_float_arith) > 4000);
}

/* ====================================================================== */
/* Self-consistency of the float kernels                                   */
/* ====================================================================== */

/* The shortest digits of x > 0 the slow way: every length from 1 up, the
 * nearest decimal of that length (snprintf) or its neighbour on the other
 * side of x; returns the digit string as "DIGITS e EXP" text in out. */
static void slow_shortest(double x, char *out, size_t cap)
{
    for (int p = 1; p <= 17; p++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        unsigned long long d = 0;
        char *e = strchr(buf, 'e');
        for (char *q = buf; q < e; q++)
            if (*q >= '0' && *q <= '9') d = d * 10 + (unsigned long long)(*q - '0');
        int ex = atoi(e + 1) - (p - 1);
        double y = strtod(buf, NULL);
        if (y != x) {
            /* the neighbour: d +- 1 at the same scale, renormalized below */
            d = y < x ? d + 1 : d - 1;
            char nb[64];
            snprintf(nb, sizeof nb, "%llue%d", d, ex);
            if (strtod(nb, NULL) != x) continue;
        }
        while (d && d % 10 == 0) {
            d /= 10;
            ex++;
        }
        snprintf(out, cap, "%llue%d", d, ex);
        return;
    }
    fail_msg("no shortest digits for %.17g", x);
}

/* py_float_digits mode 0 against slow_shortest. */
static void check_shortest(double x)
{
    if (x == 0 || !isfinite(x)) return;
    char digits[PY_FLOAT_DIGITS_MAX];
    int decpt, sign;
    size_t nd = py_float_digits(x, 0, 0, digits, &decpt, &sign);
    char got[64], want[64];
    snprintf(got, sizeof got, "%.*se%d", (int)nd, digits, decpt - (int)nd);
    slow_shortest(fabs(x), want, sizeof want);
    if (strcmp(got, want) != 0) fail_msg("shortest digits of %.17g: %s, want %s", x, got, want);
}

/* Random doubles: repr round-trips and is the shortest (one digit fewer
 * never rounds back), hash(x) == hash(int(x)) for integral x, and
 * compare_bigint agrees with the int's own comparison. */
static void test_float_consistency(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 99);
    size_t n = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t bits = xoshiro_next(&g);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (i % 3 == 0) x = ldexp((double)(int64_t)(xoshiro_next(&g) >> 11), (int)xoshiro_below(&g, 200) - 100);
        if (!isfinite(x)) continue;
        char buf[PY_FLOAT_REPR_MAX];
        size_t len = py_float_repr(buf, x);
        double y;
        assert_int_equal(py_float_from_string(buf, len, &y), PY_NUM_OK);
        if (!same_double(x, y)) fail_msg("repr %s does not round-trip %.17g", buf, x);
        check_shortest(x);
        if (py_float_is_integer(x) && fabs(x) < 1e300) {
            num a = num_new(py_bigint_from_double_bound(x));
            assert_int_equal(py_bigint_from_double(a.d, x, &a.size), PY_NUM_OK);
            if (py_float_hash(x, NULL) != py_bigint_hash(V(a))) fail_msg("hash(%.17g) != hash(int)", x);
            if (py_float_compare_bigint(x, V(a)) != 0) fail_msg("%.17g != int(%.17g)", x, x);
            double back;
            assert_int_equal(py_bigint_to_double(V(a), &back), PY_NUM_OK);
            if (back != x) fail_msg("float(int(%.17g))", x);
            num_free(&a);
        } else if (fabs(x) < 1e300) {
            num a = num_new(py_bigint_from_double_bound(x));
            assert_int_equal(py_bigint_from_double(a.d, x, &a.size), PY_NUM_OK);
            int want = x < 0 ? -1 : 1; /* truncation is towards zero */
            if (py_float_compare_bigint(x, V(a)) != want) fail_msg("%.17g vs int(%.17g)", x, x);
            num_free(&a);
        }
        n++;
    }
    /* near ties of the 17-digit rounding: 16 digits and a 5, and powers of two */
    for (int i = 0; i < 100000; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%llu%s5e%d", (unsigned long long)(xoshiro_next(&g) % 9000000000000000ull + 1000000000000000ull),
                 i % 2 ? "" : "0", (int)xoshiro_below(&g, 600) - 300);
        check_shortest(strtod(buf, NULL));
        n++;
    }
    for (int e = -1074; e < 1024; e++) {
        check_shortest(ldexp(1.0, e));
        check_shortest(nextafter(ldexp(1.0, e), 0));
        n += 2;
    }
    fprintf(stderr, "float consistency: %zu doubles\n", n);
}

/* ====================================================================== */
/* Speed (reported, not asserted)                                          */
/* ====================================================================== */

/* Monotonic seconds. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A 1000-decimal-digit product, a 1000-digit (30-bit) product, str() and
 * int() of 4000 digits, repr() and float(); python3 -m timeit gives
 * CPython's figures. */
static void test_int_speed(void **state)
{
    (void)state;
    xoshiro g;
    xoshiro_seed(&g, 7);
    size_t sizes[] = {111, 1000};
    for (int k = 0; k < 2; k++) {
        size_t n = sizes[k];
        num a = num_new(n), b = num_new(n), p = num_new(2 * n);
        for (size_t i = 0; i < n; i++) {
            a.d[i] = (py_digit)(xoshiro_next(&g) & PY_BIGINT_MASK) | 1;
            b.d[i] = (py_digit)(xoshiro_next(&g) & PY_BIGINT_MASK) | 1;
        }
        a.size = b.size = (ptrdiff_t)n;
        int reps = k == 0 ? 20000 : 300;
        double t0 = now();
        for (int r = 0; r < reps; r++) assert_int_equal(py_bigint_mul(p.d, V(a), V(b), &p.size), PY_NUM_OK);
        double t = (now() - t0) / reps;
        fprintf(stderr, "speed: mul %zu x %zu digits (%zu decimal): %.2f us\n", n, n, (size_t)(n * 9.03), t * 1e6);
        num_free(&a);
        num_free(&b);
        num_free(&p);
    }
    /* 4000 decimal digits: 10^3999 + something */
    char dec[4001];
    for (int i = 0; i < 4000; i++) dec[i] = (char)('1' + xoshiro_below(&g, 9));
    num a = num_new(py_bigint_from_string_bound(4000, 10));
    double t0 = now();
    for (int r = 0; r < 200; r++)
        assert_int_equal(py_bigint_from_string(a.d, &a.size, dec, 4000, 10, 4300, NULL), PY_NUM_OK);
    double tparse = (now() - t0) / 200;
    char *out = malloc(py_bigint_to_decimal_bound(V(a)));
    size_t len;
    t0 = now();
    for (int r = 0; r < 200; r++) assert_int_equal(py_bigint_to_decimal(out, &len, V(a), 4300), PY_NUM_OK);
    double tstr = (now() - t0) / 200;
    assert_int_equal(len, 4000);
    assert_memory_equal(out, dec, 4000);
    fprintf(stderr, "speed: int() of 4000 digits: %.1f us, str() of 4000 digits: %.1f us\n", tparse * 1e6,
            tstr * 1e6);
    free(out);
    num_free(&a);
    /* repr of random doubles, of 0.1, and float() of their reprs */
    double xs[1000];
    char reprs[1000][PY_FLOAT_REPR_MAX];
    for (int i = 0; i < 1000; i++) xs[i] = ldexp((double)(xoshiro_next(&g) >> 11), (int)xoshiro_below(&g, 120) - 100);
    t0 = now();
    size_t total = 0;
    for (int r = 0; r < 20; r++)
        for (int i = 0; i < 1000; i++) total += py_float_repr(reprs[i], xs[i]);
    double trepr = (now() - t0) / 20000;
    t0 = now();
    for (int r = 0; r < 20000; r++) total += py_float_repr(reprs[0], 0.1);
    double tshort = (now() - t0) / 20000;
    double sum = 0;
    t0 = now();
    for (int r = 0; r < 20; r++)
        for (int i = 0; i < 1000; i++) {
            double y;
            py_float_from_string(reprs[i], strlen(reprs[i]), &y);
            sum += y;
        }
    double tparsef = (now() - t0) / 20000;
    fprintf(stderr, "speed: repr(random double) %.0f ns, repr(0.1) %.0f ns, float(repr) %.0f ns (%zu %g)\n",
            trepr * 1e9, tshort * 1e9, tparsef * 1e9, total, sum);
}

/* ====================================================================== */
/* Main                                                                    */
/* ====================================================================== */

/* The vector files first, then the randomized tests, then the figures. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_arith_vectors),
        cmocka_unit_test(test_int_conv_vectors),
        cmocka_unit_test(test_int_str_vectors),
        cmocka_unit_test(test_int_consistency),
        cmocka_unit_test(test_float_repr_vectors),
        cmocka_unit_test(test_float_format_vectors),
        cmocka_unit_test(test_float_round_vectors),
        cmocka_unit_test(test_float_parse_vectors),
        cmocka_unit_test(test_float_arith_vectors),
        cmocka_unit_test(test_float_consistency),
        cmocka_unit_test(test_int_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
