# storing a bound method on its own instance creates a cycle
import gc
gc.collect()
class Button:
    def __init__(self):
        self.on_click = self.handle
    def handle(self):
        return "clicked"
b = Button()
print(b.on_click())
del b
print("instance <-> bound method:", gc.collect())
class Registry:
    def __init__(self):
        self.handlers = []
    def register(self):
        self.handlers.append(self.run)
    def run(self):
        pass
r = Registry()
r.register()
r.register()
del r
print("instance -> list -> 2 bound methods -> instance:", gc.collect())
class Plain:
    def m(self):
        return 1
p = Plain()
m = p.m
del p
del m
print("a bound method held outside the instance is not a cycle:", gc.collect())
