# The VM's differential snippets (tools/gen-vm-cases runs them in python3.11 and
# records `result` or the escaping exception; tests/lang/test_vm.c runs the same
# code objects in refgc).  Helpers: getrefcount, gc_count, gc_collect.
CASES = [
("arith", """
a = 7
b = 3
result = (a + b, a - b, a * b, a // b, a % b, a ** b, a / 2, -a, ~a, +a, a << 2, a >> 1, a & b, a | b, a ^ b)
"""),
("inplace", """
x = 5
x += 3; x -= 1; x *= 4; x //= 3; x **= 2; x %= 50; x |= 1; x ^= 2; x &= 0xff; x <<= 1; x >>= 2
s = 'ab'; s += 'cd'; s *= 2
l = [1]; l += [2, 3]; l *= 2
result = (x, s, l)
"""),
("compare_chain", """
a, b, c = 1, 2, 3
result = (a < b < c, a < b > c, a == 1 != b, a is a, a is not b, 2 in [1, 2], 4 not in (1, 2), not a, not 0)
"""),
("bool_ops", """
result = (1 and 2, 0 and 2, 0 or 3, 4 or 5, [] or {} or 'x', None and 1)
"""),
("while_loop", """
i = 0
total = 0
while i < 100:
    i += 1
    if i % 3 == 0:
        continue
    if i > 90:
        break
    total += i
else:
    total = -1
result = (i, total)
"""),
("for_else", """
out = []
for i in range(5):
    out.append(i * i)
else:
    out.append('done')
for j in []:
    pass
else:
    out.append('empty')
result = out
"""),
("comprehensions", """
result = ([x * 2 for x in range(5) if x % 2], {x: x * x for x in range(4)}, {x % 3 for x in range(10)},
          list(x + 1 for x in range(3)), [(i, j) for i in range(3) for j in range(i)])
"""),
("unpack", """
a, b = 1, 2
a, b = b, a
(c, d), e = [3, 4], 5
f, *g, h = range(6)
*i, j = 'xyz'
k, = [9]
result = (a, b, c, d, e, f, g, h, i, j, k)
"""),
("unpack_too_many", """
a, b = [1, 2, 3]
"""),
("unpack_too_few", """
def f():
    a, b, c = (1, 2)
f()
"""),
("unpack_ex_few", """
a, b, *c, d = [1, 2]
"""),
("unpack_noniter", """
a, b = 5
"""),
("fstrings", """
x = 3.14159
n = 42
s = 'hi'
result = (f'{x:.2f}', f'{n:>5}|', f'{s!r}', f'{n!s}{s}', f'{n:x}', f'{"a" + "b"}', f'{n=}', f'{x!a:>10}')
"""),
("build_collections", """
a = [1, *range(3), 4]
b = (*a, 5)
c = {*a, 9}
d = {'x': 1, **{'y': 2}, 'z': 3}
e = {1: 'a', 2: 'b'}
f = [*'ab', *[1]]
result = (a, b, sorted(c), d, e, f, a[1:3], a[::2], a[-1])
"""),
("subscripts", """
d = {}
d['a'] = 1
d['b'] = 2
del d['a']
l = list(range(10))
l[2:5] = ['x']
del l[0]
l[-1] = 'end'
result = (d, l)
"""),
("functions_defaults", """
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
result = (f(1, c=3), f(1, 5, 6, 7, c=8, e=9), f(a=0, c=1, d=2, z=3))
"""),
("posonly", """
def f(a, b, /, c, *, d):
    return a + b + c + d
result = f(1, 2, 3, d=4), f(1, 2, c=3, d=4)
"""),
("err_missing_one", """
def f(a, b): pass
f(1)
"""),
("err_missing_three", """
def f(a, b, c, d, e=1): pass
f(1)
"""),
("err_missing_two", """
def f(a, b, c): pass
f(1)
"""),
("err_missing_kwonly", """
def f(*, a, b): pass
f()
"""),
("err_too_many", """
def f(a, b=1): pass
f(1, 2, 3)
"""),
("err_too_many_one", """
def f(a): pass
f(1, 2)
"""),
("err_too_many_kwonly", """
def f(a, *, b=1): pass
f(1, 2, b=3)
"""),
("err_zero_args", """
def f(): pass
f(1)
"""),
("err_unexpected_kw", """
def f(a): pass
f(1, b=2)
"""),
("err_multiple_values", """
def f(a, b): pass
f(1, a=2)
"""),
("err_posonly_kw", """
def f(a, b, /): pass
f(a=1, b=2)
"""),
("star_calls", """
def f(*a, **k):
    return a, sorted(k.items())
args = [1, 2]
kw = {'x': 1}
result = (f(*args), f(*args, 3, *args), f(**kw), f(0, *args, y=2, **kw), f(*(), **{}))
"""),
("star_call_noniter", """
def f(*a): pass
f(*5)
"""),
("star_call_nonmapping", """
def f(**k): pass
f(**5)
"""),
("star_call_dup", """
def f(**k): pass
f(**{'a': 1}, **{'a': 2})
"""),
("closures", """
def outer():
    x = 1
    def inc():
        nonlocal x
        x += 1
        return x
    def get():
        return x
    return inc, get
inc, get = outer()
inc(); inc()
def make(n):
    return lambda y: n + y
result = (get(), make(10)(5), [f() for f in [lambda i=i: i for i in range(3)]])
"""),
("closure_cell_arg", """
def f(a):
    def g():
        return a * 2
    a += 1
    return g()
result = f(5)
"""),
("unbound_local", """
def f():
    print(x)
    x = 1
f()
"""),
("unbound_free", """
def f():
    def g():
        return v
    r = g()
    v = 1
    return r
f()
"""),
("name_error", """
def f():
    return undefined_name
f()
"""),
("name_error_module", """
x = 1
y = nope + x
"""),
("delete_names", """
a = 1
del a
def f():
    b = 2
    del b
    try:
        b
    except UnboundLocalError as e:
        return str(e)
try:
    a
except NameError as e:
    r = str(e)
result = (f(), r)
"""),
("globals_stmt", """
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
def rm():
    global counter
    del counter
rm()
result = 'counter' in globals()
"""),
("class_basic", """
class A:
    x = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v + self.x
    @staticmethod
    def s(a):
        return a * 2
    @classmethod
    def c(cls):
        return cls.__name__
    @property
    def p(self):
        return self.v * 10
a = A(5)
result = (a.get(), A.s(3), a.c(), a.p, A.x, type(a).__name__, A.__qualname__, A.get.__qualname__)
"""),
("class_inherit_super", """
class Base:
    def __init__(self):
        self.log = ['base']
    def who(self):
        return 'base'
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append('mid')
    def who(self):
        return 'mid>' + super().who()
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        self.log.append('leaf')
    def who(self):
        return 'leaf>' + super().who()
o = Leaf()
result = (o.log, o.who(), [c.__name__ for c in Leaf.__mro__])
"""),
("class_body_scopes", """
x = 'global'
def f():
    x = 'enclosing'
    class C:
        y = x
        x = 'class'
        z = x
    return C.y, C.z
class D:
    a = 1
    b = [a for _ in range(1)] if False else None
    def m(self):
        return __class__.__name__
result = (f(), D().m())
"""),
("class_dunder", """
class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        return V(self.x + o.x)
    def __eq__(self, o):
        return self.x == o.x
    def __repr__(self):
        return 'V(%r)' % self.x
    def __len__(self):
        return self.x
    def __getitem__(self, i):
        if i >= self.x:
            raise IndexError(i)
        return i * i
    def __call__(self, *a):
        return sum(a) + self.x
result = (V(1) + V(2), V(3) == V(3), len(V(4)), list(V(3)), V(10)(1, 2))
"""),
("class_annotations", """
class C:
    a: int
    b: str = 'x'
z: int = 3
result = (sorted(C.__annotations__), __annotations__['z'].__name__, z)
"""),
("try_except_basic", """
def f(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        return 'zde:' + str(e)
    finally:
        log.append(x)
log = []
result = (f(2), f(0), log)
"""),
("try_else_finally", """
out = []
def g(flag):
    try:
        out.append('try')
        if flag:
            raise ValueError('v')
    except ValueError:
        out.append('except')
    else:
        out.append('else')
    finally:
        out.append('finally')
g(0); g(1)
result = out
"""),
("except_tuple_and_order", """
def h(e):
    try:
        raise e
    except (KeyError, IndexError) as x:
        return 'lookup ' + type(x).__name__
    except Exception as x:
        return 'exc ' + type(x).__name__
result = (h(KeyError('k')), h(IndexError), h(TypeError('t')))
"""),
("exception_var_cleared", """
try:
    raise ValueError('x')
except ValueError as e:
    pass
result = 'e' in globals()
"""),
("raise_from", """
def f():
    try:
        {}['missing']
    except KeyError as e:
        raise RuntimeError('wrapped') from e
try:
    f()
except RuntimeError as e:
    result = (str(e), type(e.__cause__).__name__, e.__suppress_context__, type(e.__context__).__name__)
"""),
("implicit_context", """
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError('k')
except KeyError as e:
    result = (type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
"""),
("raise_from_none", """
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError('k') from None
except KeyError as e:
    result = (type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
"""),
("bare_reraise", """
def f():
    try:
        raise ValueError('inner')
    except ValueError:
        raise
f()
"""),
("reraise_no_active", """
raise
"""),
("raise_non_exception", """
raise 5
"""),
("raise_class", """
class MyErr(Exception):
    pass
raise MyErr
"""),
("except_bad_type", """
try:
    1 / 0
except 5:
    pass
"""),
("return_in_finally", """
def f():
    try:
        raise ValueError
    finally:
        return 'swallowed'
def g():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            pass
    return i
def h():
    for i in range(4):
        try:
            continue
        finally:
            last = i
    return last
result = (f(), g(), h())
"""),
("nested_handlers", """
out = []
try:
    try:
        raise ValueError(1)
    except ValueError:
        out.append('a')
        try:
            raise TypeError(2)
        except TypeError as e:
            out.append(type(e.__context__).__name__)
        out.append('b')
        raise
except ValueError as e:
    out.append(repr(e))
result = out
"""),
("traceback_lines", """
def a():
    return b()

def b():
    x = 1
    return c(x)

def c(x):
    return x / 0
a()
"""),
("traceback_in_method", """
class K:
    def m(self):
        return self.n()
    def n(self):
        raise KeyError('deep')
K().m()
"""),
("traceback_after_handler", """
def f():
    try:
        raise ValueError('a')
    except ValueError:
        pass
    raise TypeError('b')
f()
"""),
("traceback_entries", """
def f():
    raise ValueError('v')
def g():
    f()
try:
    g()
except ValueError as e:
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append((tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    result = lines
"""),
("with_statement", """
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        log.append('enter ' + self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        log.append('exit %s %s' % (self.name, t.__name__ if t else None))
        return self.suppress
log = []
with CM('a') as x, CM('b') as y:
    log.append(x + y)
with CM('c', True):
    raise ValueError
def f():
    with CM('d'):
        return 'ret'
log.append(f())
try:
    with CM('e'):
        raise KeyError
except KeyError:
    log.append('caught')
result = log
"""),
("with_not_cm", """
with 5:
    pass
"""),
("assert_stmt", """
def f(x):
    assert x > 0, 'must be positive'
    return x
f(1)
f(-1)
"""),
("assert_plain", """
assert 1 == 2
"""),
("generators_basic", """
def gen(n):
    for i in range(n):
        yield i * i
    return 'done'
g = gen(3)
out = [next(g), next(g), next(g)]
try:
    next(g)
except StopIteration as e:
    out.append(e.value)
out.append(list(gen(4)))
out.append(sum(x for x in range(10)))
result = out
"""),
("generator_send", """
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x
g = acc()
r = [g.send(None), g.send(5), g.send(10)]
try:
    g.send(None)
except StopIteration as e:
    r.append(e.value)
result = r
"""),
("generator_send_nonnone_first", """
def g():
    yield 1
g().send(3)
"""),
("generator_throw_close", """
log = []
def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        log.append('caught ' + str(e))
        yield 'after'
    finally:
        log.append('finally')
x = g()
log.append(next(x))
log.append(x.throw(ValueError('boom')))
x.close()
y = g()
next(y)
y.close()
z = g()
z.close()
result = log
"""),
("generator_close_ignored", """
def g():
    try:
        yield 1
    except GeneratorExit:
        yield 2
x = g()
next(x)
x.close()
"""),
("generator_yield_from", """
def inner():
    x = yield 'i1'
    yield 'i2:%s' % x
    return 'inner-ret'
def outer():
    r = yield from inner()
    yield 'outer got ' + r
    yield from [10, 20]
g = outer()
result = [next(g), g.send('S'), next(g), next(g), next(g)]
"""),
("generator_yield_from_throw", """
log = []
def inner():
    try:
        yield 1
    except KeyError:
        log.append('inner caught')
        return 'r'
def outer():
    v = yield from inner()
    log.append('outer got ' + v)
    yield 2
g = outer()
next(g)
log.append(g.throw(KeyError))
result = log
"""),
("generator_stopiteration_inside", """
def g():
    yield 1
    raise StopIteration('x')
list(g())
"""),
("generator_state", """
def g():
    yield 1
x = g()
s = [x.gi_running, x.gi_suspended, x.gi_frame is not None, x.__name__, x.__qualname__]
next(x)
s.append(x.gi_suspended)
list(x)
s.append(x.gi_frame)
result = s
"""),
("generator_running_error", """
def g():
    yield me.send(None)
me = g()
next(me)
"""),
("genexp_scope", """
y = 10
def f(k):
    return list(i * k + y for i in range(3))
result = f(2)
"""),
("lambda_and_decorators", """
def deco(f):
    def wrapper(*a, **k):
        return ('wrapped', f(*a, **k))
    return wrapper
@deco
def add(a, b=1):
    return a + b
result = (add(1), add(1, b=5), (lambda *a: a)(1, 2), add.__name__)
"""),
("function_attrs", """
def f(a, b=2, *, c=3):
    'doc string'
    return a
f.extra = 1
result = (f.__name__, f.__qualname__, f.__defaults__, f.__kwdefaults__, f.__doc__, f.__module__,
          f.__dict__, f.__code__.co_name, f.__closure__, f.__annotations__)
"""),
("function_attrs_set", """
def f(): pass
f.__name__ = 'g'
f.__qualname__ = 'Q.g'
f.__defaults__ = (1,)
f.__doc__ = 'd'
try:
    f.__name__ = 5
except TypeError as e:
    m = str(e)
result = (f.__name__, f.__qualname__, f.__defaults__, f.__doc__, m)
"""),
("annotations_func", """
def f(a: int, b: 'str' = 'x') -> list:
    pass
result = sorted((k, v if isinstance(v, str) else v.__name__) for k, v in f.__annotations__.items())
"""),
("methods_bound", """
class A:
    def m(self, x):
        return (self.v, x)
a = A()
a.v = 1
bm = a.m
result = (bm(2), A.m(a, 3), bm.__self__ is a, bm.__func__ is A.m, type(bm).__name__)
"""),
("recursion", """
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
result = (fact(30), fib(20))
"""),
("recursion_error", """
def f(n):
    return f(n + 1)
try:
    f(0)
except RecursionError as e:
    result = str(e)
"""),
("locals_builtin", """
def f(a):
    b = a + 1
    return sorted(locals().items())
class C:
    x = 1
    names = sorted(k for k in locals() if not k.startswith('__'))
result = (f(1), C.names)
"""),
("refcount_local", """
def f():
    x = object()
    return getrefcount(x)
def g(o):
    return getrefcount(o)
o = object()
result = (f(), g(o), getrefcount(o))
"""),
("refcount_method_call", """
class A:
    def m(self):
        return getrefcount(self)
a = A()
result = (a.m(), getrefcount(a))
"""),
("refcount_function_during_call", """
def f():
    return getrefcount(f)
result = (f(), getrefcount(f))
"""),
("refcount_args_moved", """
def f(a, b):
    return getrefcount(a), getrefcount(b)
x = []
y = {}
result = (f(x, y), f(x, b=y), f(*[x, y]))
"""),
("refcount_closure_cell", """
def outer():
    v = object()
    def inner():
        return v
    return getrefcount(v), inner
r, fn = outer()
result = (r, getrefcount(fn()))
"""),
("refcount_generator", """
def g(o):
    yield getrefcount(o)
o = object()
x = g(o)
r1 = getrefcount(o)
r2 = next(x)
result = (r1, r2)
"""),
("gc_count_calls", """
def f(a, b):
    return a
gc_collect()
c0 = gc_count()[0]
for i in range(50):
    f(i, i)
c1 = gc_count()[0]
result = c1 - c0
"""),
("gc_count_generator", """
def g():
    yield 1
gc_collect()
c0 = gc_count()[0]
x = g()
c1 = gc_count()[0]
next(x)
c2 = gc_count()[0]
del x
c3 = gc_count()[0]
result = (c1 - c0, c2 - c1, c3 - c2)
"""),
("gc_count_exception", """
def f():
    raise ValueError
gc_collect()
c0 = gc_count()[0]
try:
    f()
except ValueError:
    pass
c1 = gc_count()[0]
result = c1 - c0
"""),
("gc_count_closure", """
gc_collect()
c0 = gc_count()[0]
def outer():
    a = 1
    def inner():
        return a
    return inner
fn = outer()
c1 = gc_count()[0]
result = c1 - c0
"""),
("gc_count_method_call", """
class A:
    def m(self):
        return 1
a = A()
gc_collect()
c0 = gc_count()[0]
for i in range(20):
    a.m()
c1 = gc_count()[0]
result = c1 - c0
"""),
("gc_cycle_frame", """
def f():
    try:
        raise ValueError
    except ValueError as e:
        err = e
    return err
e = f()
fr = e.__traceback__.tb_frame
del e, fr
result = gc_collect() > 0
"""),
("is_none_jumps", """
def f(x):
    if x is None:
        return 'none'
    elif x is not None and x:
        return 'truthy'
    return 'falsy'
result = [f(None), f(1), f(0), f('')]
"""),
("while_true_return", """
def f():
    n = 0
    while True:
        n += 1
        if n == 10:
            return n
result = f()
"""),
("nested_functions_deep", """
def a(x):
    def b(y):
        def c(z):
            return x + y + z
        return c
    return b
result = a(1)(2)(3)
"""),
("kwargs_order", """
def f(**kw):
    return list(kw)
result = f(b=1, a=2, c=3)
"""),
("call_builtin_kw", """
result = (sorted([3, 1, 2], reverse=True), int('ff', base=16), dict(a=1, b=2), max(1, 5, 3), divmod(17, 5))
"""),
("isinstance_builtins", """
class A: pass
class B(A): pass
result = (isinstance(B(), A), issubclass(B, A), isinstance(1, (str, int)), callable(len), len('abc'))
"""),
("attr_errors", """
class A: pass
A().missing
"""),
("type_error_call", """
x = 5
x()
"""),
("zero_division_module", """
x = 0
y = 10 / x
"""),
("index_error", """
def f(l):
    return l[10]
f([1, 2])
"""),
("key_error", """
d = {'a': 1}
d['b']
"""),
("extended_arg", "\n".join(["v%d = %d" % (i, i) for i in range(300)]) + "\nresult = v299 + v0\n"),
("big_ints_consts", """
a = 12345678901234567890123456789
b = -98765432109876543210
c = 1.5e300
d = (1, 2.5, 'x', b'y', None, True, ...)
e = frozenset({1, 2})
result = (a + b, c, d, sorted(e))
"""),
("string_ops", """
s = 'héllo wörld'
result = (s.upper(), s.split(), s[1:4], len(s), '%s=%d' % ('x', 5), 'ab' * 3, s.replace('l', 'L'))
"""),
("conditional_expr", """
result = [('even' if i % 2 == 0 else 'odd') for i in range(4)]
"""),
("stop_iteration_for", """
class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
result = list(It()) + [x for x in It()]
"""),
("dict_iteration", """
d = {'a': 1, 'b': 2}
out = []
for k, v in d.items():
    out.append(k * v)
result = out
"""),
("super_classmethod", """
class A:
    @classmethod
    def make(cls):
        return cls.__name__
class B(A):
    @classmethod
    def make(cls):
        return 'B:' + super().make()
result = B.make()
"""),
("super_no_args_error", """
def f():
    return super()
f()
"""),
("class_new_init", """
class S:
    def __new__(cls, v):
        o = super().__new__(cls)
        o.made = v
        return o
    def __init__(self, v):
        self.inited = v * 2
s = S(3)
result = (s.made, s.inited)
"""),
("class_attr_slots", """
class P:
    __slots__ = ('x', 'y')
    def __init__(self):
        self.x = 1
p = P()
try:
    p.z = 3
except AttributeError as e:
    m = str(e)
result = (p.x, m)
"""),
("exception_attrs", """
class E(Exception):
    def __init__(self, code):
        super().__init__('code %d' % code)
        self.code = code
try:
    raise E(7)
except E as e:
    result = (e.code, str(e), e.args)
"""),
("exception_in_except_cleanup", """
def f():
    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__ is not None
result = f()
"""),
("try_finally_exception_passthrough", """
out = []
def f():
    try:
        1 / 0
    finally:
        out.append('cleanup')
try:
    f()
except ZeroDivisionError:
    out.append('outer')
result = out
"""),
("loop_try_continue_break", """
out = []
for i in range(6):
    try:
        if i == 1:
            continue
        if i == 4:
            break
        if i == 2:
            raise ValueError(i)
        out.append(i)
    except ValueError:
        out.append('v')
    finally:
        out.append('f%d' % i)
result = out
"""),
("yield_in_try_finally_gc", """
log = []
def g():
    try:
        yield 1
    finally:
        log.append('fin')
x = g()
next(x)
del x
result = log
"""),
("generator_return_value_stop", """
def g():
    return 5
    yield
try:
    next(g())
except StopIteration as e:
    result = e.value
"""),
("generator_exhausted_send", """
def g():
    yield 1
x = g()
list(x)
try:
    x.send(None)
except StopIteration as e:
    result = ('stop', e.value)
"""),
("generator_throw_unstarted", """
def g():
    yield 1
x = g()
try:
    x.throw(ValueError('early'))
except ValueError as e:
    result = (str(e), x.gi_frame)
"""),
("generator_exc_context", """
def g():
    try:
        raise KeyError('a')
    except KeyError:
        yield 1
        raise ValueError('b')
x = g()
next(x)
try:
    next(x)
except ValueError as e:
    result = type(e.__context__).__name__
"""),
("mutual_generators", """
def evens():
    n = 0
    while True:
        yield n
        n += 2
def take(it, k):
    out = []
    for v in it:
        if len(out) == k:
            break
        out.append(v)
    return out
result = take(evens(), 5)
"""),
("nonlocal_in_loop_closures", """
def f():
    fs = []
    for i in range(3):
        def g(i=i):
            return i
        fs.append(g)
    return [h() for h in fs]
result = f()
"""),
("del_deref", """
def f():
    x = 1
    def g():
        return x
    del x
    return g()
f()
"""),
("classderef", """
def f():
    x = 1
    class C:
        y = x
        def m(self):
            return x
    return C.y, C().m()
result = f()
"""),
("method_on_builtin", """
l = []
l.append(1)
l.extend([2, 3])
d = {}
d.setdefault('k', []).append(5)
s = ' a b '
result = (l, d, s.strip().split(' '), 'x'.join(['1', '2']))
"""),
("tb_lasti_and_frames", """
def inner():
    raise ValueError
def outer(a):
    b = a + 1
    inner()
try:
    outer(1)
except ValueError as e:
    tb = e.__traceback__
    out = []
    while tb:
        f = tb.tb_frame
        out.append((tb.tb_lasti, tb.tb_lineno, f.f_lineno, f.f_lasti, f.f_code.co_name,
                    sorted(k for k in f.f_locals if k != '__builtins__' and not k.startswith('_'))[:4]))
        tb = tb.tb_next
    back = e.__traceback__.tb_next.tb_next.tb_frame.f_back
    out.append(back.f_code.co_name)
    result = out
"""),
("sizes", """
def f(): pass
def g():
    a = b = c = 1
    yield a
try:
    1 / 0
except ZeroDivisionError as e:
    tbs = getsizeof(e.__traceback__)
    frs = getsizeof(e.__traceback__.tb_frame)
result = (getsizeof(f), getsizeof(g()), tbs, frs, getsizeof(f.__code__) > 0)
"""),
("keyboard_interrupt", """
def spin():
    n = 0
    while True:
        n += 1
try:
    interrupt()
    spin()
except KeyboardInterrupt as e:
    result = ('ki', type(e).__name__)
"""),
("keyboard_interrupt_escapes", """
def spin():
    interrupt()
    while True:
        pass
spin()
"""),
("gen_cycle_collected", """
class Box: pass
def g(b):
    yield b
b = Box()
b.gen = g(b)
next(b.gen)
del b
result = gc_collect()
"""),
("frame_refcounts", """
def f():
    try:
        raise ValueError
    except ValueError as e:
        return e
e = f()
fr = e.__traceback__.tb_frame
result = (getrefcount(fr), getrefcount(e.__traceback__), fr.f_back is None)
"""),
("frame_clear_method", """
def f():
    x = [1]
    try:
        raise ValueError
    except ValueError as e:
        return e
e = f()
fr = e.__traceback__.tb_frame
before = sorted(fr.f_locals)
fr.clear()
result = (before, sorted(fr.f_locals))
"""),
("generator_frame_attrs", """
def g(a):
    b = a * 2
    yield b
    yield a
x = g(3)
next(x)
fr = x.gi_frame
result = (fr.f_lineno, sorted(fr.f_locals.items()), fr.f_code.co_name, x.gi_yieldfrom)
"""),
("deep_recursion_no_c_stack", """
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
result = depth(900)
"""),
("global_cache_shadowing", """
def f():
    return len('ab')
out = [f(), f()]
len = lambda x: 42
out.append(f())
del len
out.append(f())
globals()['len'] = lambda x: 7
out.append(f())
del globals()['len']
out.append(f())
__builtins__['myb'] = 5
def g():
    return myb
out.append(g())
__builtins__['myb'] = 6
out.append(g())
myb = 'shadow'
out.append(g())
del myb
del __builtins__['myb']
try:
    g()
except NameError as e:
    out.append(str(e))
def h():
    return zzz
for i in range(3):
    if i == 1:
        zzz = 'now'
    try:
        out.append(h())
    except NameError:
        out.append('missing')
result = out
"""),
("getframe", """
def f(a, b=2):
    c = a + b
    fr = getframe(0)
    back = getframe(1)
    return (fr.f_code.co_name, fr.f_lineno, sorted(fr.f_locals), back.f_code.co_name, fr.f_back is back,
            getrefcount(fr))
out = [f(1)]
def g():
    return getframe(0).f_back.f_code.co_name
out.append(g())
try:
    getframe(50)
except ValueError as e:
    out.append(str(e))
def outer():
    x = 1
    def inner():
        return getframe(1).f_locals
    return inner()
out.append(sorted(outer()))
def gen():
    fr = getframe(0)
    yield fr.f_back.f_code.co_name
    yield fr.f_back is None
def caller():
    it = gen()
    return next(it), next(it)
out.append(caller())
gc_collect()
c0 = gc_count()[0]
fr = getframe(0)
c1 = gc_count()[0]
out.append((c1 - c0, fr.f_code.co_name, fr.f_lasti > 0, getrefcount(fr)))
def keep():
    return getframe(0)
k = keep()
out.append((k.f_back is not None, k.f_locals, getsizeof(k), getrefcount(k)))
def deleted():
    x = 1
    del x
    return locals()
out.append(deleted())
out.append((globals() is getframe(0).f_globals, locals() is globals()))
result = out
"""),
("frame_back_of_dead_frames", """
def a():
    return b()
def b():
    return getframe(0)
fr = a()
chain = []
while fr is not None:
    chain.append((fr.f_code.co_name, getrefcount(fr)))
    if fr.f_code.co_name == '<module>':
        break
    fr = fr.f_back
result = chain
"""),
("finalizer_runs_at_teardown", """
# The cycle below is left for the interpreter's teardown (after the VM's
# fini in the C test): its __del__ still runs Python code there.
class Base:
    def hello(self):
        return 'base'
class D(Base):
    def __del__(self):
        try:
            raise ValueError(super().hello())
        except ValueError:
            pass
        out = [i for i in range(3)]
        g = (i for i in out)
        next(g)
d = D()
d.self = d
del d
result = 'left'
"""),
("except_star", """
log = []
def show(e, depth=0):
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    log.append(("  " * depth + repr(e), lines, repr(e.__context__)[:40] if e.__context__ else None, e.__cause__))
    if isinstance(e, BaseExceptionGroup):
        for x in e.exceptions:
            show(x, depth + 1)
def t1():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        pass
    except* TypeError:
        raise
def t2():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        log.append(("caught naked", repr(e)))
def t3():
    try:
        raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)])])
    except* ValueError as e:
        raise RuntimeError("new") from None
def t4():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass
def t5():
    try:
        try:
            raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
        except* ValueError:
            raise KeyError("k")
        except* TypeError as e:
            raise e
    except BaseException as e:
        show(e)
        raise
def t6():
    try:
        raise TypeError("t")
    except* ValueError:
        log.append("no")
def t7():
    for i in range(2):
        try:
            raise ExceptionGroup("x", [ValueError(i)])
        except* ValueError:
            pass
    return "done"
for t in (t1, t2, t3, t4, t5, t6, t7):
    try:
        r = t()
        log.append((t.__name__, "returned", r))
    except BaseException as e:
        log.append((t.__name__, "raised"))
        show(e)
result = log
"""),
('vm_gens_mix', 'log = []\ndef g():\n    try:\n        yield 1\n    finally:\n        log.append(("fin", "E0"))\nx = g(); next(x); del x\ndef h():\n    try:\n        raise KeyError(1)\n    except KeyError:\n        yield "E"\n        yield "E"\n    yield "E0"\nit = h()\ntry:\n    raise ValueError\nexcept ValueError:\n    log.append((next(it), "E"))\nlog.append((next(it), "EI"))\nlog.append((next(it)))\ndef deleg():\n    r = yield from sub()\n    log.append(("r", r))\ndef sub():\n    try:\n        yield 1\n    except GeneratorExit:\n        log.append(("sub closing"))\n        raise\n    return 5\nd = deleg(); next(d); d.close()\ndef thrower():\n    while True:\n        try:\n            yield\n        except ValueError as e:\n            log.append(("got", e))\nt = thrower(); next(t); t.throw(ValueError("a")); t.throw(ValueError, "b"); t.throw(ValueError, ValueError("c"))\ntry:\n    t.throw(KeyError)\nexcept KeyError:\n    log.append(("propagated", t.gi_frame))\ndef rec():\n    yield from rec()\ntry:\n    next(rec())\nexcept RecursionError as e:\n    log.append(("rec", e))\ndef fib():\n    a, b = 0, 1\n    while True:\n        yield a\n        a, b = b, a + b\n\nlog.append(([x for _, x in zip(range(10), fib())]))\ng2 = (i * i for i in range(3))\nlog.append((g2.gi_code.co_name, list(g2), g2.gi_frame))\ndef ctx():\n    try:\n        yield\n    except Exception as e:\n        log.append(("ctx", repr(e), repr(e.__context__)))\nc = ctx(); next(c)\ntry:\n    1/0\nexcept ZeroDivisionError:\n    try:\n        c.throw(TypeError("t"))\n    except StopIteration:\n        log.append(("stop"))\ngc_collect()\nclass Node:\n    pass\ndef cyc():\n    n = Node()\n    n.g = cyc_gen(n)\n    next(n.g)\ndef cyc_gen(n):\n    yield n\n    log.append(("never"))\ncyc()\nlog.append(("collected", gc_collect()))\n\nresult = log\n'),
('vm_classes_mix', 'log = []\nclass A:\n    def f(self):\n        return "A"\nclass B(A):\n    def f(self):\n        g = lambda: self\n        return "B" + super().f() + str(g() is self)\n    def gen(self):\n        yield super().f()\n    def nested(self):\n        def inner():\n            return super().f()\n        return inner()\n    @classmethod\n    def cm(cls):\n        return super().__name__ if False else cls.__name__\n    @staticmethod\n    def sm():\n        try:\n            return super().f()\n        except RuntimeError as e:\n            return str(e)\n    def cls_cell(self):\n        return __class__\nb = B()\nlog.append((b.f(), list(b.gen()), B.cm(), B.sm(), b.cls_cell()))\ntry:\n    b.nested()\nexcept RuntimeError as e:\n    log.append(("nested:", e))\nclass D:\n    def __init_subclass__(cls, **kw):\n        cls.tag = kw.get(\'tag\')\nclass E(D, tag=\'e\'):\n    pass\nlog.append((E.tag))\nclass Desc:\n    def __set_name__(self, owner, name):\n        self.name = name\n    def __get__(self, obj, owner):\n        return self.name\nclass F:\n    attr = Desc()\nlog.append((F().attr))\ndef make():\n    class Local:\n        def who(self):\n            return __class__.__qualname__\n    return Local\nlog.append((make()().who(), make().__qualname__))\nclass G:\n    x = 1\n    y = [x for _ in range(1)] if False else 2\n    def __repr__(self):\n        return "G()"\nlog.append((G(), G.y))\nclass H:\n    __slots__ = ()\n    def f(self):\n        return super().__class__\nlog.append((H().f()))\ntry:\n    class Bad:\n        def f(self):\n            return __class__\n        __class__ = 5\nexcept Exception as e:\n    log.append((type(e).__name__, e))\n\nresult = log\n'),
('vm_tb_mix', 'log = []\ndef key(x):\n    return 1 / x\ndef run():\n    return sorted([1, 0, 2], key=key)\ntry:\n    run()\nexcept ZeroDivisionError as e:\n    tb = e.__traceback__\n    while tb:\n        log.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_lasti))\n        tb = tb.tb_next\nclass K:\n    x = [i for i in range(3)]\n    def __init__(self):\n        self.v = [1 / (i - 1) for i in range(3)]\ndef gen():\n    yield 1\n    yield 1 / 0\ndef mapper():\n    return list(map(lambda v: v.missing, [1]))\nfor fn in (K, lambda: list(gen()), mapper, lambda: int("x"), lambda: {}["k"]):\n    try:\n        fn()\n    except Exception as e:\n        tb = e.__traceback__\n        out = []\n        while tb:\n            out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))\n            tb = tb.tb_next\n        log.append((type(e).__name__, out))\ndef chain():\n    try:\n        try:\n            raise ValueError("a")\n        finally:\n            log.append(("finally"))\n    except ValueError as e:\n        raise TypeError("b") from e\ntry:\n    chain()\nexcept TypeError as e:\n    log.append((repr(e.__cause__), e.__cause__.__traceback__.tb_lineno))\ndef final():\n    for i in range(3):\n        try:\n            return i\n        finally:\n            if i == 0:\n                continue\nlog.append((final()))\nchain()\n\nresult = log\n'),
("recursion_paths_quickened", """
# Recursion units per level through builtins, relative to plain recursion
# (the harnesses' base depths differ, so only the ratio and, for one unit a
# level, the message are compared): specialized builtin calls count no
# unit once the code is quickened, as 3.11's.
depth = [0]
def direct(n):
    depth[0] = n
    direct(n + 1)
def via_sorted(n):
    depth[0] = n
    return sorted([n + 1], key=via_sorted)
def via_map(n):
    depth[0] = n
    return list(map(via_map, [n + 1]))
class G:
    def __getattr__(self, name):
        depth[0] += 1
        return getattr(self, name + 'x')
def via_getattr(n):
    return G().a
def via_len(n):
    class L:
        def __len__(self):
            depth[0] += 1
            return len(self)
    return len(L())
def via_str(n):
    class S:
        def __str__(self):
            depth[0] += 1
            return str(self)
    return str(S())
def run(f):
    depth[0] = 0
    try:
        f(0)
    except RecursionError as e:
        return depth[0], str(e)
base = run(direct)[0]
result = []
for f in (via_sorted, via_map, via_getattr, via_len, via_str):
    d, m = run(f)
    units = round(base / (d + 1))
    result.append((f.__name__, units, m if units == 1 else None))
"""),
]
