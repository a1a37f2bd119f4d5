#!/usr/bin/env bash
# The app-store and webhook-queue figures (docs/benchmarks.md, "Stores"): connect latency with a
# cold and a warm app cache per app-manager driver, HTTP API publish throughput of the MySQL and
# PostgreSQL app managers against the memory one, and webhook throughput through the memory and
# Redis queues. io.sockudo.bench.stores.StoresBench starts MariaDB, PostgreSQL, dynalite and
# redis-server itself, in temporary directories on free loopback ports (it runs on the client
# core(s), and so do they), starts one server jar per driver on the server core(s), and stops
# everything when it ends. StoresBench options can be added after the command; each run refuses
# options it does not read, so give them with one run in RUNS.
#
#   sockudo-bench/scripts/stores.sh                   # connect, publish, webhooks
#   RUNS=publish sockudo-bench/scripts/stores.sh --rounds 9
#
# RUNS   which runs, comma-separated: connect, publish, webhooks      default all three
source "$(dirname "$0")/lib.sh"

RUNS=${RUNS:-connect,publish,webhooks}

build_if_needed
if [[ $RUNS == *connect* && ! -x $ROOT/tests/node/node_modules/.bin/dynalite ]]; then
    log "installing the Node test tools (dynalite)"
    npm ci --prefix "$ROOT/tests/node" >&2
fi
machine
for run in ${RUNS//,/ }; do
    log "run: $run"
    # shellcheck disable=SC2086
    (cd "$ROOT" && exec taskset -c "$CLIENT_CPUS" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.sockudo.bench.stores.StoresBench \
        --run "$run" --server-jar "$SERVER_JAR" --server-cpus "$SERVER_CPUS" --server-jvm "$(server_jvm_flags)" "$@") \
        > "$WORK/$run.md" &
    pid=$!
    STARTED_PIDS+=("$pid")
    wait "$pid"
    echo "## $run"
    echo
    cat "$WORK/$run.md"
    echo
done
