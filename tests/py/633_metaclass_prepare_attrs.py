# metaclass __prepare__, class-level attributes via the metaclass, __instancecheck__-free registry
class Registry(type):
    classes = []
    def __prepare__(name, bases, **kw):
        d = {"prepared_for": name}
        return d
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes.append(name)
        return cls
    @property
    def upper_name(cls):
        return cls.__name__.upper()
    def __repr__(cls):
        return "<R %s>" % cls.__name__
    def __len__(cls):
        return len(cls.__name__)
class Plugin(metaclass=Registry):
    pass
class Audio(Plugin):
    kind = "audio"
class Video(Plugin):
    kind = "video"
print(Registry.classes, Audio.prepared_for, Plugin.prepared_for)
print(Audio.upper_name, repr(Video), len(Audio), Video)
print(hasattr(Audio(), "upper_name"), [repr(c) for c in Video.__mro__[:2]])
print(Video.__class__ is Registry, Video.__name__, Video.__qualname__)
class Counting(type):
    count = 0
    def __call__(cls, *a):
        Counting.count += 1
        return super().__call__(*a)
class P(metaclass=Counting):
    def __init__(self, x=0):
        self.x = x
ps = [P(i) for i in range(5)]
print(Counting.count, [p.x for p in ps])
