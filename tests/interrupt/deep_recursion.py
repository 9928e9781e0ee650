# Ctrl-C in a loop of deep recursions (each ends in RecursionError).
# interrupt-compare: ends (the depth where the interrupt lands varies)
import sys
sys.setrecursionlimit(5000)
def down(n): return down(n + 1)
print("start", flush=True)
while True:
    try: down(0)
    except RecursionError: pass
