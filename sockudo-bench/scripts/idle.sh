#!/usr/bin/env bash
# Scenario 1, idle capacity: CONNECTIONS subscribed connections on one server node. Reports
# failures, connects/s, and server memory per connection (RSS and heap after a full GC, minus
# the same with no connections), once per garbage collector in GCS.
#
#   sockudo-bench/scripts/idle.sh                         # 19,000 connections, serial and G1
#   CONNECTIONS=500 GCS=serial sockudo-bench/scripts/idle.sh
#
# CONNECTIONS   subscribed connections (one generator process; at most ~19,800 under a
#               20,000 open-files limit)                                    default 19000
# CHANNELS      channels they spread over                                   default 100
# SOURCES       source addresses 127.0.0.2.. (about 28K ports each; a sparse port
#               space keeps the kernel's port choice quick while the last run's
#               sockets are still in TIME_WAIT)                              default 8
# CONNECT_RATE  connection attempts per second, 0 for unpaced               default 0
# MAX_PENDING   connections opening at once                                 default 1000
# HOLD_SECONDS  how long they are held before memory is read                default 10
# WARMUP_CONNECTIONS opened and closed before the memory baseline, so that it
#               already includes classes loaded and code compiled               default 2000
# GCS           collectors to measure: serial g1 parallel                   default "serial g1"
# BASELINE=1    also measure the bare Undertow baseline (memory per socket)
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${CONNECTIONS:-19000}
CHANNELS=${CHANNELS:-100}
SOURCES=${SOURCES:-8}
CONNECT_RATE=${CONNECT_RATE:-0}
MAX_PENDING=${MAX_PENDING:-1000}
HOLD_SECONDS=${HOLD_SECONDS:-10}
WARMUP_CONNECTIONS=${WARMUP_CONNECTIONS:-2000}
GCS=${GCS:-serial g1}
SERVER_HEAP=${SERVER_HEAP:-512m}

build_if_needed
machine

for gc in $GCS; do
    SERVER_GC=$gc
    start_sockudo "idle-$gc"
    gen --mode idle --server-pid "$SERVER_PID" --metrics-port "$METRICS_PORT" --port "$SERVER_PORT" \
        --connections "$CONNECTIONS" --channels "$CHANNELS" --sources "$SOURCES" \
        --connect-rate "$CONNECT_RATE" --max-pending "$MAX_PENDING" --connect-timeout 120 \
        --hold-seconds "$HOLD_SECONDS" --warmup-connections "$WARMUP_CONNECTIONS" --max-seconds 300 --label "sockudo-$gc"
    stop_server
    if [[ ${BASELINE:-0} == 1 ]]; then
        start_baseline "idle-baseline-$gc"
        gen --mode idle --server baseline --server-pid "$SERVER_PID" --port "$SERVER_PORT" \
            --connections "$CONNECTIONS" --sources "$SOURCES" --connect-rate "$CONNECT_RATE" \
            --max-pending "$MAX_PENDING" --connect-timeout 120 --hold-seconds "$HOLD_SECONDS" --max-seconds 300 \
            --warmup-connections "$WARMUP_CONNECTIONS" \
            --label "baseline-$gc"
        stop_server
    fi
done

echo "## Idle capacity: $CONNECTIONS subscribed connections over $CHANNELS channels, one node"
echo
table idle . label connected failed connects_per_s connect_p99_ms rss_before_mb rss_after_mb rss_per_conn_kb \
    heap_before_mb heap_after_mb heap_per_conn_kb lost
echo
echo "Goal: 0 failures and at most 8 KB of server memory (RSS) per connection."
