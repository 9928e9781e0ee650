class D:
    def __del__(self):
        self.tag
def g():
    drop = D()
g()
