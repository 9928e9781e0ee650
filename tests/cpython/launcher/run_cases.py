#!/usr/bin/env python3
"""run_cases.py -- refgc-python against python3, live (issue 7 section 1).

Runs every case of cases.txt under the reference interpreter (python3, by
default the interpreter running this script) and under refgc-python, and
compares stdout, stderr and the exit status after replacing each program's
path and name by <PYTHON>, the fixtures' directory by <DIR> and hexadecimal
addresses (0x7f...) by 0xADDR.

    python3 run_cases.py --exe build/refgc-python [--ref python3] [--cases F] [-k NAME]

Exit status: 0 when every case agrees, 1 otherwise (each difference shown as
a unified diff), 2 for a usage error.
"""
import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

class Case:
    """One line of cases.txt."""

    def __init__(self, name, args, stdin, env, line):
        self.name, self.args, self.stdin, self.env, self.line = name, args, stdin, env, line


def unescape(text):
    """Python string escapes (\\n, \\u00e9) in a field."""
    return text.encode("ascii", "backslashreplace").decode("unicode_escape")


def parse_cases(path):
    """The cases of the file at path, in order."""
    cases = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|")]
            if len(fields) != 4:
                sys.exit(f"{path}:{number}: expected 'name | arguments | stdin | environment'")
            name, args, stdin, env = fields
            env_pairs = {}
            for word in shlex.split(env):
                key, sep, value = word.partition("=")
                if not sep:
                    sys.exit(f"{path}:{number}: environment word {word!r} is not NAME=VALUE")
                env_pairs[key] = value
            cases.append(Case(name, [unescape(a) for a in shlex.split(args)],
                              unescape(stdin) if stdin else None, env_pairs, number))
    return cases


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def clean_environment():
    """The environment the cases start from: ours without PYTHON* and
    REFGC_* variables (which would change either program's behaviour)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "REFGC_"))}
    env["LC_ALL"] = "C.UTF-8"
    return env


def run(exe, case, fixtures, timeout):
    """(stdout, stderr, status) of case under exe, normalised."""
    args = [a.replace("{fx}", fixtures) for a in case.args]
    env = clean_environment()
    env.update(case.env)
    proc = subprocess.run([exe] + args, cwd=fixtures, env=env, timeout=timeout,
                          input=case.stdin.encode() if case.stdin is not None else None,
                          stdin=subprocess.DEVNULL if case.stdin is None else None,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def norm(data):
        text = data.decode("utf-8", "backslashreplace")
        text = text.replace(fixtures, "<DIR>")
        for name in (exe, os.path.realpath(exe)):
            text = text.replace(name, "<PYTHON>")
        # The bare name as a word of its own (not python3 in python3.11/).
        text = re.sub(r"(?<![\w./-])" + re.escape(os.path.basename(exe)) + r"(?![\w./-])",
                      "<PYTHON>", text)
        # Object addresses differ between any two runs.
        return re.sub(r"\b0x[0-9a-f]{8,16}\b", "0xADDR", text)

    return norm(proc.stdout), norm(proc.stderr), proc.returncode


def compare(case, ref, exe, fixtures, timeout):
    """The differences between the two programs on case (empty: agree)."""
    a = run(ref, case, fixtures, timeout)
    b = run(exe, case, fixtures, timeout)
    problems = []
    for label, x, y in (("stdout", a[0], b[0]), ("stderr", a[1], b[1])):
        if x != y:
            diff = difflib.unified_diff(x.splitlines(True), y.splitlines(True),
                                        f"python3 {label}", f"refgc-python {label}")
            problems.append("".join(diff))
    if a[2] != b[2]:
        problems.append(f"exit status: python3 {a[2]}, refgc-python {b[2]}\n")
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--exe", required=True, help="the refgc-python to test")
    p.add_argument("--ref", default=sys.executable, help="the reference python3")
    p.add_argument("--cases", default=os.path.join(HERE, "cases.txt"))
    p.add_argument("--fixtures", default=os.path.join(HERE, "fixtures"))
    p.add_argument("-k", dest="only", help="run only the cases whose name contains this")
    p.add_argument("--timeout", type=float, default=60.0)
    opts = p.parse_args()
    for path in (opts.exe, opts.ref):
        if shutil.which(path) is None:
            p.error(f"{path}: no such program")
    exe = os.path.abspath(opts.exe) if os.sep in opts.exe else shutil.which(opts.exe)
    ref = os.path.abspath(opts.ref) if os.sep in opts.ref else shutil.which(opts.ref)
    cases = [c for c in parse_cases(opts.cases) if not opts.only or opts.only in c.name]
    failed = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rgpy-launcher-") as tmp:
        fixtures = os.path.join(tmp, "fx")
        for case in cases:
            # A fresh copy each time: -m and imports write __pycache__.
            shutil.rmtree(fixtures, ignore_errors=True)
            shutil.copytree(opts.fixtures, fixtures)
            try:
                problems = compare(case, ref, exe, fixtures, opts.timeout)
            except subprocess.TimeoutExpired as e:
                problems = [f"timed out: {e}\n"]
            if problems:
                failed += 1
                print(f"FAIL {case.name} (cases.txt line {case.line})")
                for text in problems:
                    print(text, end="" if text.endswith("\n") else "\n")
            else:
                print(f"ok   {case.name}")
    print(f"{len(cases) - failed}/{len(cases)} cases agree "
          f"({time.monotonic() - start:.1f} s; python3 = {ref}, refgc-python = {exe})")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
