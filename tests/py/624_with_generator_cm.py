# a context manager class driving a generator (contextmanager-like, no imports)
class GenCM:
    def __init__(self, gen):
        self.gen = gen
    def __enter__(self):
        return next(self.gen)
    def __exit__(self, et, ev, tb):
        if et is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        try:
            self.gen.throw(ev)
        except StopIteration:
            return True
        except BaseException as e:
            if e is ev:
                return False
            raise
        return True
def managed(name, log):
    log.append("setup " + name)
    try:
        yield name * 2
    except ValueError as e:
        log.append("handled " + str(e))
    finally:
        log.append("teardown " + name)
log = []
with GenCM(managed("a", log)) as v:
    log.append("body " + v)
print(log); log.clear()
with GenCM(managed("b", log)):
    raise ValueError("oops")
print(log); log.clear()
try:
    with GenCM(managed("c", log)):
        raise KeyError("k")
except KeyError as e:
    log.append("outer caught " + repr(e))
print(log)
