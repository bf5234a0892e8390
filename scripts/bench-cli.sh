#!/usr/bin/env bash
# How fast the ironbox executable starts, beside the engine's own CLI: interleaved rounds of `./ironbox --version`,
# `ENGINE version`, `./ironbox run -- true` and `ENGINE run --rm IMAGE true`; prints each one's median wall time and
# the ratios (targets: --version <= 0.2 s, run <= 1.5x the engine's run). Prints figures only; it asserts nothing.
# The JVM is the launcher's (IRONBOX_JAVA, JAVA_HOME or PATH); a first call makes its cache before the rounds.
# Usage: scripts/bench-cli.sh [rounds=15] [docker|podman]; IRONBOX_LAUNCHER=/other/clone/ironbox times another build.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
rounds="${1:-15}"
engine="${2:-docker}"
image="localhost/ironbox/busybox:1"
ironbox="${IRONBOX_LAUNCHER:-$dir/ironbox}"

# one warm-up each: builds the CLI if it is stale and writes the launcher's class cache for this JVM
"$ironbox" run --runtime "$engine" -- true
"$ironbox" --version >/dev/null

declare -A times cpu
names=(ironbox_version engine_version ironbox_run engine_run)
# CPU time (user + sys, of the command and its children) too, where GNU time is installed: on a busy machine it
# says more about the start itself than the wall time does
cpu_file="$(mktemp "${TMPDIR:-/tmp}/bench-cli.XXXXXX")"
trap 'rm -f "$cpu_file"' EXIT
timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%U %S' -o "$cpu_file")
timed() { # name command...: appends the wall time (and the CPU time) in ms
    local name="$1" start end
    shift
    start=$(date +%s%N)
    "${timer[@]}" "$@" >/dev/null 2>&1 || { echo "bench-cli: '$*' failed" >&2; exit 1; }
    end=$(date +%s%N)
    times[$name]+="$(( (end - start) / 1000000 )) "
    if ((${#timer[@]})); then cpu[$name]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$cpu_file") "; fi
}
for ((i = 0; i < rounds; i++)); do
    timed ironbox_version "$ironbox" --version
    timed engine_version "$engine" version
    timed ironbox_run "$ironbox" run --runtime "$engine" -- true
    timed engine_run "$engine" run --rm "$image" true
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
declare -A med medcpu
for name in "${names[@]}"; do
    med[$name]=$(median "${times[$name]}")
    medcpu[$name]=$( ((${#timer[@]})) && median "${cpu[$name]}" || echo -)
done
java_used="$(IRONBOX_JAVA_OPTS= "$ironbox" --version | sed -n 2p)"
echo "bench-cli: $rounds interleaved rounds, engine $engine, $java_used, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-50s %8s %8s\n' "median of $rounds" "wall ms" "cpu ms"
printf '%-50s %8s %8s\n' "./ironbox --version" "${med[ironbox_version]}" "${medcpu[ironbox_version]}" \
    "$engine version" "${med[engine_version]}" "${medcpu[engine_version]}" \
    "./ironbox run -- true" "${med[ironbox_run]}" "${medcpu[ironbox_run]}" \
    "$engine run --rm $image true" "${med[engine_run]}" "${medcpu[engine_run]}"
awk -v v="${med[ironbox_version]}" -v ev="${med[engine_version]}" -v r="${med[ironbox_run]}" -v er="${med[engine_run]}" \
    'BEGIN { printf "ratio --version / %s version: %.2fx; run / %s run: %.2fx\n", "'"$engine"'", v / ev, "'"$engine"'", r / er }'
