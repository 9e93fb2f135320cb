#!/usr/bin/env bash
# Lab 1, step 3: creates my-topic with 13 partitions and one replica (a single broker runs),
# writing the assignment straight into ZooKeeper.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# Create a topic
"$root/scripts/kafka-topics.sh" --create \
  --zookeeper localhost:2181 \
  --replication-factor 1 --partitions 13 \
  --topic my-topic
