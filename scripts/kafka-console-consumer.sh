#!/usr/bin/env bash
# Prints the records of a topic on standard output until stopped (Ctrl-C) or a limit is reached:
#   kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic my-topic --from-beginning
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-console-consumer.js" "$@"
