# with: truthy/falsy __exit__ results, exceptions raised by __enter__/__exit__, missing protocol
class Sup:
    def __init__(self, result):
        self.result = result
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return self.result
for r in (True, 1, "yes", [0], False, 0, "", None, []):
    try:
        with Sup(r):
            raise IndexError("i")
        print(repr(r), "suppressed")
    except IndexError:
        print(repr(r), "propagated")
class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with BadEnter():
        print("never body")
except RuntimeError as e:
    print("RuntimeError:", e)
class BadExit:
    def __enter__(self):
        return 1
    def __exit__(self, et, ev, tb):
        raise TypeError("exit failed")
try:
    with BadExit():
        raise ValueError("body")
except TypeError as e:
    print("TypeError:", e, "| context:", repr(e.__context__))
class NoExit:
    def __enter__(self):
        return 1
try:
    with NoExit():
        pass
except TypeError as e:
    print("TypeError:", e)
class NoEnter:
    def __exit__(self, *a):
        pass
try:
    with NoEnter():
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)
