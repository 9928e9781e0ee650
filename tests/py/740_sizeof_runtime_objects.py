# sys.getsizeof of functions, generators, descriptors, super, builtin iterators, exceptions, tracebacks, slices, views, cells, bound methods
import sys
class A:
    def __init__(self): self.x = 1
a = A()
print(sys.getsizeof(a), sys.getsizeof(A), sys.getsizeof(A.__dict__), sys.getsizeof(a.__init__))
def f(): pass
def gen(): yield
print(sys.getsizeof(f), sys.getsizeof(f.__code__) > 0, sys.getsizeof(gen()), sys.getsizeof(lambda: 0))
print(sys.getsizeof(property()), sys.getsizeof(classmethod(f)), sys.getsizeof(staticmethod(f)), sys.getsizeof(super(A, a)))
print(sys.getsizeof(iter([])), sys.getsizeof(iter(())), sys.getsizeof(iter(range(3))), sys.getsizeof(iter({})), sys.getsizeof(zip()), sys.getsizeof(map(f, [])), sys.getsizeof(enumerate([])))
print(sys.getsizeof(ValueError()), sys.getsizeof(OSError()), sys.getsizeof(StopIteration()), sys.getsizeof(KeyError()), sys.getsizeof(ExceptionGroup("g", [ValueError()])))
try:
    raise ValueError
except ValueError as e:
    print(sys.getsizeof(e.__traceback__))
print(sys.getsizeof(slice(1)), sys.getsizeof(range(5)), sys.getsizeof({}.keys()), sys.getsizeof(reversed([])))
c = (lambda: (lambda: x))
x = 1
print(sys.getsizeof(c().__closure__) if c().__closure__ else None)
def cl():
    y = 1
    return lambda: y
print(sys.getsizeof(cl().__closure__[0]), sys.getsizeof(a.__init__), sys.getsizeof([].append))
