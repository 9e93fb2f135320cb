#!/usr/bin/env bash
# Starts a ZooKeeper server for this project, the way Kafka's bin/zookeeper-server-start.sh does:
#
#   scripts/zookeeper-server-start.sh [-daemon] config/zookeeper.properties
#
# In the foreground the server logs to the terminal and Ctrl-C stops it. With -daemon it runs
# in the background: console output goes to $LOG_DIR/zookeeper.out (LOG_DIR defaults to the
# repository's logs/ directory) and its process id to $LOG_DIR/zookeeper.pid.
# A local ZooKeeper is used ($ZOOKEEPER_HOME, the Debian package, or Homebrew); without one,
# the official Docker image if a Docker engine is running. KAFKA_HEAP_OPTS, KAFKA_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_LOG4J_OPTS work as in Kafka.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] zookeeper.properties"
  exit 1
fi

# Locate the repository through this file's real path (links are followed), so the script can be
# called from any directory, or through a symlink such as kafka/bin/zookeeper-server-start.sh.
self="${BASH_SOURCE[0]}"
while [[ -L "$self" ]]; do
  link_dir="$(cd -P "$(dirname "$self")" && pwd)"
  self="$(readlink "$self")"
  [[ "$self" == /* ]] || self="$link_dir/$self"
done
repo_root="$(cd -P "$(dirname "$self")/.." && pwd)"

entry="$repo_root/dist/cli/zookeeper-server-start.js"
sources=("$repo_root/src/zookeeper-server" "$repo_root/src/cli/zookeeper-server-start.ts")

if ! command -v node >/dev/null 2>&1; then
  echo "ERROR node (version 20 or later) is required but was not found on PATH; see scripts/setup.sh" >&2
  exit 1
fi

# Compile first when the JavaScript is missing or older than its TypeScript sources.
# KAFKA_TS_SKIP_BUILD=1 turns the check off.
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
