# uncaught ExceptionGroup subclass: the report names the subclass
class MyGroup(ExceptionGroup):
    pass
raise MyGroup("custom", [BaseExceptionGroup("b", [KeyboardInterrupt()]) if False else OSError(2, "x")])
