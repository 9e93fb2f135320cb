#!/usr/bin/env bash
# Measures producer throughput and latency, as Kafka's ProducerPerformance does:
#   kafka-producer-perf-test.sh --topic t --num-records 1000000 --record-size 100 --throughput -1 \
#     --producer-props bootstrap.servers=localhost:9092 acks=1
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-producer-perf-test.js" "$@"
