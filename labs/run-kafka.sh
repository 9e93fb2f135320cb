#!/usr/bin/env bash
# Lab 1, step 2: runs the single broker of lab 1 (broker 0 on localhost:9092) in this terminal,
# from the repository root; Ctrl-C shuts it down cleanly.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

exec "$root/scripts/kafka-server-start.sh" \
  config/server.properties
