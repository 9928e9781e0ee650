# after a RecursionError the interpreter recovers: the same depth is reachable again, frames are freed
import sys
import gc
gc.collect()
class Node:
    pass
made = []
def deep(n):
    node = Node()
    made.append(1)
    return deep(n + 1)
results = []
for i in range(3):
    made.clear()
    try:
        deep(0)
    except RecursionError:
        results.append(len(made))
print(results[0] == results[1] == results[2], results[0] > 900)
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print("mutual:", e)
def catcher(n):
    try:
        return catcher(n + 1)
    except RecursionError:
        return n
print("caught at a depth > 900:", catcher(0) > 900)
print("collect:", gc.collect())
