#!/usr/bin/env bash
# Scenario 5, presence: MEMBERS members join one presence channel at each rate in JOIN_RATES, then
# leave it at the same rate. Reports member events/s, their latency from the member's own
# subscribe (or unsubscribe), and whether every member ended up seeing all the others.
#
#   sockudo-bench/scripts/presence.sh
#   MEMBERS=200 JOIN_RATES=200 sockudo-bench/scripts/presence.sh
#
# MEMBERS     members of the channel                  default 1000
# JOIN_RATES  joins (and leaves) per second, one run each, on a fresh channel   default 200,1000
source "$(dirname "$0")/lib.sh"

MEMBERS=${MEMBERS:-1000}
JOIN_RATES=${JOIN_RATES:-200,1000}
PRESENCE_MAX=${PRESENCE_MAX:-$MEMBERS}

build_if_needed
machine

start_sockudo presence
# an unreported round first, so the measured ones run compiled code
gen --mode presence --port "$SERVER_PORT" --connections $((MEMBERS < 200 ? MEMBERS : 200)) --join-rate 500 \
    --channel-prefix warmup --max-pending 500 --connect-timeout 60 --drain-seconds 5 --max-seconds 120 --label warmup \
    > /dev/null 2>&1
for rate in ${JOIN_RATES//,/ }; do
    gen --mode presence --port "$SERVER_PORT" --server-pid "$SERVER_PID" --connections "$MEMBERS" --join-rate "$rate" \
        --channel-prefix "room-$rate" --max-pending 500 --connect-timeout 60 --drain-seconds 10 --max-seconds 240 \
        --label "sockudo-$rate"
done
stop_server

echo "## Presence: $MEMBERS members joining, then leaving, one presence channel"
echo
echo "Joining (every member must end up seeing all $MEMBERS: views_complete):"
echo
table presence-join '^sockudo' label join_rate members failed member_added member_added_expected member_events_per_s views_complete \
    member_p50_ms member_p99_ms member_max_ms
echo
echo "Leaving (a member that has left no longer hears of later departures, so fewer than the upper bound arrive when leaves overlap):"
echo
table presence-leave '^sockudo' label leave_rate member_removed member_removed_at_most member_events_per_s member_p50_ms member_p99_ms \
    member_max_ms lost
