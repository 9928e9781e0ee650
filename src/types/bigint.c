/*
 * bigint.c -- int arithmetic on digit arrays: CPython 3.11's algorithms
 * (Objects/longobject.c) for comparison, addition, multiplication
 * (schoolbook, squaring, Karatsuba, lopsided Karatsuba), Knuth's division,
 * Python's floor division and modulo, powers, shifts and the bitwise
 * operations on infinite two's complement, and long_hash.
 *
 * Magnitude primitives (py__mag_*, shared with bigint_conv.c) work on
 * unsigned digit arrays; the public functions (py_bigint_*) add the sign
 * rules.  Conversions to and from machine numbers and strings are in
 * bigint_conv.c.
 */
#define PY_BIGINT_INTERNAL
#include "bigint.h"

/* ====================================================================== */
/* Small helpers                                                           */
/* ====================================================================== */

/* The normalized signed size of d[0..|size|). */
ptrdiff_t py_bigint_normalize(const py_digit *d, ptrdiff_t size)
{
    size_t n = mag_norm(d, py_bigint_ndigits(size));
    return size < 0 ? -(ptrdiff_t)n : (ptrdiff_t)n;
}

/* Whether a is one of CPython's preallocated small ints. */
int py_bigint_is_small(py_bigint a, int *value)
{
    if (a.size == 0) {
        *value = 0;
        return 1;
    }
    if (a.size != 1 && a.size != -1) return 0;
    int64_t v = a.size < 0 ? -(int64_t)a.d[0] : (int64_t)a.d[0];
    if (v < PY_BIGINT_SMALL_MIN || v > PY_BIGINT_SMALL_MAX) return 0;
    *value = (int)v;
    return 1;
}

/* -1, 0, 1 comparing normalized magnitudes. */
int py__mag_cmp(const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    if (na != nb) return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

/* -1, 0 or 1 as a <, ==, > b. */
int py_bigint_compare(py_bigint a, py_bigint b)
{
    if (a.size != b.size) return a.size < b.size ? -1 : 1;
    int c = py__mag_cmp(a.d, py_bigint_ndigits(a.size), b.d, py_bigint_ndigits(b.size));
    return a.size < 0 ? -c : c;
}

/* Bits of a normalized magnitude. */
uint64_t py__mag_bits(const py_digit *a, size_t n)
{
    if (n == 0) return 0;
    return (uint64_t)(n - 1) * PY_BIGINT_SHIFT + (uint64_t)bi_digit_bits(a[n - 1]);
}

/* int.bit_length(). */
uint64_t py_bigint_bit_length(py_bigint a) { return py__mag_bits(a.d, py_bigint_ndigits(a.size)); }

/* Copy a into out. */
ptrdiff_t py_bigint_copy(py_digit *out, py_bigint a)
{
    size_t n = py_bigint_ndigits(a.size);
    if (n && out != a.d) memmove(out, a.d, n * sizeof(py_digit));
    return a.size;
}

/* The modulus of numeric hashes (sys.hash_info.modulus = 2^61 - 1). */
#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

/* long_hash: |a| mod 2^61 - 1, with a's sign, -1 as -2.  Digits enter from
 * the top; multiplying by 2^30 modulo 2^61 - 1 is a 61-bit rotation. */
int64_t py_bigint_hash(py_bigint a)
{
    size_t n = py_bigint_ndigits(a.size);
    uint64_t x = 0;
    for (size_t i = n; i-- > 0;) {
        x = ((x << PY_BIGINT_SHIFT) & HASH_MODULUS) | (x >> (HASH_BITS - PY_BIGINT_SHIFT));
        x += a.d[i];
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    int64_t h = (int64_t)x;
    if (a.size < 0) h = -h;
    return h == -1 ? -2 : h;
}

/* ====================================================================== */
/* Addition and subtraction                                                */
/* ====================================================================== */

/* out := a + b, na >= nb; out may be a or b. */
size_t py__mag_add(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    RG_ASSERT(na >= nb);
    py_digit carry = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        carry += a[i] + b[i];
        out[i] = carry & PY_BIGINT_MASK;
        carry >>= PY_BIGINT_SHIFT;
    }
    for (; i < na; i++) {
        carry += a[i];
        out[i] = carry & PY_BIGINT_MASK;
        carry >>= PY_BIGINT_SHIFT;
    }
    if (carry) {
        out[na] = carry;
        return na + 1;
    }
    return na;
}

/* out := a - b, a >= b; out may be a or b. */
size_t py__mag_sub(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    RG_ASSERT(py__mag_cmp(a, na, b, nb) >= 0);
    py_digit borrow = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        borrow = a[i] - b[i] - borrow;
        out[i] = borrow & PY_BIGINT_MASK;
        borrow = (borrow >> PY_BIGINT_SHIFT) & 1;
    }
    for (; i < na; i++) {
        borrow = a[i] - borrow;
        out[i] = borrow & PY_BIGINT_MASK;
        borrow = (borrow >> PY_BIGINT_SHIFT) & 1;
    }
    RG_ASSERT(borrow == 0);
    return mag_norm(out, na);
}

/* z[0..nz) += b[0..nb), nz >= nb; the sum fits in nz digits. */
static void mag_add_into(py_digit *z, size_t nz, const py_digit *b, size_t nb)
{
    RG_ASSERT(nz >= nb);
    py_digit carry = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        carry += z[i] + b[i];
        z[i] = carry & PY_BIGINT_MASK;
        carry >>= PY_BIGINT_SHIFT;
    }
    for (; carry && i < nz; i++) {
        carry += z[i];
        z[i] = carry & PY_BIGINT_MASK;
        carry >>= PY_BIGINT_SHIFT;
    }
    RG_ASSERT(carry == 0);
}

