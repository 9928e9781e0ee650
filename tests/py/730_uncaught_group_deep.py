# uncaught ExceptionGroup nested 12 deep: the report stops at depth 10 ('... (max_group_depth is 10)')
def nest(n):
    if n == 0:
        return ValueError("leaf")
    return ExceptionGroup("level %d" % n, [nest(n - 1)])
raise nest(12)
