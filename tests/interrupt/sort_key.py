# Ctrl-C while sorting a huge list with a Python key function.
# interrupt-compare: ends (the interrupt lands in the key or in the sort)
print("start", flush=True)
data = list(range(3000000, 0, -1))
while True: data.sort(key=lambda v: -v)
