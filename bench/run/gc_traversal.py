# gc_traversal.py -- pyperformance's gc_traversal (bm_gc_traversal) as a
# whole program: 1,001 lists holding 499,500 references (level n is a list
# of n references to level n - 1), then full collections that find
# nothing.  Subset-only Python; the driver times the process.
import gc
import sys


def make_levels(levels):
    level = []
    for n in range(levels):
        level = [level] * n
    return level


loops = int(sys.argv[1]) if len(sys.argv) > 1 else 200
top = make_levels(1000)
most = 0
for _ in range(loops):
    most = max(most, gc.collect())
print("workload=gc_traversal", "loops=%d" % loops, "found=%d" % most)
sys.exit(5 if most else 0)
