# Shared by the scenario scripts (sourced, not run): build, free ports, servers and generators
# pinned to their cores, result tables, and clean-up of every process started, even on failure.
#
# Settings (environment):
#   SERVER_CPUS        cores for the server under test (taskset list)      default 0
#   CLIENT_CPUS        cores for the load generator and wrk                  default 1
#   SERVER_HEAP        server -Xmx                                           default 1g
#   SERVER_GC          serial | g1 | parallel                                default serial
#   SERVER_JAVA_OPTS   extra server JVM flags (added after the above)
#   CLIENT_JAVA_OPTS   generator JVM flags                                   default -XX:+UseSerialGC -Xmx1g
#   SCRIPT_MAX_SECONDS the whole script is stopped after this long          default 540
#   REBUILD=1          rebuild the jars even when they exist
#   KEEP_WORK=1        keep the scratch directory (server and generator logs)
#   PROFILE=1          record the server with JDK Flight Recorder and print its hottest methods
#                      when it stops (the recording stays in the kept scratch directory)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_JAR=$ROOT/sockudo-bench/target/benchmarks.jar
SERVER_JAR=$ROOT/sockudo-server/target/sockudo-server.jar
SERVER_CPUS=${SERVER_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
SERVER_HEAP=${SERVER_HEAP:-1g}
SERVER_GC=${SERVER_GC:-serial}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xmx1g}
SCRIPT_MAX_SECONDS=${SCRIPT_MAX_SECONDS:-540}
if [[ ${PROFILE:-0} == 1 ]]; then
    KEEP_WORK=1
fi

WORK=$(mktemp -d /tmp/sockudo-bench.XXXXXX)
RESULTS=$WORK/results.log
touch "$RESULTS"
STARTED_PIDS=()
WATCHDOG_PID=

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [[ -n $WATCHDOG_PID ]]; then
        kill "$WATCHDOG_PID" 2>/dev/null || true
    fi
    if [[ ${KEEP_WORK:-0} == 1 || $status -ne 0 ]]; then
        echo "logs kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Stops the whole script (and, through the EXIT trap, everything it started) after
# SCRIPT_MAX_SECONDS; ends by itself within a second of the script ending.
(
    for ((i = 0; i < SCRIPT_MAX_SECONDS; i++)); do
        sleep 1
        kill -0 $$ 2>/dev/null || exit 0
    done
    echo "time limit of ${SCRIPT_MAX_SECONDS}s reached; stopping" >&2
    kill -TERM $$
) &
WATCHDOG_PID=$!

log() {
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

build_if_needed() {
    if [[ ${REBUILD:-0} == 1 || ! -f $BENCH_JAR || ! -f $SERVER_JAR ]]; then
        log "building the server and the bench jars"
        (cd "$ROOT" && mvn -B -q -pl sockudo-server,sockudo-bench -am package -DskipTests)
    fi
}

# The machine and the pinning, printed with every run's results.
machine() {
    echo "## Machine"
    echo
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc) cores"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- open files limit: $(ulimit -n); ephemeral ports: $(tr '\t' '-' < /proc/sys/net/ipv4/ip_local_port_range)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- pinning: server on core(s) $SERVER_CPUS, load generator and wrk on core(s) $CLIENT_CPUS (taskset)"
    echo "- server JVM: $(server_jvm_flags)"
    echo
}

# A port nobody listens on, below the ephemeral range (never 6001 or 9601).
free_port() {
    local port hex
    while true; do
        port=$((20000 + RANDOM % 12000))
        [[ $port == 6001 || $port == 9601 ]] && continue
        hex=$(printf ':%04X ' "$port")
        if ! grep -q "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

server_jvm_flags() {
    local gc
    case $SERVER_GC in
        serial) gc=-XX:+UseSerialGC ;;
        g1) gc=-XX:+UseG1GC ;;
        parallel) gc=-XX:+UseParallelGC ;;
        *) echo "SERVER_GC must be serial, g1 or parallel" >&2; return 1 ;;
    esac
    local jfr=
    if [[ ${PROFILE:-0} == 1 ]]; then
        jfr="-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$WORK/server-$(date +%s%N).jfr"
    fi
    echo "$gc -Xms64m -Xmx$SERVER_HEAP $jfr $SERVER_JAVA_OPTS"
}

# hot_methods JFR_FILE -- the methods most often on top of the stack in the recording's samples.
hot_methods() {
    local file=$1
    echo "Hottest methods in $file (share of execution samples, top frame):"
    echo
    jfr print --events jdk.ExecutionSample --stack-depth 1 "$file" 2>/dev/null | awk '
        /stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*$/, ""); count[$0]++; total++ }
        END { for (m in count) printf "%6.2f%%  %s\n", 100 * count[m] / total, m }' | sort -rn | head -25
    echo
}

# Waits until GET /up answers 200, or fails when the process died or 30 s passed.
wait_up() {
    local port=$1 pid=$2 logfile=$3
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the server exited during start-up:" >&2
            cat "$logfile" >&2
            return 1
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /up HTTP/1.0\r\n\r\n' >&3 && head -c 12 <&3 | grep -q ' 200') 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "the server did not come up on port $port:" >&2
    cat "$logfile" >&2
    return 1
}

