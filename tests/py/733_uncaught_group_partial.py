# except* handling one part: the unhandled TypeError part escapes as a new group
try:
    raise ExceptionGroup("outer", [ValueError(1), TypeError(2)])
except* ValueError:
    pass
