class Deep:
    def __del__(self):
        def r(n):
            return r(n + 1)
        r(0)
d = Deep()
del d
print("survived")
