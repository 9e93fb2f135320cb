#!/usr/bin/env bash
# Creates, lists, describes, alters and deletes topics: kafka-topics.sh --zookeeper host:port/chroot --list
set -euo pipefail
base_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-topics.js" "$@"
