# uncaught exception raised in an except block: implicit context in the traceback
class Resource:
    def release(self):
        raise OSError("release failed")
def use(r):
    try:
        raise KeyError("work failed")
    except KeyError:
        r.release()
use(Resource())
