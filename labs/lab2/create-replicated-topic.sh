#!/usr/bin/env bash
# Lab 2: creates my-failsafe-topic, 13 partitions each kept on all three brokers (replication
# factor 3), so the topic survives losing a broker.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

"$root/scripts/kafka-topics.sh" --create \
  --zookeeper localhost:2181 \
  --replication-factor 3 \
  --partitions 13 \
  --topic my-failsafe-topic
