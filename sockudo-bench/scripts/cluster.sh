#!/usr/bin/env bash
# Cluster scenarios: several server nodes joined by a horizontal adapter over a Redis or NATS
# server that the script starts itself (free loopback ports, a scratch directory), one
# subscriber process per node, and a publisher; everything is stopped at the end, on failure
# and on Ctrl-C.
#
#   sockudo-bench/scripts/cluster.sh rates        # 3 nodes, publishes/s over redis and nats vs one local node
#   sockudo-bench/scripts/cluster.sh capacity     # 100,000 connections on 6 nodes over redis, then broadcasts
#   NODES=3 CONNECTIONS=3000 BROADCASTS=2 sockudo-bench/scripts/cluster.sh capacity
#   SUBSCRIBERS=90 CHANNELS=10 RATES=100 STEP_SECONDS=3 WARMUP=2 sockudo-bench/scripts/cluster.sh rates
#
# rates: for each of CONFIGS, NODES nodes (one node for "local"), SUBSCRIBERS subscribers over
# CHANNELS public channels, split evenly over NODES subscriber processes (each connected to its
# node; with "local", all to the one node), and a publisher on node 1 publishing to the channels
# in turn at each of RATES for STEP_SECONDS. Fresh subscribers per step; WARMUP unreported
# seconds at the first rate first, long enough for the JIT of three nodes sharing one core to
# finish. Each step's publisher is a new process: it first publishes PUBLISHER_WARMUP seconds
# at the step's rate to channels nobody holds, so that its own interpreted first seconds do not
# count as the server's. Reports per step: publishes/s accepted, deliveries received against
# expected, latency p50/p99 for subscribers on node 1 (the publisher's) and on the other nodes,
# and the CPU of the server side (nodes and backbone) and of the client side during the step.
#   CONFIGS        "local redis nats"        NODES         3
#   SUBSCRIBERS    900                       CHANNELS      100
#   RATES          1000,5000                 STEP_SECONDS  10
#   WARMUP         60                        PAYLOAD       100
#   PUBLISHER_WARMUP 5
#
# capacity: NODES nodes over DRIVER, CONNECTIONS subscribers on one channel split over the
# nodes (one subscriber process per node, SOURCES_PER_PROCESS source addresses of its own),
# each node's memory read before and after (full GC first), then BROADCASTS publishes to the
# channel on node 1, GAP seconds apart; every subscriber on every node should get each one.
#   NODES          6                         CONNECTIONS   100000
#   DRIVER         redis                     BROADCASTS    3
#   GAP            5                         SOURCES_PER_PROCESS 4
#   SERVER_HEAP    256m (per node)           SCRIPT_MAX_SECONDS 900
#
# The servers (nodes, Redis/NATS) run on SERVER_CPUS, the client processes on CLIENT_CPUS, as in
# the other scenarios (lib.sh). Each node holds at most what one process's open-files limit
# allows (about 19,800 here), and so does each subscriber process.
SCENARIO=${1:-rates}
if [[ $SCENARIO == capacity ]]; then
    SERVER_HEAP=${SERVER_HEAP:-256m}
    SCRIPT_MAX_SECONDS=${SCRIPT_MAX_SECONDS:-900}
fi
source "$(dirname "$0")/lib.sh"

# a subscriber process ends once the publisher is done and nothing has arrived for this long
DRAIN=${DRAIN:-3}

# ---- backbone: Redis or NATS on a free loopback port, in the scratch directory

