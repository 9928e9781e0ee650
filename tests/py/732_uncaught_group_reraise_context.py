# bare raise inside except*: the original group (with its __context__) escapes
def inner():
    try:
        raise TypeError("ctx")
    except TypeError:
        raise ExceptionGroup("with context", [ValueError("v")])
try:
    inner()
except* ValueError as g:
    raise
