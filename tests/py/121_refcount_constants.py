# constants live in the code object; while the main script runs, CPython's parser arena
# (which owns the AST constants) holds one more reference: a literal bound to one name -> 4
import sys
x = 123456789
print("int constant bound to a name:", sys.getrefcount(x))
y = x
print("and a second name:", sys.getrefcount(x))
computed = x + 1
print("computed int:", sys.getrefcount(computed))
f = 2.5
print("float constant:", sys.getrefcount(f))
g = f * 2
print("computed float:", sys.getrefcount(g))
t = (1, 2, 3)
print("constant tuple:", sys.getrefcount(t))
t2 = tuple([1, 2, 3])
print("built tuple:", sys.getrefcount(t2))
s = "x" * 40
print("runtime str:", sys.getrefcount(s))
b = bytes(10)
print("runtime bytes:", sys.getrefcount(b))
big = 10 ** 30
print("runtime big int:", sys.getrefcount(big))
