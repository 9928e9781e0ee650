import sys
item = [0]
box = [None, None, None]
box[2] = item
print(sys.getrefcount(item))
box.pop()
print(sys.getrefcount(item))
