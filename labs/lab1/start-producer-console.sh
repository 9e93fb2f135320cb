#!/usr/bin/env bash
# Lab 1, step 5: every line typed here becomes one record in my-topic (Ctrl-D or Ctrl-C to quit).
# Extra arguments are passed on to the tool.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

exec "$root/scripts/kafka-console-producer.sh" \
  --broker-list localhost:9092 \
  --topic my-topic "$@"
