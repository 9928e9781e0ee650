"""pairs.py -- CPython's side of the cyclic-pairs pause benchmark.

Keys: pairs (1000000), keep (0 or 1).  One pair is a = [None]; b = [a];
a[0] = b.  keep=0 ("dropped"): each pair becomes garbage at once;
keep=1 ("kept"): a goes into a list of `pairs` slots made before the loop.
Automatic collection is on with CPython's thresholds (700, 10, 10); every
collection is timed from its gc.callbacks "start" to its "stop" (PauseLog in
common.py), per generation.  The same keys as bench/gcworker/pairs.c.
"""
import gc

from common import PauseLog, ResultLine, now_ns, params, prepare_interpreter, rss_bytes


def make_pairs_dropped(n):
    """n pairs, each garbage as soon as the next is made."""
    for _ in range(n):
        a = [None]
        b = [a]
        a[0] = b


def make_pairs_kept(n, kept):
    """n pairs, the first list of each stored in kept."""
    for i in range(n):
        a = [None]
        b = [a]
        a[0] = b
        kept[i] = a


def main():
    p = params(pairs=1000000, keep=0)
    n, keep = p["pairs"], p["keep"] != 0
    line = ResultLine("pairs")
    frozen = prepare_interpreter()
    kept = [None] * n if keep else None
    log = PauseLog()
    gc.enable()
    rss_start = rss_bytes()

    log.watch()
    t0 = now_ns()
    if keep:
        make_pairs_kept(n, kept)
    else:
        make_pairs_dropped(n)
    loop_ns = now_ns() - t0
    log.unwatch()

    line.add("pairs", n)
    line.add("keep", int(keep))
    line.add("loop_ns", float(loop_ns))
    line.add("ns_per_pair", loop_ns / n)
    log.report(line)
    line.add("rss_start", rss_start)
    line.add("rss_end", rss_bytes())
    line.add("threshold", "/".join(map(str, gc.get_threshold())))
    line.add("frozen", frozen)
    line.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
