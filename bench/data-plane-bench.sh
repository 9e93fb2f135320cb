#!/usr/bin/env bash
# Data-plane throughput benchmark (a benchmark, not a test).
#
#   bench/data-plane-bench.sh
#
# Starts its own ZooKeeper (scripts/zookeeper-server-start.sh -daemon, free port, temporary dataDir)
# and one broker on a fresh log dir, creates topics with 8 partitions (RF 1), then measures:
#   * kcat: produce RECORDS records of RECORD_BYTES bytes from a file (-X linger.ms=5
#     -X batch.size=1000000, librdkafka's default acks=all), then consume them from the beginning (-e);
#   * kafkajs (bench/kafkajs-bench.js): produce RECORDS records, 1000 per send, 4 sends in flight,
#     acks=all, then consume them from the beginning with a consumer group.
# Prints records/s and MB/s (payload bytes, 1 MB = 10^6 bytes) per client and phase. Everything it
# started is stopped on exit, also on failure or Ctrl-C. Only processes it started are signalled.
#
# Environment: RECORDS (1000000), RECORD_BYTES (100), KAFKAJS_RECORDS (RECORDS), PARTITIONS (8),
# KEEP_BENCH_DIR=1 keeps the temporary directory (logs, data) for inspection.
# Functions below run from traps and from wait_for, which shellcheck cannot see.
# shellcheck disable=SC2317
set -euo pipefail

base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/lib/run-node.sh
. "$base_dir/scripts/lib/run-node.sh"

RECORDS="${RECORDS:-1000000}"
RECORD_BYTES="${RECORD_BYTES:-100}"
KAFKAJS_RECORDS="${KAFKAJS_RECORDS:-$RECORDS}"
PARTITIONS="${PARTITIONS:-8}"
KCAT="${KCAT:-kcat}"

work="$(mktemp -d "${TMPDIR:-/tmp}/data-plane-bench-XXXXXX")"
zk_log_dir="$work/zookeeper-logs"
broker_pid=""

log() { printf '[bench] %s\n' "$*" >&2; }

