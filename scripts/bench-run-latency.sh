#!/usr/bin/env bash
# Median wall time of `docker run --rm IMAGE true`, `./ironbox run -- true` and the in-process Java call,
# measured in one run (see app/src/test/java/dev/ironbox/app/bench/RunLatencyBenchmark.java). Needs Docker.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$dir"
mvn -q -B -DskipTests install -pl app -am
mvn -q -B test-compile -pl app
exec java -cp "app/target/ironbox.jar:app/target/test-classes" dev.ironbox.app.bench.RunLatencyBenchmark "${1:-15}" "$dir"
