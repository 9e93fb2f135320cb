#!/usr/bin/env bash
# Lab 2: runs broker 1 (localhost:9093) in this terminal with config/server-1.properties. It runs from
# the repository root, so its log.dirs=./logs/kafka-1 lands in logs/kafka-1 there. Ctrl-C stops it.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
CONFIG="$root/labs/lab2/config"
cd "$root"

## Run Kafka
exec "$root/scripts/kafka-server-start.sh" \
  "$CONFIG/server-1.properties"
