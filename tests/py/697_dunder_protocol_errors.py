# special-method protocol errors: __hash__/__bool__/__len__/__repr__/__str__/__iter__ results of the wrong type, __getitem__ iteration
import sys, gc
class A:
    def __hash__(self): return 5
class B(A):
    def __eq__(self, o): return True
print(B.__hash__, A.__hash__ is not None)
class H:
    def __hash__(self): return "x"
try: hash(H())
except TypeError as e: print(e)
class BigH:
    def __hash__(self): return 2**70
print(hash(BigH()))
class Bo:
    def __bool__(self): return 1
try: bool(Bo())
except TypeError as e: print(e)
class L:
    def __len__(self): return -1
try: len(L())
except ValueError as e: print(e)
class L2:
    def __len__(self): return 2**70
try: len(L2())
except OverflowError as e: print(e)
class R:
    def __repr__(self): return 5
try: repr(R())
except TypeError as e: print(e)
class S:
    def __str__(self): return None
try: str(S())
except TypeError as e: print(e)
class It:
    def __iter__(self): return 5
try: iter(It())
except TypeError as e: print(e)
class Nx:
    def __iter__(self): return self
try:
    for x in Nx(): pass
except TypeError as e: print(e)
class Gi:
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return i * 3
print(list(Gi()), 6 in Gi(), iter(Gi()).__class__.__name__)
class Cn:
    def __contains__(self, x): return []
print(1 in Cn())
class Ne:
    def __eq__(self, o): return "yes"
print(Ne() == 1, Ne() != 1, [Ne()] == [Ne()], Ne() in [1])
class Call:
    __call__ = 5
try: Call()()
except TypeError as e: print(e)
