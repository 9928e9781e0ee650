# an uncaught TypeError from a call with a wrong argument count, two frames deep
def area(width, height):
    return width * height
def report(shape):
    return area(*shape)
print(report((2, 3)))
print(report((2, 3, 4)))
