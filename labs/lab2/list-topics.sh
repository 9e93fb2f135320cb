#!/usr/bin/env bash
# Lab 2: prints the names of all topics ZooKeeper knows, one per line, sorted.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# List existing topics
"$root/scripts/kafka-topics.sh" --list \
  --zookeeper localhost:2181
