#!/usr/bin/env bash
# Describes and changes entity configs: kafka-configs.sh --bootstrap-server host:port --entity-type topics --entity-name t --describe
set -euo pipefail
base_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

exec node "$base_dir/dist/cli/kafka-configs.js" "$@"
