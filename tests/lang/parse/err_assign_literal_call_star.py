"abc" = f(a, *, b)
