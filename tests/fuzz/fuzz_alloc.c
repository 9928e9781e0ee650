/*
 * fuzz_alloc.c -- libFuzzer target: allocator operation sequences decoded
 * from the input bytes (tests/fuzz/alloc_model.c: malloc/calloc/realloc/
 * free and the obj family over three heap configurations, one of them a
 * debug heap when the first byte is 3 mod 4; sizes across the small
 * classes, large and mmap'd blocks; trims, reserve cycles), checked against
 * the shadow model; the input's end stops the run, then everything is
 * freed and every heap must be empty.  A disagreement aborts.
 */
#include <limits.h>

#include "fuzz/alloc_model.h"
#include "fuzz/fuzz.h"

/* One input: one whole run of the allocator model. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    choice_src src;
    choice_init_data(&src, data, size);
    alloc_model_params p = {.src = &src, .ops = ULONG_MAX};
    alloc_model_run(&p);
    return 0;
}
