/*
 * fuzz.h -- the libFuzzer entry points every tests/fuzz/fuzz_<target>.c
 * defines (LLVMFuzzerInitialize optional), declared once for the targets
 * and for replay.c.  The convention: deterministic, nothing carried from
 * one input to the next, a disagreement with the model prints what
 * differed on stderr and calls abort().
 */
#ifndef RG_FUZZ_H
#define RG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Run one input; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once before the first input (optional: replay.c checks for it). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#endif /* RG_FUZZ_H */
