#!/usr/bin/env bash
# Lab 2: every line typed here becomes one record in my-failsafe-topic; the producer is given two
# brokers to start from and learns about the third itself. Extra arguments go to the tool.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

exec "$root/scripts/kafka-console-producer.sh" \
  --broker-list localhost:9092,localhost:9093 \
  --topic my-failsafe-topic "$@"
