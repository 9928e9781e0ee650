# __del__ runs on objects freed while an exception propagates; the exception is unaffected
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
def fails():
    tmp = D("local of failing function")
    raise KeyError("k")
try:
    fails()
except KeyError as e:
    print("caught", repr(e))
print("after try")
def cleanup():
    try:
        obj = D("in try block")
        raise ValueError("v")
    finally:
        print("finally runs first")
try:
    cleanup()
except ValueError:
    print("caught ValueError")
print("end")
