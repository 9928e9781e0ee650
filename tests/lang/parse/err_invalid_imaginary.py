x = 5jx
