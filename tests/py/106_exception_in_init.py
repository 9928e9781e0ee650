# exceptions raised in __init__ and methods, caught at various levels
class Temperature:
    def __init__(self, celsius):
        if celsius < -273.15:
            raise ValueError("below absolute zero: %r" % celsius)
        self.celsius = celsius
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32
temps = []
for c in (20, -300, 100, "hot"):
    try:
        t = Temperature(c)
        temps.append(t.fahrenheit())
    except ValueError as e:
        print("ValueError:", e)
    except TypeError as e:
        print("TypeError:", e)
print(temps)
class Strict:
    def __init__(self, value):
        self.value = value
for args in ((), (1, 2)):
    try:
        Strict(*args)
    except TypeError as e:
        print("TypeError:", e)
print(Strict(value=3).value)
