#!/usr/bin/env bash
# The container image's build stage: builds the runnable jar from the sources in the working
# directory and lays out the server's home directory (the jar, the default config) in $1.
# The Dockerfile runs it; so does the test suite (DockerBuildStageIT), on a copy of what the
# Docker build context holds. Extra Maven flags come from MAVEN_ARGS, as mvn reads it.
set -euo pipefail
home=${1:?usage: scripts/docker-build.sh OUTPUT_DIR}

mvn -B -q -pl sockudo-server -am package -Dmaven.test.skip=true

mkdir -p "$home/config"
cp sockudo-server/target/sockudo-server.jar "$home/"
cp config/config.json "$home/config/config.json"
# the jar starts and knows its options: a broken shade would fail here, not in production
java -jar "$home/sockudo-server.jar" --help >/dev/null
echo "built $home/sockudo-server.jar"
