# Everyday commands. `make help` lists them.
JAR       := sockudo-server/target/sockudo-server.jar
COMPOSE   := docker compose -p sockudo
CERT_DIR  ?= certs

.DEFAULT_GOAL := help
.PHONY: help build up down logs ps run run-test-page test cluster-test bench gen-cert clean

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## the runnable jar, without running the tests
	mvn -B -q -pl sockudo-server -am package -DskipTests

$(JAR):
	$(MAKE) build

up: ## three nodes over Redis behind nginx, apps in MariaDB (docker-compose.yml); port 6001
	$(COMPOSE) up -d --build

down: ## stop the compose cluster and remove its containers
	$(COMPOSE) down

logs: ## follow the compose cluster's logs
	$(COMPOSE) logs -f

ps: ## the compose cluster's containers and their health
	$(COMPOSE) ps

run: $(JAR) ## one local node on 6001 (config/config.json; environment variables override it)
	java -jar $(JAR)

run-test-page: $(JAR) ## one local node with the test page at http://127.0.0.1:6001/test-page/?key=app-key
	TEST_PAGE_ENABLED=true java -jar $(JAR)

test: ## the whole test suite (installs what it needs first)
	scripts/test.sh

cluster-test: $(JAR) ## docker-compose.yml's three nodes and Redis without containers, checked as one cluster
	scripts/cluster-test.sh

bench: ## the fan-out benchmark against a local node (docs/benchmarks.md; other scenarios in sockudo-bench/scripts)
	sockudo-bench/scripts/fanout.sh

gen-cert: ## a self-signed certificate for local TLS: certs/cert.pem and certs/key.pem (CERT_DIR=... elsewhere)
	scripts/gen-cert.sh $(CERT_DIR)

clean: ## remove build output
	mvn -B -q clean
