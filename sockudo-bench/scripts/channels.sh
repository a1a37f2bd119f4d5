#!/usr/bin/env bash
# Scenario 3, many channels: wrk replays pre-signed HTTP API publishes to random channels over
# keep-alive connections, first with no subscriber anywhere (the signed publish path alone:
# HTTP, signature, parsing, framing), then with SOCKETS subscribers spread over CHANNELS channels.
# Reports signed publishes/s and their latency (wrk), deliveries received against expected
# (the generator), and the server's CPU during each wrk run.
#
#   sockudo-bench/scripts/channels.sh                                    # 10K sockets, 1,000 channels
#   SOCKETS=500 CHANNELS=50 DURATION=5 sockudo-bench/scripts/channels.sh
#
# SOCKETS       subscribed connections                 default 10000
# CHANNELS      channels they spread over              default 1000
# DURATION      seconds wrk publishes                  default 20
# WRK_THREADS   wrk threads                            default 1
# WRK_CONNECTIONS keep-alive connections wrk uses      default 32
# REQUESTS      distinct pre-signed requests           default 2000
# PAYLOAD       bytes of event data                    default 100
# WARMUP        seconds of wrk before the subscribers connect, unreported: the JIT compilers are still
#               busy on the server's core for the first 20-30 s and would be counted as publish cost   default 30
source "$(dirname "$0")/lib.sh"

SOCKETS=${SOCKETS:-10000}
CHANNELS=${CHANNELS:-1000}
DURATION=${DURATION:-20}
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
REQUESTS=${REQUESTS:-2000}
PAYLOAD=${PAYLOAD:-100}
WARMUP=${WARMUP:-30}

build_if_needed
require_wrk
machine

start_sockudo channels
lua=$WORK/publish.lua
taskset -c "$CLIENT_CPUS" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.sockudo.bench.load.LoadGenerator --mode wrk-script \
    --port "$SERVER_PORT" --channels "$CHANNELS" --wrk-requests "$REQUESTS" --payload-bytes "$PAYLOAD" --wrk-script "$lua"

if ((WARMUP > 0)); then
    log "warming up: wrk for ${WARMUP}s before any subscriber connects (not reported)"
    taskset -c "$CLIENT_CPUS" wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${WARMUP}s" -s "$lua" \
        "http://127.0.0.1:$SERVER_PORT" > "$WORK/warmup.out" 2>&1 &
    warm_pid=$!
    STARTED_PIDS+=("$warm_pid")
    wait "$warm_pid"
fi

# publish LABEL -- one wrk run; its figures and the server's CPU meanwhile go to the results.
publish() {
    local label=$1 cpu0 cpu1 t0 t1 last
    cpu0=$(cpu_ticks "$SERVER_PID")
    t0=$(date +%s%N)
    background taskset -c "$CLIENT_CPUS" wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${DURATION}s" --latency -s "$lua" \
        "http://127.0.0.1:$SERVER_PORT"
    cpu1=$(cpu_ticks "$SERVER_PID")
    t1=$(date +%s%N)
    last=$(grep '^WRK_RESULT' "$WORK/command.out" | tail -1)
    echo "RESULT scenario=publish label=$label ${last#WRK_RESULT } server_cpu_pct=$(( (cpu1 - cpu0) * 1000000000 / (t1 - t0) ))" \
        >> "$RESULTS"
}

log "wrk publishing for ${DURATION}s to channels nobody has joined"
publish no-subscribers

# subscribers hold until wrk is done, plus time to connect and to drain
hold=$((DURATION + 10))
gen_out=$WORK/hold.out
# shellcheck disable=SC2086
taskset -c "$CLIENT_CPUS" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.sockudo.bench.load.LoadGenerator --mode hold \
    --port "$SERVER_PORT" --server-pid "$SERVER_PID" --metrics-port "$METRICS_PORT" --connections "$SOCKETS" \
    --channels "$CHANNELS" --sources 8 --max-pending 1000 --hold-seconds "$hold" --max-seconds 300 --label sockudo \
    > "$gen_out" 2>&1 &
gen_pid=$!
STARTED_PIDS+=("$gen_pid")
for _ in $(seq 1 1200); do
    grep -q '^READY' "$gen_out" && break
    kill -0 "$gen_pid" 2>/dev/null || { cat "$gen_out" >&2; exit 1; }
    sleep 0.1
done
grep -q '^READY' "$gen_out" || { echo "subscribers did not get ready" >&2; cat "$gen_out" >&2; exit 1; }
log "subscribers ready; wrk publishing for ${DURATION}s"
publish subscribed
wait "$gen_pid" || true
cat "$gen_out" >&2
grep '^RESULT' "$gen_out" >> "$RESULTS"
stop_server

echo "## Many channels: signed HTTP publishes to random channels of $CHANNELS (wrk, $WRK_CONNECTIONS keep-alive connections)"
echo
echo "First with no subscriber anywhere, then with $SOCKETS subscribers ($((SOCKETS / CHANNELS)) per channel):"
echo
awk -v subs="$SOCKETS" -v channels="$CHANNELS" '
    $1 == "RESULT" {
        delete kv
        for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
        if (kv["scenario"] == "hold") { received = kv["received"]; dps = kv["deliveries_per_s"]; next }
        if (kv["scenario"] != "publish") next
        n++
        label[n] = kv["label"]; ok[n] = kv["requests"] - kv["non2xx"]; secs[n] = kv["duration_us"] / 1e6
        p50[n] = kv["p50_us"] / 1000; p99[n] = kv["p99_us"] / 1000; mx[n] = kv["max_us"] / 1000; bad[n] = kv["non2xx"]
        errs[n] = kv["connect_errors"] + kv["read_errors"] + kv["write_errors"] + kv["timeouts"]; cpu[n] = kv["server_cpu_pct"]
    }
    END {
        print "| run | publishes/s | publish p50 ms | publish p99 ms | publish max ms | non-2xx | socket errors | deliveries expected | received | received/expected | deliveries/s | server CPU % |"
        print "|---|---|---|---|---|---|---|---|---|---|---|---|"
        for (i = 1; i <= n; i++) {
            if (label[i] == "subscribed") {
                expected = ok[i] * subs / channels
                d = sprintf("%d | %d | %.4f | %s", expected, received, (expected > 0 ? received / expected : 0), dps)
            } else {
                d = "0 | - | - | -"
            }
            printf "| %s | %.0f | %.2f | %.2f | %.2f | %d | %d | %s | %s |\n", label[i], ok[i] / secs[i], p50[i], p99[i], mx[i], bad[i], errs[i], d, cpu[i]
        }
    }' "$RESULTS"
echo
echo "wrk counts only the answers that arrived within its run, while the server may still complete a few requests"
echo "in flight, so received/expected can exceed 1 by up to $WRK_CONNECTIONS publishes' worth of deliveries."
echo "Server CPU % is over each wrk run (100 = one core)."
echo
echo "Goal: at least 15,000 signed publishes/s with keep-alive."
