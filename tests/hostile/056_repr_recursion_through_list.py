class Wrap:
    def __repr__(self):
        return "W" + repr([self])
print(Wrap())
