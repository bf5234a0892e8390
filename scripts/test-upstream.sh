#!/usr/bin/env bash
# A server "outside" the host for the egress tests: a network namespace joined to the host by a veth pair.
#
#   host            ironbox-up0  10.203.0.1/24
#   namespace       ironbox-up1  10.203.0.2/24   (netns "ironbox-upstream", loopback up, routes to the engines' ranges via .1)
#
# The host reaches 10.203.0.2 directly. A container on an ordinary bridge network reaches it through the host's
# forwarding (the engines enable net.ipv4.ip_forward and accept their bridges' traffic); a container on an
# INTERNAL network must not. Servers in the namespace are started by the tests themselves, e.g.
#   ip netns exec ironbox-upstream busybox httpd -f -p 10.203.0.2:8080 -h DIR
#
# usage: test-upstream.sh up|down|status      (idempotent; needs root and iproute2)
set -euo pipefail

NS=ironbox-upstream
HOST_IF=ironbox-up0
NS_IF=ironbox-up1
SUBNET=10.203.0.0/24
HOST_ADDR=10.203.0.1
NS_ADDR=10.203.0.2

log() { echo "[test-upstream] $*" >&2; }
die() { log "$*"; exit 1; }

require() {
  [ "$(id -u)" = 0 ] || die "needs root (ip netns, ip link)"
  command -v ip >/dev/null 2>&1 || die "needs iproute2 (ip); scripts/engines.sh installs it"
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$NS"; }
host_if_exists() { ip link show "$HOST_IF" >/dev/null 2>&1; }

# Any route or address on the host inside or around 10.203.0.0/24 that is not ours is a clash (an engine's bridge,
# a VPN, a LAN). The default route contains every prefix and does not count.
check_no_clash() {
  local clash
  clash=$( { ip -4 route show root "$SUBNET"; ip -4 route show match "$SUBNET"; } \
    | grep -v '^default' | grep -v "dev $HOST_IF" || true)
  [ -z "$clash" ] || die "$SUBNET overlaps a route on this host; pick another subnet: $clash"
  # Podman keeps configured networks (their bridges exist only while used) in /etc/containers/networks
  if grep -qs '"10\.203\.0\.' /etc/containers/networks/*.json 2>/dev/null; then
    die "a Podman network is configured in $SUBNET: $(grep -ls '"10\.203\.0\.' /etc/containers/networks/*.json)"
  fi
}

up() {
  require
  host_if_exists || check_no_clash
  ns_exists || ip netns add "$NS"
  if ! host_if_exists; then
    ip link add "$HOST_IF" type veth peer name "$NS_IF" netns "$NS"
  fi
  ip addr replace "$HOST_ADDR/24" dev "$HOST_IF"
  ip link set "$HOST_IF" up
  ip -n "$NS" link set lo up
  ip -n "$NS" addr replace "$NS_ADDR/24" dev "$NS_IF"
  ip -n "$NS" link set "$NS_IF" up
  # No default route: replies go back only to the host and to the engines' container ranges (the control test's
  # bridge containers), so nothing started in the namespace can reach past this machine (e.g. DNS).
  ip -n "$NS" route del default 2>/dev/null || true
  for range in 172.16.0.0/12 10.88.0.0/14 192.168.0.0/16; do
    ip -n "$NS" route replace "$range" via "$HOST_ADDR" dev "$NS_IF"
  done
  if [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    log "note: net.ipv4.ip_forward is 0; containers on ordinary bridge networks cannot reach $NS_ADDR until an" \
      "engine enables it (dockerd does at start, netavark when a bridge network is set up)"
  fi
  log "up: host $HOST_ADDR ($HOST_IF) <-> $NS_ADDR in netns $NS"
}

down() {
  require
  if ns_exists; then
    # servers the tests left running in the namespace
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns del "$NS"
  fi
  # deleting the namespace destroys the pair, asynchronously: wait for it; an interface left half-made by a failed
  # "up" is removed here (one that vanishes meanwhile is fine)
  for _ in $(seq 1 20); do host_if_exists || break; sleep 0.1; done
  if host_if_exists; then ip link del "$HOST_IF" 2>/dev/null || true; fi
  if host_if_exists; then die "could not remove $HOST_IF"; fi
  log "down"
}

status() {
  if ns_exists && host_if_exists && ip -n "$NS" -4 addr show dev "$NS_IF" 2>/dev/null | grep -q "$NS_ADDR/"; then
    echo "up"
  else
    echo "down"
    return 1
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
