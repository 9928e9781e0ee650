# sys.getsizeof of class objects: heap types with and without cached instance keys (slots, Exception subclasses)
import sys
class A:
    pass
class B(A):
    x = 1
    def m(self):
        pass
class S:
    __slots__ = ("a", "b")
class E(Exception):
    pass
class L(list):
    pass
print(sys.getsizeof(A), sys.getsizeof(B), sys.getsizeof(S), sys.getsizeof(E), sys.getsizeof(L))
a = A()
a.p = 1
a.q = 2
print(sys.getsizeof(A))
print(sys.getsizeof(int), sys.getsizeof(type), sys.getsizeof(object))
print(sys.getsizeof(L()), sys.getsizeof(L([1, 2])), sys.getsizeof(E()), sys.getsizeof(E("x")))
