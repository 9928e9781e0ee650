# a __del__ that raises while its frame is being left: the dying frame is no longer on the stack
import sys
class D:
    def __del__(self):
        print("in del, caller:", sys._getframe(1).f_code.co_name)
        raise ValueError("x")
def g():
    drop = D()
g()
print("end")
