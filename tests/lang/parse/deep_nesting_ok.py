x = ((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))
y = [[[[[[[[[[[[[[[[[[[[0]]]]]]]]]]]]]]]]]]]]
z = - - - - - - - - - - - - - - - - - - - - 1
w = not not not not not not not not not not x
v = lambda: lambda: lambda: lambda: lambda: 0
u = a if b else c if d else e if f else g if h else i
