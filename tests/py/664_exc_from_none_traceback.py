# uncaught exception raised "from None": the context is suppressed in the report
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise AttributeError("no attribute " + k) from None
lookup({}, "x")
