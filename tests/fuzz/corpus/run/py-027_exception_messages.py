# the standard exceptions' messages for common operations
def show(f):
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
zero = 0
show(lambda: 1 / zero)
show(lambda: 1 // zero)
show(lambda: 1 % zero)
show(lambda: 1.0 / zero)
show(lambda: 1.5 // zero)
show(lambda: 2.5 % zero)
show(lambda: zero ** -1)
show(lambda: undefined_name)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [] + "a")
show(lambda: "a" * "b")
show(lambda: -"a")
show(lambda: ~1.5)
show(lambda: 1 < "a")
nothing = None
one = 1
show(lambda: nothing())
show(lambda: one())
show(lambda: 10.0 ** 400)
show(lambda: 2 ** 10000 * 1.0)
show(lambda: "abc"[10])
show(lambda: "abc".index("z"))
show(lambda: {}["k"])
show(lambda: [1][1])
show(lambda: int("x"))
show(lambda: 1 << -1)
show(lambda: 1 >> -1)
show(lambda: "%d" % "s")
show(lambda: "%s %s" % (1,))
show(lambda: "%s" % (1, 2))
def unbound():
    print(x)
    x = 1
show(unbound)
def too_many(a):
    pass
show(lambda: too_many(1, 2))
show(lambda: too_many())
show(lambda: too_many(b=1))
show(lambda: too_many(1, a=1))
