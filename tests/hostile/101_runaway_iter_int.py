# a loop over a C iterator that never ends: iter(int, 1) calls int() forever
for x in iter(int, 1):
    pass
