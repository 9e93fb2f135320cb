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

# Like Kafka's KAFKA_JVM_PERFORMANCE_OPTS: V8 settings for a broker. A young generation of 4 MB is
# collected often and quickly, which frees the memory of request and response buffers before it
# piles up into full collections; one GC thread keeps the collector from competing with the broker
# (and the other brokers and clients on a small machine) for cores. Measured in docs/performance.md.
KAFKA_NODE_PERFORMANCE_OPTS="${KAFKA_NODE_PERFORMANCE_OPTS---single-threaded-gc --max-semi-space-size=4}"
# shellcheck disable=SC2206 # split into flags on purpose
node_opts=($KAFKA_NODE_PERFORMANCE_OPTS)

export LOG_DIR="${LOG_DIR:-$base_dir/logs}"
mkdir -p "$LOG_DIR"
if [ "$daemon" = 1 ]; then
  nohup node ${node_opts[@]+"${node_opts[@]}"} "$base_dir/dist/cli/kafka-server-start.js" "$props" "$@" >>"$LOG_DIR/kafkaServer.out" 2>&1 </dev/null &
  exit 0
fi
exec node ${node_opts[@]+"${node_opts[@]}"} "$base_dir/dist/cli/kafka-server-start.js" "$props" "$@"
