/*
 * fuzz_gc.c -- libFuzzer target: collector graph operations decoded from the
 * input bytes (tests/fuzz/gc_model.c: create, link, unlink, drop, finalizers
 * that resurrect, legacy finalizers, weak references with callbacks,
 * collections of any generation, freeze/unfreeze, enable/disable,
 * thresholds, bursts, deep chains; a debug heap when the first byte is
 * even), checked against the independent reachability model; the input's
 * end stops the run, then everything is released: every object must die,
 * every finalizer have run once, the heap be empty.  A disagreement aborts.
 */
#include <limits.h>

#include "fuzz/fuzz.h"
#include "fuzz/gc_model.h"

/* One input: one whole run of the collector model. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    choice_src src;
    choice_init_data(&src, data, size);
    gc_model_params p = {.src = &src, .ops = ULONG_MAX};
    gc_model_run(&p);
    return 0;
}
