# raising SystemExit with an int: that exit status, nothing on stderr; finally blocks run first
try:
    print("working")
    raise SystemExit(3)
finally:
    print("finally runs")
