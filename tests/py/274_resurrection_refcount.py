# resurrection from __del__ on refcount death: __del__ runs only once per object
import gc
saved = []
class Phoenix:
    calls = 0
    def __init__(self, name):
        self.name = name
    def __del__(self):
        Phoenix.calls += 1
        print("__del__", self.name, "call", Phoenix.calls)
        saved.append(self)
p = Phoenix("p")
del p
print("resurrected:", len(saved), saved[0].name, gc.is_finalized(saved[0]))
q = saved.pop()
del q
print("second death: calls =", Phoenix.calls, "saved =", len(saved))
r = Phoenix("r")
print("fresh object finalized?", gc.is_finalized(r))
r = None
print("calls", Phoenix.calls, [s.name for s in saved])
saved.clear()
print("end")