/* z[0..nz) -= b[0..nb), z >= b. */
static void mag_sub_from(py_digit *z, size_t nz, const py_digit *b, size_t nb)
{
    RG_ASSERT(nz >= nb);
    py_digit borrow = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        borrow = z[i] - b[i] - borrow;
        z[i] = borrow & PY_BIGINT_MASK;
        borrow = (borrow >> PY_BIGINT_SHIFT) & 1;
    }
    for (; borrow && i < nz; i++) {
        borrow = z[i] - borrow;
        z[i] = borrow & PY_BIGINT_MASK;
        borrow = (borrow >> PY_BIGINT_SHIFT) & 1;
    }
    RG_ASSERT(borrow == 0);
}

/* Digits for a + b or a - b. */
size_t py_bigint_add_bound(ptrdiff_t asize, ptrdiff_t bsize)
{
    size_t na = py_bigint_ndigits(asize), nb = py_bigint_ndigits(bsize);
    return (na > nb ? na : nb) + 1;
}

/* out := a + b: the magnitudes add when the signs agree, else the smaller
 * is taken from the larger and the larger's sign wins. */
ptrdiff_t py_bigint_add(py_digit *out, py_bigint a, py_bigint b)
{
    size_t na = py_bigint_ndigits(a.size), nb = py_bigint_ndigits(b.size);
    int aneg = a.size < 0, bneg = b.size < 0;
    size_t n;
    int neg;
    if (aneg == bneg) {
        n = na >= nb ? py__mag_add(out, a.d, na, b.d, nb) : py__mag_add(out, b.d, nb, a.d, na);
        neg = aneg;
    } else {
        int c = py__mag_cmp(a.d, na, b.d, nb);
        if (c == 0) return 0;
        if (c > 0) {
            n = py__mag_sub(out, a.d, na, b.d, nb);
            neg = aneg;
        } else {
            n = py__mag_sub(out, b.d, nb, a.d, na);
            neg = bneg;
        }
    }
    return neg ? -(ptrdiff_t)n : (ptrdiff_t)n;
}

/* out := a - b. */
ptrdiff_t py_bigint_sub(py_digit *out, py_bigint a, py_bigint b)
{
    return py_bigint_add(out, a, py_bigint_neg(b));
}

/* ====================================================================== */
/* Multiplication                                                          */
/* ====================================================================== */

int (*py_bigint_poll_hook)(void);

/* Whether a long kernel must stop: py_bigint_poll_hook raised (Ctrl-C). */
static int bi_poll(void) { return py_poll_interrupt(); }

/* Rows of at least this many digits poll py_bigint_poll_hook (every 8th). */
#define BI_POLL_ROW 1024

/* out (na + nb digits) := a * b, the grade-school way, row by row; 1 when
 * stopped by bi_poll (out is then garbage), else 0. */
static int mul_school(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    memset(out, 0, (na + nb) * sizeof(py_digit));
    for (size_t i = 0; i < na; i++) {
        if (nb >= BI_POLL_ROW && (i & 7) == 7 && bi_poll()) return 1;
        py_twodigits f = a[i];
        if (f == 0) continue;
        py_twodigits carry = 0;
        py_digit *pz = out + i;
        for (size_t j = 0; j < nb; j++) {
            carry += pz[j] + b[j] * f;
            pz[j] = (py_digit)(carry & PY_BIGINT_MASK);
            carry >>= PY_BIGINT_SHIFT;
        }
        RG_ASSERT(carry < PY_BIGINT_BASE);
        pz[nb] = (py_digit)carry; /* out[i + nb] is still 0 */
    }
    return 0;
}

/* out (2n digits) := a * a: each cross product a[i] a[j], i < j, counted
 * once and doubled, plus the squares on the diagonal. */
static void mul_square(py_digit *out, const py_digit *a, size_t n)
{
    memset(out, 0, 2 * n * sizeof(py_digit));
    for (size_t i = 0; i < n; i++) {
        py_twodigits f = a[i];
        py_digit *pz = out + 2 * i;
        py_twodigits carry = pz[0] + f * f;
        pz[0] = (py_digit)(carry & PY_BIGINT_MASK);
        carry >>= PY_BIGINT_SHIFT;
        f <<= 1; /* a[i] a[j] appears twice in the column i + j */
        size_t k = 1;
        for (size_t j = i + 1; j < n; j++, k++) {
            carry += pz[k] + a[j] * f;
            pz[k] = (py_digit)(carry & PY_BIGINT_MASK);
            carry >>= PY_BIGINT_SHIFT;
        }
        for (; carry; k++) {
            RG_ASSERT(2 * i + k < 2 * n);
            carry += pz[k];
            pz[k] = (py_digit)(carry & PY_BIGINT_MASK);
            carry >>= PY_BIGINT_SHIFT;
        }
    }
}

/* Scratch digits that kmul(na, nb) may use: each balanced level takes the
 * two half sums and their product (about 2n + 6 for n = max(na, nb)) and
 * recurses on about n/2 + 2; lopsided levels take less. */
static size_t kmul_scratch(size_t na, size_t nb)
{
    size_t n = na > nb ? na : nb;
    size_t levels = 1;
    for (size_t m = n; m > PY_BIGINT_KARATSUBA_CUTOFF; m = m / 2 + 2) levels++;
    return 4 * n + 16 * levels;
}

