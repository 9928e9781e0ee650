/*
 * speed.c -- the timed workloads: churn, LIFO pairs and FIFO rounds.
 *
 * churn (keys ops, live, seed): fill `live` slots with blocks, then `ops`
 *   operations, each: pick a random slot, read the first word of its block
 *   (into the checksum) and free it, then allocate a block of a random size
 *   (prng.h: 8..512 B weighted towards 16..64) and write its first and last
 *   8 bytes.  ns/op = time of the operations / ops (the fill is timed
 *   apart).  Victims and sizes come from one xoshiro256** stream with a
 *   fixed seed: the same sequence for every allocator.
 * lifo (keys iters, size): `iters` times p = malloc(32); write the first
 *   and last 8 bytes; read the first word; free(p).  ns per malloc+free.
 * fifo (keys rounds, blocks, size): `rounds` times allocate `blocks`
 *   blocks of 32 B (writing first and last 8 bytes) and then free them all
 *   in allocation order (reading the first word first).  ns per
 *   malloc+free over all rounds, the first (which maps the memory) included;
 *   the first round and the rest are also reported apart.
 *
 * The pointer arrays are kernel mappings, pre-faulted before timing, so
 * neither the allocator under test nor page faults on them are measured.
 * Every checksum is printed so the work cannot be optimised away.
 */
#include "alloc_shim.h"

#include <string.h>

#include "prng.h"
#include "worker.h"

/* The churn workload: random free + allocate over a fixed live set. */
int run_churn(void)
{
    const uint64_t ops = param_u64("ops", 50000000);
    const uint32_t live = (uint32_t)param_u64("live", 100000);
    const uint64_t seed = param_u64("seed", 0x5eed2024);
    if (live == 0) return 2;
    void **slots = map_array(live * sizeof *slots);
    memset(slots, 0, live * sizeof *slots);
    xoshiro g;
    xoshiro_seed(&g, seed);
    const int64_t rss_start = process_rss();
    uint64_t checksum = 0;

    const double t_fill = now_ns();
    for (uint32_t i = 0; i < live; i++) {
        uint32_t size = churn_size((uint32_t)xoshiro_next(&g));
        void *p = bench_malloc(size);
        if (p == NULL) out_of_memory("churn", size);
        touch_block(p, size, i);
        slots[i] = p;
    }
    const double t_start = now_ns();
    for (uint64_t op = 0; op < ops; op++) {
        uint64_t r = xoshiro_next(&g);
        uint32_t victim_slot = prng_below((uint32_t)(r >> 32), live);
        void *victim = slots[victim_slot];
        checksum += first_word(victim);
        bench_free(victim);
        uint32_t size = churn_size((uint32_t)r);
        void *p = bench_malloc(size);
        if (p == NULL) out_of_memory("churn", size);
        touch_block(p, size, r);
        slots[victim_slot] = p;
    }
    const double t_end = now_ns();
    const int64_t rss_end = process_rss();

    for (uint32_t i = 0; i < live; i++) {
        checksum += first_word(slots[i]);
        bench_free(slots[i]);
    }
    unmap_array(slots, live * sizeof *slots);

    result_u64("ops", ops);
    result_u64("live", live);
    result_u64("seed", seed);
    result_f64("ns_per_op", ops ? (t_end - t_start) / (double)ops : 0.0);
    result_f64("fill_ns_per_block", (t_start - t_fill) / live);
    result_f64("seconds", (t_end - t_start) / 1e9);
    result_i64("rss_start", rss_start);
    result_i64("rss_end", rss_end);
    result_u64("checksum", checksum);
    return 0;
}

/* LIFO: malloc(32) + free pairs. */
int run_lifo(void)
{
    const uint64_t iters = param_u64("iters", 100000000);
    const size_t size = param_u64("size", 32);
    if (size < 8 || iters == 0) return 2;
    const int64_t rss_start = process_rss();
    uint64_t checksum = 0;

    const double t_start = now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        void *p = bench_malloc(size);
        if (p == NULL) out_of_memory("lifo", size);
        touch_block(p, size, i);
        bench_escape(p);
        checksum += first_word(p);
        bench_free(p);
    }
    const double t_end = now_ns();

    result_u64("iters", iters);
    result_u64("size", size);
    result_f64("ns_per_op", (t_end - t_start) / (double)iters);
    result_f64("seconds", (t_end - t_start) / 1e9);
    result_i64("rss_start", rss_start);
    result_u64("checksum", checksum);
    return 0;
}

/* FIFO: rounds of allocate-all then free-all in order. */
int run_fifo(void)
{
    const uint64_t rounds = param_u64("rounds", 20);
    const size_t blocks = param_u64("blocks", 1000000);
    const size_t size = param_u64("size", 32);
    if (size < 8 || rounds == 0 || blocks == 0) return 2;
    void **slots = map_array(blocks * sizeof *slots);
    memset(slots, 0, blocks * sizeof *slots);
    const int64_t rss_start = process_rss();
    int64_t rss_full = 0;
    uint64_t checksum = 0;
    double first_round_ns = 0;

    const double t_start = now_ns();
    for (uint64_t r = 0; r < rounds; r++) {
        const double t_round = now_ns();
        for (size_t i = 0; i < blocks; i++) {
            void *p = bench_malloc(size);
            if (p == NULL) out_of_memory("fifo", size);
            touch_block(p, size, i + r);
            slots[i] = p;
        }
        for (size_t i = 0; i < blocks; i++) {
            checksum += first_word(slots[i]);
            bench_free(slots[i]);
        }
        if (r == 0) {
            first_round_ns = now_ns() - t_round;
            rss_full = process_rss(); /* after round 1: what the allocator kept */
        }
    }
    const double t_end = now_ns();
    unmap_array(slots, blocks * sizeof *slots);

    const double pairs = (double)rounds * (double)blocks;
    result_u64("rounds", rounds);
    result_u64("blocks", blocks);
    result_u64("size", size);
    result_f64("ns_per_op", (t_end - t_start) / pairs);
    result_f64("first_round_ns_per_op", first_round_ns / (double)blocks);
    if (rounds > 1)
        result_f64("later_rounds_ns_per_op",
                   (t_end - t_start - first_round_ns) / (pairs - (double)blocks));
    result_f64("seconds", (t_end - t_start) / 1e9);
    result_i64("rss_start", rss_start);
    result_i64("rss_after_round1", rss_full);
    result_u64("checksum", checksum);
    return 0;
}
