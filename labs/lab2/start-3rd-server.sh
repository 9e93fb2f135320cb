#!/usr/bin/env bash
# Lab 2: runs broker 2 (localhost:9094) in this terminal with config/server-2.properties. It runs from
# the repository root, so its log.dirs=./logs/kafka-2 lands in logs/kafka-2 there. Ctrl-C stops it.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
CONFIG="$root/labs/lab2/config"
cd "$root"

## Run Kafka
exec "$root/scripts/kafka-server-start.sh" \
  "$CONFIG/server-2.properties"
