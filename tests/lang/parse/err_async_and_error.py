async def f():
    pass

x = (1,
y = 2
