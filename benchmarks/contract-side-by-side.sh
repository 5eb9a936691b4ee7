#!/usr/bin/env bash
# antelopekit's Contract Kit and WharfKit's ContractKit (@wharfkit/contract 1.2.1) on one embedded
# devnet, in one run on this machine:
#   1. the same reads (benchmarks/contract-cases.json: every row, rows by each secondary index
#      with bounds and reverse, single rows, a read-only action, token balances, the scopes) give
#      the same rows with the same decoded values: ContractCompare (the classes generated from the
#      devnet's ABIs) against node/contract.mjs, compared by contract_compare.py; a difference fails;
#   2. decoding the same 10,000 binary rows of the items table into records: ContractRowsBenchmark
#      (JMH: generated records, JsonNode, ABI to a record) against WharfKit's Serializer.decode,
#      reported as rows per second and ratios.
#
#   bash benchmarks/contract-side-by-side.sh [seconds per measurement, default 5]
#
# Needs Java 17+, Maven, Node.js 18+ and npm (the reference's packages come from the npm registry,
# pinned in benchmarks/node/package-lock.json). MVN_ARGS is added to every mvn command.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-5}
OUT=benchmarks/target/contract-side-by-side
read -r -a MVN_EXTRA <<< "${MVN_ARGS:-}"
mkdir -p "$OUT"

mvn -B -q "${MVN_EXTRA[@]}" install -DskipTests
mvn -B -q "${MVN_EXTRA[@]}" -f benchmarks/pom.xml package -DskipTests
(cd benchmarks/node && npm ci --no-audit --no-fund --silent)
JAR=benchmarks/target/benchmarks.jar
ITEMS=$(python3 -c 'import json; print(json.load(open("benchmarks/contract-cases.json"))["items"])')

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
java -cp "$JAR" io.antelopekit.devnet.DevnetMain --port "$PORT" --block-ms 100 > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -X POST "$URL/v1/chain/get_info" >/dev/null 2>&1 && break
  sleep 1
done

echo "storing $ITEMS items in kittest ..."
java -cp "$JAR" io.antelopekit.benchmarks.FillItems --url "$URL" --scope bench --items "$ITEMS"

echo "the same reads through both kits ..."
java -cp "$JAR" io.antelopekit.benchmarks.ContractCompare --url "$URL" --cases benchmarks/contract-cases.json \
  > "$OUT/antelopekit.jsonl"
node benchmarks/node/contract.mjs --url "$URL" --cases benchmarks/contract-cases.json > "$OUT/reference.jsonl"
kill $DEVNET 2>/dev/null || true
python3 benchmarks/contract_compare.py "$OUT/antelopekit.jsonl" "$OUT/reference.jsonl"

echo "decoding $ITEMS rows ..."
java -cp "$JAR" io.antelopekit.benchmarks.KittestRows "$OUT/rows.txt" "$ITEMS"
LOAD_BEFORE=$(uptime)
node benchmarks/node/contract.mjs --rows "$OUT/rows.txt" \
  --abi src/devnet/src/main/resources/io/antelopekit/devnet/kittest.abi.json \
  --seconds "$SECONDS_PER" --warmup 5 | tee "$OUT/reference-decode.jsonl"
java -jar "$JAR" 'ContractRowsBenchmark' -f 1 -wi 3 -w 5 -i 3 -r "$SECONDS_PER" \
  -rf json -rff "$OUT/antelopekit-decode.json" | tail -5
LOAD_AFTER=$(uptime)
python3 - "$OUT/antelopekit-decode.json" "$OUT/reference-decode.jsonl" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"]["score"] for r in json.load(open(sys.argv[1]))}
ref = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])["rowsPerSecond"]
print(f"load before: {sys.argv[3].strip()}\nload after:  {sys.argv[4].strip()}")
print(f"{'decoding 10,000 kittest rows':40} {'rows/s':>12} {'vs WharfKit':>12}")
print(f"{'WharfKit Serializer.decode':40} {ref:12,.0f} {1.0:11.2f}x")
for name in ("generatedRecords", "jsonNode", "abiToRecord"):
    if name in jmh:
        print(f"{'antelopekit ' + name:40} {jmh[name]:12,.0f} {jmh[name] / ref:11.2f}x")
PY
