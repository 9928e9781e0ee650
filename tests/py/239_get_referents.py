# gc.get_referents(): what the type's traverse visits, in its order
import gc
a = 1
print(gc.get_referents([a, "s", 2.5]))
print(gc.get_referents((a, (a, "x"))))
print(gc.get_referents({"k": "v", 2: 3}))
print(sorted(gc.get_referents({a, 2})))
print(gc.get_referents(5, "str", 2.5, None))
print(gc.get_referents([1], [2, 3]))
class P:
    pass
p = P()
p.x = "value"
p.y = [1]
print([type(o).__name__ for o in gc.get_referents(p)])
vars(p)
print([type(o).__name__ for o in gc.get_referents(p)])
class S:
    __slots__ = ("a", "b")
s = S()
s.a = "A"
print([o if isinstance(o, str) else type(o).__name__ for o in gc.get_referents(s)])
print(gc.get_referents())
