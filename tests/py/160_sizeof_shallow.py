# sys.getsizeof is shallow: contents are not included
import sys
small = [1]
big = [list(range(1000))]
print(sys.getsizeof(small) == sys.getsizeof(big), sys.getsizeof(small))
print(sys.getsizeof((["x" * 10000],)), sys.getsizeof({"k": "v" * 10000}), sys.getsizeof({10**1000}))
class Holder:
    def __init__(self, payload):
        self.payload = payload
print(sys.getsizeof(Holder([0] * 100000)), sys.getsizeof(Holder(None)))
nested = []
for i in range(100):
    nested = [nested]
print(sys.getsizeof(nested))
total = 0
data = [[1, 2], [3, 4, 5], "abc"]
for part in data:
    total += sys.getsizeof(part)
print("outer", sys.getsizeof(data), "parts", total)
