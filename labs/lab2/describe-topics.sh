#!/usr/bin/env bash
# Lab 2: shows, for each partition of my-failsafe-topic, its leader broker, its replicas and which
# of them are in sync (the ISR).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# Describe the replicated topic
"$root/scripts/kafka-topics.sh" --describe \
  --topic my-failsafe-topic \
  --zookeeper localhost:2181
