# runaway recursion: RecursionError with a traceback that folds the repeated frames
def down(n):
    return down(n + 1)
print("start")
down(0)
