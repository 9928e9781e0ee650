class S:
    def __init__(self, d):
        self.d = d
    def __del__(self):
        print("del", self.d)
        r = range(2)
        if self.d > 0:
            c = S(self.d - 1)
            c.me = c
keep = S(3)
print("end")
