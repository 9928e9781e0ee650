# dict_list_churn.py -- dicts and lists of every size built, reshaped and
# dropped, as data-munging code does: records grouped into a dict of lists,
# lists sorted, sliced and concatenated, dict and list comprehensions, dicts
# merged and copied, sets built from keys, and the lot dropped each round.
# Unlike churn.py (small containers one at a time), the containers here
# grow past 512 bytes (dict key tables, list item arrays), so the large
# path and realloc are exercised as much as the pools.  Deterministic (an
# LCG), so the checksum is python3's exactly.  Full CPython: refgc-python
# against python3.  The driver times the process.
import sys


def records(n, seed):
    out = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out.append({"key": "g%d" % (seed % 311), "n": seed % 1000, "i": i,
                    "label": "r%x" % seed})
    return out, seed


def one_round(seed, n):
    rows, seed = records(n, seed)
    groups = {}
    for row in rows:
        groups.setdefault(row["key"], []).append(row)
    check = 0
    summary = {}
    for key, members in groups.items():
        members.sort(key=lambda r: (r["n"], r["i"]))
        top = members[:5] + members[-5:]
        summary[key] = {"count": len(members), "top": [r["label"] for r in top],
                        "total": sum(r["n"] for r in members)}
        check += summary[key]["total"] + len(top)
    merged = {}
    for key in sorted(summary):
        merged.update({key + ":" + str(j): v for j, v in enumerate(summary[key]["top"])})
    copy = dict(merged)
    for k in list(copy)[::3]:
        del copy[k]
    keys = set(merged) - set(copy)
    squares = [x * x for x in range(n // 4)]
    pairs = list(zip(squares[::2], squares[1::2]))
    flat = [a + b for a, b in pairs]
    while len(flat) > 8:
        flat = [flat[j] ^ flat[j + 1] for j in range(0, len(flat) - 1, 2)]
    check += len(keys) + len(copy) + sum(flat) % 1000003
    return check, seed


def main(rounds):
    seed = 20241121
    check = 0
    for _ in range(rounds):
        c, seed = one_round(seed, 20000)
        check = (check * 31 + c) % (1 << 61)
    return check


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
print("workload=dict_list_churn", "rounds=%d" % rounds, "checksum=%d" % main(rounds))
