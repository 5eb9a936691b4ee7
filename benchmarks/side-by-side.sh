#!/usr/bin/env bash
# antelopekit and the reference implementation (WharfKit) on the same cases, in one run on this
# machine, with the ratios written to docs/performance.md (between the side-by-side markers).
#
#   bash benchmarks/side-by-side.sh [seconds per measurement, default 5]
#
# Needs Java 17+, Maven, Node.js 18+ and npm (the reference's packages come from the npm registry,
# pinned in benchmarks/node/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-5}
OUT=benchmarks/target/side-by-side
mkdir -p "$OUT"

mvn -B -q install -DskipTests
mvn -B -q -f benchmarks/pom.xml package -DskipTests
(cd benchmarks/node && npm ci --no-audit --no-fund --silent)

# the reference's Session.transact fetches the chain's head and the token ABI: an embedded devnet
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -cp benchmarks/target/benchmarks.jar io.antelopekit.devnet.DevnetMain --port "$PORT" > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -X POST "http://127.0.0.1:$PORT/v1/chain/get_info" >/dev/null 2>&1 && break
  sleep 1
done

echo "reference (WharfKit) ..."
node benchmarks/node/bench.mjs --url "http://127.0.0.1:$PORT" --seconds "$SECONDS_PER" --warmup 5 \
  | tee "$OUT/reference.jsonl"
kill $DEVNET 2>/dev/null || true

echo "antelopekit (JMH) ..."
java -jar benchmarks/target/benchmarks.jar \
  'AbiBenchmark.encodeRecord$' 'TransactionBenchmark.packAndId$' 'SignatureBenchmark.k1CanonicalSign$' \
  'SessionTransactBenchmark.transact$' 'K1SigningBenchmark' -p concurrency=1 -p broadcast=false \
  -f 1 -wi 2 -w 5 -i 3 -r "$SECONDS_PER" -rf json -rff "$OUT/antelopekit.json" | tail -12

python3 benchmarks/side_by_side.py "$OUT/antelopekit.json" "$OUT/reference.jsonl" docs/performance.md
