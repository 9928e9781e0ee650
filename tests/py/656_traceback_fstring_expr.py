# uncaught TypeError inside an f-string replacement field with a format spec: traceback carets
class Thing:
    def __init__(self):
        self.value = 1
t = Thing()
data = {"a": [1, 2, {"b": None}]}
def f():
    return f"{t.value + data['a'][2]['b']:>5}"
f()
