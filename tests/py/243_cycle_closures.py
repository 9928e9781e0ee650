# cycles through closures: a nested function that refers to itself
import gc
gc.collect()
def make_recursive():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact
f = make_recursive()
print(f(10))
del f
print("function <-> cell (+ closure tuple):", gc.collect())
def make_pair():
    def even(n):
        return True if n == 0 else odd(n - 1)
    def odd(n):
        return False if n == 0 else even(n - 1)
    return even
e = make_pair()
print(e(10), e(7))
del e
print("two mutually recursive closures:", gc.collect())
def no_cycle():
    v = [1]
    def get():
        return v
    return get
g = no_cycle()
del g
print("closure without a cycle is freed by refcounting:", gc.collect())
