#!/usr/bin/env bash
# Starts a broker: kafka-server-start.sh [-daemon] server.properties [--override property=value]*
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*" >&2
  exit 1
fi
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

daemon=0
if [ "$1" = "-daemon" ]; then
  daemon=1
  shift
fi
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*" >&2
  exit 1
fi
props="$1"
shift
case "$props" in /*) ;; *) props="$PWD/$props" ;; esac

export LOG_DIR="${LOG_DIR:-$base_dir/logs}"
mkdir -p "$LOG_DIR"
if [ "$daemon" = 1 ]; then
  nohup node "$base_dir/dist/cli/kafka-server-start.js" "$props" "$@" >>"$LOG_DIR/kafkaServer.out" 2>&1 </dev/null &
  exit 0
fi
exec node "$base_dir/dist/cli/kafka-server-start.js" "$props" "$@"