static int kmul(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                py_digit *scratch, py_digit *scratch_end);

/* out (na + nb) := a * b for nb >= 2 na: b in slices of na digits, each
 * product added at its place (CPython's k_lopsided_mul); 1 when stopped. */
static int kmul_lopsided(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                          py_digit *scratch, py_digit *scratch_end)
{
    memset(out, 0, (na + nb) * sizeof(py_digit));
    py_digit *prod = scratch;
    RG_ASSERT(prod + 2 * na <= scratch_end);
    for (size_t done = 0; done < nb;) {
        size_t slice = nb - done < na ? nb - done : na;
        const py_digit *bs = b + done;
        size_t nbs = mag_norm(bs, slice);
        if (kmul(prod, a, na, bs, nbs, prod + 2 * na, scratch_end)) return 1;
        mag_add_into(out + done, na + nb - done, prod, mag_norm(prod, na + nbs));
        done += slice;
    }
    return 0;
}

/* out (na + nb digits, all written) := a * b, Karatsuba above the cutoff:
 * with a = ah X + al, b = bh X + bl and X = 2^(30 shift),
 * a b = ah bh X^2 + ((ah + al)(bh + bl) - ah bh - al bl) X + al bl.
 * 1 when stopped by bi_poll (checked at every Karatsuba level), else 0. */
