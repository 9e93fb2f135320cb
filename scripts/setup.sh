#!/usr/bin/env bash
# Prepares a Debian or Ubuntu machine for this project. Safe to run again: each step is skipped
# when there is nothing to do.
#
#   scripts/setup.sh [--dry-run]
#
# 1. System packages, only the missing ones (apt-get update runs once, and only if needed):
#    zookeeper (the server and its jars), default-jre-headless (when there is no `java`),
#    kcat and python3-kafka (Kafka clients used in the labs and tests), librdkafka-dev and gcc
#    (the benchmark suite's C programs in bench/native: the mock-cluster null sink and the W4
#    latency client).
# 2. If a packaged ZooKeeper service is running or enabled, it is stopped and disabled, since it
#    would hold port 2181 that scripts/zookeeper-server-start.sh needs. Nothing is started.
# 3. npm dependencies: `npm ci` when node_modules is missing or older than package-lock.json.
# 4. The TypeScript build (`npm run build`, into dist/).
#
# Needs root (or sudo) for steps 1 and 2. SETUP_SKIP_PACKAGES=1 skips them, e.g. on a machine
# without apt-get where ZooKeeper, Java and kcat were installed some other way.
set -euo pipefail

usage() { echo "USAGE: $0 [--dry-run]"; }

dry_run=0
case "${1:-}" in
  '') ;;
  -n | --dry-run) dry_run=1 ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage >&2
    exit 1
    ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}

self="${BASH_SOURCE[0]}"
while [[ -L "$self" ]]; do
  link_dir="$(cd -P "$(dirname "$self")" && pwd)"
  self="$(readlink "$self")"
  [[ "$self" == /* ]] || self="$link_dir/$self"
done
repo_root="$(cd -P "$(dirname "$self")/.." && pwd)"

# Runs a command with its output hidden, showing the end of it only if the command fails.
quietly() {
  local what="$1"
  shift
  if ((dry_run)); then
    say "would run: $*"
    return 0
  fi
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "$what failed: $*"
  fi
  rm -f "$log"
}

# --- privileges -------------------------------------------------------------------------------
as_root=()
need_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    die "installing system packages needs root: run this script as root, install sudo, or set SETUP_SKIP_PACKAGES=1"
  fi
}

# --- 1. system packages -------------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive

package_installed() {
  # shellcheck disable=SC2016 # ${Status} is dpkg-query's field name, not a shell variable.
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if [[ "${SETUP_SKIP_PACKAGES:-0}" == 1 ]]; then
  say "skipping system packages (SETUP_SKIP_PACKAGES=1)"
elif ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  die "apt-get was not found: this script installs system packages on Debian/Ubuntu only.
  Install ZooKeeper, a Java runtime and kcat another way (macOS: brew install zookeeper kcat),
  then run it again with SETUP_SKIP_PACKAGES=1 to do the rest."
else
  missing=()
  package_installed zookeeper || missing+=(zookeeper)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  package_installed kcat || command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  package_installed python3-kafka || missing+=(python3-kafka)
  package_installed librdkafka-dev || missing+=(librdkafka-dev)
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)

  if ((${#missing[@]} == 0)); then
    say "system packages already installed (zookeeper, java, kcat, python3-kafka, librdkafka-dev, gcc)"
  else
    need_root
    say "installing ${missing[*]}"
    quietly "apt-get update" ${as_root[@]+"${as_root[@]}"} apt-get update -qq
    quietly "apt-get install" ${as_root[@]+"${as_root[@]}"} apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi

  # --- 2. a packaged ZooKeeper service must not hold port 2181 ----------------------------------
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    if systemctl is-active --quiet zookeeper.service 2>/dev/null; then
      need_root
      quietly "stopping the zookeeper service" ${as_root[@]+"${as_root[@]}"} systemctl stop zookeeper.service
      say "stopped the zookeeper system service (it holds port 2181)"
    fi
    if systemctl is-enabled --quiet zookeeper.service 2>/dev/null; then
      need_root
      quietly "disabling the zookeeper service" ${as_root[@]+"${as_root[@]}"} systemctl disable zookeeper.service
      say "disabled the zookeeper system service, so it does not come back at boot"
    fi
  elif [[ -x /etc/init.d/zookeeper ]]; then
    # No systemd (a container, WSL...): use the init script. Errors are ignored, since without
    # a running init system these commands may fail even though no service runs.
    if service zookeeper status >/dev/null 2>&1; then
      need_root
      if ((dry_run)); then
        say "would run: service zookeeper stop"
      else
        ${as_root[@]+"${as_root[@]}"} service zookeeper stop >/dev/null 2>&1 || true
        say "stopped the zookeeper system service (it holds port 2181)"
      fi
    fi
    if command -v update-rc.d >/dev/null 2>&1 && ((!dry_run)); then
      ${as_root[@]+"${as_root[@]}"} update-rc.d zookeeper disable >/dev/null 2>&1 || true
    fi
  fi
fi

# --- 3. npm dependencies ------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "Node.js 20 or later is required (https://nodejs.org or your package manager)"
command -v npm >/dev/null 2>&1 || die "npm is required (it normally comes with Node.js)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 20)) || die "Node.js $(node --version) is too old; version 20 or later is required"

cd "$repo_root"
# npm writes node_modules/.package-lock.json on every install; older than the lock file = stale.
installed_marker="node_modules/.package-lock.json"
if [[ -f package-lock.json ]]; then
  if [[ ! -d node_modules || ! -f "$installed_marker" || package-lock.json -nt "$installed_marker" ]]; then
    say "installing npm dependencies (npm ci)"
    quietly "npm ci" npm ci --no-audit --no-fund
  else
    say "npm dependencies are up to date"
  fi
elif [[ ! -d node_modules || ! -f "$installed_marker" || package.json -nt "$installed_marker" ]]; then
  say "installing npm dependencies (npm install; there is no package-lock.json)"
  quietly "npm install" npm install --no-audit --no-fund
else
  say "npm dependencies are up to date"
fi

# --- 4. build -----------------------------------------------------------------------------------
say "building (npm run build)"
quietly "npm run build" npm run --silent build

if ((dry_run)); then
  say "dry run: nothing was changed"
else
  say "done. Start ZooKeeper with: scripts/zookeeper-server-start.sh config/zookeeper.properties"
fi
