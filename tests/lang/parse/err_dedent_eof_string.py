def f():
    x = """
