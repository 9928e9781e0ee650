"""gc_collect.py -- pyperformance's gc_collect benchmark
(pyperformance/data-files/benchmarks/bm_gc_collect), run without pyperf.

Keys: cycles (100), links (20), loops (100).  The benchmark's shapes: each
loop collects (untimed), makes `cycles` rings of links + 1 Node instances
linked both ways through next/prev, holds their first nodes in a list,
drops the list and times one gc.collect(), which must find at least
cycles * (links + 1) objects.
Reports the median collection (pyperformance reports the sum) and ns per
ring node; the interpreter's own objects are frozen (common.py).
"""
import gc
import statistics

from common import ResultLine, now_ns, params, prepare_interpreter


class Node:
    """A ring node: two attributes, as in the benchmark (an instance with a
    managed __dict__, the values stored inline)."""

    def __init__(self):
        self.next = None
        self.prev = None


def link(a, b):
    """a.next = b and b.prev = a."""
    a.next = b
    b.prev = a


def make_rings(rings, links):
    """A list of `rings` first nodes, each closing a ring of links + 1."""
    firsts = []
    for _ in range(rings):
        first = last = Node()
        for _ in range(links):
            node = Node()
            link(last, node)
            last = node
        if links:
            link(last, first)
        firsts.append(first)
    return firsts


def main():
    p = params(cycles=100, links=20, loops=100)
    line = ResultLine("gc_collect")
    frozen = prepare_interpreter()
    expected = p["cycles"] * (p["links"] + 1)
    times, least = [], None
    for _ in range(p["loops"]):
        gc.collect()
        rings = make_rings(p["cycles"], p["links"])
        del rings
        t0 = now_ns()
        collected = gc.collect()
        times.append(now_ns() - t0)
        least = collected if least is None else min(least, collected)
    median = float(statistics.median(times))
    for key, value in (("cycles", p["cycles"]), ("links", p["links"]), ("objects", expected),
                       ("loops", p["loops"]), ("collect_ns", median),
                       ("collect_total_ns", float(sum(times))),
                       ("ns_per_object", median / expected), ("found", least),
                       ("frozen", frozen)):
        line.add(key, value)
    line.print()
    return 0 if least >= expected else 5


if __name__ == "__main__":
    raise SystemExit(main())
