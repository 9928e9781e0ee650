/*
 * assert.h -- the one definition of refgc's invariant checks and branch
 * hints, shared by every layer (the engine and the Python layer above it).
 *
 * RG_ASSERT(cond) aborts with the condition, file and line when RG_ASSERTS
 * is defined (the test builds) and compiles to nothing otherwise; the
 * condition must have no side effects.
 */
#ifndef RG_OS_ASSERT_H
#define RG_OS_ASSERT_H

#define RG_LIKELY(x) __builtin_expect(!!(x), 1)
#define RG_UNLIKELY(x) __builtin_expect(!!(x), 0)

#ifdef RG_ASSERTS
#include <stdio.h>
#include <stdlib.h>
#define RG_ASSERT(cond)                                                       \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "refgc: assertion failed: %s (%s:%d)\n", #cond,   \
                    __FILE__, __LINE__);                                      \
            abort();                                                          \
        }                                                                     \
    } while (0)
#else
#define RG_ASSERT(cond) ((void)0)
#endif

#endif
