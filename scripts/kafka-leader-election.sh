#!/usr/bin/env bash
# Kafka's kafka-leader-election.sh: run preferred (or unclean) leader elections through the controller.
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"
exec node "$base_dir/dist/cli/kafka-leader-election.js" "$@"
