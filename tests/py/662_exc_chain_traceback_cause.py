# uncaught chained exception with an explicit cause: both tracebacks on stderr
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad config value " + repr(s)) from e
print("start")
parse("abc")
