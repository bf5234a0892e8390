#!/usr/bin/env bash
# Median wall time of `ENGINE run --rm IMAGE true`, `./ironbox run --runtime ENGINE -- true` and the in-process
# Java call, measured in one run (app/src/test/java/dev/ironbox/app/bench/RunLatencyBenchmark.java).
# Usage: scripts/bench-run-latency.sh [rounds=15] [docker|podman]
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$dir"
mvn -q -B -DskipTests package -pl cli-app -am
exec java -cp "cli-app/target/ironbox.jar:app/target/test-classes" dev.ironbox.app.bench.RunLatencyBenchmark "${1:-15}" "$dir" "${2:-docker}"
