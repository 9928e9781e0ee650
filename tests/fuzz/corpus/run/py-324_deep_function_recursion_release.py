# after a RecursionError all the frames' locals are released
import sys
class Tracked:
    alive = 0
    def __init__(self):
        Tracked.alive += 1
    def __del__(self):
        Tracked.alive -= 1
def dive(n):
    keep = Tracked()
    return dive(n + 1)
try:
    dive(0)
except RecursionError:
    print("RecursionError; alive right after handler:", Tracked.alive)
print("alive after handler:", Tracked.alive)
def fine(n):
    keep = Tracked()
    if n == 0:
        return Tracked.alive
    return fine(n - 1)
print("alive at the bottom of 500 frames:", fine(499), "after:", Tracked.alive)
