#!/usr/bin/env bash
# Kafka's zookeeper-shell.sh: ZooKeeper's own command-line client (ZooKeeperMain), run with the
# jars of the local ZooKeeper install.
#
#   scripts/zookeeper-shell.sh localhost:2181 ls /brokers/ids
#   scripts/zookeeper-shell.sh localhost:2181 get /controller
#   scripts/zookeeper-shell.sh localhost:2181/chroot       (interactive; type help)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 zookeeper_host:port[/path] [args...]"
  exit 1
fi

self="${BASH_SOURCE[0]}"
while [[ -L "$self" ]]; do
  link_dir="$(cd -P "$(dirname "$self")" && pwd)"
  self="$(readlink "$self")"
  [[ "$self" == /* ]] || self="$link_dir/$self"
done
repo_root="$(cd -P "$(dirname "$self")/.." && pwd)"

entry="$repo_root/dist/zookeeper-server/shell-main.js"
sources=("$repo_root/src/zookeeper-server")

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

KAFKA_TS_SCRIPT="$0" exec node "$entry" "$@"
