# while/for with break, continue and else
for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print("for", i)
else:
    print("for-else not reached")
for i in range(2):
    print("full loop", i)
else:
    print("for-else reached")
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("while", n)
else:
    print("while-else not reached")
while False:
    pass
else:
    print("while-else reached")
for x in []:
    print("never")
else:
    print("empty for-else")
found = None
for row in [[1, 2], [3, 4], [5, 6]]:
    for v in row:
        if v == 4:
            found = v
            break
    else:
        continue
    break
print("found", found)
total = 0
for i in range(3):
    for j in range(3):
        if j > i:
            break
        total += 10 * i + j
print("total", total)
items = [1, 2, 3]
for it in items:
    if it == 1:
        items.append(4)
print(items)
k = 0
while True:
    k += 1
    if k >= 100000:
        break
print(k)
