# gc_collect.py -- pyperformance's gc_collect (bm_gc_collect) as a whole
# program, for `refgc run` against python3: the driver times the process.
# Each loop makes 100 rings of 21 Node instances linked both ways, drops
# them and collects; every ring must be found.  Subset-only Python (no
# time/statistics): the same file runs on both.
import gc
import sys


class Node:
    def __init__(self):
        self.next = None
        self.prev = None


def link(a, b):
    a.next = b
    b.prev = a


def make_rings(rings, links):
    firsts = []
    for _ in range(rings):
        first = last = Node()
        for _ in range(links):
            node = Node()
            link(last, node)
            last = node
        link(last, first)
        firsts.append(first)
    return firsts


def main(loops, cycles, links):
    least = None
    for _ in range(loops):
        gc.collect()
        rings = make_rings(cycles, links)
        del rings
        found = gc.collect()
        least = found if least is None else min(least, found)
    return least


loops = int(sys.argv[1]) if len(sys.argv) > 1 else 300
found = main(loops, 100, 20)
print("workload=gc_collect", "loops=%d" % loops, "found=%d" % found)
sys.exit(0 if found >= 100 * 21 else 5)
