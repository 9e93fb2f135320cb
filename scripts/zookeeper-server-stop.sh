#!/usr/bin/env bash
# Stops ZooKeeper, the way Kafka's bin/zookeeper-server-stop.sh does: every ZooKeeper server JVM
# on this host gets SIGTERM (or the signal named in $SIGNAL, e.g. SIGNAL=KILL), whoever started
# it, and the Docker containers that zookeeper-server-start.sh created are stopped and removed.
# It does not wait for the servers to finish shutting down.
# Prints "No zookeeper server to stop" and exits 1 when there is none.
#
# Not in Kafka: ZOOKEEPER_STOP_MATCH=<text> limits it to the servers whose command line (or
# container name) contains <text>, e.g. the path of one properties file.
set -euo pipefail

base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/zookeeper-server-stop.js" "$@"
