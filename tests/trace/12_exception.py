data = [1, 2]
print("before")
value = data[5]
print("never")
