#!/usr/bin/env bash
# Delta compression on a ticker stream: SYMBOLS symbols on one channel, small changing fields,
# conflation by symbol (delta_compression.conflation_key_path = "sym"), fossil.
#   (a) bandwidth: half the subscribers with delta, half without, same messages: wire bytes per
#       delivered message for each, and their ratio;
#   (b) CPU: SUBSCRIBERS delta subscribers, then SUBSCRIBERS plain ones, at each rate in RATES:
#       deliveries/s and server CPU per delivery.
# Clients do not decode deltas (correctness is tested elsewhere); they count frames and bytes.
#
#   sockudo-bench/scripts/delta.sh
#   SUBSCRIBERS=200 RATES=20,50 STEP_SECONDS=3 sockudo-bench/scripts/delta.sh
#
# SUBSCRIBERS   subscribers of the ticker channel       default 1000
# SYMBOLS       distinct symbols on the channel          default 20
# PAYLOAD       bytes of event data                      default 400
# BANDWIDTH_RATE publishes/s for (a)                     default 50
# BANDWIDTH_SECONDS length of (a): long enough for every symbol's chain to pass several full
#               frames (one per 10 deltas by default)    default 20
# RATES         publishes/s for (b), one step each       default 10,20,40,60,80
# STEP_SECONDS  length of each step                      default 10
# DELTA_ALGORITHM      fossil or xdelta3                 default fossil
# FULL_MESSAGE_INTERVAL consecutive deltas before a full frame   default 10
# OMIT_DELTA_ALGORITHM leave "algorithm" out of delta frames     default false
source "$(dirname "$0")/lib.sh"

SUBSCRIBERS=${SUBSCRIBERS:-1000}
SYMBOLS=${SYMBOLS:-20}
PAYLOAD=${PAYLOAD:-400}
BANDWIDTH_RATE=${BANDWIDTH_RATE:-50}
BANDWIDTH_SECONDS=${BANDWIDTH_SECONDS:-20}
RATES=${RATES:-10,20,40,60,80}
STEP_SECONDS=${STEP_SECONDS:-10}

build_if_needed
machine

common=(--connections "$SUBSCRIBERS" --channels 1 --symbols "$SYMBOLS" --payload-bytes "$PAYLOAD" --sources 1
        --max-pending 1000 --drain-seconds 5 --max-seconds 300)

start_sockudo delta sym
gen --mode fanout --port "$SERVER_PORT" --server-pid "$SERVER_PID" "${common[@]}" --channel-prefix ticker-mixed \
    --delta-fraction 0.5 --rates "$BANDWIDTH_RATE" --step-seconds "$BANDWIDTH_SECONDS" --warmup-seconds 5 --label mixed
gen --mode fanout --port "$SERVER_PORT" --server-pid "$SERVER_PID" "${common[@]}" --channel-prefix ticker-delta \
    --delta-fraction 1 --rates "$RATES" --step-seconds "$STEP_SECONDS" --warmup-seconds 5 --label delta
gen --mode fanout --port "$SERVER_PORT" --server-pid "$SERVER_PID" "${common[@]}" --channel-prefix ticker-plain \
    --delta-fraction 0 --rates "$RATES" --step-seconds "$STEP_SECONDS" --warmup-seconds 5 --label plain
stop_server

echo "## Delta compression: ticker stream of $SYMBOLS symbols, $PAYLOAD-byte events, conflation by sym, ${DELTA_ALGORITHM:-fossil}, full frame after ${FULL_MESSAGE_INTERVAL:-10} deltas, omit_delta_algorithm ${OMIT_DELTA_ALGORITHM:-false}"
echo
echo "(a) Bandwidth, half the subscribers with delta, $BANDWIDTH_RATE publishes/s for ${BANDWIDTH_SECONDS}s:"
echo
table fanout '^mixed$' rate plain_deliveries plain_bytes_per_delivery delta_deliveries delta_frames delta_bytes_per_delivery \
    delta_bytes_ratio
echo
echo "(b) CPU, $SUBSCRIBERS subscribers all with delta, then all without:"
echo
table fanout '^(delta|plain)$' label rate offered_per_s deliveries_per_s received_ratio latency_p99_ms server_cpu_pct \
    server_cpu_us_per_delivery wire_bytes_per_delivery
echo
echo "Goal: delta wire bytes at most 20% of plain."
