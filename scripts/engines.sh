#!/usr/bin/env bash
# Installs (from Debian packages) and starts the container engines Ironbox's tests use: Docker and Podman.
# Idempotent: packages already installed and engines already answering are left alone. Needs root.
set -euo pipefail

log() { echo "[engines] $*" >&2; }

need_packages=()
# nft: the host firewall that keeps sandboxes with network access from the host's services (adapters-nftables)
for cmd in dockerd:docker.io podman:podman busybox:busybox-static ip:iproute2 catatonit:catatonit curl:curl \
    nft:nftables; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || need_packages+=("${cmd#*:}")
done
[ -x /bin/busybox ] || need_packages+=(busybox-static)
# the egress tests build an image around the host's curl and trust store
[ -f /etc/ssl/certs/ca-certificates.crt ] || need_packages+=(ca-certificates)
if [ ${#need_packages[@]} -gt 0 ]; then
  log "installing ${need_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

# Podman as root on this host's hybrid cgroups needs runc and cgroupfs; crun cannot set its default rlimits.
mkdir -p /etc/containers
if ! grep -q 'ironbox' /etc/containers/containers.conf 2>/dev/null; then
  cat >/etc/containers/containers.conf <<'CONF'
# written by ironbox scripts/engines.sh
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
fi

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && { log "$name is up"; return 0; }; sleep 0.5; done
  log "$name did not answer within 30 s"; return 1
}

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup dockerd >/var/log/ironbox-dockerd.log 2>&1 &
  wait_for docker docker info
fi

if ! curl -sf --unix-socket /run/podman/podman.sock http://d/v4.0.0/libpod/_ping >/dev/null 2>&1; then
  log "starting the podman API service"
  mkdir -p /run/podman
  # from /: conmon writes its oom marker files into the service's working directory
  (cd / && nohup podman system service --time=0 unix:///run/podman/podman.sock >/var/log/ironbox-podman.log 2>&1 &)
  wait_for podman curl -sf --unix-socket /run/podman/podman.sock http://d/v4.0.0/libpod/_ping
fi
