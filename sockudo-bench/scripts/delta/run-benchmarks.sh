#!/usr/bin/env bash
# The delta codec benchmarks and their references, in one run on one machine:
#   1. writes the corpus (the pairs the JMH benchmarks use) for the other implementations;
#   2. JMH: DeltaCodecBenchmark (encode, decode, encode with fresh scratch; -prof gc);
#   3. npm fossil-delta in node, and the xdelta3 C library, in-process on the same pairs;
#   4. prints the Markdown tables of docs/benchmarks.md (also saved as RUN_DIR/report.md).
#
#   usage: run-benchmarks.sh [RUN_DIR]      (default sockudo-bench/target/delta-bench)
#   env:   JMH_OPTS   extra JMH options, e.g. "-wi 1 -i 2" for a quick look
#          REF_MS     milliseconds per reference measurement phase (default 5000)
#
# Needs Java 17, Maven, node with `npm ci --prefix tests/node` done, a C compiler and curl (the
# xdelta3 reference is built from its source, see xdelta3-inprocess.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
RUN=${1:-$ROOT/sockudo-bench/target/delta-bench}
JAR=$ROOT/sockudo-bench/target/benchmarks.jar
mkdir -p "$RUN"

if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && mvn -B -q -pl sockudo-delta,sockudo-bench -am package -DskipTests)
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) CPUs)"
  echo "os: $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version)"
  echo "cc: $(${CC:-cc} --version | head -1)"
} | tee "$RUN/machine.txt"

java -cp "$JAR" io.sockudo.bench.delta.DeltaCorpusWriter "$RUN" > "$RUN/corpus.jsonl"

# shellcheck disable=SC2086
java -jar "$JAR" 'io.sockudo.bench.delta.DeltaCodecBenchmark' -prof gc -rf json -rff "$RUN/jmh.json" ${JMH_OPTS:-} \
  | tee "$RUN/jmh.txt"

: > "$RUN/references.jsonl"
for f in pairs-small.bin pairs-medium.bin pairs-large.bin; do
  for line in "$(node "$HERE/fossil-delta-node.mjs" "$RUN/$f" "${REF_MS:-5000}")" \
              "$("$HERE/xdelta3-inprocess.sh" "$RUN/$f" "${REF_MS:-5000}")"; do
    echo "{\"file\":\"$f\",${line#\{}" | tee -a "$RUN/references.jsonl"
  done
done

node "$HERE/report.mjs" "$RUN" | tee "$RUN/report.md"
