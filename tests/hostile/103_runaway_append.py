# a runaway loop that allocates (a self-referencing list grows)
l = []
while True:
    l.append(l)
