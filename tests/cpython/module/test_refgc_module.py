"""test_refgc_module.py -- refgc-python's built-in `refgc` module and its
environment variables (issue 7 section 1).  Run BY refgc-python:

    refgc-python test_refgc_module.py [--refgc PATH-TO-refgc] [unittest options]

--refgc names the `refgc` command, whose `refgc run` module must offer the
same functions and the same stats() keys.  Children are started with
sys.executable: refgc-python again.
"""
import ctypes
import gc
import os
import subprocess
import sys
import threading
import unittest

import refgc

REFGC_CLI = None  # --refgc
POOL_SIZE = 16384
POOL_OVERHEAD = 48
GC_HEAD = 16  # PyGC_Head in 3.11
MANAGED_DICT = 1 << 4  # Py_TPFLAGS_MANAGED_DICT in 3.11
MiB = 1 << 20
# Built with AddressSanitizer (the REFGC_SANITIZE build)?
UNDER_ASAN = hasattr(ctypes.CDLL(None), "__asan_init")


def child(code, *args, env=None, check=False):
    """Run `refgc-python [args] -c code` (code None: `refgc-python args`)
    with env added to a clean environment; a CompletedProcess with text
    stdout and stderr."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REFGC_"))}
    full.update(env or {})
    argv = [sys.executable, *args] + (["-c", code] if code is not None else [])
    r = subprocess.run(argv, env=full, capture_output=True,
                       text=True, timeout=300)
    if check and r.returncode != 0:
        raise AssertionError(f"child failed ({r.returncode}): {r.stderr}")
    return r


def preheader(tp):
    """Bytes CPython 3.11 puts before an object of type tp in its block."""
    n = GC_HEAD if tp.__flags__ & (1 << 14) else 0  # Py_TPFLAGS_HAVE_GC
    if tp.__flags__ & MANAGED_DICT:
        n += 16
    return n


class Plain:
    pass


class Slotted:
    __slots__ = ("a", "b")


class TestActive(unittest.TestCase):
    def test_active(self):
        self.assertIs(refgc.active(), True)
        self.assertIs(refgc.stats()["active"], True)

    def test_objects_come_from_refgc(self):
        # Start-up alone allocates tens of thousands of objects.
        self.assertGreater(refgc.stats()["small_blocks"], 20000)
        self.assertIsNotNone(refgc.block_info(object()))

    def test_version(self):
        self.assertIsInstance(refgc.VERSION, str)
        self.assertRegex(refgc.VERSION, r"^\d+\.\d+\.\d+")

    def test_docstrings(self):
        for name in ("trim", "stats", "heap_stats", "block_info", "dump", "get_limit",
                     "set_limit", "active"):
            self.assertTrue(getattr(refgc, name).__doc__, name)

    def test_child_is_refgc_python(self):
        r = child("import refgc, sys; print(refgc.active(), sys.executable)", check=True)
        self.assertEqual(r.stdout.split(), ["True", sys.executable])

    def test_documented_differences(self):
        # pymalloc is not the allocator: its counters say nothing.
        self.assertEqual(sys.getallocatedblocks(), 0)
        r = child("import sys; sys._debugmallocstats()", check=True)
        self.assertNotIn("Small block threshold", r.stderr)
        self.assertIn("free PyFloatObjects", r.stderr)


class TestStats(unittest.TestCase):
    def test_shape(self):
        s = refgc.stats()
        self.assertEqual(len(s["classes"]), 32)
        for i, c in enumerate(s["classes"]):
            self.assertEqual(set(c), {"size", "pools", "blocks_in_use", "blocks_available"})
            self.assertEqual(c["size"], (i + 1) * 16)
        for k, v in s.items():
            if k not in ("classes", "active"):
                self.assertIsInstance(v, int, k)
        self.assertEqual(s["allocated_blocks"], s["small_blocks"] + s["large_blocks"])
        self.assertEqual(s["bytes_in_use"], s["small_bytes"] + s["large_bytes"])
        self.assertEqual(sum(c["blocks_in_use"] for c in s["classes"]), s["small_blocks"])
        self.assertEqual(refgc.heap_stats().keys(), s.keys())

    def test_same_surface_as_refgc_run(self):
        if REFGC_CLI is None:
            self.skipTest("no --refgc given")
        code = ("import refgc; print(sorted(refgc.stats())); "
                "print(sorted(n for n in dir(refgc) if not n.startswith('_')))")
        r = subprocess.run([REFGC_CLI, "run", "-c", code], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        keys, names = r.stdout.splitlines()
        self.assertEqual(keys, str(sorted(refgc.stats())))
        self.assertEqual(names, str(sorted(n for n in dir(refgc) if not n.startswith("_"))))

    def test_live_pages_follow_the_objects(self):
        refgc.trim()
        before = refgc.stats()
        data = [[float(i)] for i in range(300000)]  # ~30 MB of lists and floats
        grown = refgc.stats()
        self.assertGreater(grown["bytes_live_pages"], before["bytes_live_pages"] + 20 * MiB)
        self.assertGreater(grown["small_blocks"], before["small_blocks"] + 500000)
        del data
        dropped = refgc.stats()
        self.assertLess(dropped["bytes_live_pages"], before["bytes_live_pages"] + 4 * MiB)
        given = refgc.trim()
        trimmed = refgc.stats()
        self.assertGreater(given, 10 * MiB)
        self.assertLess(trimmed["bytes_resident"], dropped["bytes_resident"] - 10 * MiB)
        # What trim cannot give back is what live blocks hold, plus headers.
        self.assertLessEqual(trimmed["bytes_live_pages"], trimmed["bytes_resident"])
        self.assertLess(trimmed["bytes_resident"] - trimmed["bytes_live_pages"], 4 * MiB)


class TestTrim(unittest.TestCase):
    def test_trim_after_scattered_frees(self):
        refgc.trim()
        objs = [{"k": i, "v": str(i) * 3} for i in range(200000)]
        survivors = objs[::100]  # 1% kept, scattered over every pool
        del objs
        gc.collect()
        given = refgc.trim()
        self.assertGreater(given, 10 * MiB)
        s = refgc.stats()
        self.assertLessEqual(s["bytes_resident"], s["bytes_live_pages"] * 1.05 + 4 * MiB)
        self.assertEqual(len(survivors), 2000)

    def test_trim_c_library(self):
        # 4 KiB blocks take refgc's large path: the C library's heap.  Every
        # tenth kept: the free chunks lie between live ones, where glibc's
        # free() never trims by itself and only malloc_trim gives pages back.
        big = [bytes(4000) for _ in range(20000)]
        keep = big[::10]
        del big
        refgc.trim(c_library=False)
        given = refgc.trim(c_library=True)
        if not UNDER_ASAN:  # ASan's malloc has no malloc_trim to do
            self.assertGreater(given, 0)
        self.assertIsInstance(refgc.trim(False), int)
        with self.assertRaises(TypeError):
            refgc.trim(1, 2)
        self.assertEqual(len(keep), 2000)


class TestBlockInfo(unittest.TestCase):
    def check_small(self, obj, pre):
        bi = refgc.block_info(obj)
        self.assertIsNotNone(bi, type(obj))
        self.assertEqual(bi["kind"], "small")
        self.assertEqual(bi["address"], id(obj) - pre, type(obj))
        self.assertEqual(bi["size"], (bi["size_class"] + 1) * 16)
        # The address is a block's start in its pool.
        offset = bi["address"] % POOL_SIZE
        self.assertEqual((offset - POOL_OVERHEAD) % bi["size"], 0)
        self.assertEqual((offset - POOL_OVERHEAD) // bi["size"], bi["block_index"])
        self.assertGreaterEqual(bi["size"], type(obj).__basicsize__ + pre)
        self.assertLess(bi["size"] - 16, max(type(obj).__basicsize__ + pre, sys.getsizeof(obj)))
        return bi

    def test_small_objects(self):
        self.assertEqual(self.check_small([], GC_HEAD)["size"], 64)    # 40 + 16
        self.assertEqual(self.check_small({}, GC_HEAD)["size"], 64)    # 48 + 16
        self.assertEqual(self.check_small(1.5, 0)["size"], 32)         # 24
        self.assertEqual(self.check_small(object(), 0)["size"], 16)
        self.check_small((1, 2, 3), GC_HEAD)
        self.check_small(Slotted(), GC_HEAD)
        self.check_small(10 ** 30, 0)
        self.check_small("abc" * 10, 0)
        inst = self.check_small(Plain(), preheader(Plain))
        self.assertEqual(preheader(Plain), 32)  # GC head + managed dict pointers
        self.assertGreaterEqual(inst["size"], 48)

    def test_large_and_mapped(self):
        s = "x" * 1000
        bi = refgc.block_info(s)
        self.assertEqual(bi["kind"], "large")
        self.assertEqual(bi["size"], sys.getsizeof(s))
        self.assertEqual(bi["address"], id(s))
        b = bytes(300000)
        bi = refgc.block_info(b)
        self.assertEqual(bi["kind"], "mapped")
        self.assertEqual(bi["size"], sys.getsizeof(b))

    def test_static_objects(self):
        for o in (None, True, False, 5, -3, (), "", b"", int, type, object, Ellipsis,
                  NotImplemented, sys.stdout.write.__self__.__class__):
            self.assertIsNone(refgc.block_info(o), repr(o))

    def test_every_object(self):
        # Never an error, never a crash: every tracked object, every module's
        # attributes, the type objects.
        seen = 0
        for o in gc.get_objects():
            self.assertIn(type(refgc.block_info(o)), (dict, type(None)))
            seen += 1
        for m in list(sys.modules.values()):
            for v in list(vars(m).values()):
                refgc.block_info(v)
        self.assertGreater(seen, 10000)

    def test_bad_calls(self):
        with self.assertRaises(TypeError):
            refgc.block_info()
        with self.assertRaises(TypeError):
            refgc.block_info(1, 2)


class TestLimit(unittest.TestCase):
    def tearDown(self):
        refgc.set_limit(0)

    def test_memory_error_then_recovery(self):
        s = refgc.stats()
        limit = s["arenas"] * MiB + s["large_bytes"] + 16 * MiB
        refgc.set_limit(limit)
        self.assertEqual(refgc.get_limit(), limit)
        hog = []
        with self.assertRaises(MemoryError):
            for i in range(10 ** 8):
                hog.append([i, str(i)])
        self.assertGreater(len(hog), 10000)
        del hog
        refgc.set_limit(0)
        self.assertEqual(refgc.get_limit(), 0)
        again = [[i] for i in range(200000)]
        self.assertEqual(len(again), 200000)

    def test_bad_limits(self):
        with self.assertRaises(ValueError):
            refgc.set_limit(-1)
        with self.assertRaises(TypeError):
            refgc.set_limit("10")
        with self.assertRaises(OverflowError):
            refgc.set_limit(1 << 80)


class TestDump(unittest.TestCase):
    def test_dump_order_and_header(self):
        code = "print('before'); import refgc; refgc.dump(); print('after')"
        full = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REFGC_"))}
        r = subprocess.run([sys.executable, "-c", code], env=full, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60)
        self.assertEqual(r.returncode, 0)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "before")
        self.assertEqual(lines[1], "Small block threshold = 512, in 32 size classes.")
        self.assertIn("# arenas allocated total", r.stdout)
        self.assertIn("# bytes in allocated blocks", r.stdout)
        self.assertEqual(lines[-1], "after")


class TestAllocatorReplaced(unittest.TestCase):
    CODE = ("import refgc; print(refgc.active(), refgc.stats()['active'], "
            "refgc.stats()['small_blocks'], refgc.trim(c_library=False), refgc.block_info([])); "
            "refgc.dump(); refgc.set_limit(1 << 30); print(refgc.get_limit())")

    def test_pythonmalloc(self):
        for value in ("malloc", "pymalloc", "debug", "malloc_debug"):
            r = child(self.CODE, env={"PYTHONMALLOC": value})
            self.assertEqual(r.returncode, 0, (value, r.stderr))
            self.assertEqual(r.stdout.split(), ["False", "False", "0", "0", "None", str(1 << 30)], value)
            self.assertIn("not CPython's allocator", r.stderr)

    def test_dev_mode(self):
        r = child(self.CODE, "-X", "dev")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split()[:2], ["False", "False"])

    def test_tracemalloc_wraps_refgc(self):
        # tracemalloc's hooks wrap the allocator in place: refgc stays below.
        code = ("import refgc, tracemalloc; x = [str(i) for i in range(100000)]; "
                "print(tracemalloc.is_tracing(), refgc.active(), refgc.stats()['active'], "
                "refgc.block_info([]) is not None); del x; print(refgc.trim(c_library=False) > 0)")
        r = child(code, "-X", "tracemalloc", check=True)
        self.assertEqual(r.stdout.split(), ["True"] * 5)
        r = child("import tracemalloc; tracemalloc.start(); " + code.replace("import refgc, tracemalloc; ", "import refgc; "),
                  check=True)
        self.assertEqual(r.stdout.split(), ["True"] * 5)

    def test_ignored_with_E(self):
        r = child("import refgc; print(refgc.active())", "-E", env={"PYTHONMALLOC": "malloc"}, check=True)
        self.assertEqual(r.stdout.strip(), "True")


WORKLOAD = """
import refgc, json, gc
d = {str(i): [i, float(i), (i, str(i))] for i in range(50000)}
s = json.dumps(d)
assert json.loads(s) == {k: [v[0], v[1], list(v[2])] for k, v in d.items()}
class Node:
    def __init__(self): self.other = self