static int kmul(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                py_digit *scratch, py_digit *scratch_end)
{
    if (na > nb) {
        const py_digit *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    int square = a == b && na == nb;
    if (na <= (square ? PY_BIGINT_KARATSUBA_SQUARE_CUTOFF : PY_BIGINT_KARATSUBA_CUTOFF)) {
        if (na == 0)
            memset(out, 0, nb * sizeof(py_digit));
        else if (square)
            mul_square(out, a, na);
        else
            return mul_school(out, a, na, b, nb);
        return 0;
    }
    if (bi_poll()) return 1;
    if (2 * na <= nb) return kmul_lopsided(out, a, na, b, nb, scratch, scratch_end);
    size_t shift = nb >> 1;
    RG_ASSERT(na > shift);
    const py_digit *ah = a + shift, *bh = b + shift;
    size_t nah = na - shift, nbh = nb - shift;
    size_t nal = mag_norm(a, shift), nbl = mag_norm(b, shift);

    /* ah bh in the top, al bl in the bottom of out. */
    if (kmul(out + 2 * shift, ah, nah, bh, nbh, scratch, scratch_end)) return 1;
    if (kmul(out, a, nal, b, nbl, scratch, scratch_end)) return 1;
    memset(out + nal + nbl, 0, (2 * shift - nal - nbl) * sizeof(py_digit));

    /* The half sums and their product, in scratch. */
    size_t cap1 = (nah > nal ? nah : nal) + 1, cap2 = (nbh > nbl ? nbh : nbl) + 1;
    py_digit *s1 = scratch, *s2 = square ? s1 : scratch + cap1;
    py_digit *t3 = scratch + cap1 + cap2;
    py_digit *rest = t3 + cap1 + cap2;
    RG_ASSERT(rest <= scratch_end);
    size_t n1 = nah >= nal ? py__mag_add(s1, ah, nah, a, nal) : py__mag_add(s1, a, nal, ah, nah);
    size_t n2 = n1;
    if (!square) n2 = nbh >= nbl ? py__mag_add(s2, bh, nbh, b, nbl) : py__mag_add(s2, b, nbl, bh, nbh);
    if (kmul(t3, s1, n1, s2, n2, rest, scratch_end)) return 1;
    size_t n3 = mag_norm(t3, n1 + n2);

    /* t3 - ah bh - al bl = ah bl + al bh >= 0, added at X. */
    mag_sub_from(t3, n3, out + 2 * shift, mag_norm(out + 2 * shift, nah + nbh));
    mag_sub_from(t3, n3, out, mag_norm(out, nal + nbl));
    mag_add_into(out + shift, na + nb - shift, t3, mag_norm(t3, n3));
    return 0;
}

/* out (na + nb digits, all written) := a * b (PY_NUM_INTERRUPTED: see
 * py_bigint_poll_hook). */
py_num_status py__mag_mul(py_digit *out, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    size_t lo = na < nb ? na : nb;
    int square = a == b && na == nb;
    if (lo <= (square ? PY_BIGINT_KARATSUBA_SQUARE_CUTOFF : PY_BIGINT_KARATSUBA_CUTOFF))
        return kmul(out, a, na, b, nb, NULL, NULL) ? PY_NUM_INTERRUPTED : PY_NUM_OK;
    size_t ns = kmul_scratch(na, nb);
    py_digit *scratch = bi_scratch(ns);
    if (!scratch) return PY_NUM_NOMEM;
    int stopped = kmul(out, a, na, b, nb, scratch, scratch + ns);
    free(scratch);
    return stopped ? PY_NUM_INTERRUPTED : PY_NUM_OK;
}

/* Digits for a * b. */
size_t py_bigint_mul_bound(ptrdiff_t asize, ptrdiff_t bsize)
{
    return py_bigint_ndigits(asize) + py_bigint_ndigits(bsize);
}

/* out := a * b with the product's sign. */
py_num_status py_bigint_mul(py_digit *out, py_bigint a, py_bigint b, ptrdiff_t *rsize)
{
    size_t na = py_bigint_ndigits(a.size), nb = py_bigint_ndigits(b.size);
    py_num_status st = py__mag_mul(out, a.d, na, b.d, nb);
    if (st != PY_NUM_OK) return st;
    size_t n = mag_norm(out, na + nb);
    *rsize = (a.size < 0) != (b.size < 0) ? -(ptrdiff_t)n : (ptrdiff_t)n;
    return PY_NUM_OK;
}

/* out := |a| * m + add with a's sign. */
ptrdiff_t py_bigint_mul_small(py_digit *out, py_bigint a, py_digit m, py_digit add)
{
    RG_ASSERT(add < PY_BIGINT_BASE);
    size_t n = py_bigint_ndigits(a.size);
    py_twodigits carry = add;
    for (size_t i = 0; i < n; i++) {
        carry += (py_twodigits)a.d[i] * m;
        out[i] = (py_digit)(carry & PY_BIGINT_MASK);
        carry >>= PY_BIGINT_SHIFT;
    }
    size_t len = n;
    while (carry) {
        out[len++] = (py_digit)(carry & PY_BIGINT_MASK);
        carry >>= PY_BIGINT_SHIFT;
    }
    len = mag_norm(out, len);
    return a.size < 0 ? -(ptrdiff_t)len : (ptrdiff_t)len;
}

/* ====================================================================== */
/* Division                                                                */
/* ====================================================================== */

/* q := a / m from the top digit down; returns the remainder. */
py_digit py__mag_divrem1(py_digit *q, const py_digit *a, size_t n, py_digit m)
{
    RG_ASSERT(m > 0 && m < PY_BIGINT_BASE);
    py_twodigits rem = 0;
    for (size_t i = n; i-- > 0;) {
        rem = (rem << PY_BIGINT_SHIFT) | a[i];
        py_digit hi = (py_digit)(rem / m);
        q[i] = hi;
        rem -= (py_twodigits)hi * m;
    }
    return (py_digit)rem;
}

/* out := a << s within digits (0 <= s < 30); returns the carry out. */
py_digit py__mag_lshift_bits(py_digit *out, const py_digit *a, size_t n, int s)
{
    py_twodigits acc = 0;
    for (size_t i = 0; i < n; i++) {
        acc |= (py_twodigits)a[i] << s;
        out[i] = (py_digit)(acc & PY_BIGINT_MASK);
        acc >>= PY_BIGINT_SHIFT;
    }
    return (py_digit)acc;
}

/* out := a >> s within digits (0 <= s < 30); returns the bits shifted out
 * (in the low s bits).  out may be a. */
py_digit py__mag_rshift_bits(py_digit *out, const py_digit *a, size_t n, int s)
{
    py_digit mask = ((py_digit)1 << s) - 1, carry = 0;
    for (size_t i = n; i-- > 0;) {
        py_twodigits acc = ((py_twodigits)carry << PY_BIGINT_SHIFT) | a[i];
        carry = (py_digit)(acc & mask);
        out[i] = (py_digit)(acc >> s);
    }
    return carry;
}

/* Knuth's algorithm D (TAOCP 4.3.1) in base 2^30 for nb >= 2: normalize so
 * the divisor's top digit has its high bit set, estimate each quotient
 * digit from the top two digits of the remainder and the top digit of the
 * divisor, correct it with the second digit, multiply and subtract, and
 * add back in the rare case the estimate was still one too large. */
static py_num_status mag_divrem_knuth(py_digit *q, py_digit *r, int *rnonzero, const py_digit *a, size_t na,
                                      const py_digit *b, size_t nb)
{
    py_digit *mem = bi_scratch(na + 1 + nb + (q ? 0 : na - nb + 1));
    if (!mem) return PY_NUM_NOMEM;
    py_digit *v = mem, *w = mem + na + 1;
    if (!q) q = w + nb;
    int d = PY_BIGINT_SHIFT - bi_digit_bits(b[nb - 1]);
    py_digit carry = py__mag_lshift_bits(w, b, nb, d);
    RG_ASSERT(carry == 0);
    (void)carry;
    v[na] = py__mag_lshift_bits(v, a, na, d);

    py_digit wm1 = w[nb - 1], wm2 = w[nb - 2];
    for (size_t j = na + 1 - nb; j-- > 0;) {
        if ((j & 63) == 63 && bi_poll()) { /* every 64 quotient digits */
            free(mem);
            return PY_NUM_INTERRUPTED;
        }
        py_digit *vk = v + j;
        py_digit vtop = vk[nb];
        RG_ASSERT(vtop <= wm1);
        py_twodigits vv = ((py_twodigits)vtop << PY_BIGINT_SHIFT) | vk[nb - 1];
        py_twodigits qh = vv / wm1, rh = vv - qh * wm1;
        if (qh >= PY_BIGINT_BASE) {
            qh = PY_BIGINT_BASE - 1;
            rh = vv - qh * wm1;
        }
        while (rh < PY_BIGINT_BASE && (py_twodigits)wm2 * qh > ((rh << PY_BIGINT_SHIFT) | vk[nb - 2])) {
            qh--;
            rh += wm1;
        }
        /* vk[0..nb] -= qh * w */
        py_stwodigits zhi = 0;
        for (size_t i = 0; i < nb; i++) {
            py_stwodigits z = (py_stwodigits)vk[i] + zhi - (py_stwodigits)qh * (py_stwodigits)w[i];
            vk[i] = (py_digit)z & PY_BIGINT_MASK;
            zhi = bi_sar(z);
        }
        if ((py_stwodigits)vtop + zhi < 0) {
            py_digit c = 0;
            for (size_t i = 0; i < nb; i++) {
                c += vk[i] + w[i];
                vk[i] = c & PY_BIGINT_MASK;
                c >>= PY_BIGINT_SHIFT;
            }
            qh--;
        }
        vk[nb] = 0;
        q[j] = (py_digit)qh;
    }
    /* The remainder is v[0..nb) >> d. */
    int nz = 0;
    for (size_t i = 0; i < nb; i++) nz |= v[i] != 0;
    *rnonzero = nz;
    if (r) py__mag_rshift_bits(r, v, nb, d);
    free(mem);
    return PY_NUM_OK;
}

/* Truncating division of magnitudes (see bigint.h). */
py_num_status py__mag_divrem(py_digit *q, py_digit *r, int *rnonzero, const py_digit *a, size_t na,
                             const py_digit *b, size_t nb)
{
    RG_ASSERT(nb >= 1 && b[nb - 1] != 0 && na >= nb);
    if (nb == 1) {
        py_digit rem;
        if (q) {
            rem = py__mag_divrem1(q, a, na, b[0]);
        } else {
            py_twodigits acc = 0;
            for (size_t i = na; i-- > 0;) acc = ((acc << PY_BIGINT_SHIFT) | a[i]) % b[0];
            rem = (py_digit)acc;
        }
        if (r) r[0] = rem;
        *rnonzero = rem != 0;
        return PY_NUM_OK;
    }
    return mag_divrem_knuth(q, r, rnonzero, a, na, b, nb);
}

/* Digits for a // b. */
size_t py_bigint_div_bound(ptrdiff_t asize, ptrdiff_t bsize)
{
    size_t na = py_bigint_ndigits(asize), nb = py_bigint_ndigits(bsize);
    return na >= nb ? na - nb + 2 : 1;
}

/* Digits for a % b. */
size_t py_bigint_mod_bound(ptrdiff_t asize, ptrdiff_t bsize)
{
    (void)asize;
    return py_bigint_ndigits(bsize);
}

/* z[0..n) := 1 + z[0..n) (n + 1 digits available); returns the new length. */
static size_t mag_incr(py_digit *z, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (++z[i] < PY_BIGINT_BASE) return n;
        z[i] = 0;
    }
    z[n] = 1;
    return n + 1;
}

