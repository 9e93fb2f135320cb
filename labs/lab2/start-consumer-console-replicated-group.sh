#!/usr/bin/env bash
# Lab 2, the solution's version: the same consumer, but in the consumer group "mygroup", so that
# several of them running at once share the partitions instead of each getting every record.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

exec "$root/scripts/kafka-console-consumer.sh" \
  --bootstrap-server localhost:9094,localhost:9092 \
  --topic my-failsafe-topic \
  --consumer-property group.id=mygroup \
  --from-beginning "$@"
