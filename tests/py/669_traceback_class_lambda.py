# uncaught error raised from a lambda called inside a method called from a class body
def apply(fn, v):
    return fn(v)
class Config:
    def parse(self, raw):
        return apply(lambda s: int(s) * 2, raw)
    value = None
c = Config()
print(c.parse("21"))
class Broken:
    width = Config().parse("1O")
