#!/usr/bin/env bash
# Kafka's zookeeper-shell.sh: ZooKeeper's own command-line client (ZooKeeperMain), run with the
# jars of the local ZooKeeper install.
#
#   scripts/zookeeper-shell.sh localhost:2181 ls /brokers/ids
#   scripts/zookeeper-shell.sh localhost:2181 get /controller
#   scripts/zookeeper-shell.sh localhost:2181/chroot       (interactive; type help)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 zookeeper_host:port[/path] [args...]"
  exit 1
fi

base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

KAFKA_TS_SCRIPT="$0" exec node "$base_dir/dist/zookeeper-server/shell-main.js" "$@"
