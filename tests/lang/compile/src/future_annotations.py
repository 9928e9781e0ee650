from __future__ import annotations
def f():
    x = 1
    def g(a: x) -> x: pass
    y: x = 2
    return g
class C:
    z: int = 3
    w: List[int]
    def m(self, a: C, *b: int, c: "q" = 1, **d: dict[str, int]) -> None: pass
v: tuple[int, ...] = ()
u.a: int = 1
a1: lambda x, *y, z=1, **k: x + 1 = None
a2: (1, 2.5, 1e400, -3, 'str', b'b', None, ...) = None
a3: x if y else z
a4: not a or b and c | d ^ e & f << g + h * -i ** j ** k
a5: {1: 2, **d} | {1, 2} | [x for x in y if x] | {k: v for k, v in z}
a6: f(a, *b, c=1, **d)(x for x in y)
a7: (1).real
a8: x[1:2, ::3]
a9: f"a{b!r:>{c}}{{d}}"
a11: 0x10 | 1_000
def h(a: "x", /, b: int = 3, *, c: list[int] = []) -> dict[str, "int"]: ...
