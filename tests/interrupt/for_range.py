# Ctrl-C in a for loop over a huge range.
print("start", flush=True)
total = 0
for i in range(10**18): total += i
