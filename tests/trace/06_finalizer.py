import gc
class Node:
    def __del__(self):
        print("__del__ runs")
n = Node()
n.me = n
del n
print(gc.collect())
