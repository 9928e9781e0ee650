# gc.get_referrers of locals (no frame object), cells, exception args, defaults, running frames seen via tracebacks
import gc
import sys
gc.collect()
class T:
    pass
def local_only():
    t = T()
    refs = gc.get_referrers(t)
    return [type(r).__name__ for r in refs]
print("local variable:", local_only())
def in_closure():
    t = T()
    def g():
        return t
    return [type(r).__name__ for r in gc.get_referrers(t)]
print("closure cell:", in_closure())
def with_traceback():
    t = T()
    try:
        raise ValueError(t)
    except ValueError as e:
        return sorted([type(r).__name__ for r in gc.get_referrers(t)])
print("exception args:", with_traceback())
def frame_after_error():
    t = T()
    try:
        1 / 0
    except ZeroDivisionError as e:
        tb = e.__traceback__
        return sorted([type(r).__name__ for r in gc.get_referrers(t)]), type(tb.tb_frame).__name__
print("frame materialised by traceback:", frame_after_error())
def default_arg(x=T()):
    return [type(r).__name__ for r in gc.get_referrers(x)]
print("default:", default_arg())
print("class attr:", sorted([type(r).__name__ for r in gc.get_referrers(T)])[:3])
lst = [1]
print("list in module:", [type(r).__name__ for r in gc.get_referrers(lst)])
