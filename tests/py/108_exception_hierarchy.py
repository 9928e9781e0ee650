# the standard exception hierarchy as seen through except clauses and isinstance
pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
         (KeyError, LookupError), (IndexError, LookupError), (UnboundLocalError, NameError),
         (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
         (UnicodeDecodeError, ValueError), (StopIteration, Exception), (KeyboardInterrupt, Exception),
         (KeyboardInterrupt, BaseException), (Exception, BaseException), (MemoryError, Exception),
         (AssertionError, Exception), (AttributeError, Exception), (TypeError, ValueError),
         (ReferenceError, Exception), (LookupError, Exception)]
for sub, sup in pairs:
    try:
        raise sub("x") if sub is not UnicodeDecodeError else sub("utf-8", b"\xff", 0, 1, "bad")
    except sup:
        print(sub.__name__, "is caught by", sup.__name__)
    except BaseException:
        print(sub.__name__, "is NOT caught by", sup.__name__)
print(isinstance(KeyError("k"), LookupError), isinstance(LookupError(), KeyError))
try:
    raise KeyboardInterrupt
except Exception:
    print("wrong")
except BaseException as e:
    print("KeyboardInterrupt is a BaseException only:", type(e).__name__)
e = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(e)
print(str(KeyError("a", "b")), repr(str(KeyError())), repr(NotImplementedError()), repr(MemoryError()))
