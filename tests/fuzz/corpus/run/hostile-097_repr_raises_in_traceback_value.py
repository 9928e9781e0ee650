class Bad:
    def __repr__(self):
        raise ValueError("no repr")
d = {Bad(): 1}
print(d)
