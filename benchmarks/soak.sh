#!/usr/bin/env bash
# The load and soak run (io.antelopekit.benchmarks.Soak): a bot sends token transfers at a set rate
# through Session.transactAll to an embedded devnet serving one chain on two endpoints, while
# endpoint 0 is stopped (at 1/3 of the run) and started again (at 2/3); a head BlockStream times
# each action to IN_BLOCK, an irreversible BlockStream checks that every action landed exactly once.
# Writes the figures into docs/performance.md (between the soak markers) unless --no-docs.
#
#   bash benchmarks/soak.sh [seconds, default 60] [actions per second, default 1000] [--no-docs] [--no-build]
#
# --no-docs   leave docs/performance.md alone (CI)
# --no-build  use the jars already built (mvn install of the SDK, then the benchmarks package)
# Exit status: Soak's (0 pass, 1 a check failed: duplicates, missing, failed actions, a stream or
# transactAll that stopped or hung), or the build's. Output: benchmarks/target/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS=1
BUILD=1
POSITIONAL=()
for arg in "$@"; do
  case "$arg" in
    --no-docs) DOCS=0 ;;
    --no-build) BUILD=0 ;;
    -*) echo "soak.sh: unknown option $arg" >&2; exit 2 ;;
    *) POSITIONAL+=("$arg") ;;
  esac
done
SECONDS_RUN=${POSITIONAL[0]:-60}
RATE=${POSITIONAL[1]:-1000}
OUT=benchmarks/target/soak

if [ "$BUILD" = 1 ]; then
  mvn -B -q install -DskipTests
  mvn -B -q -f benchmarks/pom.xml package -DskipTests
fi
mkdir -p "$OUT"

ARGS=(--duration "${SECONDS_RUN}s" --rate "$RATE" --json "$OUT/soak.json"
      --command "bash benchmarks/soak.sh $SECONDS_RUN $RATE")
if [ "$DOCS" = 1 ]; then
  ARGS+=(--markdown docs/performance.md)
fi

START=$(date +%s)
set +e
java -Xmx1g -cp benchmarks/target/benchmarks.jar io.antelopekit.benchmarks.Soak "${ARGS[@]}" > "$OUT/soak.log" 2>&1
RC=$?
set -e
# the stopped endpoint resets connections: Reactor Netty logs a warning (and an exception line)
# for each; they stay in the log, the rest is shown
grep -v -e '^\[ WARN\] (reactor-http' -e '^io\.netty\.channel\.unix\.Errors\$NativeIoException' \
  -e '^reactor\.netty\.http\.client\.PrematureCloseException' "$OUT/soak.log" || true
echo "soak.sh: $(grep -c '^\[ WARN\] (reactor-http' "$OUT/soak.log" || true) Reactor Netty connection warnings" \
  "in $OUT/soak.log; exit $RC after $(( $(date +%s) - START )) s"
exit $RC
