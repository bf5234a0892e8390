#!/usr/bin/env bash
# The egress proxy's cost as a sandbox sees it: per-request latency (new connection and keep-alive, p50/p99) and a
# large download's throughput, direct from a container on the engine's bridge network vs through the proxy (plain
# HTTP, HTTPS tunnelled, HTTPS terminated with a credential)
# (app/src/test/java/dev/ironbox/app/egress/EgressSandboxBenchmark.java). Needs root (scripts/test-upstream.sh).
# Usage: scripts/bench-egress.sh [docker|podman] [requests=100] [MiB=100] [rounds=2]
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$dir"
# builds into the modules' target directories only (no install): the class path is the reactor's classes
mvn -o -q -B -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
exec java -cp "app/target/classes:app/target/test-classes:$(cat app/target/bench-classpath.txt)" \
  dev.ironbox.app.egress.EgressSandboxBenchmark "${1:-docker}" "${2:-100}" "${3:-100}" "${4:-2}"