cycle = [Node() for _ in range(10000)]
del cycle, d
gc.collect()
refgc.trim()
for o in gc.get_objects():  # any object may be asked, in either heap
    refgc.block_info(o)
print("ok", refgc.block_info([]) is not None)
"""


class TestEnvironment(unittest.TestCase):
    def test_check_passes(self):
        r = child(WORKLOAD, env={"REFGC_CHECK": "1"})
        self.assertEqual((r.returncode, r.stdout.strip(), r.stderr), (0, "ok True", ""))

    def test_check_detects_corruption(self):
        # A freed 512-byte block's free-list link overwritten: rg_heap_check
        # at exit must report it and make the status 1.  Its neighbour b is
        # kept alive (an extra reference) so that the pool never empties,
        # which would drop its free list; class 31 is rare enough that
        # nothing allocates from that pool before the exit.
        code = ("import ctypes, refgc; a = bytes(470); b = bytes(470); "
                "assert refgc.block_info(a)['size_class'] == 31; "
                "ctypes.pythonapi.Py_IncRef(ctypes.py_object(b)); addr = id(a); del a; "
                "ctypes.c_uint64.from_address(addr).value = 0x10; "
                "ctypes.c_uint64.from_address(addr + 8).value = 0x10")
        r = child(code, env={"REFGC_CHECK": "1"})
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("rg_heap_check: arena", r.stderr)
        self.assertRegex(r.stderr, r"refgc-python: REFGC_CHECK: \d+ heap invariant violations? at exit\n$")

    def test_check_keeps_status(self):
        r = child("import sys; sys.exit(3)", env={"REFGC_CHECK": "1"})
        self.assertEqual((r.returncode, r.stderr), (3, ""))

    def test_debug_heap(self):
        r = child(WORKLOAD + "import refgc; print(refgc.block_info([])['size'])",
                  env={"REFGC_DEBUG": "1", "REFGC_CHECK": "1"})
        self.assertEqual(r.returncode, 0, r.stderr)
        # The debug heap reports requested sizes: a list is 40 + 16 bytes.
        self.assertEqual(r.stdout.split(), ["ok", "True", "56"])

    def test_debug_heap_runs_cpython_tests(self):
        r = child(None, "-m", "test", "-q", "test_list", "test_dict", env={"REFGC_DEBUG": "1"})
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("SUCCESS", r.stdout)

    def test_values_applied(self):
        r = child("import refgc; print(refgc.get_limit())", env={"REFGC_LIMIT": "64M"}, check=True)
        self.assertEqual(r.stdout.strip(), str(64 * MiB))
        code = ("import refgc; b = bytes(200000); print(refgc.block_info(b)['kind']); "
                "x = [[i] for i in range(300000)]; del x; print(refgc.stats()['arenas_reserved'])")
        r = child(code, env={"REFGC_MMAP_THRESHOLD": "1M", "REFGC_ARENA_RESERVE": "0"}, check=True)
        self.assertEqual(r.stdout.split(), ["large", "0"])
        r = child(code, env={"REFGC_MMAP_THRESHOLD": "131072"}, check=True)
        self.assertEqual(r.stdout.split()[0], "mapped")
        self.assertGreater(int(r.stdout.split()[1]), 0)
        r = child("print(1)", env={"REFGC_DEBUG": "", "REFGC_LIMIT": ""}, check=True)  # empty: unset
        self.assertEqual(r.stdout, "1\n")

    def test_limit_from_environment(self):
        r = child("x = [str(i) for i in range(10 ** 7)]", env={"REFGC_LIMIT": "32M"})
        self.assertEqual(r.returncode, 1)
        self.assertIn("MemoryError", r.stderr)

    def test_bad_values(self):
        cases = [("REFGC_DEBUG", "2"), ("REFGC_DEBUG", "yes"), ("REFGC_CHECK", "true"),
                 ("REFGC_LIMIT", "abc"), ("REFGC_LIMIT", "5X"), ("REFGC_LIMIT", "-1"),
                 ("REFGC_LIMIT", "1M"), ("REFGC_LIMIT", "99999999999999999999999"),
                 ("REFGC_LIMIT", "9999999999G"), ("REFGC_ARENA_RESERVE", "1K"),
                 ("REFGC_ARENA_RESERVE", " 3"), ("REFGC_MMAP_THRESHOLD", "1.5M"),
                 ("REFGC_DEBUG_QUARANTINE", "x")]
        for name, value in cases:
            r = child("print('ran')", env={name: value})
            self.assertEqual(r.returncode, 2, (name, value))
            self.assertEqual(r.stdout, "", (name, value))
            self.assertRegex(r.stderr, rf"^refgc-python: {name}: invalid value '{value}' \(expected [^\n]+\)\n$")

    def test_heap_creation_fails(self):
        asan = os.environ.get("ASAN_OPTIONS", "") + ":allocator_may_return_null=1"
        r = child("print('ran')", env={"REFGC_DEBUG": "1", "REFGC_DEBUG_QUARANTINE": str(1 << 60),
                                       "ASAN_OPTIONS": asan})
        self.assertEqual((r.returncode, r.stdout), (1, ""))
        self.assertEqual(r.stderr, "refgc-python: cannot create the heap: Cannot allocate memory\n")


class TestThreads(unittest.TestCase):
    def test_threads_share_the_heap(self):
        errors = []

        def work(seed):
            try:
                for _ in range(30):
                    junk = [{"i": i, "s": str(i + seed)} for i in range(3000)]
                    assert len(junk) == 3000
            except BaseException as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        refgc.trim()


def main():
    global REFGC_CLI
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--refgc":
        REFGC_CLI = args[1]
        del args[:2]
    if "refgc" not in sys.builtin_module_names:
        sys.exit("run this test with refgc-python")
    unittest.main(argv=[sys.argv[0]] + args, verbosity=2)


if __name__ == "__main__":
    main()