/* Python's divmod: truncating division, then when the remainder is nonzero
 * and its sign (a's) differs from b's, q -= 1 and r += b (CPython's
 * l_divmod). */
py_num_status py_bigint_divmod(py_digit *q, ptrdiff_t *qsize, py_digit *r, ptrdiff_t *rsize,
                               py_bigint a, py_bigint b)
{
    size_t na = py_bigint_ndigits(a.size), nb = py_bigint_ndigits(b.size);
    if (nb == 0) return PY_NUM_ZERODIV;
    int aneg = a.size < 0, bneg = b.size < 0;
    size_t nq = 0, nr;
    int rnonzero;
    if (na < nb) {
        rnonzero = na != 0;
        nr = na;
        if (r) memmove(r, a.d, na * sizeof(py_digit));
    } else {
        py_num_status st = py__mag_divrem(q, r, &rnonzero, a.d, na, b.d, nb);
        if (st != PY_NUM_OK) return st;
        if (q) nq = mag_norm(q, nb == 1 ? na : na - nb + 1);
        nr = r ? mag_norm(r, nb) : 0;
    }
    int adjust = rnonzero && aneg != bneg;
    if (q) {
        if (adjust) nq = mag_incr(q, nq);
        *qsize = aneg != bneg ? -(ptrdiff_t)nq : (ptrdiff_t)nq;
    }
    if (r) {
        if (adjust) {
            /* r := |b| - |r|, with b's sign */
            memset(r + nr, 0, (nb - nr) * sizeof(py_digit));
            py_digit borrow = 0;
            for (size_t i = 0; i < nb; i++) {
                borrow = b.d[i] - r[i] - borrow;
                r[i] = borrow & PY_BIGINT_MASK;
                borrow = (borrow >> PY_BIGINT_SHIFT) & 1;
            }
            nr = mag_norm(r, nb);
            *rsize = bneg ? -(ptrdiff_t)nr : (ptrdiff_t)nr;
        } else {
            *rsize = aneg ? -(ptrdiff_t)nr : (ptrdiff_t)nr;
        }
    }
    return PY_NUM_OK;
}

/* Floor division, then one step towards the nearer quotient: when 2 r
 * passes b (on b's side), or equals it with q odd, q += 1 and r -= b. */
py_num_status py_bigint_divmod_near(py_digit *q, ptrdiff_t *qsize, py_digit *r, ptrdiff_t *rsize,
                                    py_bigint a, py_bigint b)
{
    py_num_status st = py_bigint_divmod(q, qsize, r, rsize, a, b);
    if (st != PY_NUM_OK) return st;
    size_t nb = py_bigint_ndigits(b.size);
    py_digit *twice = bi_scratch(nb + 1);
    if (!twice) return PY_NUM_NOMEM;
    /* r has b's sign (or is 0): compare |2 r| with |b| */
    ptrdiff_t tn = py_bigint_lshift(twice, py_bigint_abs(py_bigint_view(r, *rsize)), 1);
    int c = py_bigint_compare(py_bigint_view(twice, tn), py_bigint_abs(b));
    free(twice);
    int qodd = *qsize != 0 && (q[0] & 1);
    if (c > 0 || (c == 0 && qodd)) {
        py_digit one = 1;
        *qsize = py_bigint_add(q, py_bigint_view(q, *qsize), py_bigint_view(&one, 1));
        *rsize = py_bigint_sub(r, py_bigint_view(r, *rsize), b);
    }
    return PY_NUM_OK;
}

