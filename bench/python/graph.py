"""graph.py -- CPython's side of the random-graph full collection.

Keys: n (1000000), seed (0x5eed2024), collects (3).  The same shape as the
C workers' graph (bench/gcworker/graph.c): n nodes, each a list of 4
references ([a, b, c, d]) to nodes drawn uniformly with replacement, all
held by one list of n nodes.  The collector is off while building
(gc.disable()).  Then `collects` timed gc.collect() calls with the list
alive (median and first reported), `del` of the list (the ~1.8% of nodes
nobody points at die by reference counting, untimed) and one timed
gc.collect() that frees the rest.  The random draws are Python's own
(random.Random(seed)), not the C workers' xoshiro: a different graph of the
same distribution.
"""
import gc
import random
import statistics

from common import ResultLine, now_ns, params, prepare_interpreter, rss_bytes


def build_graph(n, seed):
    """The holder list of n nodes, each [4 random nodes]."""
    draw = random.Random(seed).random
    nodes = [[None] * 4 for _ in range(n)]
    for node in nodes:
        node[0] = nodes[int(draw() * n)]
        node[1] = nodes[int(draw() * n)]
        node[2] = nodes[int(draw() * n)]
        node[3] = nodes[int(draw() * n)]
    return nodes


def main():
    p = params(n=1000000, seed=0x5EED2024, collects=3)
    n = p["n"]
    line = ResultLine("graph")
    frozen = prepare_interpreter()
    rss_start = rss_bytes()

    gc.disable()
    t0 = now_ns()
    nodes = build_graph(n, p["seed"])
    build_ns = now_ns() - t0

    reachable, found = [], 0
    for _ in range(p["collects"]):
        t0 = now_ns()
        found = max(found, gc.collect())
        reachable.append(now_ns() - t0)
    median = float(statistics.median(reachable))
    rss_built = rss_bytes()

    t0 = now_ns()
    del nodes
    drop_ns = now_ns() - t0
    t0 = now_ns()
    garbage_found = gc.collect()
    garbage_ns = now_ns() - t0

    for key, value in (("n", n), ("seed", p["seed"]), ("build_ns", float(build_ns)),
                       ("collects", p["collects"]), ("reachable_ns", median),
                       ("reachable_first_ns", float(reachable[0])),
                       ("reachable_ns_per_object", median / n), ("reachable_found", found),
                       ("drop_ns", float(drop_ns)), ("garbage_ns", float(garbage_ns)),
                       ("garbage_ns_per_object", garbage_ns / n),
                       ("garbage_found", garbage_found), ("garbage_bytes_freed", -1),
                       ("rss_start", rss_start), ("rss_built", rss_built),
                       ("rss_end", rss_bytes()), ("frozen", frozen)):
        line.add(key, value)
    line.print()
    return 5 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
