#!/usr/bin/env bash
# Sends every line of standard input to a topic, one record per line:
#   kafka-console-producer.sh --bootstrap-server localhost:9092 --topic my-topic [--property parse.key=true]
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-console-producer.js" "$@"
