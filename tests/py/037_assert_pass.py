# assert with and without messages, pass in every block position
assert True
assert 1 == 1, "not shown"
for msg_case in range(4):
    try:
        if msg_case == 0:
            assert False
        elif msg_case == 1:
            assert 1 > 2, "one is not greater than two"
        elif msg_case == 2:
            assert [], ["a", "list", "message"]
        else:
            assert 0, 42
    except AssertionError as e:
        print(type(e).__name__, repr(e), e.args, str(e) == "")
def nothing():
    pass
print(nothing())
class Empty:
    pass
if True:
    pass
for i in range(2):
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
print("after pass", i, type(Empty()).__name__)
x = 5
try:
    assert x < 0, "x must be negative, got %d" % x
except AssertionError as e:
    print(e)
