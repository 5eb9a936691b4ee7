#!/usr/bin/env python3
"""Compares the reads that ContractCompare (antelopekit) and node/contract.mjs (WharfKit's
ContractKit) printed for benchmarks/contract-cases.json: the same cases, the same rows in the same
order, the same values. Numbers are compared as numbers whether a side wrote them as JSON numbers
or as text (WharfKit writes 64-bit and 128-bit integers as text); everything else exactly.
Exits 1 on the first difference of each case, with its path."""
import json
import sys
from decimal import Decimal, InvalidOperation


def number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    if isinstance(v, str):
        try:
            return Decimal(v)
        except InvalidOperation:
            return None
    return None


def diff(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            return f"{path}: fields {list(a.keys())} != {list(b.keys())}"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if a == b:
        return None
    na, nb = number(a), number(b)
    if na is not None and nb is not None and na == nb:
        return None
    return f"{path}: {json.dumps(a)} != {json.dumps(b)}"


def read(path):
    out = {}
    for line in open(path):
        if line.strip():
            o = json.loads(line)
            out[o["case"]] = o["rows"]
    return out


def main():
    ours, ref = read(sys.argv[1]), read(sys.argv[2])
    problems = []
    if list(ours) != list(ref):
        problems.append(f"cases differ: {list(ours)} != {list(ref)}")
    rows = 0
    for case in ours:
        if case in ref:
            d = diff(ours[case], ref[case], case)
            if d:
                problems.append(d)
            rows += len(ours[case])
    for p in problems:
        print("DIFFERENT " + p)
    if problems:
        sys.exit(1)
    print(f"same: {len(ours)} reads, {rows} rows, every value equal")


if __name__ == "__main__":
    main()
