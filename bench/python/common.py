"""common.py -- what the CPython side of the cycle-collector benchmarks shares.

The scripts in bench/python/ are CPython's half of the collector workloads
refgc-bench runs (the C workers in bench/gcworker/ are refgc's and Boehm's).
Each script is run as `python3 -E -s -B SCRIPT.py key=value ...` and prints one
line of key=value pairs on stdout, in the C workers' format, so the driver
reads both alike.

Owns: the key=value parameters, the result line, the clock
(time.perf_counter_ns: CLOCK_MONOTONIC), RSS, freezing the interpreter's
own objects, and the pause log fed by gc.callbacks.

Before a workload builds anything, prepare_interpreter() collects and then
gc.freeze()s every object the interpreter made at start-up (modules,
functions, ~11,800 objects), so that the collections measured see the
workload's objects only, as refgc's do.  pyperformance does not freeze; the
frozen count is reported (key frozen).
"""
import gc
import os
import statistics
import sys
import time

now_ns = time.perf_counter_ns


def params(**defaults):
    """The command line's key=value words as ints, over the defaults."""
    values = dict(defaults)
    for word in sys.argv[1:]:
        key, sep, text = word.partition("=")
        if not sep or key not in defaults:
            sys.exit(f"{sys.argv[0]}: unknown parameter {word!r} (known: {', '.join(defaults)})")
        values[key] = int(text, 0)
    return values


class ResultLine:
    """The one line of key=value pairs printed at the end."""

    def __init__(self, workload):
        self.words = []
        self.add("peer", "cpython")
        self.add("workload", workload)

    def add(self, key, value):
        """Append key=value: ints as they are, floats as C's %.6g."""
        if isinstance(value, float):
            text = f"{value:.6g}"
        else:
            text = str(value).replace(" ", "_").replace("=", "_")
        self.words.append(f"{key}={text}")

    def print(self):
        """Print the line (stdout, one line)."""
        print(" ".join(self.words), flush=True)


def rss_bytes():
    """Resident bytes of this process (/proc/self/statm)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def prepare_interpreter():
    """Collect, then freeze the interpreter's own objects; their count."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


PAUSE_KINDS = ("gen0", "gen1", "gen2")


class PauseLog:
    """Times every collection from its "start" to its "stop" callback, per
    generation (the pause includes a few microseconds of gc.callbacks
    machinery: the info dict and the Python calls)."""

    def __init__(self):
        self.samples = ([], [], [])
        self.started = 0

    def __call__(self, phase, info):
        if phase == "start":
            self.started = now_ns()
        else:
            self.samples[info["generation"]].append(now_ns() - self.started)

    def watch(self):
        gc.callbacks.append(self)

    def unwatch(self):
        gc.callbacks.remove(self)

    def report(self, line):
        """The C workers' keys: per generation collections, median, max,
        total; then collections, collector_ns, pause_median_ns, pause_max_ns."""
        everything = []
        for kind, samples in zip(PAUSE_KINDS, self.samples):
            line.add(f"{kind}_collections", len(samples))
            if samples:
                line.add(f"{kind}_median_ns", float(statistics.median(samples)))
                line.add(f"{kind}_max_ns", float(max(samples)))
            line.add(f"{kind}_total_ns", float(sum(samples)))
            everything += samples
        line.add("collections", len(everything))
        line.add("collector_ns", float(sum(everything)))
        line.add("pause_median_ns", float(statistics.median(everything)) if everything else 0.0)
        line.add("pause_max_ns", float(max(everything)) if everything else 0.0)
