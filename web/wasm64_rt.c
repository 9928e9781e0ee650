/*
 * wasm64_rt.c -- long double comparisons for emscripten 3.1.6's wasm64.
 *
 * There compiler-rt's __eqtf2 & co return `long` (64 bits on wasm64) while
 * clang and libc (strtod's floatscan, fmodl) call them as returning int: the
 * linker replaces such calls with a trap ("function signature mismatch"),
 * and the first float literal kills the engine.  Defining every function of
 * compiler-rt's comparetf2.o here, with int results, keeps that object out
 * of the link.  Semantics as compiler-rt: -1 less, 0 equal, 1 greater, and
 * for unordered operands 1 (le, lt, eq, ne) or -1 (ge, gt).
 */
#include <stdint.h>
#include <string.h>

typedef __int128 rt_i128;

/* The bits of a (IEEE binary128 on wasm), as a signed integer. */
static rt_i128 rt_bits(long double a)
{
    rt_i128 r;
    memcpy(&r, &a, sizeof r);
    return r;
}

/* Compare: -1, 0, 1, or 2 when unordered. */
static int rt_cmp(long double a, long double b)
{
    const rt_i128 sign = (rt_i128)1 << 127;
    const rt_i128 inf = (rt_i128)0x7fff000000000000ULL << 64;
    rt_i128 ai = rt_bits(a), bi = rt_bits(b);
    rt_i128 aabs = ai & ~sign, babs = bi & ~sign;
    if (aabs > inf || babs > inf) return 2;
    if ((aabs | babs) == 0) return 0; /* +0 == -0 */
    if ((ai & bi) >= 0) { /* not both negative: plain signed order */
        if (ai < bi) return -1;
        return ai == bi ? 0 : 1;
    }
    if (ai > bi) return -1; /* both negative: reversed */
    return ai == bi ? 0 : 1;
}

int __letf2(long double a, long double b);
int __getf2(long double a, long double b);
int __unordtf2(long double a, long double b);
int __eqtf2(long double a, long double b);
int __lttf2(long double a, long double b);
int __netf2(long double a, long double b);
int __gttf2(long double a, long double b);
int __cmptf2(long double a, long double b);

/* a <= b style result, unordered -> 1. */
int __letf2(long double a, long double b)
{
    int c = rt_cmp(a, b);
    return c == 2 ? 1 : c;
}

/* a >= b style result, unordered -> -1. */
int __getf2(long double a, long double b)
{
    int c = rt_cmp(a, b);
    return c == 2 ? -1 : c;
}

/* 1 when either is NaN. */
int __unordtf2(long double a, long double b) { return rt_cmp(a, b) == 2; }

/* The aliases compiler-rt defines. */
int __eqtf2(long double a, long double b) { return __letf2(a, b); }
int __lttf2(long double a, long double b) { return __letf2(a, b); }
int __netf2(long double a, long double b) { return __letf2(a, b); }
int __cmptf2(long double a, long double b) { return __letf2(a, b); }
int __gttf2(long double a, long double b) { return __getf2(a, b); }
