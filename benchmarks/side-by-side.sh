#!/usr/bin/env bash
# antelopekit and the reference implementation (WharfKit) on the same cases, in one run on this
# machine, against one embedded devnet, with the ratios written to docs/performance.md (between
# the side-by-side markers).
#
#   bash benchmarks/side-by-side.sh [seconds per measurement, default 5]
#
# Needs Java 17+, Maven, Node.js 18+ and npm (the reference's packages come from the npm registry,
# pinned in benchmarks/node/package-lock.json). MVN_ARGS is added to every mvn command (for
# example MVN_ARGS="-o -Dmaven.repo.local=/path/to/repo"); empty by default.
#
# The run: build; start a devnet (DevnetMain, 20 ms blocks, no empty blocks) on a free port of
# 127.0.0.1; fill 1,000 blocks with token transfers (FillBlocks); then the reference's cases
# (node benchmarks/node/bench.mjs) and ours (JMH), each against that devnet; then the table.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-5}
# the cases that go through the devnet (transact with broadcast, reading blocks) warm up longer, 40 s on
# both sides: on a busy 2-core machine the JIT takes tens of thousands of transactions to settle
NETWORK_WARMUP_ITERATIONS=8
OUT=benchmarks/target/side-by-side
read -r -a MVN_EXTRA <<< "${MVN_ARGS:-}"
mkdir -p "$OUT"

mvn -B -q "${MVN_EXTRA[@]}" install -DskipTests
mvn -B -q "${MVN_EXTRA[@]}" -f benchmarks/pom.xml package -DskipTests
(cd benchmarks/node && npm ci --no-audit --no-fund --silent)

LOAD_BEFORE=$(uptime)
echo "before: $LOAD_BEFORE"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
java -cp benchmarks/target/benchmarks.jar io.antelopekit.devnet.DevnetMain --port "$PORT" \
  --block-ms 20 --no-empty-blocks --history-blocks 200000 > "$OUT/devnet.log" 2>&1 &
DEVNET=$!
trap 'kill $DEVNET 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf -X POST "$URL/v1/chain/get_info" >/dev/null 2>&1 && break
  sleep 1
done

echo "filling the devnet with token transfers ..."
java -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.FillBlocks --url "$URL" --blocks 1000 \
  --out "$OUT/range.txt"
read -r FROM UNTIL < "$OUT/range.txt"

echo "reference (WharfKit) ..."
node benchmarks/node/bench.mjs --url "$URL" --seconds "$SECONDS_PER" --warmup 5 \
  --network-warmup $((NETWORK_WARMUP_ITERATIONS * 5)) --blocks "$FROM:$UNTIL" | tee "$OUT/reference.jsonl"

echo "antelopekit (JMH) ..."
java -jar benchmarks/target/benchmarks.jar \
  'AbiBenchmark.encodeRecord$' 'TransactionBenchmark.packAndId$' 'SignatureBenchmark.k1CanonicalSign$' \
  'SessionTransactBenchmark.transact$' 'K1SigningBenchmark' -p concurrency=1 -p broadcast=false -p url="$URL" \
  -f 1 -wi 2 -w 5 -i 3 -r "$SECONDS_PER" -rf json -rff "$OUT/antelopekit.json" | tee "$OUT/antelopekit.log" | tail -12
java -jar benchmarks/target/benchmarks.jar \
  'SessionTransactBenchmark.transact$' 'BlockReadBenchmark.readBlocks$' \
  -p concurrency=1,64 -p broadcast=true -p url="$URL" -p from="$FROM" -p until="$UNTIL" \
  -f 1 -wi "$NETWORK_WARMUP_ITERATIONS" -w 5 -i 3 -r "$SECONDS_PER" -rf json -rff "$OUT/antelopekit-network.json" \
  | tee "$OUT/antelopekit-network.log" | tail -6

kill $DEVNET 2>/dev/null || true
LOAD_AFTER=$(uptime)
echo "after: $LOAD_AFTER"

python3 benchmarks/side_by_side.py --jmh "$OUT/antelopekit.json" --jmh "$OUT/antelopekit-network.json" \
  --reference "$OUT/reference.jsonl" --doc docs/performance.md --seconds "$SECONDS_PER" \
  --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER"
