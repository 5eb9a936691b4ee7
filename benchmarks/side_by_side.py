"""Writes the side-by-side table (antelopekit's JMH results against the reference's) into
docs/performance.md, between <!-- side-by-side:start --> and <!-- side-by-side:end -->.

    side_by_side.py --jmh ours.json [--jmh more.json] --reference reference.jsonl --doc docs/performance.md
                    [--seconds 5] [--load-before "$(uptime)"] [--load-after "$(uptime)"]
"""
import argparse
import datetime
import json
import os
import re

B = "io.antelopekit.benchmarks."

# (reference case, JMH benchmark, JMH params that must match, what, the target ratio or None, kind)
# kind: "op" (µs per operation, one thread), "tx" (transactions per second), "blocks" (blocks per second)
CASES = [
    ("encode", B + "AbiBenchmark.encodeRecord", {}, "encode a transfer action's data", 20, "op"),
    ("packAndId", B + "TransactionBenchmark.packAndId", {}, "pack a transaction + its id", 10, "op"),
    ("k1Sign", B + "SignatureBenchmark.k1CanonicalSign", {}, "K1 canonical signature", 15, "op"),
    ("transact", B + "SessionTransactBenchmark.transact", {"broadcast": "false", "concurrency": "1"},
     "`Session.transact`, private-key wallet, no broadcast", 30, "op"),
    ("transactBroadcast1", B + "SessionTransactBenchmark.transact", {"broadcast": "true", "concurrency": "1"},
     "`Session.transact` with broadcast, one at a time", None, "tx"),
    ("transactBroadcast64", B + "SessionTransactBenchmark.transact", {"broadcast": "true", "concurrency": "64"},
     "`Session.transact` with broadcast, 64 in flight", 5, "tx"),
    ("blocks", B + "BlockReadBenchmark.readBlocks", {}, "read and decode blocks of token transfers", 5, "blocks"),
]

# K1 signing against libsecp256k1's own sign in the same JVM (K1SigningBenchmark): the floor.
K1_NATIVE = B + "K1SigningBenchmark.k1SignNative"
K1_JAVA = B + "K1SigningBenchmark.k1SignJava"
K1_FLOOR = B + "K1SigningBenchmark.libsecp256k1Sign"
K1_FLOOR_TARGET = 2.5


def ops_per_second(score, unit):
    per = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}
    if unit in per:
        return score * per[unit]
    times = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
    if unit in times:
        return 1.0 / (score * times[unit])
    raise ValueError("unknown JMH unit " + unit)


def micros(ops):
    return 1e6 / ops if ops > 0 else float("inf")


def load_of(uptime):
    """The 1-minute load average of an `uptime` line."""
    m = re.search(r"load average:\s*([\d.]+)", uptime or "")
    return float(m.group(1)) if m else None


def read_ours(paths):
    """(benchmark, params, operations per second) of each JMH result; blocks per second for BlockReadBenchmark."""
    rows = []
    for path in paths:
        for row in json.load(open(path)):
            params = row.get("params", {})
            ops = ops_per_second(row["primaryMetric"]["score"], row["primaryMetric"]["scoreUnit"])
            if row["benchmark"].endswith("BlockReadBenchmark.readBlocks"):
                ops *= int(params["until"]) - int(params["from"]) + 1
            rows.append((row["benchmark"], params, ops))
    return rows


def find(rows, bench, params):
    for b, p, ops in rows:
        if b == bench and all(p.get(k) == v for k, v in params.items()):
            return ops
    return None


def fmt(ops, kind):
    if ops is None:
        return "n/a"
    if kind == "op":
        return f"{micros(ops):,.2f} µs"
    unit = "tx/s" if kind == "tx" else "blocks/s"
    return f"{ops:,.0f} {unit}"


def floor_lines(rows):
    native, java, floor = find(rows, K1_NATIVE, {}), find(rows, K1_JAVA, {}), find(rows, K1_FLOOR, {})
    if native is None or floor is None:
        return []
    ratio = floor / native
    out = [
        "",
        "K1 canonical signature against libsecp256k1's own `sign` (its own nonce, no canonical loop) "
        "on the same key and digests, in the same run (`K1SigningBenchmark`):",
        "",
        "| case | µs per signature | ratio to libsecp256k1 `sign` |",
        "| --- | ---: | ---: |",
        f"| ours, R = k·G on libsecp256k1 | {micros(native):.2f} µs | {ratio:.2f}x "
        f"(target at most {K1_FLOOR_TARGET}x: {'met' if ratio <= K1_FLOOR_TARGET else 'not met'}) |",
    ]
    if java is not None:
        out.append(f"| ours, `-Dantelopekit.crypto.native=false` (Bouncy Castle) | {micros(java):.2f} µs | "
                   f"{floor / java:.2f}x |")
    out.append(f"| libsecp256k1 `sign` | {micros(floor):.2f} µs | 1 |")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", action="append", required=True)
    ap.add_argument("--reference", required=True)
    ap.add_argument("--doc", required=True)
    ap.add_argument("--seconds", default="5")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    args = ap.parse_args()

    ours = read_ours(args.jmh)
    theirs = {}
    blocks_info = None
    for line in open(args.reference):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            theirs[r["case"]] = r["opsPerSecond"]
            if r["case"] == "blocks":
                blocks_info = r
    before, after = load_of(args.load_before), load_of(args.load_after)
    if after is None:
        after = os.getloadavg()[0]
    java = os.popen("java -version 2>&1").read().splitlines()[0].split()[2].strip(chr(34))
    node = os.popen("node --version").read().strip()
    command = "bash benchmarks/side-by-side.sh" + ("" if args.seconds == "5" else f" {args.seconds}")
    load = (f"1-minute load average {before:.1f} before, {after:.1f} after" if before is not None
            else f"1-minute load average {after:.1f} at the end")
    lines = [
        "<!-- side-by-side:start -->",
        f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} in one run of `{command}` "
        f"on this machine (2 cores; {load}; Java {java}, Node.js {node}), both sides against one "
        "devnet (`DevnetMain`, 20 ms blocks) on 127.0.0.1. The ratio is how many times faster ours is.",
        "",
        "| case | antelopekit | reference (WharfKit) | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for case, bench, params, what, target, kind in CASES:
        a = find(ours, bench, params)
        b = theirs.get(case)
        if case == "blocks" and blocks_info is not None:
            n = int(blocks_info["until"]) - int(blocks_info["from"]) + 1
            what += f" ({n:,} blocks, {round(blocks_info['actionsPerPass']):,} transfers)"
        goal = "—" if target is None else f"{target}x"
        if a is None or b is None:
            lines.append(f"| {what} | {fmt(a, kind)} | {fmt(b, kind)} | n/a | {goal} | "
                         f"{'—' if target is None else 'no'} |")
            continue
        ratio = a / b
        met = "—" if target is None else ("yes" if ratio >= target else "no")
        lines.append(f"| {what} | {fmt(a, kind)} | {fmt(b, kind)} | {ratio:.1f}x | {goal} | {met} |")
    lines += floor_lines(ours)
    lines.append("<!-- side-by-side:end -->")
    table = "\n".join(lines)
    doc = open(args.doc).read()
    start, end = "<!-- side-by-side:start -->", "<!-- side-by-side:end -->"
    if start in doc and end in doc:
        doc = doc[:doc.index(start)] + table + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n## Side by side with the reference (WharfKit)\n\n" + table + "\n"
    open(args.doc, "w").write(doc)
    print(table)


if __name__ == "__main__":
    main()