/* Truncating division by one digit. */
py_digit py_bigint_divrem_small(py_digit *q, ptrdiff_t *qsize, py_bigint a, py_digit m)
{
    size_t n = py_bigint_ndigits(a.size);
    py_digit rem = py__mag_divrem1(q, a.d, n, m);
    n = mag_norm(q, n);
    *qsize = a.size < 0 ? -(ptrdiff_t)n : (ptrdiff_t)n;
    return rem;
}

/* ====================================================================== */
/* Powers                                                                  */
/* ====================================================================== */

/* Whether e (a magnitude) is odd. */
static int mag_odd(py_bigint e) { return e.size != 0 && (e.d[0] & 1); }

/* Digits for a ** e: |a|^e < 2^(bits(a) e). */
size_t py_bigint_pow_bound(py_bigint a, py_bigint e)
{
    size_t na = py_bigint_ndigits(a.size);
    if (na == 0 || (na == 1 && a.d[0] == 1) || e.size == 0) return 1;
    uint64_t ebits = py_bigint_bit_length(e);
    if (ebits > 63) return SIZE_MAX;
    uint64_t ev = 0;
    for (size_t i = py_bigint_ndigits(e.size); i-- > 0;) ev = (ev << PY_BIGINT_SHIFT) | e.d[i];
    uint64_t abits = py_bigint_bit_length(a);
    if (ev > (UINT64_C(1) << 58) / abits) return SIZE_MAX; /* beyond any memory */
    return (size_t)(abits * ev / PY_BIGINT_SHIFT + 1);
}

/* out := a ** e (e >= 0) by left-to-right binary exponentiation, in two
 * buffers of the bound that take turns. */
py_num_status py_bigint_pow(py_digit *out, py_bigint a, py_bigint e, ptrdiff_t *rsize)
{
    RG_ASSERT(e.size >= 0);
    size_t na = py_bigint_ndigits(a.size);
    int neg = a.size < 0 && mag_odd(e);
    if (e.size == 0) {
        out[0] = 1;
        *rsize = 1;
        return PY_NUM_OK;
    }
    if (na == 0 || (na == 1 && a.d[0] == 1)) {
        *rsize = py_bigint_copy(out, a);
        if (na && !neg) *rsize = 1;
        return PY_NUM_OK;
    }
    size_t bound = py_bigint_pow_bound(a, e);
    RG_ASSERT(bound != SIZE_MAX);
    /* a full product (na + nb digits written) may pass the bound by a
     * couple of leading zeros */
    size_t cap = bound + na + 2;
    py_digit *mem = bi_scratch(2 * cap);
    if (!mem) return PY_NUM_NOMEM;
    py_digit *cur = mem, *next = mem + cap;
    memcpy(cur, a.d, na * sizeof(py_digit));
    size_t n = na;
    uint64_t ebits = py_bigint_bit_length(e);
    py_num_status st = PY_NUM_OK;
    for (uint64_t bit = ebits - 1; bit-- > 0;) {
        RG_ASSERT(2 * n <= cap);
        st = bi_poll() ? PY_NUM_INTERRUPTED : py__mag_mul(next, cur, n, cur, n);
        if (st != PY_NUM_OK) goto fail;
        n = mag_norm(next, 2 * n);
        py_digit *t = cur;
        cur = next;
        next = t;
        if ((e.d[bit / PY_BIGINT_SHIFT] >> (bit % PY_BIGINT_SHIFT)) & 1) {
            RG_ASSERT(n + na <= cap);
            st = py__mag_mul(next, cur, n, a.d, na);
            if (st != PY_NUM_OK) goto fail;
            n = mag_norm(next, n + na);
            t = cur;
            cur = next;
            next = t;
        }
        RG_ASSERT(n <= bound);
    }
    memcpy(out, cur, n * sizeof(py_digit));
    free(mem);
    *rsize = neg ? -(ptrdiff_t)n : (ptrdiff_t)n;
    return PY_NUM_OK;
fail:
    free(mem);
    return st;
}

/* Digits for pow(a, e, m). */
size_t py_bigint_powmod_bound(ptrdiff_t msize) { return py_bigint_ndigits(msize); }

/* z (nm digits) := x mod m for x of nx digits, through scratch q (nx - nm + 1
 * digits); returns the length. */
static py_num_status mag_mod(py_digit *z, size_t *nz, const py_digit *x, size_t nx, const py_digit *m,
                             size_t nm, py_digit *q)
{
    if (nx < nm) {
        memmove(z, x, nx * sizeof(py_digit));
        *nz = nx;
        return PY_NUM_OK;
    }
    int nonzero;
    py_num_status st = py__mag_divrem(q, z, &nonzero, x, nx, m, nm);
    *nz = mag_norm(z, nm);
    return st;
}

/* The inverse of a modulo m (both > 0, a < m) into out (nm digits), by the
 * extended Euclidean algorithm on signed values; PY_NUM_NOT_INVERTIBLE
 * when gcd(a, m) != 1. */
