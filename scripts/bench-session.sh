#!/usr/bin/env bash
# What a session saves and what copying costs, measured in one run: session exec vs ENGINE exec vs a fresh run,
# and copying a 64 MiB tree in and out vs tar piped through ENGINE exec
# (app/src/test/java/dev/ironbox/app/bench/SessionBenchmark.java).
# Usage: scripts/bench-session.sh [rounds=15] [docker|podman]
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$dir"
mvn -q -B -DskipTests package -pl cli-app -am
exec java -cp "cli-app/target/ironbox.jar:app/target/test-classes" dev.ironbox.app.bench.SessionBenchmark "${1:-15}" "$dir" "${2:-docker}"