BACKBONE_PID=
start_backbone() {
    local driver=$1 port
    BACKBONE_PID=
    case $driver in
        local)
            ADAPTER_JSON='{"driver": "local"}'
            return
            ;;
        redis)
            command -v redis-server > /dev/null || { echo "redis-server is missing (Debian package redis-server)" >&2; return 1; }
            port=$(free_port)
            mkdir -p "$WORK/redis-$port"
            taskset -c "$SERVER_CPUS" redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
                --dir "$WORK/redis-$port" > "$WORK/redis-$port.log" 2>&1 &
            BACKBONE_PID=$!
            ADAPTER_JSON="{\"driver\": \"redis\", \"redis\": {\"redis_pub_options\": {\"url\": \"redis://127.0.0.1:$port\"}}}"
            ;;
        nats)
            command -v nats-server > /dev/null || { echo "nats-server is missing (Debian package nats-server)" >&2; return 1; }
            port=$(free_port)
            taskset -c "$SERVER_CPUS" nats-server -a 127.0.0.1 -p "$port" > "$WORK/nats-$port.log" 2>&1 &
            BACKBONE_PID=$!
            ADAPTER_JSON="{\"driver\": \"nats\", \"nats\": {\"servers\": [\"nats://127.0.0.1:$port\"]}}"
            ;;
        *)
            echo "driver must be local, redis or nats, not $driver" >&2
            return 1
            ;;
    esac
    STARTED_PIDS+=("$BACKBONE_PID")
    for _ in $(seq 1 100); do
        kill -0 "$BACKBONE_PID" 2>/dev/null || { echo "$driver exited during start-up" >&2; return 1; }
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            log "$driver pid $BACKBONE_PID on 127.0.0.1:$port"
            return
        fi
        sleep 0.1
    done
    echo "$driver did not come up on port $port" >&2
    return 1
}

stop_backbone() {
    if [[ -n $BACKBONE_PID ]]; then
        kill "$BACKBONE_PID" 2>/dev/null || true
        wait "$BACKBONE_PID" 2>/dev/null || true
    fi
}

# ---- nodes

NODE_PORTS=()
NODE_PIDS=()
start_nodes() {
    local count=$1 name=$2 i
    NODE_PORTS=()
    NODE_PIDS=()
    for ((i = 1; i <= count; i++)); do
        start_sockudo "$name-node$i"
        NODE_PORTS+=("$SERVER_PORT")
        NODE_PIDS+=("$SERVER_PID")
    done
}

stop_nodes() {
    local pid
    for pid in "${NODE_PIDS[@]}"; do
        SERVER_PID=$pid stop_server
    done
}

# ---- subscriber processes and the publisher

HOLD_PIDS=()
HOLD_OUTS=()
# start_hold NAME PORT CONNECTIONS CHANNELS SOURCE_OFFSET SOURCES [GENERATOR OPTIONS...] -- a
# subscriber process in the background; its output, histogram and stop file are $WORK/NAME.*
start_hold() {
    local name=$1 port=$2 connections=$3 channels=$4 offset=$5 sources=$6
    shift 6
    # shellcheck disable=SC2086
    taskset -c "$CLIENT_CPUS" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.sockudo.bench.load.LoadGenerator --mode hold \
        --port "$port" --connections "$connections" --channels "$channels" --sources "$sources" \
        --source-offset "$offset" --max-pending 1000 --hold-seconds 560 --max-seconds 580 --drain-seconds "$DRAIN" \
        --until-file "$WORK/stop" --histogram-out "$WORK/$name.hist" --label "$name" "$@" > "$WORK/$name.out" 2>&1 &
    HOLD_PIDS+=($!)
    HOLD_OUTS+=("$WORK/$name.out")
    STARTED_PIDS+=($!)
}

# Waits until every subscriber process has printed READY (all its clients subscribed).
await_holds() {
    local i
    for i in "${!HOLD_PIDS[@]}"; do
        until grep -q '^READY' "${HOLD_OUTS[$i]}"; do
            if ! kill -0 "${HOLD_PIDS[$i]}" 2>/dev/null; then
                echo "a subscriber process ended before it was ready:" >&2
                cat "${HOLD_OUTS[$i]}" >&2
                return 1
            fi
            sleep 0.2
        done
    done
}

# Lets the subscriber processes drain and end, and keeps their RESULT lines (unless told not to).
end_holds() {
    local keep=${1:-keep} i
    touch "$WORK/stop"
    for i in "${!HOLD_PIDS[@]}"; do
        wait "${HOLD_PIDS[$i]}" || { echo "a subscriber process failed:" >&2; cat "${HOLD_OUTS[$i]}" >&2; return 1; }
        cat "${HOLD_OUTS[$i]}" >> "$WORK/commands.log"
        if [[ $keep == keep ]]; then
            grep -h '^RESULT' "${HOLD_OUTS[$i]}" >> "$RESULTS" || true
        fi
    done
    rm -f "$WORK/stop"
    HOLD_PIDS=()
    HOLD_OUTS=()
}

