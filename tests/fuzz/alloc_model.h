/*
 * alloc_model.h -- the allocator operation interpreter shared by the stress
 * test (tests/test_stress.c) and the fuzz target (tests/fuzz/fuzz_alloc.c);
 * see alloc_model.c.
 */
#ifndef RG_ALLOC_MODEL_H
#define RG_ALLOC_MODEL_H

#include "support/choice.h"

typedef struct alloc_model_params {
    choice_src *src;   /* seeded: a stress run; byte source: a fuzz input */
    unsigned long ops; /* operation budget (ULONG_MAX: until the input ends) */
    unsigned long seed;/* stress: the seed (seed % 4 == 3 adds a debug heap) */
    int verbose;       /* print the summary lines on stdout */
} alloc_model_params;

/* One run against the shadow model, teardown included; aborts on any
 * disagreement.  Returns the number of operations done. */
unsigned long alloc_model_run(const alloc_model_params *p);

#endif /* RG_ALLOC_MODEL_H */
