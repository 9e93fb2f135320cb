#!/usr/bin/env bash
# Lab 2: runs broker 0 (localhost:9092) in this terminal with config/server-0.properties. It runs from
# the repository root, so its log.dirs=./logs/kafka-0 lands in logs/kafka-0 there. Ctrl-C stops it.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
CONFIG="$root/labs/lab2/config"
cd "$root"

## Run Kafka
exec "$root/scripts/kafka-server-start.sh" \
  "$CONFIG/server-0.properties"
