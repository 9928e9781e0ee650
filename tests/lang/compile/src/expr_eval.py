a + b * f(c, d=1)[2]
