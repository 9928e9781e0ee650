def level(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        level(n - 1)
    except Exception as e:
        raise KeyError(n)
level(50)