# start_sockudo NAME [CONFLATION_KEY_PATH] -- writes a config and starts the server jar. The
# per-address limits of API requests and connection attempts are off: every request here comes
# from a handful of loopback addresses.
# Sets SERVER_PORT, METRICS_PORT and SERVER_PID. Limits come from the environment:
#   MAX_CONNECTIONS (0 = none), PRESENCE_MAX (members per presence channel, default 100);
#   ADAPTER_JSON, the config's adapter section (default: the local adapter, one node alone).
start_sockudo() {
    local name=$1 conflation=${2:-}
    local adapter='{"driver": "local"}'
    [[ -n ${ADAPTER_JSON:-} ]] && adapter=$ADAPTER_JSON
    SERVER_PORT=$(free_port)
    METRICS_PORT=$(free_port)
    local cfg=$WORK/$name.json logfile=$WORK/$name.log
    local conflation_json=null
    [[ -n $conflation ]] && conflation="\"$conflation\"" && conflation_json=$conflation
    cat > "$cfg" <<EOF
{
  "host": "127.0.0.1",
  "port": $SERVER_PORT,
  "max_connections": ${MAX_CONNECTIONS:-0},
  "activity_timeout": 120,
  "shutdown_grace_period": 1,
  "adapter": $adapter,
  "rate_limiter": {"enabled": false},
  "metrics": {"enabled": true, "host": "127.0.0.1", "port": $METRICS_PORT},
  "delta_compression": {"enabled": true, "algorithm": "${DELTA_ALGORITHM:-fossil}", "conflation_key_path": $conflation_json,
                        "full_message_interval": ${FULL_MESSAGE_INTERVAL:-10}, "omit_delta_algorithm": ${OMIT_DELTA_ALGORITHM:-false}},
  "app_manager": {"driver": "memory", "array": {"apps": [{
    "id": "app-id", "key": "app-key", "secret": "app-secret", "enabled": true,
    "max_connections": 0,
    "max_presence_members_per_channel": ${PRESENCE_MAX:-100},
    "max_backend_events_per_second": 0,
    "max_read_requests_per_second": 0
  }]}}
}
EOF
    # shellcheck disable=SC2046
    taskset -c "$SERVER_CPUS" java $(server_jvm_flags) -jar "$SERVER_JAR" --config "$cfg" > "$logfile" 2>&1 &
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    wait_up "$SERVER_PORT" "$SERVER_PID" "$logfile"
    log "$name: sockudo pid $SERVER_PID on 127.0.0.1:$SERVER_PORT (metrics $METRICS_PORT), core(s) $SERVER_CPUS"
}

# start_baseline NAME -- the bare Undertow broadcaster. Sets SERVER_PORT and SERVER_PID.
start_baseline() {
    local name=$1
    SERVER_PORT=$(free_port)
    METRICS_PORT=0
    local logfile=$WORK/$name.log
    # shellcheck disable=SC2046
    taskset -c "$SERVER_CPUS" java $(server_jvm_flags) -cp "$BENCH_JAR" io.sockudo.bench.baseline.BaselineServer \
        --host 127.0.0.1 --port "$SERVER_PORT" --backlog 4096 > "$logfile" 2>&1 &
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    wait_up "$SERVER_PORT" "$SERVER_PID" "$logfile"
    log "$name: baseline pid $SERVER_PID on 127.0.0.1:$SERVER_PORT, core(s) $SERVER_CPUS"
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    if [[ ${PROFILE:-0} == 1 ]]; then
        local f
        f=$(ls -t "$WORK"/server-*.jfr 2>/dev/null | head -1)
        [[ -n $f ]] && hot_methods "$f" >&2
    fi
}

# background COMMAND... -- runs a command in the background, streams its output to stderr and
# waits for it. In the background so that a stop signal reaches the script (bash runs traps only
# between foreground commands), and in STARTED_PIDS so that clean-up ends it.
background() {
    local out=$WORK/command.out status=0
    "$@" > "$out" 2>&1 &
    local pid=$!
    STARTED_PIDS+=("$pid")
    tail -s 0.2 -n +1 -f --pid="$pid" "$out" >&2 &
    local tail_pid=$!
    wait "$pid" || status=$?
    wait "$tail_pid" 2>/dev/null || true
    cat "$out" >> "$WORK/commands.log"
    grep -h '^RESULT\|^WRK_RESULT' "$out" >> "$RESULTS" || true
    return "$status"
}

# gen ARGS... -- the load generator, pinned to the client core(s); RESULT lines go to the results log.
gen() {
    # shellcheck disable=SC2086
    background taskset -c "$CLIENT_CPUS" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" io.sockudo.bench.load.LoadGenerator "$@"
}

# table SCENARIO LABEL_PATTERN COLUMN... -- a markdown table of the matching RESULT lines.
table() {
    local scenario=$1 label=$2
    shift 2
    awk -v scen="$scenario" -v lab="$label" -v cols="$*" '
        BEGIN {
            n = split(cols, c, " ")
            h = "|"; s = "|"
            for (i = 1; i <= n; i++) { h = h " " c[i] " |"; s = s "---|" }
            print h; print s
        }
        $1 == "RESULT" {
            delete kv
            for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
            if (kv["scenario"] != scen || kv["label"] !~ lab) next
            r = "|"
            for (i = 1; i <= n; i++) r = r " " ((c[i] in kv) ? kv[c[i]] : "") " |"
            print r
        }' "$RESULTS"
}

# cpu_ticks PID -- user+system CPU time of a process so far, in 1/100 s.
cpu_ticks() {
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

require_wrk() {
    if ! command -v wrk > /dev/null; then
        log "wrk is missing: installing it (Debian package wrk)"
        if [[ $(id -u) == 0 ]]; then
            apt-get install -y wrk > /dev/null || (apt-get update > /dev/null && apt-get install -y wrk > /dev/null)
        else
            sudo apt-get install -y wrk > /dev/null
        fi
    fi
}
