# binary_trees.py -- the Computer Language Benchmarks Game's binary-trees
# (the Python program's shape: trees of 2-tuples, a long-lived tree, then
# iterations of short-lived trees at each depth), depth 16 by default.
# Subset-only Python; the driver times the process.
import sys


def make_tree(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def main(max_depth):
    min_depth = 4
    stretch = max_depth + 1
    total = check_tree(make_tree(stretch))
    long_lived = make_tree(max_depth)
    for depth in range(min_depth, stretch, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += check_tree(make_tree(depth))
        total += check
    total += check_tree(long_lived)
    return total


depth = int(sys.argv[1]) if len(sys.argv) > 1 else 16
print("workload=binary_trees", "depth=%d" % depth, "checksum=%d" % main(depth))
