# an uncaught exception at module level: traceback on stderr, exit status 1
print("before the error")
values = {"a": 1}
print(values["a"])
result = values["missing"]
print("never printed")
