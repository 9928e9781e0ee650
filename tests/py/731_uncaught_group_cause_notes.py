# uncaught RuntimeError caused by an ExceptionGroup with notes on the group and on a leaf
e = ExceptionGroup("noted", [KeyError("k")])
e.add_note("group note")
e.exceptions[0].add_note("leaf note")
try:
    raise e
except ExceptionGroup as g:
    raise RuntimeError("wrapper") from g
