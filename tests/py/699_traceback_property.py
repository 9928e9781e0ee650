# uncaught AttributeError raised inside a property getter
class P:
    @property
    def bad(self):
        return self.missing
P().bad
