#!/usr/bin/env bash
# Starts a cluster a learner can use, in the background: ZooKeeper on localhost:2181 (from
# config/zookeeper.properties) and three brokers on localhost:9092, 9093 and 9094 (from
# labs/lab2/config/server-{0,1,2}.properties). Pieces already running are left as they are.
# Stop it all with scripts/stop-cluster.sh.
set -euo pipefail
base_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
brokers="${1:-3}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  local port="$1" what="$2" log="$3"
  for _ in $(seq 1 600); do
    if port_open "$port"; then return 0; fi
    sleep 0.1
  done
  echo "$what did not start listening on port $port within 60 s. The end of $log:" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
}

cd "$base_dir"
if port_open 2181; then
  echo "ZooKeeper is already running on localhost:2181"
else
  "$base_dir/scripts/zookeeper-server-start.sh" -daemon "$base_dir/config/zookeeper.properties"
  wait_port 2181 ZooKeeper "$base_dir/logs/zookeeper.out"
  echo "Started ZooKeeper on localhost:2181"
fi

for ((n = 0; n < brokers; n++)); do
  port=$((9092 + n))
  if port_open "$port"; then
    echo "Something already listens on localhost:$port; not starting broker $n"
    continue
  fi
  "$base_dir/scripts/kafka-server-start.sh" -daemon "$base_dir/labs/lab2/config/server-$n.properties"
  wait_port "$port" "Broker $n" "$base_dir/logs/kafkaServer.out"
  echo "Started broker $n on localhost:$port"
done
echo "Logs are in $base_dir/logs (server.log, controller.log, kafkaServer.out)."
echo "Try: scripts/zookeeper-shell.sh localhost:2181 ls /brokers/ids"
echo "Stop everything with: scripts/stop-cluster.sh"
