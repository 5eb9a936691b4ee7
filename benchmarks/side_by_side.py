"""Writes the side-by-side table (antelopekit's JMH results against the reference's) into
docs/performance.md, between <!-- side-by-side:start --> and <!-- side-by-side:end -->."""
import datetime
import json
import os
import sys

CASES = [
    # (case, JMH benchmark, what, the target ratio)
    ("encode", "io.antelopekit.benchmarks.AbiBenchmark.encodeRecord", "encode a transfer action's data", 20),
    ("packAndId", "io.antelopekit.benchmarks.TransactionBenchmark.packAndId", "pack a transaction + its id", 10),
    ("k1Sign", "io.antelopekit.benchmarks.SignatureBenchmark.k1CanonicalSign", "K1 canonical signature", 5),
    ("transact", "io.antelopekit.benchmarks.SessionTransactBenchmark.transact",
     "`Session.transact`, private-key wallet, no broadcast", 8),
]


def ops_per_second(score, unit):
    per = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}
    if unit in per:
        return score * per[unit]
    times = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
    if unit in times:
        return 1.0 / (score * times[unit])
    raise ValueError("unknown JMH unit " + unit)


def micros(ops_per_second):
    return 1e6 / ops_per_second if ops_per_second > 0 else float("inf")


# K1 signing against libsecp256k1's own sign in the same JVM (K1SigningBenchmark): the floor.
K1_NATIVE = "io.antelopekit.benchmarks.K1SigningBenchmark.k1SignNative"
K1_JAVA = "io.antelopekit.benchmarks.K1SigningBenchmark.k1SignJava"
K1_FLOOR = "io.antelopekit.benchmarks.K1SigningBenchmark.libsecp256k1Sign"
K1_FLOOR_TARGET = 2.5


def floor_lines(ours):
    native, java, floor = ours.get(K1_NATIVE), ours.get(K1_JAVA), ours.get(K1_FLOOR)
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
        f"(target {K1_FLOOR_TARGET}x: {'met' if ratio <= K1_FLOOR_TARGET else 'not met'}) |",
    ]
    if java is not None:
        out.append(f"| ours, `-Dantelopekit.crypto.native=false` (Bouncy Castle) | {micros(java):.2f} µs | "
                   f"{floor / java:.2f}x |")
    out.append(f"| libsecp256k1 `sign` | {micros(floor):.2f} µs | 1 |")
    return out


def main(jmh_path, reference_path, doc_path):
    ours = {}
    for row in json.load(open(jmh_path)):
        ours[row["benchmark"]] = ops_per_second(row["primaryMetric"]["score"], row["primaryMetric"]["scoreUnit"])
    theirs = {}
    for line in open(reference_path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            theirs[r["case"]] = r["opsPerSecond"]
    load = os.getloadavg()[0]
    lines = [
        "<!-- side-by-side:start -->",
        f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on this machine in one run of "
        f"`bash benchmarks/side-by-side.sh` (load average {load:.1f} at the end; Java "
        f"{os.popen('java -version 2>&1').read().splitlines()[0].split()[2].strip(chr(34))}, "
        f"Node.js {os.popen('node --version').read().strip()}). Per operation on one thread:",
        "",
        "| case | antelopekit | reference (WharfKit) | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for case, bench, what, target in CASES:
        a = ours.get(bench)
        b = theirs.get(case)
        if a is None or b is None:
            lines.append(f"| {what} | {'n/a' if a is None else f'{micros(a):.2f} µs'} | "
                         f"{'n/a' if b is None else f'{micros(b):.2f} µs'} | n/a | {target}x | no |")
            continue
        ratio = a / b
        lines.append(f"| {what} | {micros(a):.2f} µs | {micros(b):.2f} µs | {ratio:.1f}x | {target}x | "
                     f"{'yes' if ratio >= target else 'no'} |")
    lines += floor_lines(ours)
    lines.append("<!-- side-by-side:end -->")
    table = "\n".join(lines)
    doc = open(doc_path).read()
    start, end = "<!-- side-by-side:start -->", "<!-- side-by-side:end -->"
    if start in doc and end in doc:
        doc = doc[:doc.index(start)] + table + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n## Side by side with the reference (WharfKit)\n\n" + table + "\n"
    open(doc_path, "w").write(doc)
    print(table)


if __name__ == "__main__":
    main(*sys.argv[1:4])
