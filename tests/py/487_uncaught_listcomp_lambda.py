# traceback frames named <listcomp> and <lambda>, and a method, with 3.11 carets
class Calc:
    def run(self, items):
        return [self.inv(x) for x in items]
    def inv(self, x):
        f = lambda v: 10 // v
        return f(x)
print(Calc().run([1, 2, 5]))
print(Calc().run([1, 0]))
