/*
 * test_gc_stress.c -- the cycle collector and the object layer under random
 * operations, checked against an independent model of the object graph.
 *
 * Usage: test_gc_stress <seed> <ops>.  The interpreter and the model live in
 * tests/fuzz/gc_model.c (shared with the libFuzzer target fuzz_gc; the
 * operations and checks are described there): here a fixed-seed
 * xoshiro256** stream makes every choice, for <ops> steps (even seeds on a
 * debug heap), with rg_heap_check every 10,000 steps, then the teardown in
 * which every object must die and the heap end empty.  A disagreement
 * aborts with a message on stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/gc_model.h"

/* test_gc_stress <seed> <ops> */
int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s <seed> <ops>\n", argv[0]);
        return 2;
    }
    unsigned long seed = strtoul(argv[1], NULL, 10), ops = strtoul(argv[2], NULL, 10);
    choice_src src;
    choice_init_seed(&src, seed);
    gc_model_params p = {.src = &src, .ops = ops, .seed = seed, .verbose = 1};
    return gc_model_run(&p) == ops ? 0 : 1;
}
