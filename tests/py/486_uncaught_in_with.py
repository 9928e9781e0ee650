# an exception escaping a with-body: __exit__ runs first, then the traceback goes through the with line
class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, typ, val, tb):
        print("exit sees", typ.__name__ if typ else None)
        return False
def work(n):
    with CM():
        return [1, 2][n]
print(work(0))
print(work(5))
