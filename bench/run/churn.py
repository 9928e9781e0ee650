# churn.py -- list and dict churn: what programs that build and tear down
# containers do all day.  Lists grow by append and shrink by pop (the
# over-allocation and shrink rule), dicts gain and lose str and int keys
# (growth, dummies, resizes), small dicts and lists come and go through the
# free lists.  Deterministic (an LCG); the checksum must match python3's.
# Subset-only Python; the driver times the process.
import sys


def churn(rounds):
    seed = 12345
    check = 0
    stack = []
    table = {}
    names = ["k%d" % i for i in range(1000)]
    for r in range(rounds):
        for i in range(200):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            stack.append([seed, i])
            table[names[seed % 1000]] = {"round": r, "i": i}
            table[seed % 5000] = (i, r)
        for i in range(150):
            check += stack.pop()[0] & 0xFF
        for i in range(120):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            key = names[seed % 1000] if seed & 1 else seed % 5000
            value = table.pop(key, None)
            if value is not None:
                check += 1
        if len(stack) > 5000:
            del stack[:4000]
    return check + len(stack) + len(table)


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
print("workload=churn", "rounds=%d" % rounds, "checksum=%d" % churn(rounds))
