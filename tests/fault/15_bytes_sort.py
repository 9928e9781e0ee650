# bytes, bytearray, sorting with keys and stability, reversed, slicing
data = bytes(range(40))
ba = bytearray(data[:10])
ba.extend(b"xyz")
ba[0:2] = b"AB"
print(ba, data[5:9].hex(), b"-".join([b"a", b"b"]))
words = ["pear", "Apple", "fig", "banana", "kiwi", "Cherry", "date"] * 3
print(sorted(words, key=str.lower)[:5])
nums = [(i * 37) % 50 for i in range(60)]
nums.sort(reverse=True)
print(nums[:8], list(reversed(nums))[:3], nums[10:40:7])
pairs = sorted(zip(words, range(len(words))), key=lambda p: len(p[0]))
print(pairs[:4])
