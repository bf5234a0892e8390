#!/usr/bin/env bash
# Latency of an MCP `run` tool call through a long-lived `ironbox mcp` server (the official TypeScript SDK as the
# client, over stdio): median, p90 and min of ROUNDS calls of `true` without a pool and with `--pool-size 2`, beside
# `ENGINE run --rm IMAGE true`, interleaved round by round in one run (cli-app/src/test/mcp-ts/bench.mjs); prints
# the table and the ratios to the engine's run. Prints figures only; it asserts nothing.
# Needs Node 20+ and npm (the SDK, pinned in cli-app/src/test/mcp-ts/package-lock.json, goes to cli-app/target/mcp-ts).
# Usage: scripts/bench-mcp.sh [rounds=30] [engine...=docker] (e.g. `scripts/bench-mcp.sh 20 docker podman`);
# IRONBOX_LAUNCHER=/other/clone/ironbox times another build.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
rounds="${1:-30}"
engines=("${@:2}")
((${#engines[@]})) || engines=(docker)
image="localhost/ironbox/busybox:1"
ironbox="${IRONBOX_LAUNCHER:-$dir/ironbox}"
work="$dir/cli-app/target/mcp-ts"

"$ironbox" --version >/dev/null # builds the CLI if it is stale, before anything is timed
mkdir -p "$work"
cp "$dir"/cli-app/src/test/mcp-ts/{package.json,package-lock.json,bench.mjs} "$work"/
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.ironbox-lock"; then
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$work/package-lock.json" "$work/node_modules/.ironbox-lock"
fi
# the sandbox user must be able to enter the workspace
workspace="$(mktemp -d "${TMPDIR:-/tmp}/bench-mcp.XXXXXX")"
trap 'rm -rf "$workspace"' EXIT
chmod 755 "$workspace"

for engine in "${engines[@]}"; do
    node "$work/bench.mjs" "$rounds" 3 "$engine" "$image" "$workspace" "$ironbox"
done
