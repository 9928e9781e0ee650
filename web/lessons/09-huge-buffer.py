import sys
from refgc import block_info, heap_stats

small = bytes(400)
medium = bytes(100000)
huge = bytes(1000000)
print(sys.getsizeof(small), block_info(small)["kind"])
print(sys.getsizeof(medium), block_info(medium)["kind"])
print(sys.getsizeof(huge), block_info(huge)["kind"])
mapped = heap_stats()["bytes_mapped"]
del huge
print(mapped - heap_stats()["bytes_mapped"])
