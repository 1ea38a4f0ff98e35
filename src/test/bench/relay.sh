#!/bin/bash
# Relay check-in throughput beside the upstream's, same run, and the relay's memory with 100,000
# devices polling. Run from the repository after packaging and building target/cp.txt (see
# docs/benchmarks.md). RELAY_JAVA_OPTS: the relay's JVM options (default -Xmx512m).
set -e
OP=bench-operator-key-0123456789abcdefghijkl
pkill -f quarkus-run.jar || true; sleep 1
rm -rf /tmp/bench-up /tmp/bench-relay
RINGGATE_DATA_DIR=/tmp/bench-up RINGGATE_OPERATOR_KEY=$OP QUARKUS_HTTP_PORT=8080 \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > /tmp/bench-up.log 2>&1 &
until curl -sf localhost:8080/q/health/ready >/dev/null; do sleep 1; done
eval $(java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.ringgate.bench.BenchSeed http://127.0.0.1:8080 $OP); export DEVICE_KEY PRODUCT TENANT
RELAY_KEY=$(curl -s -X POST localhost:8080/api/v1/api-keys -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' \
  -d "{\"role\":\"RELAY\",\"tenantId\":\"$TENANT\",\"label\":\"bench-relay\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["key"])')
MALLOC_ARENA_MAX=2 RINGGATE_RELAY_UPSTREAM=http://127.0.0.1:8080 RINGGATE_RELAY_KEY=$RELAY_KEY RINGGATE_DATA_DIR=/tmp/bench-relay QUARKUS_HTTP_PORT=8081 \
  java ${RELAY_JAVA_OPTS:--Xmx512m} -jar target/quarkus-app/quarkus-run.jar relay > /tmp/bench-relay.log 2>&1 &
until curl -sf localhost:8081/q/health/ready >/dev/null; do sleep 1; done
echo "PRODUCT=$PRODUCT DEVICE_KEY=$DEVICE_KEY TENANT=$TENANT"
U="/api/v1/devices/bench-device-1/updates/$PRODUCT?platform=windows-x64&current=0.9.0"
for port in 8080 8081; do curl -s -o /dev/null -w "$port %{http_code}\n" "http://127.0.0.1:$port$U" -H "Authorization: Bearer $DEVICE_KEY"; done
ETAG=
wrkrun() { # port path script-args...
  local p=$1 path=$2; shift 2
  wrk -t2 -c64 -d10s --latency "$@" http://127.0.0.1:$p$path | egrep "Requests/sec|99%" | tr -s ' ' | tr '\n' ' '; echo
}
export DEVICE_KEY PRODUCT ETAG
echo "warm-up"; wrkrun 8080 "" -s src/test/bench/checkin.lua; wrkrun 8081 "" -s src/test/bench/checkin.lua
for round in 1 2 3 4 5; do
  echo "round $round ping-up: $(wrkrun 8080 /ping)"
  echo "round $round upstream 200: $(wrkrun 8080 "" -s src/test/bench/checkin.lua)"
  echo "round $round relay 200: $(wrkrun 8081 "" -s src/test/bench/checkin.lua)"
done
echo "relay: 100,000 devices polling"
FLEET_SIZE=100000 WRK_THREADS=2 wrk -t2 -c64 -d40s --latency -s src/test/bench/fleet.lua http://127.0.0.1:8081 | egrep "Requests/sec|99%"
FLEET_SIZE=100000 WRK_THREADS=2 wrk -t2 -c64 -d20s --latency -s src/test/bench/fleet.lua http://127.0.0.1:8081 | egrep "Requests/sec|99%"
R=$(lsof -t -i :8081 -sTCP:LISTEN)
echo "relay rss: $(ps -o rss= -p $R) KB"
jcmd $R GC.heap_info | head -5
