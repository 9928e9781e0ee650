x = a < b = c
