/*
 * gc_model.h -- the collector operation interpreter shared by the stress
 * test (tests/test_gc_stress.c) and the fuzz target (tests/fuzz/fuzz_gc.c);
 * see gc_model.c.
 */
#ifndef RG_GC_MODEL_H
#define RG_GC_MODEL_H

#include "support/choice.h"

typedef struct gc_model_params {
    choice_src *src;    /* seeded: a stress run; byte source: a fuzz input */
    unsigned long ops;  /* step budget (ULONG_MAX: until the input ends) */
    unsigned long seed; /* stress: the seed (even: a debug heap) */
    int verbose;        /* print the summary line on stdout */
} gc_model_params;

/* One run against the reachability model, teardown included (every object
 * must die, the heap end empty); aborts on any disagreement.  Returns the
 * number of steps done. */
unsigned long gc_model_run(const gc_model_params *p);

#endif /* RG_GC_MODEL_H */
