#!/usr/bin/env bash
# Lab 2, broker failover: stops one broker, found the way the course finds it (the process whose
# command line is `java kafka.Kafka .../server-N.properties`), with SIGTERM (a clean, controlled
# shutdown) or the signal given second, e.g. `./stop-server.sh 0 KILL` for a hard crash.
#
#   ./stop-server.sh 0|1|2 [TERM|INT|KILL]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

if [[ $# -lt 1 || ! "$1" =~ ^[0-2]$ || ($# -ge 2 && ! "$2" =~ ^(TERM|INT|KILL|SIGTERM|SIGINT|SIGKILL|15|2|9)$) ]]; then
  echo "USAGE: $0 0|1|2 [TERM|INT|KILL]" >&2
  exit 1
fi
n="$1"
signal="${2:-TERM}"
config="$root/labs/lab2/config/server-$n.properties"

# The course: kill `ps aux | grep java | grep server-0.properties | tr -s " " | cut -d " " -f2`
# Here the match is on this checkout's properties file; "[j]ava" keeps grep from finding itself.
# shellcheck disable=SC2009 # grepping ps on purpose: it is the course's own command
pids="$(ps aux | grep '[j]ava kafka\.Kafka ' | grep -F -- " $config" | tr -s " " | cut -d " " -f2 || true)"
if [[ -z "$pids" ]]; then
  echo "No broker started with $config is running" >&2
  exit 1
fi
for pid in $pids; do
  echo "Stopping broker $n (pid $pid) with SIG${signal#SIG}"
done
# shellcheck disable=SC2086 # one argument per process id
kill -s "${signal#SIG}" $pids
