#!/usr/bin/env bash
# Measures consumer throughput, as Kafka's ConsumerPerformance does:
#   kafka-consumer-perf-test.sh --bootstrap-server localhost:9092 --topic t --messages 1000000
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-consumer-perf-test.js" "$@"
