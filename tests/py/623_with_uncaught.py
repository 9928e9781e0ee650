# uncaught exception raised in __exit__ while another is propagating: chained traceback on stderr
class CM:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("exit sees", et.__name__)
        raise RuntimeError("cleanup failed")
def work():
    with CM():
        {}["missing"]
work()
