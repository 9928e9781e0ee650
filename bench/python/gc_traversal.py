"""gc_traversal.py -- pyperformance's gc_traversal benchmark
(pyperformance/data-files/benchmarks/bm_gc_traversal), run without pyperf.

Keys: levels (1000), loops (20).  The benchmark's containers: level 0
is an empty list, level n a list of n references to level n - 1 (1,001
lists, 499,500 references at 1,000 levels).  Each loop collects (untimed)
and times one gc.collect(), which must find nothing.  Reports the median
collection and ns per reference; the interpreter's own objects are frozen
(common.py).
"""
import gc
import statistics

from common import ResultLine, now_ns, params, prepare_interpreter


def make_levels(levels):
    """Level 0 an empty list, level n a list of n references to level n - 1;
    the last level."""
    level = []
    for n in range(levels):
        level = [level] * n
    return level


def main():
    p = params(levels=1000, loops=20)
    line = ResultLine("gc_traversal")
    frozen = prepare_interpreter()
    levels = p["levels"]
    top = make_levels(levels)
    times, most = [], 0
    for _ in range(p["loops"]):
        gc.collect()
        t0 = now_ns()
        most = max(most, gc.collect())
        times.append(now_ns() - t0)
    references = levels * (levels - 1) / 2
    median = float(statistics.median(times))
    for key, value in (("levels", levels), ("objects", levels + 1),
                       ("references", float(references)), ("loops", p["loops"]),
                       ("collect_ns", median), ("collect_total_ns", float(sum(times))),
                       ("ns_per_reference", median / references), ("found", most),
                       ("frozen", frozen)):
        line.add(key, value)
    line.print()
    del top
    return 5 if most else 0


if __name__ == "__main__":
    raise SystemExit(main())
