import gc

def report(phase, info):
    if phase == "stop":
        print("collection at i =", i)

print(gc.get_threshold())
gc.collect()
print(gc.get_count())
gc.callbacks.append(report)
junk = []
for i in range(100):
    junk.append([[], [], [], [], [], [], []])
gc.callbacks.remove(report)
print(gc.get_count())
