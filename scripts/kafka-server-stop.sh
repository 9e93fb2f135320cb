#!/usr/bin/env bash
# Stops every broker on this host with SIGTERM (an orderly, controlled shutdown), as Kafka's script
# does: brokers show in `ps` as `java kafka.Kafka <properties>`. With a properties file argument,
# only the broker started with that file is stopped. Prints "No kafka server to stop" if none runs.
set -euo pipefail
signal="${SIGNAL:-TERM}"
filter=""
if [ $# -ge 1 ]; then
  case "$1" in /*) filter="$1" ;; *) filter="$PWD/$1" ;; esac
fi
pids=()
while read -r pid cmd; do
  case "$cmd" in
    "java kafka.Kafka "*)
      if [ -z "$filter" ] || [[ "$cmd" == "java kafka.Kafka $filter"* ]]; then
        pids+=("$pid")
      fi
      ;;
  esac
done < <(ps ax -o pid= -o args=)
if [ ${#pids[@]} -eq 0 ]; then
  echo "No kafka server to stop"
  exit 1
fi
kill -s "$signal" "${pids[@]}"
