#!/usr/bin/env bash
# Scenario 2, fan-out: one channel with SUBSCRIBERS subscribers, publishes at each rate in RATES,
# against our server and then the bare Undertow baseline on the same core, in the same run.
# Reports deliveries/s and end-to-end latency per rate for both, their ratio, and each server's
# capacity: the highest delivery rate it sustained with everything delivered and p99 at most
# P99_LIMIT_MS.
#
#   sockudo-bench/scripts/fanout.sh                              # 10K subscribers
#   SUBSCRIBERS=500 RATES=10,50 STEP_SECONDS=3 sockudo-bench/scripts/fanout.sh
#
# SUBSCRIBERS   subscribers of the one channel                    default 10000
# RATES         publishes per second, one step each               default 1,2,4,6,8,10,12
# STEP_SECONDS  length of each step                               default 10
# WARMUP        seconds of unreported publishing first (JIT)      default 20
# PAYLOAD       bytes of event data                               default 100
# P99_LIMIT_MS  latency bound for the capacity figure             default 50
source "$(dirname "$0")/lib.sh"

SUBSCRIBERS=${SUBSCRIBERS:-10000}
RATES=${RATES:-1,2,4,6,8,10,12}
STEP_SECONDS=${STEP_SECONDS:-10}
WARMUP=${WARMUP:-20}
PAYLOAD=${PAYLOAD:-100}
P99_LIMIT_MS=${P99_LIMIT_MS:-50}

build_if_needed
machine

common=(--connections "$SUBSCRIBERS" --channels 1 --sources 8 --max-pending 1000 --rates "$RATES"
        --step-seconds "$STEP_SECONDS" --drain-seconds 5 --warmup-seconds "$WARMUP" --payload-bytes "$PAYLOAD"
        --max-seconds 400)

start_sockudo fanout
gen --mode fanout --port "$SERVER_PORT" --server-pid "$SERVER_PID" --metrics-port "$METRICS_PORT" "${common[@]}" \
    --label sockudo
stop_server

start_baseline fanout-baseline
gen --mode fanout --server baseline --port "$SERVER_PORT" --server-pid "$SERVER_PID" "${common[@]}" --label baseline
stop_server

echo "## Fan-out: 1 channel x $SUBSCRIBERS subscribers, $PAYLOAD-byte events"
echo
table fanout . label rate offered_per_s deliveries_per_s received_ratio latency_p50_ms latency_p95_ms latency_p99_ms \
    latency_max_ms server_cpu_pct server_cpu_us_per_delivery generator_cpu_pct server_rss_mb lost
echo
echo "### Ours against the baseline, per rate"
echo
awk -v limit="$P99_LIMIT_MS" '
    $1 == "RESULT" {
        delete kv
        for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
        if (kv["scenario"] != "fanout") next
        key = kv["rate"]
        if (!(key in rates)) { rates[key] = 1; order[++n] = key }
        d[kv["label"], key] = kv["deliveries_per_s"]; p[kv["label"], key] = kv["latency_p99_ms"]
        ok = (kv["received_ratio"] >= 0.99 && kv["latency_p99_ms"] != "n/a" && kv["latency_p99_ms"] + 0 <= limit)
        if (ok && kv["deliveries_per_s"] + 0 > best[kv["label"]] + 0) best[kv["label"]] = kv["deliveries_per_s"]
    }
    END {
        print "| rate | sockudo deliveries/s | baseline deliveries/s | ratio | sockudo p99 ms | baseline p99 ms |"
        print "|---|---|---|---|---|---|"
        for (i = 1; i <= n; i++) {
            r = order[i]
            ratio = (d["baseline", r] + 0 > 0) ? sprintf("%.2f", d["sockudo", r] / d["baseline", r]) : "n/a"
            printf "| %s | %s | %s | %s | %s | %s |\n", r, d["sockudo", r], d["baseline", r], ratio, p["sockudo", r], p["baseline", r]
        }
        print ""
        printf "Capacity (all delivered, p99 <= %s ms): sockudo %s deliveries/s, baseline %s deliveries/s", limit, best["sockudo"] + 0, best["baseline"] + 0
        if (best["baseline"] + 0 > 0) printf ", ratio %.2f", best["sockudo"] / best["baseline"]
        print ""
    }' "$RESULTS"
echo
echo "Goal: at least 0.95x the baseline's deliveries/s at equal p99."
