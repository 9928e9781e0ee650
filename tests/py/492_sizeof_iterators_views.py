# sys.getsizeof of iterators and views over the builtin containers
import sys
g = sys.getsizeof
d = {1: 2}
print(g(iter([])), g(iter(())), g(iter("")), g(iter("é")), g(iter(b"")), g(iter(bytearray())), g(iter({})), g(iter(set())))
print(g(d.keys()), g(d.values()), g(d.items()), g(iter(d.items())), g(iter(d.values())), g(reversed(d)))
print(g(iter(range(3))), g(iter(range(10 ** 20))), g(reversed(range(3))), g(reversed([])), g(reversed("ab")))
print(g(enumerate([])), g(zip([], [])), g(zip([], [], [])), g(map(len, [])), g(filter(None, [])))
