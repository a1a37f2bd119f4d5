#!/usr/bin/env bash
# Wire bytes per delivery on the clients' TCP sockets, and server CPU per delivery, for plain,
# permessage-deflate compressed once per broadcast (websocket.compression "shared"), deflate
# with a compressor context per socket ("dedicated"), delta, and delta + deflate, on a ticker,
# a chat and a game-like stream (see compression/wire-bytes.mjs). Clients are Node `ws`
# (tests/node/node_modules: npm ci --prefix tests/node), one kind at a time.
#
#   sockudo-bench/scripts/compression.sh
#   SUBSCRIBERS=200 MESSAGES=50 sockudo-bench/scripts/compression.sh
#
# SUBSCRIBERS  clients of each kind                default 1000
# MESSAGES     events per stream                   default 100
# RATE         publishes/s                         default 10
source "$(dirname "$0")/lib.sh"

# a thousand connections from one address are far over the default connection rate limit
export RATE_LIMITER_ENABLED=false

export SUBSCRIBERS=${SUBSCRIBERS:-1000} MESSAGES=${MESSAGES:-100} RATE=${RATE:-10}

build_if_needed
machine

node_run() {
    # shellcheck disable=SC2086
    PORT=$SERVER_PORT SERVER_PID=$SERVER_PID taskset -c "$CLIENT_CPUS" node "$ROOT/sockudo-bench/scripts/compression/wire-bytes.mjs" \
        >> "$WORK/compression.jsonl"
}

export WEBSOCKET_COMPRESSION=shared
start_sockudo compression-shared sym
KINDS=plain,deflate,delta,delta+deflate LABEL=shared node_run
stop_server

export WEBSOCKET_COMPRESSION=dedicated
start_sockudo compression-dedicated sym
KINDS=deflate,delta+deflate LABEL=dedicated node_run
stop_server
unset WEBSOCKET_COMPRESSION

echo "## Compression: $SUBSCRIBERS subscribers of each kind, $MESSAGES events per stream at $RATE/s"
echo
echo "| stream | kind | websocket.compression | event bytes | wire bytes/delivery | % of plain | server CPU us/delivery |"
echo "|---|---|---|---|---|---|---|"
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const plain = {};
for (const r of rows) if (r.kind === "plain") plain[r.stream] = r.wire_bytes_per_delivery;
for (const s of ["ticker", "chat", "game"]) for (const r of rows.filter((x) => x.stream === s)) {
  const pct = (100 * r.wire_bytes_per_delivery / plain[s]).toFixed(1);
  console.log(`| ${s} | ${r.kind} | ${r.kind.includes("deflate") ? r.label : "-"} | ${r.avg_event_bytes} | ${r.wire_bytes_per_delivery} | ${pct} | ${r.server_cpu_us_per_delivery} |`);
}' "$WORK/compression.jsonl"
