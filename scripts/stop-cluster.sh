#!/usr/bin/env bash
# Stops every broker on this host (orderly shutdown), waits for them to exit, then stops ZooKeeper.
set -uo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
brokers_running() { pgrep -f '^java kafka\.Kafka ' >/dev/null; }
if brokers_running; then
  "$base_dir/scripts/kafka-server-stop.sh"
  for _ in $(seq 1 300); do
    brokers_running || break
    sleep 0.1
  done
fi
"$base_dir/scripts/zookeeper-server-stop.sh" || true
