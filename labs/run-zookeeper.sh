#!/usr/bin/env bash
# Lab 1, step 1: runs ZooKeeper in this terminal (Ctrl-C stops it), from the repository root so the
# paths in config/zookeeper.properties mean the same as in the course's ~/kafka-training.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

exec "$root/scripts/zookeeper-server-start.sh" \
  config/zookeeper.properties
