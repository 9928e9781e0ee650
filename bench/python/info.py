"""info.py -- the identity of the interpreter that runs the CPython side:
version, executable, and whether it is a release build (no sys.gettotalrefcount)."""
import platform
import sys

from common import ResultLine

line = ResultLine("info")
line.add("version", platform.python_version())
line.add("served_by", sys.executable)
line.add("implementation", platform.python_implementation())
line.add("debug_build", int(hasattr(sys, "gettotalrefcount")))
line.print()
