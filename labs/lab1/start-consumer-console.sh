#!/usr/bin/env bash
# Lab 1, step 6: prints every record of my-topic, starting with the oldest, until Ctrl-C.
# Extra arguments are passed on to the tool.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

exec "$root/scripts/kafka-console-consumer.sh" \
  --bootstrap-server localhost:9092 \
  --topic my-topic \
  --from-beginning "$@"
