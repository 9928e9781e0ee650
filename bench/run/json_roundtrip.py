# json_roundtrip.py -- a JSON round trip of a large nested structure:
# json.dumps of ~20,000 records (dicts of str, int, float, bool, None,
# lists and a nested dict), json.loads of the text, several rounds; each
# round must give back an equal structure.  The C encoder grows one big
# text buffer (realloc of blocks far over 512 bytes), the C decoder makes
# hundreds of thousands of small objects that the next round drops.
# Deterministic (an LCG), so the checksum is python3's exactly.
# Full CPython (the json and zlib modules): refgc-python against python3,
# not a `refgc run` program.  The driver times the process.
import json
import sys
import zlib

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu", "caf\u00e9", "na\u00efve", "\u65e5\u672c", "x" * 40]


def build(records, seed):
    data = []
    for i in range(records):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        tags = [WORDS[(seed >> k) % len(WORDS)] for k in range(seed % 7)]
        data.append({
            "id": i,
            "name": "%s-%d" % (WORDS[seed % len(WORDS)], seed % 100000),
            "score": (seed % 1000003) / 7.0,
            "active": bool(seed & 1),
            "parent": None if seed & 2 else i // 2,
            "tags": tags,
            "pos": {"x": seed % 1000, "y": (seed >> 10) % 1000, "z": [seed % 3, seed % 5]},
        })
    return {"version": 1, "records": data, "index": {str(i): i for i in range(0, records, 17)}}


def main(rounds, records):
    obj = build(records, 4242)
    crc = 0
    size = 0
    for r in range(rounds):
        text = json.dumps(obj, sort_keys=(r % 2 == 1))
        back = json.loads(text)
        if back != obj:
            print("workload=json_roundtrip mismatch_round=%d" % r)
            sys.exit(5)
        crc = zlib.crc32(text.encode("utf-8"), crc)
        size += len(text)
        obj = back
    return crc, size


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
crc, size = main(rounds, 20000)
print("workload=json_roundtrip", "rounds=%d" % rounds, "chars=%d" % size, "crc=%08x" % crc)
