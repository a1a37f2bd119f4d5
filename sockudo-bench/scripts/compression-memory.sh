#!/usr/bin/env bash
# Server memory per connection with permessage-deflate: no compression, compressed once per
# broadcast (websocket.compression "shared"), and a context per socket ("dedicated", and a
# smaller window). Heap after a full collection and RSS, per connection, for CONNECTIONS clients
# that subscribed, sent one compressed message and received MESSAGES broadcasts (see
# compression/memory.mjs). Clients are Node `ws` (npm ci --prefix tests/node).
#
#   sockudo-bench/scripts/compression-memory.sh
#   CONNECTIONS=500 MODES="disabled dedicated" sockudo-bench/scripts/compression-memory.sh
#
# CONNECTIONS  clients per mode                                    default 2000
# MESSAGES     broadcasts each client receives                     default 20
# MODES        websocket.compression values to measure             default "disabled shared dedicated window4kb"
source "$(dirname "$0")/lib.sh"

# a thousand connections from one address are far over the default connection rate limit
export RATE_LIMITER_ENABLED=false

export CONNECTIONS=${CONNECTIONS:-2000} MESSAGES=${MESSAGES:-20}
MODES=${MODES:-disabled shared dedicated window4kb}

build_if_needed
machine

for mode in $MODES; do
    export WEBSOCKET_COMPRESSION=$mode
    start_sockudo "memory-$mode"
    kind=deflate
    [[ $mode == disabled ]] && kind=plain
    PORT=$SERVER_PORT SERVER_PID=$SERVER_PID KIND=$kind LABEL=$mode taskset -c "$CLIENT_CPUS" \
        node "$ROOT/sockudo-bench/scripts/compression/memory.mjs" >> "$WORK/memory.jsonl"
    stop_server
done
unset WEBSOCKET_COMPRESSION

echo "## Memory per connection: $CONNECTIONS subscribed clients, $MESSAGES broadcasts each"
echo
echo "| websocket.compression | client offers deflate | heap after GC before (MB) | after (MB) | heap per connection (KB) | RSS per connection (KB) |"
echo "|---|---|---|---|---|---|"
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
for (const r of rows) {
  console.log(`| ${r.label} | ${r.kind === "deflate" ? "yes" : "no"} | ${r.heap_before_mb} | ${r.heap_after_mb} | ${r.heap_per_conn_kb} | ${r.rss_per_conn_kb} |`);
}' "$WORK/memory.jsonl"
