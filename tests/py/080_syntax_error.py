# a syntax error: nothing runs, CPython reports file, line and caret
print("this line is never executed")
x = (1 +
y = 2
