# an uncaught ExceptionGroup with a nested group: 3.11's boxed "Exception Group Traceback" report on stderr
def validate(items):
    errors = []
    for i in items:
        try:
            if i < 0:
                raise ValueError("negative: %d" % i)
            if i == 0:
                raise ZeroDivisionError("zero")
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("validation", errors + [ExceptionGroup("nested", [KeyError("k")])])
print("validating")
validate([1, -2, 0])
