#!/usr/bin/env bash
# Runs the whole test suite: unit tests, end-to-end tests with the stock Pusher client
# libraries (Java and Node), codec interop tests against independent implementations
# (the xdelta3 and fossil command-line tools), the cluster backbone against real Redis, Redis
# Cluster and NATS servers, the app stores against real MariaDB, PostgreSQL and DynamoDB
# (dynalite, from tests/node) servers, and the shared drivers against real Redis and Redis
# Cluster servers, all started by the tests themselves, and the test page in headless Chromium.
#
# Everything the tests need that is not Java or Node is installed here first, so that a
# fresh clone on a machine with Java 17, Maven and Node tests the same way CI does. A test
# that cannot find what it needs fails; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# command:package (redis-cli, which makes the test Redis Cluster, comes with redis-tools)
for pair in xdelta3:xdelta3 fossil:fossil redis-server:redis-server redis-cli:redis-tools nats-server:nats-server; do
  tool=${pair%%:*} package=${pair#*:}
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || need+=("$package")
done
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
# the Makefile's targets and the certificate they make are tested too
command -v make >/dev/null 2>&1 || need+=(make)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# the test page and its browser test: Debian's Chromium, driven by playwright-core from tests/node
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing test tools: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

npm ci --prefix tests/node --no-audit --no-fund --loglevel=error

exec mvn -B verify "$@"
