# raising SystemExit: no traceback; the argument becomes the exit status, or is printed (status 1)
try:
    raise SystemExit(5)
except SystemExit as e:
    print("caught SystemExit", e.code, e.args)
class CM:
    def __enter__(self):
        return self
    def __exit__(self, a, b, c):
        print("exit runs during SystemExit:", a.__name__)
        return False
with CM():
    print("leaving")
    raise SystemExit("fatal: giving up")
