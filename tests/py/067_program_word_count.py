# a small program: word frequencies with dicts, sorting and formatting
text = """the quick brown fox jumps over the lazy dog the fox
barks and the dog sleeps while the quick fox runs"""
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:5]:
    print(f"{word:>6} {n:2d} {'*' * n}")
print(len(counts), sum(counts.values()), max(counts, key=lambda w: (len(w), w)))
by_len = {}
for w in counts:
    by_len.setdefault(len(w), []).append(w)
for k in sorted(by_len):
    print(k, sorted(by_len[k]))
letters = {}
for ch in text:
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print("".join(sorted(letters, key=lambda c: (-letters[c], c)))[:8])
