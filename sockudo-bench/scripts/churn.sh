#!/usr/bin/env bash
# Scenario 4, churn: USERS virtual users connect, subscribe and leave in a loop for SECONDS,
# a share of them with a reset instead of a close handshake. Reports connects/s, and whether
# the server is back where it started afterwards: connections (metrics), occupied channels
# (HTTP API), the process's sockets and the port's TCP states.
#
#   sockudo-bench/scripts/churn.sh
#   USERS=50 CHURN_SECONDS=5 sockudo-bench/scripts/churn.sh
#
# USERS         virtual users cycling at once                  default 200
# CHURN_SECONDS how long they cycle                            default 30
# CHANNELS      channels they join                             default 100
# CHANNEL_TYPE  public | private | presence                    default private
# ABRUPT        share of cycles ending with a reset            default 0.5
# SOURCES       source addresses (spreads TIME_WAIT)           default 8
# WARMUP        seconds of unreported churn first (JIT)        default 5
source "$(dirname "$0")/lib.sh"

USERS=${USERS:-200}
CHURN_SECONDS=${CHURN_SECONDS:-30}
CHANNELS=${CHANNELS:-100}
CHANNEL_TYPE=${CHANNEL_TYPE:-private}
ABRUPT=${ABRUPT:-0.5}
SOURCES=${SOURCES:-8}
WARMUP=${WARMUP:-5}
PRESENCE_MAX=${PRESENCE_MAX:-$USERS}

build_if_needed
machine

start_sockudo churn
if ((WARMUP > 0)); then
    gen --mode churn --port "$SERVER_PORT" --users "$USERS" --churn-seconds "$WARMUP" --channels "$CHANNELS" \
        --channel-type "$CHANNEL_TYPE" --channel-prefix warmup --abrupt-fraction "$ABRUPT" --sources "$SOURCES" \
        --connect-timeout 30 --max-seconds $((WARMUP + 60)) --label warmup > /dev/null 2>&1
fi
gen --mode churn --port "$SERVER_PORT" --server-pid "$SERVER_PID" --metrics-port "$METRICS_PORT" --users "$USERS" \
    --churn-seconds "$CHURN_SECONDS" --channels "$CHANNELS" --channel-type "$CHANNEL_TYPE" --abrupt-fraction "$ABRUPT" \
    --sources "$SOURCES" --connect-timeout 30 --max-seconds $((CHURN_SECONDS + 120)) --label "sockudo-$CHANNEL_TYPE"
stop_server

echo "## Churn: $USERS users connecting, subscribing ($CHANNEL_TYPE, $CHANNELS channels) and leaving for ${CHURN_SECONDS}s, ${ABRUPT} of them abruptly"
echo
table churn '^sockudo' label cycles connects_per_s failed lost connect_p50_ms connect_p99_ms subscribe_p99_ms
echo
echo "Afterwards (all should be back to their values before the run; CLOSE_WAIT 0):"
echo
table churn '^sockudo' label server_connected_after channels_after server_sockets_before server_sockets_after leaked_sockets \
    port_established_before port_established_after port_close_wait_after
echo
echo "Goal: 0 leaked sockets or channel entries afterwards."