static py_num_status mag_invmod(py_digit *out, size_t *nout, const py_digit *a, size_t na, const py_digit *m,
                                size_t nm)
{
    /* Six values, each below 2 m in magnitude, and room for products. */
    size_t cap = 2 * nm + 2;
    py_digit *mem = bi_scratch(8 * cap);
    if (!mem) return PY_NUM_NOMEM;
    py_digit *x = mem, *y = mem + cap, *b = mem + 2 * cap, *c = mem + 3 * cap;
    py_digit *qd = mem + 4 * cap, *rd = mem + 5 * cap, *t = mem + 6 * cap, *p = mem + 7 * cap;
    py_num_status st = PY_NUM_OK;
    memcpy(x, a, na * sizeof(py_digit));
    memcpy(y, m, nm * sizeof(py_digit));
    py_bigint X = {x, (ptrdiff_t)na}, Y = {y, (ptrdiff_t)nm}, B = {b, 1}, C = {c, 0};
    b[0] = 1;
    /* invariant: X = B a (mod m), Y = C a (mod m) */
    while (Y.size != 0) {
        ptrdiff_t qs, rs, ps;
        st = py_bigint_divmod(qd, &qs, rd, &rs, X, Y);
        if (st != PY_NUM_OK) goto done;
        st = py_bigint_mul(p, py_bigint_view(qd, qs), C, &ps);
        if (st != PY_NUM_OK) goto done;
        ptrdiff_t ts = py_bigint_sub(t, B, py_bigint_view(p, ps));
        /* (X, Y) := (Y, R); (B, C) := (C, T) */
        py_digit *ox = x, *ob = b;
        x = y;
        X = Y;
        y = rd;
        Y = py_bigint_view(rd, rs);
        rd = ox;
        b = c;
        B = C;
        c = t;
        C = py_bigint_view(t, ts);
        t = ob;
    }
    if (!(X.size == 1 && X.d[0] == 1)) {
        st = PY_NUM_NOT_INVERTIBLE;
        goto done;
    }
    {
        ptrdiff_t rs;
        st = py_bigint_divmod(NULL, NULL, rd, &rs, B, py_bigint_view(m, (ptrdiff_t)nm));
        if (st != PY_NUM_OK) goto done;
        memcpy(out, rd, (size_t)rs * sizeof(py_digit));
        *nout = (size_t)rs;
    }
done:
    free(mem);
    return st;
}

/* out := pow(a, e, m) (CPython's long_pow with a modulus): m < 0 gives a
 * result in (m, 0]; |m| == 1 gives 0; e < 0 inverts a first; then binary
 * exponentiation reducing after every product. */
py_num_status py_bigint_powmod(py_digit *out, py_bigint a, py_bigint e, py_bigint m, ptrdiff_t *rsize)
{
    size_t nm = py_bigint_ndigits(m.size);
    RG_ASSERT(nm != 0);
    const py_digit *md = m.d;
    if (nm == 1 && md[0] == 1) {
        *rsize = 0;
        return PY_NUM_OK;
    }
    /* scratch: base, result, product (2 nm), quotient (nm + 2), a mod m */
    size_t na = py_bigint_ndigits(a.size);
    size_t cap = 2 * nm + 2 + (na > nm ? na : nm);
    py_digit *mem = bi_scratch(5 * cap);
    if (!mem) return PY_NUM_NOMEM;
    py_digit *base = mem, *res = mem + cap, *prod = mem + 2 * cap, *qd = mem + 3 * cap;
    py_num_status st;
    size_t nbase, nres;

    /* base := a mod |m|, in [0, |m|) */
    ptrdiff_t bs;
    st = py_bigint_divmod(NULL, NULL, base, &bs, a, py_bigint_view(md, (ptrdiff_t)nm));
    if (st != PY_NUM_OK) goto done;
    nbase = (size_t)bs;
    if (e.size < 0) {
        if (nbase == 0) {
            st = PY_NUM_NOT_INVERTIBLE;
            goto done;
        }
        st = mag_invmod(prod, &nbase, base, nbase, md, nm);
        if (st != PY_NUM_OK) goto done;
        memcpy(base, prod, nbase * sizeof(py_digit));
        e = py_bigint_neg(e);
    }
    res[0] = 1;
    nres = 1;
    for (uint64_t bit = py_bigint_bit_length(e); bit-- > 0;) {
        st = (bit & 255) == 0 && bi_poll() ? PY_NUM_INTERRUPTED : py__mag_mul(prod, res, nres, res, nres);
        if (st != PY_NUM_OK) goto done;
        st = mag_mod(res, &nres, prod, mag_norm(prod, 2 * nres), md, nm, qd);
        if (st != PY_NUM_OK) goto done;
        if ((e.d[bit / PY_BIGINT_SHIFT] >> (bit % PY_BIGINT_SHIFT)) & 1) {
            st = py__mag_mul(prod, res, nres, base, nbase);
            if (st != PY_NUM_OK) goto done;
            st = mag_mod(res, &nres, prod, mag_norm(prod, nres + nbase), md, nm, qd);
            if (st != PY_NUM_OK) goto done;
        }
    }
    if (m.size < 0 && nres != 0) {
        /* result - |m|: -(|m| - result) */
        nres = py__mag_sub(out, md, nm, res, nres);
        *rsize = -(ptrdiff_t)nres;
    } else {
        memcpy(out, res, nres * sizeof(py_digit));
        *rsize = (ptrdiff_t)nres;
    }
    st = PY_NUM_OK;
done:
    free(mem);
    return st;
}

/* ====================================================================== */
/* Shifts                                                                  */
/* ====================================================================== */

/* Digits for a << n. */
size_t py_bigint_lshift_bound(ptrdiff_t asize, uint64_t n)
{
    uint64_t d = n / PY_BIGINT_SHIFT + py_bigint_ndigits(asize) + 1;
    return d > (uint64_t)(PTRDIFF_MAX / 8) ? SIZE_MAX : (size_t)d;
}

