# big integers: powers, factorial, divmod, conversions
big = 2 ** 200 + 12345
print(big % 97, big.bit_length())
f = 1
for i in range(1, 30):
    f *= i
print(f, len(str(f)))
q, r = divmod(f, 10 ** 12 + 39)
print(q, r)
print(int("123456789012345678901234567890") * 3, hex(big)[:12], -big // 7)
