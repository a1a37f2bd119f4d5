#!/usr/bin/env bash
# docker-compose.yml's topology without containers: a Redis server and three nodes of the
# runnable jar, each with the settings of docker/sockudo.env (ADAPTER_DRIVER=redis), on free
# loopback ports; then tests/node/cluster/cluster.e2e.mjs checks that they behave as one
# cluster (an event published on one node reaches clients of the others, presence and
# occupancy span the nodes). The load balancer is left out: the test talks to each node itself.
# MariaDB is left out too: the nodes take the same app (app-id/app-key/app-secret) from the
# environment. Needs redis-server, Node with tests/node's packages, and the jar
# (mvn -B -q -pl sockudo-server -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=sockudo-server/target/sockudo-server.jar
[ -f "$jar" ] || { echo "cluster-test: $jar is missing; build it first" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "cluster-test: redis-server is missing" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)

ports=()
for n in 1 2 3; do
  port=$(free_port)
  metrics=$(free_port)
  ports+=("$port")
  (
    set -a
    # shellcheck source=../docker/sockudo.env
    . docker/sockudo.env
    set +a
    export HOST=127.0.0.1 PORT=$port METRICS_HOST=127.0.0.1 METRICS_PORT=$metrics
    export REDIS_URL=redis://127.0.0.1:$redis_port
    export APP_MANAGER_DRIVER=memory SOCKUDO_DEFAULT_APP_ID=app-id SOCKUDO_DEFAULT_APP_KEY=app-key \
           SOCKUDO_DEFAULT_APP_SECRET=app-secret SOCKUDO_DEFAULT_APP_ENABLE_CLIENT_MESSAGES=true
    cd "$work" && exec java -jar "$OLDPWD/$jar"
  ) >"$work/node$n.log" 2>&1 &
  pids+=($!)
done

status=0
SOCKUDO_NODE_PORTS=$(IFS=,; echo "${ports[*]}") SOCKUDO_APP_ID=app-id SOCKUDO_APP_KEY=app-key \
  SOCKUDO_APP_SECRET=app-secret node --test --test-reporter=tap tests/node/cluster/cluster.e2e.mjs || status=$?
if [ "$status" -ne 0 ]; then
  for n in 1 2 3; do echo "--- node $n"; tail -n 30 "$work/node$n.log"; done
fi
exit "$status"
