# gi_frame: the frame object is shared, its referents include the generator's locals; f_back while suspended
import gc, sys
class M:
    pass
def g(m):
    local = [m]
    yield 1
    yield 2
m = M()
gen = g(m)
next(gen)
fr = gen.gi_frame
print(fr is gen.gi_frame, fr.f_back, fr.f_code is gen.gi_code, type(fr).__name__)
print(sorted(fr.f_locals), fr.f_locals["m"] is m)
print(any(r is fr for r in gc.get_referents(gen)), any(r is gen for r in gc.get_referrers(fr)))
print(sys.getrefcount(m))
next(gen)
print(fr.f_lineno, gen.gi_frame is fr)
gen.close()
print(gen.gi_frame, fr.f_lineno, sys.getrefcount(m))
del fr
print(sys.getrefcount(m))
