x: int
x: int = 1
(x): int = 1
x.a: int
x[0]: int = 1
x: list[int] = []
x: "str"
x: int = yield
x: tuple = 1, 2
