# uncaught custom exceptions: the __main__ module is not shown; empty message; several args
class AppError(Exception):
    pass
class Quiet(AppError):
    pass
try:
    raise Quiet()
except AppError as e:
    print("caught", type(e).__name__, repr(str(e)))
def fail():
    raise AppError("config", 42)
fail()
