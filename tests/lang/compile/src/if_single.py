if x:
    y
    z = 3

