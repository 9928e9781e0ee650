# a syntax error on the last line of a file that is otherwise valid
def ok():
    return 1
print(ok())
if ok() == 1
    print("missing colon")
