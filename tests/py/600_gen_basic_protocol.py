# generators: next, StopIteration value, exhausted state, gi_running/gi_frame/gi_code
def g(n):
    for i in range(n):
        yield i * 10
    return "done"
it = g(3)
print(type(it).__name__, it.gi_code.co_name, it.gi_running, it.gi_frame is not None)
print(next(it), next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print("stop", repr(e.value), e.args)
print(it.gi_frame is None, it.gi_running)
try:
    next(it)
except StopIteration as e:
    print("again", repr(e.value), e.args)
print(list(g(4)), sum(g(5)), tuple(g(2)))
def running():
    yield gen_ref.gi_running
gen_ref = running()
print(next(gen_ref))
print(iter(it) is it, hasattr(it, "send"), hasattr(it, "__next__"))
def empty():
    return 5
    yield
e = empty()
try:
    next(e)
except StopIteration as ex:
    print("empty", ex.value)
print(next(g(0), "default"))
