# list error messages
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: [].pop())
show(lambda: [1].pop(5))
show(lambda: [1, 2].remove(3))
show(lambda: [1, 2].index(3))
show(lambda: [1, 2][2])
show(lambda: [1, 2][-3])
key_s = "0"
key_f = 1.0
show(lambda: [1, 2][key_s])
show(lambda: [1, 2][key_f])
show(lambda: [1] + (2,))
show(lambda: [1] * 2.5)
show(lambda: [1] < ["a"])
show(lambda: sorted([1, "a"]))
show(lambda: list(5))
show(lambda: [1, 2].index(1, 1))
def setitem():
    l = [1]
    l[3] = 0
show(setitem)
def slice_step():
    l = [1, 2, 3, 4]
    l[::2] = [1, 2, 3]
show(slice_step)
def slice_zero():
    l = [1, 2, 3]
    return l[::0]
show(slice_zero)
def sort_key():
    l = [3, 1]
    l.sort(key=5)
show(sort_key)
def modify_during_sort():
    l = [3, 1, 2]
    def k(v):
        l.append(v)
        return v
    l.sort(key=k)
show(modify_during_sort)
show(lambda: [].insert(0))
show(lambda: [1, 2].extend(3))
