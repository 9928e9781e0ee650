# single inheritance: overriding, attribute lookup through the chain, isinstance
class Animal:
    sound = "..."
    legs = 4
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " says " + self.sound
    def describe(self):
        return self.name + " has " + str(self.legs) + " legs"
class Dog(Animal):
    sound = "woof"
class Bird(Animal):
    sound = "tweet"
    legs = 2
    def speak(self):
        return Animal.speak(self) + " (flying)"
class Parrot(Bird):
    def __init__(self, name, word):
        Bird.__init__(self, name)
        self.word = word
    def speak(self):
        return self.name + " says " + self.word
for a in (Animal("thing"), Dog("rex"), Bird("tweety"), Parrot("polly", "hello")):
    print(type(a).__name__, a.speak(), "|", a.describe())
p = Parrot("p", "w")
print(isinstance(p, Bird), isinstance(p, Animal), isinstance(p, Dog), isinstance(Dog("d"), Bird))
print(Parrot.legs, Parrot.sound, hasattr(Parrot, "speak"), Parrot.speak is Bird.speak)
Animal.legs = 6
print(Dog("d").describe(), Bird("b").describe())
class Base:
    def template(self):
        return "[" + self.part() + "]"
    def part(self):
        return "base"
class Derived(Base):
    def part(self):
        return "derived"
print(Base().template(), Derived().template())
class E1(Exception):
    pass
class E2(E1):
    pass
print(isinstance(E2(), Exception), isinstance(E1(), E2))
