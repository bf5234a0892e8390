#!/usr/bin/env bash
# Ironbox against the peers (module bench, dev.ironbox.bench.BenchMain), one JVM per engine: interleaved
# rounds of `true` and a 1 MiB print through Ironbox (pooled, cold, session exec), `ENGINE run --rm` (the baseline
# of every ratio), docker-java by hand, testcontainers one-shot and execs into a warm container; then sustained
# throughput and the heap of concurrent sessions. Prints Markdown tables; checks that nothing was left behind.
#
# Usage: scripts/bench.sh [--smoke] [--rounds N] [--warmup N] [--duration SECONDS] [--threads N] [--sessions N]
#                         [--pool-size N] [--engines docker,podman]
#   defaults: 15 rounds after 3 warm-up rounds, 8 threads for 60 s, 100 sessions, both engines;
#   --smoke: 4 rounds after 1 warm-up, 8 threads for 15 s, 20 sessions (a quick look, not figures to publish);
#   --pool-size: warm sandboxes per key (auto: 8 where the build has the pool; 0 leaves out the pooled lines).
# Then, when present: scripts/bench-cli.sh (the CLI's lines) and scripts/bench-egress.sh (the egress proxy's cost).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$dir"

rounds=15 warmup=3 duration=60 threads=8 sessions=100 pool_size=auto engines=docker,podman
egress_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) rounds=4 warmup=1 duration=15 sessions=20 egress_args=(20 10 1); shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --sessions) sessions="$2"; shift 2 ;;
    --pool-size) pool_size="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

for engine in ${engines//,/ }; do
  if ! "$engine" info >/dev/null 2>&1; then
    echo "bench.sh: $engine does not answer ($engine info failed); start it or pass --engines" >&2
    exit 1
  fi
done

# Offline first; testcontainers is the one dependency the main build does not already bring, so a first run may
# have to fetch it once.
build=(mvn -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests
       -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime)
if ! "${build[@]}" -o >/dev/null 2>&1; then
  echo "bench.sh: the offline build failed; building once with the repository reachable" >&2
  "${build[@]}"
fi

# No Ryuk (the bench removes its own containers) and no start-up checks (they pull an image; there is no registry).
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true
classpath="bench/target/classes:$(cat bench/target/bench-classpath.txt)"
status=0

# Everything a bench JVM made carries its pid: Ironbox's owner label, or the peers' dev.ironbox.bench label.
# Sessions and pooled sandboxes are removed by the engine or in the background: give them a moment.
check_leftovers() {
  local engine="$1" pid="$2" left=""
  for _ in $(seq 30); do
    left="$({ "$engine" ps -aq --filter "label=dev.ironbox.owner.pid=$pid"
              "$engine" ps -aq --filter "label=dev.ironbox.bench=$pid"; } | sort -u)"
    [[ -z "$left" ]] && break
    sleep 1
  done
  if [[ -n "$left" ]]; then
    echo "bench.sh: the bench left containers on $engine; removing them:" $left >&2
    "$engine" rm -f $left >/dev/null || true
    status=1
  else
    echo "nothing left behind on $engine" >&2
  fi
}

# One JVM per engine: every ratio compares ways interleaved in the same JVM; testcontainers' client is a per-JVM
# singleton, pointed at the engine under test (Podman through its Docker-compatible socket).
for engine in ${engines//,/ }; do
  case "$engine" in
    podman) tc_host=unix:///run/podman/podman.sock ;;
    *) tc_host=unix:///var/run/docker.sock ;;
  esac
  DOCKER_HOST="$tc_host" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.testcontainers=error -cp "$classpath" dev.ironbox.bench.BenchMain \
    --engines="$engine" --testcontainers-engine="$engine" --rounds="$rounds" --warmup="$warmup" \
    --duration="$duration" --threads="$threads" --sessions="$sessions" --pool-size="$pool_size" &
  pid=$!
  wait "$pid" || status=$?
  check_leftovers "$engine" "$pid"
done

# The other helpers' lines, per engine, when their scripts are there (arguments as of their first versions):
# bench-cli.sh [rounds] [engine]; bench-egress.sh [engine] [requests] [MiB] [rounds].
for engine in ${engines//,/ }; do
  if [[ -f scripts/bench-cli.sh ]]; then
    echo; echo "### $engine: the CLI (scripts/bench-cli.sh)"
    bash scripts/bench-cli.sh "$rounds" "$engine" || status=1
  fi
  if [[ -f scripts/bench-egress.sh ]]; then
    echo; echo "### $engine: the egress proxy (scripts/bench-egress.sh)"
    bash scripts/bench-egress.sh "$engine" "${egress_args[@]}" || status=1
  fi
done
exit "$status"
