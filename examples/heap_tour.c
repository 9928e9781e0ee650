/*
 * heap_tour.c -- a short tour of librefgc's allocator.
 *
 * Allocates a few hundred thousand small blocks the way a Python program's
 * objects would land in pymalloc, frees most of them, trims, and prints the
 * heap in CPython's sys._debugmallocstats() format at each step, with the
 * resident memory the kernel reports.  Built against the installed library
 * by the install test, and run by `make run`.
 */
#include <refgc.h>
#include <stdio.h>
#include <stdlib.h>

/* A tiny deterministic generator, so every run prints the same numbers. */
static unsigned long next_random(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state >> 33;
}

/* Print a one-line summary of the heap. */
static void summary(rg_heap *heap, const char *when)
{
    rg_stats s;
    rg_heap_stats(heap, &s);
    printf("%-28s %6zu arenas  %8zu blocks  %9.1f KiB in use  %9.1f KiB resident\n", when,
           s.arenas, s.allocated_blocks, s.bytes_in_use / 1024.0, s.bytes_resident / 1024.0);
}

int main(void)
{
    printf("librefgc %s: CPython 3.11's pymalloc, as a library\n\n", rg_version());
    rg_heap *heap = rg_heap_new(NULL);
    if (heap == NULL) {
        perror("rg_heap_new");
        return 1;
    }

    /* Where do the first requests go?  Exactly where CPython puts them:
     * class (n-1)>>4, a pool per class, blocks from offset 48 upwards. */
    static const size_t sizes[] = {1, 16, 17, 48, 9, 512, 513};
    enum { NSIZES = sizeof sizes / sizeof sizes[0] };
    void *first[NSIZES];
    for (size_t i = 0; i < NSIZES; i++) {
        first[i] = rg_malloc(heap, sizes[i]);
        rg_block_info info;
        rg_block_info_of(first[i], &info);
        if (info.kind == RG_BLOCK_SMALL)
            printf("rg_malloc(%3zu): class %2u (%3zu B), arena %u, pool %u, block %u\n",
                   sizes[i], info.size_class, info.size, info.arena_index, info.pool_index,
                   info.block_index);
        else
            printf("rg_malloc(%3zu): large block (C library malloc)\n", sizes[i]);
    }
    for (size_t i = 0; i < NSIZES; i++) rg_free(first[i]);
    printf("\n");

    enum { N = 300000 };
    void **blocks = malloc(N * sizeof *blocks);
    if (blocks == NULL) return 1;
    unsigned long rng = 42;
    summary(heap, "empty heap");
    for (size_t i = 0; i < N; i++) {
        size_t size = 16 + next_random(&rng) % 64; /* 16..79 bytes, like small objects */
        blocks[i] = rg_malloc(heap, size);
        if (blocks[i] == NULL) return 1;
    }
    summary(heap, "300,000 blocks allocated");
    for (size_t i = 0; i < N; i++) {
        if (i % 50 != 0) {
            rg_free(blocks[i]);
            blocks[i] = NULL;
        }
    }
    summary(heap, "all but every 50th freed");
    size_t given = rg_trim(heap);
    summary(heap, "after rg_trim");
    printf("rg_trim gave %.1f KiB back to the OS without moving a live block\n\n",
           given / 1024.0);

    rg_heap_dump(heap, stdout);

    for (size_t i = 0; i < N; i++) rg_free(blocks[i]);
    free(blocks);
    summary(heap, "\neverything freed");
    rg_trim(heap);
    summary(heap, "after rg_trim");
    if (rg_heap_check(heap, stderr) != 0) return 1;
    rg_heap_delete(heap);
    return 0;
}
