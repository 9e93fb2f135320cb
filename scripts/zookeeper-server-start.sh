#!/usr/bin/env bash
# Starts a ZooKeeper server for this project, the way Kafka's bin/zookeeper-server-start.sh does:
#
#   scripts/zookeeper-server-start.sh [-daemon] config/zookeeper.properties
#
# In the foreground the server logs to the terminal and Ctrl-C stops it. With -daemon it runs
# in the background: console output goes to $LOG_DIR/zookeeper.out (LOG_DIR defaults to the
# repository's logs/ directory) and its process id to $LOG_DIR/zookeeper.pid.
# A local ZooKeeper is used ($ZOOKEEPER_HOME, the Debian package, or Homebrew); without one,
# the official Docker image if a Docker engine is running. KAFKA_HEAP_OPTS, KAFKA_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_LOG4J_OPTS work as in Kafka.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "USAGE: $0 [-daemon] zookeeper.properties"
  exit 1
fi

# Locate the repository through this file's real path (links are followed), so the script can be
# called from any directory, or through a symlink such as kafka/bin/zookeeper-server-start.sh.
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

KAFKA_TS_SCRIPT="$0" exec node "$base_dir/dist/cli/zookeeper-server-start.js" "$@"