/* out := a << n: whole digits of zeros, then a bit shift. */
ptrdiff_t py_bigint_lshift(py_digit *out, py_bigint a, uint64_t n)
{
    size_t na = py_bigint_ndigits(a.size);
    if (na == 0) return 0;
    size_t wshift = (size_t)(n / PY_BIGINT_SHIFT);
    int bits = (int)(n % PY_BIGINT_SHIFT);
    memset(out, 0, wshift * sizeof(py_digit));
    out[wshift + na] = py__mag_lshift_bits(out + wshift, a.d, na, bits);
    size_t len = mag_norm(out, wshift + na + 1);
    return a.size < 0 ? -(ptrdiff_t)len : (ptrdiff_t)len;
}

/* Digits for a >> n. */
size_t py_bigint_rshift_bound(ptrdiff_t asize, uint64_t n)
{
    size_t na = py_bigint_ndigits(asize);
    uint64_t w = n / PY_BIGINT_SHIFT;
    return (w >= na ? 0 : na - (size_t)w) + 1;
}

/* out := a >> n: floor(a / 2^n); for a < 0 that is -(floor(|a| / 2^n) + 1)
 * when any bit shifted out is set. */
ptrdiff_t py_bigint_rshift(py_digit *out, py_bigint a, uint64_t n)
{
    size_t na = py_bigint_ndigits(a.size);
    uint64_t w = n / PY_BIGINT_SHIFT;
    int bits = (int)(n % PY_BIGINT_SHIFT);
    int lost = 0;
    size_t len = 0;
    if (w >= na) {
        lost = na != 0;
    } else {
        size_t ws = (size_t)w;
        for (size_t i = 0; i < ws; i++) lost |= a.d[i] != 0;
        lost |= py__mag_rshift_bits(out, a.d + ws, na - ws, bits) != 0;
        len = mag_norm(out, na - ws);
    }
    if (a.size >= 0) return (ptrdiff_t)len;
    if (lost) len = mag_incr(out, len);
    return -(ptrdiff_t)len;
}

/* ====================================================================== */
/* Bitwise operations                                                      */
/* ====================================================================== */

/* Digits for a op b. */
size_t py_bigint_bitwise_bound(ptrdiff_t asize, ptrdiff_t bsize) { return py_bigint_add_bound(asize, bsize); }

/* Digits for ~a. */
size_t py_bigint_invert_bound(ptrdiff_t asize) { return py_bigint_ndigits(asize) + 1; }

/* One two's complement digit stream: the digits of a non-negative int as
 * they are, of a negative one as ~(|x| - 1), i.e. (~|x| + 1) with carry;
 * past its digits, 0 or all ones. */
typedef struct tc_stream {
    const py_digit *d;
    size_t n;
    int neg;
    py_digit carry;
} tc_stream;

/* The next two's complement digit, index i (called with i = 0, 1, ...). */
static inline py_digit tc_next(tc_stream *s, size_t i)
{
    py_digit x = i < s->n ? s->d[i] : 0;
    if (!s->neg) return x;
    py_digit t = (~x & PY_BIGINT_MASK) + s->carry;
    s->carry = t >> PY_BIGINT_SHIFT;
    return t & PY_BIGINT_MASK;
}

/* out := a op b on infinite two's complement (CPython's long_bitwise):
 * combine the two's complement digits, and a negative result (the sign
 * digit of the combination is all ones) converts back to a magnitude. */
ptrdiff_t py_bigint_bitwise(py_digit *out, py_bigint a, char op, py_bigint b)
{
    tc_stream sa = {a.d, py_bigint_ndigits(a.size), a.size < 0, 1};
    tc_stream sb = {b.d, py_bigint_ndigits(b.size), b.size < 0, 1};
    int negz;
    switch (op) {
    case '&':
        negz = sa.neg & sb.neg;
        break;
    case '|':
        negz = sa.neg | sb.neg;
        break;
    default:
        RG_ASSERT(op == '^');
        negz = sa.neg ^ sb.neg;
        break;
    }
    size_t n = sa.n > sb.n ? sa.n : sb.n;
    py_digit zc = 1; /* carry of the conversion back when negz */
    for (size_t i = 0; i < n; i++) {
        py_digit x = tc_next(&sa, i), y = tc_next(&sb, i), z;
        if (op == '&')
            z = x & y;
        else if (op == '|')
            z = x | y;
        else
            z = x ^ y;
        if (negz) {
            py_digit t = (~z & PY_BIGINT_MASK) + zc;
            zc = t >> PY_BIGINT_SHIFT;
            z = t & PY_BIGINT_MASK;
        }
        out[i] = z;
    }
    size_t len = n;
    if (negz && zc) out[len++] = 1; /* all two's complement digits were 0: -BASE^n */
    len = mag_norm(out, len);
    return negz ? -(ptrdiff_t)len : (ptrdiff_t)len;
}

/* out := ~a = -(a + 1). */
ptrdiff_t py_bigint_invert(py_digit *out, py_bigint a)
{
    size_t n = py_bigint_ndigits(a.size);
    if (a.size >= 0) {
        if (out != a.d) memcpy(out, a.d, n * sizeof(py_digit));
        return -(ptrdiff_t)mag_incr(out, n);
    }
    /* |a| - 1 >= 0 */
    size_t i = 0;
    for (; a.d[i] == 0; i++) out[i] = PY_BIGINT_MASK;
    out[i] = a.d[i] - 1;
    if (out != a.d) memcpy(out + i + 1, a.d + i + 1, (n - i - 1) * sizeof(py_digit));
    return (ptrdiff_t)mag_norm(out, n);
}
