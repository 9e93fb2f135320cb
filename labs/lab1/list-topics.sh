#!/usr/bin/env bash
# Lab 1, step 4: prints the names of all topics ZooKeeper knows, one per line, sorted.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# List existing topics
"$root/scripts/kafka-topics.sh" --list \
  --zookeeper localhost:2181
