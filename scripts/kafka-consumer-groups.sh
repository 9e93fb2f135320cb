#!/usr/bin/env bash
# Lists, describes, deletes consumer groups and resets their offsets: kafka-consumer-groups.sh --bootstrap-server host:port --describe --group g
set -euo pipefail
base_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-consumer-groups.js" "$@"
