# uncaught AttributeError inside a with statement with two context managers
class CM:
    def __enter__(self): return self
    def __exit__(self, *a): return False
def body():
    with CM() as a, CM() as b:
        return a.missing_attr
body()
