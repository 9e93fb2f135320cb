#!/usr/bin/env bash
# Stops ZooKeeper, the way Kafka's bin/zookeeper-server-stop.sh does: every ZooKeeper server JVM
# on this host gets SIGTERM (or the signal named in $SIGNAL, e.g. SIGNAL=KILL), whoever started
# it, and the Docker containers that zookeeper-server-start.sh created are stopped and removed.
# It does not wait for the servers to finish shutting down.
# Prints "No zookeeper server to stop" and exits 1 when there is none.
#
# Not in Kafka: ZOOKEEPER_STOP_MATCH=<text> limits it to the servers whose command line (or
# container name) contains <text>, e.g. the path of one properties file.
set -euo pipefail

self="${BASH_SOURCE[0]}"
while [[ -L "$self" ]]; do
  link_dir="$(cd -P "$(dirname "$self")" && pwd)"
  self="$(readlink "$self")"
  [[ "$self" == /* ]] || self="$link_dir/$self"
done
repo_root="$(cd -P "$(dirname "$self")/.." && pwd)"

entry="$repo_root/dist/cli/zookeeper-server-stop.js"
sources=("$repo_root/src/zookeeper-server" "$repo_root/src/cli/zookeeper-server-stop.ts")

if ! command -v node >/dev/null 2>&1; then
  echo "ERROR node (version 20 or later) is required but was not found on PATH; see scripts/setup.sh" >&2
  exit 1
fi

if [[ "${KAFKA_TS_SKIP_BUILD:-0}" != 1 ]]; then
  if [[ ! -f "$entry" ]] || [[ -n "$(find "${sources[@]}" -name '*.ts' -newer "$entry" -print -quit 2>/dev/null)" ]]; then
    build_log="$(mktemp)"
    if ! (cd "$repo_root" && npm run --silent build) >"$build_log" 2>&1; then
      if [[ -f "$entry" ]]; then
        echo "WARN 'npm run build' reported errors; running the JavaScript it produced anyway:" >&2
        head -n 20 "$build_log" >&2
      else
        echo "ERROR 'npm run build' failed:" >&2
        cat "$build_log" >&2
        rm -f "$build_log"
        exit 1
      fi
    fi
    rm -f "$build_log"
  fi
fi

exec node "$entry" "$@"
