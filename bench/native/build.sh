#!/usr/bin/env bash
# Builds the native benchmark helpers (mock-sink, e2e-latency).
# Usage: bash bench/native/build.sh [outdir]   (default: bench/native/bin)
# A program is only rebuilt when its source is newer than its binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
outdir="${1:-$here/bin}"
header=/usr/include/librdkafka/rdkafka.h

if [[ ! -f "$header" ]]; then
  echo "librdkafka-dev is missing: apt-get install librdkafka-dev" >&2
  exit 1
fi
if ! command -v gcc >/dev/null 2>&1; then
  echo "gcc is missing: apt-get install gcc" >&2
  exit 1
fi

mkdir -p "$outdir"
for name in mock-sink e2e-latency; do
  src="$here/$name.c"
  bin="$outdir/$name"
  if [[ -x "$bin" && "$bin" -nt "$src" ]]; then
    echo "build.sh: $name is up to date" >&2
    continue
  fi
  echo "build.sh: compiling $name" >&2
  if ! gcc -O2 -Wall -Wextra -o "$bin" "$src" -lrdkafka -lpthread; then
    echo "build.sh: failed to compile $src" >&2
    exit 1
  fi
done
