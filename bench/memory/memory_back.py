"""
memory_back.py -- the memory-given-back benchmark of issue 7 §3, run inside
one interpreter (python3, or refgc-python); bench/memory/run-memory launches
it under each configuration and plots the figures.

Owns: the workload and the measurements of ONE run.  In one go:
  start        imports done, a small warm-up built and dropped, trimmed
  built        ~GB of small objects built (see RECORD below), held in one list
  dropped_99   every record but one in KEEP_STRIDE dropped (scattered: the
               survivors are spread over every arena and nearly every pool;
               --pattern random: each record kept with probability
               1/KEEP_STRIDE, fixed seed, instead of every 101st)
  trimmed_99   the configuration's trim
  dropped_all  the survivors dropped too
  trimmed_all  the configuration's trim again
After each step: VmRSS, RssAnon and RssFile from /proc/self/status and,
under refgc-python, refgc.stats() (bytes_resident, bytes_live_pages ...).

Configurations (--config):
  python3      nothing (pymalloc unmaps an arena only when it is wholly free)
  malloc_trim  ctypes.CDLL("libc.so.6").malloc_trim(0), the folk remedy
  refgc        refgc.trim() (refgc-python only)

The records, all small blocks (<= 512 bytes: pymalloc's and refgc's pools),
one kind per record in turn (i % 4), with their blocks under CPython 3.11:
  0 float   i + 0.5                                   32 B
  1 str     f"{i:012d}" + 40 letters (52 chars, ASCII) 112 B
  2 list    [i + 0.25, i + 0.75, None]                64 + 32 (items) + 2 x 32
  3 dict    {"id": i, "x": i + 0.5, "tag": f"t{i}"}   64 + 128 (keys) + 32 + 32 + 64
i.e. 624 bytes of blocks per 4 records (156 B each), plus 8 B per record
in the holding list (a large block: one mapping, gone at the first drop).

Output: one JSON object on stdout (the runner parses it).  Bad arguments:
a message on stderr and exit status 2.
"""
import argparse
import gc
import json
import random
import sys
import time

# ======================================================================
# The workload
# ======================================================================

BLOCK_BYTES_PER_RECORD = 156  # the mix above: 624 bytes per 4 records
KEEP_STRIDE = 101             # survivors: records 0, 101, 202 ... (0.99%)
SEED = 20261121               # --pattern random
PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"  # 40 letters


def build(n):
    """n records of the mix, in allocation order, in a list made at once."""
    objs = [None] * n
    pad = PAD
    for i in range(n):
        k = i & 3
        if k == 0:
            o = i + 0.5
        elif k == 1:
            o = f"{i:012d}{pad}"
        elif k == 2:
            o = [i + 0.25, i + 0.75, None]
        else:
            o = {"id": i, "x": i + 0.5, "tag": f"t{i}"}
        objs[i] = o
    return objs


def survivors(objs, pattern):
    """The records kept at dropped_99: every KEEP_STRIDE-th, or each with
    probability 1/KEEP_STRIDE (fixed seed)."""
    if pattern == "stride":
        return objs[::KEEP_STRIDE]
    rnd = random.Random(SEED).random
    p = 1.0 / KEEP_STRIDE
    return [o for o in objs if rnd() < p]


# ======================================================================
# Measuring
# ======================================================================

STATUS_FIELDS = ("VmRSS", "RssAnon", "RssFile", "RssShmem")


def status():
    """The RSS fields of /proc/self/status, in bytes."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name in STATUS_FIELDS:
                out[name] = int(rest.split()[0]) * 1024
    return out


def smaps_top(limit):
    """The `limit` mappings with the most resident bytes: [rss, size, name]."""
    maps, cur = [], None
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()
            if "-" in head[0] and ":" not in head[0]:
                lo, hi = (int(x, 16) for x in head[0].split("-"))
                cur = [0, hi - lo, head[5] if len(head) > 5 else "[anon]"]
                maps.append(cur)
            elif head[0] == "Rss:" and cur is not None:
                cur[0] = int(head[1]) * 1024
    maps.sort(reverse=True)
    return maps[:limit]


class Recorder:
    """The steps measured so far."""

    def __init__(self, heap_stats, smaps):
        self.heap_stats = heap_stats
        self.smaps = smaps
        self.steps = []
        self.t0 = time.perf_counter()

    def step(self, name):
        """Measure now, as step `name`."""
        rec = {"step": name, "t": round(time.perf_counter() - self.t0, 3)}
        rec.update(status())
        if self.heap_stats is not None:
            rec["heap"] = {k: v for k, v in self.heap_stats().items() if isinstance(v, int)}
        if self.smaps:
            rec["smaps"] = smaps_top(self.smaps)
        self.steps.append(rec)


# ======================================================================
# Configurations
# ======================================================================

def make_trim(config):
    """(trim function, heap stats function or None) for the configuration."""
    if config == "python3":
        return (lambda: 0), None
    if config == "malloc_trim":
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
        return (lambda: libc.malloc_trim(0)), None
    try:
        import refgc
    except ImportError:
        sys.exit("memory_back.py: --config refgc needs refgc-python (no module refgc here)")
    stats = getattr(refgc, "stats", None)
    return refgc.trim, stats


# ======================================================================
# Main
# ======================================================================

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", required=True, choices=("python3", "malloc_trim", "refgc"))
    ap.add_argument("--gb", type=float, default=1.0,
                    help="GiB of small blocks to build (default 1)")
    ap.add_argument("--pattern", choices=("stride", "random"), default="stride",
                    help="which 1%% survive: every 101st record (default) or random")
    ap.add_argument("--smaps", type=int, default=0, metavar="N",
                    help="also record the N mappings with the most resident bytes")
    args = ap.parse_args()
    if not 0.001 <= args.gb <= 64:
        ap.error("--gb must be within 0.001..64")
    trim, heap_stats = make_trim(args.config)
    n = int(args.gb * 2**30 / BLOCK_BYTES_PER_RECORD)
    rec = Recorder(heap_stats, args.smaps)
    trimmed = {}

    # Warm-up: the same code on 0.1% of the size, so that the interpreter's
    # text pages and caches are as the run will have them.
    warm = build(max(n // 1000, 1000))
    kept = survivors(warm, args.pattern)
    del warm, kept
    gc.collect()
    trim()
    rec.step("start")

    objs = build(n)
    rec.step("built")

    kept = survivors(objs, args.pattern)
    del objs
    rec.step("dropped_99")
    trimmed["trimmed_99"] = trim()
    rec.step("trimmed_99")

    nkept = len(kept)
    del kept
    rec.step("dropped_all")
    trimmed["trimmed_all"] = trim()
    rec.step("trimmed_all")

    json.dump({"config": args.config, "gb": args.gb, "records": n, "kept": nkept,
               "keep_stride": KEEP_STRIDE, "pattern": args.pattern, "executable": sys.executable,
               "version": sys.version.split()[0], "heap_stats": heap_stats is not None,
               "trim_returned": trimmed, "steps": rec.steps}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
