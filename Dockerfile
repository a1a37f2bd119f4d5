# syntax=docker/dockerfile:1
# The server as a container image: built with Maven in the first stage, run on a small JRE 17
# in the second, as a user without privileges. Configure it as the jar: environment variables
# (PORT, HOST, SOCKUDO_DEFAULT_APP_ID, ... see docs/configuration.md) or a config file mounted
# at /opt/sockudo/config/config.json; JVM flags go in JAVA_TOOL_OPTIONS.
#
#   docker build -t sockudo-jvm .
#   docker run --rm -p 6001:6001 -p 9601:9601 sockudo-jvm
#
# The build stage's RUN commands are run by the test suite (DockerBuildStageIT) on a copy of
# the build context, so keep them in scripts/docker-build.sh rather than here.

FROM maven:3.9-eclipse-temurin-17 AS build
ENV SOCKUDO_HOME=/opt/sockudo
WORKDIR /build
COPY . .
RUN --mount=type=cache,target=/root/.m2 scripts/docker-build.sh "$SOCKUDO_HOME"

FROM eclipse-temurin:17-jre-alpine AS runtime
ENV SOCKUDO_HOME=/opt/sockudo \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
RUN addgroup -S sockudo && adduser -S -G sockudo -H -h "$SOCKUDO_HOME" sockudo
COPY --from=build --chown=root:root /opt/sockudo /opt/sockudo
USER sockudo
WORKDIR /opt/sockudo
# WebSocket and HTTP API; Prometheus metrics
EXPOSE 6001 9601
# /up answers 200 once the node serves; PORT is the listener's port as the server reads it
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-6001}/up" || exit 1
# SIGTERM stops it gracefully: clients are told to reconnect (4200) and it exits within 5 s
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/sockudo/sockudo-server.jar"]
