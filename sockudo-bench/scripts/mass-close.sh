#!/usr/bin/env bash
# Mass close: CONNECTIONS subscribed clients send their close frames at the same moment. Reports
# how long the server takes to answer them all, and the round trip of a probe client's WebSocket
# pings meanwhile (every 2 ms): how long the server's I/O threads were unavailable to everyone
# else. Our server, then the bare Undertow baseline, same clients.
#
#   sockudo-bench/scripts/mass-close.sh
#   CONNECTIONS=2000 sockudo-bench/scripts/mass-close.sh
#
# CONNECTIONS   clients closing at once                default 10000
# CHANNELS      channels they are subscribed to        default 100
# SOURCES       source addresses 127.0.0.2..           default 8
source "$(dirname "$0")/lib.sh"

CONNECTIONS=${CONNECTIONS:-10000}
CHANNELS=${CHANNELS:-100}
SOURCES=${SOURCES:-8}

build_if_needed
machine

start_sockudo mass-close
gen --mode mass-close --server-pid "$SERVER_PID" --metrics-port "$METRICS_PORT" --port "$SERVER_PORT" \
    --connections "$CONNECTIONS" --channels "$CHANNELS" --sources "$SOURCES" --max-pending 1000 \
    --connect-timeout 120 --max-seconds 300 --label sockudo
stop_server
start_baseline mass-close-baseline
gen --mode mass-close --server baseline --server-pid "$SERVER_PID" --port "$SERVER_PORT" \
    --connections "$CONNECTIONS" --sources "$SOURCES" --max-pending 1000 --connect-timeout 120 --max-seconds 300 \
    --label baseline
stop_server

echo "## Mass close: $CONNECTIONS clients close at once"
echo
table mass-close . label connections closed all_closed_s closes_per_s probe_rtt_p99_before_ms probe_rtt_p99_during_ms \
    probe_rtt_max_during_ms server_cpu_ms server_connections_after
echo
echo "The probe pings every 2 ms; a ping still unanswered when the next is due counts with its wait so far."