# merge LABEL FILE... -- the latencies of several subscriber processes as one RESULT line.
merge() {
    local label=$1
    shift
    java -cp "$BENCH_JAR" io.sockudo.bench.load.LatencyMerge --label "$label" "$@" | grep '^RESULT' >> "$RESULTS"
}

# CPU ticks (1/100 s) of a list of processes so far.
ticks_of() {
    local sum=0 pid
    for pid in "$@"; do
        sum=$((sum + $(cpu_ticks "$pid")))
    done
    echo "$sum"
}

# Written to $WORK/step-start once the publisher has warmed up and starts the measured step:
# the server side's and the subscribers' CPU ticks so far, and the time.
cpu_at_step_start() {
    until grep -qs '^publishing ' "$WORK/command.out"; do
        sleep 0.05
    done
    echo "$(ticks_of "${NODE_PIDS[@]}" ${BACKBONE_PID:+"$BACKBONE_PID"}) $(ticks_of "${HOLD_PIDS[@]}") $(date +%s%N)" \
        > "$WORK/step-start"
}

# ---- rates: 3 nodes over redis and nats, against one node with the local adapter

run_rates() {
    local configs=${CONFIGS:-local redis nats} nodes=${NODES:-3} subscribers=${SUBSCRIBERS:-900}
    local channels=${CHANNELS:-100} rates=${RATES:-1000,5000} step=${STEP_SECONDS:-10} warmup=${WARMUP:-60}
    local payload=${PAYLOAD:-100} publisher_warmup=${PUBLISHER_WARMUP:-5} config n per rate k
    per=$((subscribers / nodes))
    for config in $configs; do
        n=$nodes
        [[ $config == local ]] && n=1
        start_backbone "$config"
        start_nodes "$n" "$config"
        local publish=(--port "${NODE_PORTS[0]}" --channels "$channels" --payload-bytes "$payload" --max-in-flight 512
                       --drain-seconds 5 --max-seconds 300 --warmup-seconds "$publisher_warmup")
        if ((warmup > 0)); then
            log "$config: warming up at ${rates%%,*}/s for ${warmup}s (not reported)"
            for ((k = 0; k < nodes; k++)); do
                start_hold "$config-warmup-$k" "${NODE_PORTS[k % n]}" "$per" "$channels" $((k * 2)) 2
            done
            await_holds
            gen --mode publish "${publish[@]}" --rates "${rates%%,*}" --step-seconds "$warmup" --label "$config-warmup"
            end_holds discard
            sed -i "/label=$config-warmup /d" "$RESULTS"
        fi
        for rate in ${rates//,/ }; do
            local files_a=() files_b=()
            for ((k = 0; k < nodes; k++)); do
                start_hold "$config-$rate-sub$k" "${NODE_PORTS[k % n]}" "$per" "$channels" $((k * 2)) 2
                if ((k % n == 0)); then files_a+=("$WORK/$config-$rate-sub$k.hist"); else files_b+=("$WORK/$config-$rate-sub$k.hist"); fi
            done
            await_holds
            log "$config: publishing $rate/s for ${step}s on node 1 to $subscribers subscribers on $n node(s)"
            rm -f "$WORK/command.out" "$WORK/step-start"
            cpu_at_step_start &
            gen --mode publish "${publish[@]}" --rates "$rate" --step-seconds "$step" --label "$config-$rate"
            local s0 c0 t0 s1 c1 t1
            read -r s0 c0 t0 < "$WORK/step-start"
            s1=$(ticks_of "${NODE_PIDS[@]}" ${BACKBONE_PID:+"$BACKBONE_PID"})
            c1=$(ticks_of "${HOLD_PIDS[@]}")
            t1=$(date +%s%N)
            echo "RESULT scenario=cpu label=$config-$rate server_cpu_pct=$(( (s1 - s0) * 1000000000 / (t1 - t0) )) holders_cpu_pct=$(( (c1 - c0) * 1000000000 / (t1 - t0) ))" >> "$RESULTS"
            end_holds
            merge "$config-$rate-all" "${files_a[@]}" "${files_b[@]+"${files_b[@]}"}"
            merge "$config-$rate-node1" "${files_a[@]}"
            if ((${#files_b[@]} > 0)); then
                merge "$config-$rate-others" "${files_b[@]}"
            fi
        done
        stop_nodes
        stop_backbone
    done
    rates_report "$configs" "$rates"
}

rates_report() {
    local configs=$1 rates=$2
    echo "## Cluster publish rates: ${SUBSCRIBERS:-900} subscribers on ${CHANNELS:-100} channels, ${NODES:-3} nodes (local: 1 node), publisher on node 1"
    echo
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    awk -v configs="$configs" -v rates="$rates" '
        $1 == "RESULT" {
            delete kv
            for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
            l = kv["label"]
            if (kv["scenario"] == "publish") { pub[l] = kv["published"]; pps[l] = kv["publish_per_s"]; skip[l] = kv["skipped"] + kv["rejected"] }
            if (kv["scenario"] == "hold") {
                sub(/-sub[0-9]+$/, "", l)
                recv[l] += kv["received"]; subs[l] += kv["subscribers"]; chans[l] = kv["channels"]
                if (kv["subscribers_per_channel_min"] != kv["subscribers_per_channel_max"]) uneven[l] = 1
            }
            if (kv["scenario"] == "latency") { p50[l] = kv["latency_p50_ms"]; p99[l] = kv["latency_p99_ms"]; mx[l] = kv["latency_max_ms"] }
            if (kv["scenario"] == "cpu") { scpu[l] = kv["server_cpu_pct"]; hcpu[l] = kv["holders_cpu_pct"] }
        }
        END {
            nc = split(configs, c, " "); nr = split(rates, r, ",")
            print "| driver | rate/s | publishes/s accepted | skipped | deliveries expected | received | completeness | deliveries/s | p50 ms (node 1 / others) | p99 ms (node 1 / others) | p99 all ms | max ms | server-side CPU % | subscriber CPU % |"
            print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            for (j = 1; j <= nr; j++) for (i = 1; i <= nc; i++) {
                l = c[i] "-" r[j]
                exp_ = chans[l] > 0 ? pub[l] * subs[l] / chans[l] : 0
                comp = exp_ > 0 ? sprintf("%.4f", recv[l] / exp_) : "n/a"
                if (uneven[l]) comp = comp " (uneven channels)"
                others = (l "-others") in p50 ? p50[l "-others"] : "-"
                others99 = (l "-others") in p99 ? p99[l "-others"] : "-"
                printf "| %s | %s | %s | %s | %d | %d | %s | %.0f | %s / %s | %s / %s | %s | %s | %s | %s |\n", c[i], r[j], pps[l], skip[l], exp_, recv[l], comp,
                    pps[l] * subs[l] / (chans[l] > 0 ? chans[l] : 1), p50[l "-node1"], others, p99[l "-node1"], others99, p99[l "-all"], mx[l "-all"], scpu[l], hcpu[l]
            }
            print ""
            print "Ratios to one node with the local adapter (same subscribers, same publisher, same cores):"
            print ""
            print "| driver | rate/s | publishes/s ratio | p99 ratio |"
            print "|---|---|---|---|"
            for (j = 1; j <= nr; j++) for (i = 1; i <= nc; i++) {
                if (c[i] == "local") continue
                l = c[i] "-" r[j]; b = "local-" r[j]
                if (!(b in pps)) continue
                printf "| %s | %s | %.2f | %s |\n", c[i], r[j], (pps[b] > 0 ? pps[l] / pps[b] : 0),
                    (p99[b "-all"] + 0 > 0) ? sprintf("%.2f", p99[l "-all"] / p99[b "-all"]) : "n/a"
            }
        }' "$RESULTS"
    echo
    echo "deliveries/s is accepted publishes/s times subscribers per channel; latency runs from the publisher's send time (in each event) to the subscriber's read, over every delivery of the step."
}

# ---- capacity: 100,000 connections over 6 nodes, then broadcasts to all of them

run_capacity() {
    local nodes=${NODES:-6} total=${CONNECTIONS:-100000} driver=${DRIVER:-redis} broadcasts=${BROADCASTS:-3}
    local gap=${GAP:-5} sources=${SOURCES_PER_PROCESS:-4} k per files=() b
    start_backbone "$driver"
    start_nodes "$nodes" "capacity"
    local t0 t1
    t0=$(date +%s%N)
    for ((k = 0; k < nodes; k++)); do
        per=$((total / nodes + (k < total % nodes ? 1 : 0)))
        start_hold "capacity-sub$k" "${NODE_PORTS[k]}" "$per" 1 $((k * sources)) "$sources" \
            --server-pid "${NODE_PIDS[k]}" --connect-timeout 450 --channel-prefix everyone
        files+=("$WORK/capacity-sub$k.hist")
    done
    log "connecting $total clients to $nodes nodes"
    await_holds
    t1=$(date +%s%N)
    echo "RESULT scenario=capacity-connect label=all wall_s=$(( (t1 - t0) / 1000000 ))" >> "$RESULTS"
    if [[ -n $BACKBONE_PID ]]; then
        echo "RESULT scenario=backbone label=$driver rss_mb=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$BACKBONE_PID/status")" >> "$RESULTS"
    fi
    for ((b = 1; b <= broadcasts; b++)); do
        log "broadcast $b of $broadcasts on node 1"
        gen --mode publish --port "${NODE_PORTS[0]}" --channels 1 --channel-prefix everyone --rates 1 --step-seconds 1 \
            --drain-seconds 10 --max-seconds 60 --label "broadcast-$b"
        if ((b < broadcasts)); then
            sleep "$gap"
        fi
    done
    end_holds
    merge "capacity-all" "${files[@]}"
    stop_nodes
    stop_backbone
    capacity_report "$nodes" "$total" "$driver"
}

capacity_report() {
    local nodes=$1 total=$2 driver=$3
    echo "## Cluster capacity: $total connections on $nodes nodes over $driver, one channel"
    echo
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    table connect . label connected failed connect_s connects_per_s connect_p99_ms rss_before_mb rss_after_mb rss_per_conn_kb \
        heap_before_mb heap_after_mb heap_per_conn_kb
    echo
    awk '
        $1 == "RESULT" {
            delete kv
            for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
            if (kv["scenario"] == "connect") { connected += kv["connected"]; failed += kv["failed"]; if (kv["connect_s"] > longest) longest = kv["connect_s"]
                                                 rss += kv["rss_after_mb"]; heap += kv["heap_after_mb"] }
            if (kv["scenario"] == "capacity-connect") wall = kv["wall_s"]
            if (kv["scenario"] == "backbone") backbone = kv["rss_mb"]
            if (kv["scenario"] == "publish") published += kv["published"]
            if (kv["scenario"] == "hold") { received += kv["received"]; lost += kv["lost"] }
            if (kv["scenario"] == "latency") { p50 = kv["latency_p50_ms"]; p99 = kv["latency_p99_ms"]; mx = kv["latency_max_ms"] }
        }
        END {
            print "| connected | failed | connects/s (longest connect phase) | lost while held | nodes RSS total MB | nodes heap total MB | backbone RSS MB | broadcasts | deliveries expected | received | p50 ms | p99 ms | max ms (all delivered) |"
            print "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            printf "| %d | %d | %.0f | %d | %.1f | %.1f | %s | %d | %d | %d | %s | %s | %s |\n", connected, failed, (longest > 0 ? connected / longest : 0), lost,
                rss, heap, backbone == "" ? "-" : backbone, published, published * connected, received, p50, p99, mx
        }' "$RESULTS"
    echo
    echo "Latency runs from the publisher's send time (in the event) to each subscriber's read; the max is when the last of them had it."
}

build_if_needed
machine
case $SCENARIO in
    rates) run_rates ;;
    capacity) run_capacity ;;
    *)
        echo "usage: cluster.sh rates|capacity" >&2
        exit 2
        ;;
esac