stop_pid() { # stop_pid <pid> <what>: SIGTERM, then SIGKILL after 20 s
  local pid="$1" what="$2" i
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$what did not stop in 20 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  set +e
  if [ -n "$broker_pid" ]; then stop_pid "$broker_pid" broker; fi
  if [ -f "$zk_log_dir/zookeeper.pid" ]; then stop_pid "$(cat "$zk_log_dir/zookeeper.pid")" ZooKeeper; fi
  if [ "${KEEP_BENCH_DIR:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    log "kept $work (broker output: $work/broker.out, logs: $work/broker-logs)"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for <seconds> <what> <command...>
  local seconds="$1" what="$2" i
  shift 2
  for ((i = 0; i < seconds * 10; i++)); do
    if "$@"; then return 0; fi
    sleep 0.1
  done
  log "timed out after ${seconds} s waiting for $what"
  return 1
}

now_ns() { date +%s%N; }

# results: one line per measurement "client phase records nanoseconds"
results=()
record() { results+=("$1 $2 $3 $4"); }

# --- ZooKeeper ------------------------------------------------------------------------------
zk_port="$(free_port)"
cat >"$work/zookeeper.properties" <<EOF
dataDir=$work/zookeeper-data
clientPort=$zk_port
maxClientCnxns=0
admin.enableServer=false
EOF
log "starting ZooKeeper on 127.0.0.1:$zk_port"
LOG_DIR="$zk_log_dir" KAFKA_TS_SKIP_BUILD=1 "$base_dir/scripts/zookeeper-server-start.sh" -daemon \
  "$work/zookeeper.properties" >"$work/zookeeper-start.out" 2>&1
wait_for 60 "ZooKeeper's pid file" test -s "$zk_log_dir/zookeeper.pid"
wait_for 60 "ZooKeeper on port $zk_port" port_open "$zk_port"
zk_connect="127.0.0.1:$zk_port"

# --- broker ---------------------------------------------------------------------------------
broker_port="$(free_port)"
bootstrap="localhost:$broker_port"
cat >"$work/server.properties" <<EOF
broker.id=0
listeners=PLAINTEXT://localhost:$broker_port
log.dirs=$work/kafka-logs
zookeeper.connect=$zk_connect
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
log "starting a broker on $bootstrap"
LOG_DIR="$work/broker-logs" node "$base_dir/dist/cli/kafka-server-start.js" "$work/server.properties" \
  >"$work/broker.out" 2>&1 &
broker_pid=$!
broker_started() {
  if ! kill -0 "$broker_pid" 2>/dev/null; then
    log "the broker exited:"
    tail -n 20 "$work/broker.out" >&2
    exit 1
  fi
  grep -q '\[KafkaServer id=0\] started' "$work/broker.out"
}
wait_for 60 "the broker to start" broker_started

topic_ready() { # every partition of the topic has a leader in the broker's metadata
  local leaders
  leaders="$("$KCAT" -b "$bootstrap" -L -t "$1" -m 5 2>/dev/null | grep -c 'leader 0,' || true)"
  [ "$leaders" -eq "$PARTITIONS" ]
}

create_topic() { # create_topic <name>
  node "$base_dir/dist/cli/kafka-topics.js" --zookeeper "$zk_connect" --create --topic "$1" \
    --partitions "$PARTITIONS" --replication-factor 1 >&2
  wait_for 30 "leaders for $1" topic_ready "$1"
}

topic_records() { # sum of the topic's end offsets
  local sum=0 p line
  for ((p = 0; p < PARTITIONS; p++)); do
    line="$("$KCAT" -b "$bootstrap" -Q -t "$1:$p:-1")"
    sum=$((sum + ${line##* }))
  done
  echo "$sum"
}

# --- kcat -----------------------------------------------------------------------------------
create_topic bench-kcat
log "writing $RECORDS records of $RECORD_BYTES bytes"
seq -f "%0${RECORD_BYTES}.0f" 1 "$RECORDS" | cut -c "1-$RECORD_BYTES" >"$work/records.txt"

log "kcat: producing $RECORDS records"
t0="$(now_ns)"
"$KCAT" -b "$bootstrap" -P -t bench-kcat -X linger.ms=5 -X batch.size=1000000 -l "$work/records.txt"
t1="$(now_ns)"
produced="$(topic_records bench-kcat)"
if [ "$produced" -ne "$RECORDS" ]; then
  log "kcat produced $produced records, expected $RECORDS"
  exit 1
fi
record kcat produce "$RECORDS" $((t1 - t0))

log "kcat: consuming from the beginning"
t0="$(now_ns)"
consumed="$("$KCAT" -b "$bootstrap" -C -t bench-kcat -o beginning -e -q -f '\n' | wc -l)"
t1="$(now_ns)"
if [ "$consumed" -ne "$RECORDS" ]; then
  log "kcat consumed $consumed records, expected $RECORDS"
  exit 1
fi
record kcat consume "$consumed" $((t1 - t0))
rm -f "$work/records.txt"

# --- kafkajs --------------------------------------------------------------------------------
create_topic bench-kafkajs
log "kafkajs: producing $KAFKAJS_RECORDS records (1000 per send, 4 in flight), then consuming"
kafkajs_status=0
node "$base_dir/bench/kafkajs-bench.js" "$bootstrap" bench-kafkajs "$KAFKAJS_RECORDS" "$RECORD_BYTES" 1000 4 \
  >"$work/kafkajs.out" || kafkajs_status=$?
while IFS= read -r line; do
  phase="$(sed -n 's/.*"phase":"\([a-z]*\)".*/\1/p' <<<"$line")"
  count="$(sed -n 's/.*"records":\([0-9]*\).*/\1/p' <<<"$line")"
  ms="$(sed -n 's/.*"ms":\([0-9.]*\).*/\1/p' <<<"$line")"
  error="$(sed -n 's/.*"error":"\(.*\)"}$/\1/p' <<<"$line")"
  if [ -n "$error" ]; then
    record kafkajs "$phase" 0 0
    log "kafkajs $phase failed: $error"
  else
    record kafkajs "$phase" "$count" "$(awk -v ms="$ms" 'BEGIN { printf "%.0f", ms * 1e6 }')"
  fi
done <"$work/kafkajs.out"

# --- report ---------------------------------------------------------------------------------
echo
echo "Data-plane benchmark: 1 broker, $PARTITIONS partitions, RF 1, records of $RECORD_BYTES bytes ($(nproc) CPUs)"
printf '%-8s %-8s %10s %9s %12s %8s\n' client phase records seconds records/s MB/s
for r in "${results[@]}"; do
  read -r client phase count ns <<<"$r"
  if [ "$count" -eq 0 ]; then
    printf '%-8s %-8s %10s %9s %12s %8s\n' "$client" "$phase" failed - - -
  else
    awk -v c="$client" -v p="$phase" -v n="$count" -v ns="$ns" -v size="$RECORD_BYTES" 'BEGIN {
      s = ns / 1e9
      printf "%-8s %-8s %10d %9.2f %12.0f %8.2f\n", c, p, n, s, n / s, n * size / s / 1e6
    }'
  fi
done
exit "$kafkajs_status"
