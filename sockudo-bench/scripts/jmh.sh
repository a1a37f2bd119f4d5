#!/usr/bin/env bash
# The hot-path JMH benchmarks, pinned to one core: frame encode, client frame decode, signature
# checks, channel names, broadcast through the engine. Any JMH option can be added after the
# pattern, and PATTERN selects other benchmarks (e.g. PATTERN=TagFilter or PATTERN=delta).
#
#   sockudo-bench/scripts/jmh.sh
#   PATTERN=Broadcast sockudo-bench/scripts/jmh.sh -p subscribers=1000
#
# PATTERN     benchmarks to run (a JMH regular expression)   default the hot paths
# ITERATIONS  measurement iterations of 1 s                   default 5
source "$(dirname "$0")/lib.sh"

PATTERN=${PATTERN:-'io.sockudo.bench.(codec|auth|channel|broadcast)'}
ITERATIONS=${ITERATIONS:-5}

build_if_needed
machine
background taskset -c "$SERVER_CPUS" java -jar "$BENCH_JAR" "$PATTERN" -f 1 -wi 3 -w 1 -i "$ITERATIONS" -r 1 \
    -rf text -rff "$WORK/jmh.txt" "$@"
echo "## JMH: $PATTERN (one fork, 3 x 1 s warm-up, $ITERATIONS x 1 s measured, core $SERVER_CPUS)"
echo
echo '```'
cat "$WORK/jmh.txt"
echo '```'
