#!/usr/bin/env bash
# Lab 2: reads my-failsafe-topic from the beginning, bootstrapping from two of the three brokers.
# Extra arguments go to the tool, e.g. --consumer-property group.id=mygroup to share the load.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

exec "$root/scripts/kafka-console-consumer.sh" \
  --bootstrap-server localhost:9094,localhost:9092 \
  --topic my-failsafe-topic \
  --from-beginning "$@"
