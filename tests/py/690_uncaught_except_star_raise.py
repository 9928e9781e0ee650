# an exception raised inside an except* handler escapes: group of the new error and the unhandled rest
try:
    raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [KeyError(2)])])
except* ValueError:
    raise RuntimeError("handler failed")
