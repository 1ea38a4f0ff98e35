#!/bin/bash
# Check-in cost of the fleet control's marks: one server (embedded store), two products side by
# side, rounds alternating between them. "rest": a completed release and no rollout, so check-ins
# mark nothing. "control": 2.0.0 in a 1 % canary, so 99 % of the devices are the fleet control and
# every check-in marks them. Per round: a registration pass (every request a new device) and a
# polling pass (20,000 devices checking in again and again; with POLL=1 every check-in is past its
# poll interval and moves the device's silence deadlines). Run from the repository after packaging
# and building target/cp.txt (see docs/benchmarks.md).
set -e
OP=bench-operator-key-0123456789abcdefghijkl
pkill -f quarkus-run.jar || true; sleep 1
rm -rf /tmp/bench-control
RINGGATE_DATA_DIR=/tmp/bench-control RINGGATE_OPERATOR_KEY=$OP RINGGATE_CHECKIN_POLL_SECONDS=${POLL:-300} \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > /tmp/bench-control.log 2>&1 &
until curl -sf localhost:8080/q/health/ready >/dev/null; do sleep 1; done
seed() { java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.ringgate.bench.BenchSeed http://127.0.0.1:8080 $OP "$@"; }
eval "$(seed | sed 's/^/REST_/')"
eval "$(seed --rollout --canary | sed 's/^/CONTROL_/')"
pass() { # product key prefix fleet seconds
  DEVICE_KEY=$2 PRODUCT=$1 DEVICE_PREFIX=$3 FLEET_SIZE=$4 WRK_THREADS=2 \
    wrk -t2 -c64 -d$5s --latency -s src/test/bench/fleet.lua http://127.0.0.1:8080 \
    | egrep "Requests/sec|99%" | tr -s ' ' | tr '\n' ' '; echo
}
echo "warm-up"
pass $REST_PRODUCT $REST_DEVICE_KEY w-rest- 20000 8 >/dev/null
pass $CONTROL_PRODUCT $CONTROL_DEVICE_KEY w-control- 20000 8 >/dev/null
for round in 1 2 3; do
  echo "round $round rest register: $(pass $REST_PRODUCT $REST_DEVICE_KEY r$round-rest- 1000000 8)"
  echo "round $round control register: $(pass $CONTROL_PRODUCT $CONTROL_DEVICE_KEY r$round-control- 1000000 8)"
  echo "round $round rest poll: $(pass $REST_PRODUCT $REST_DEVICE_KEY r$round-rest- 20000 10)"
  echo "round $round control poll: $(pass $CONTROL_PRODUCT $CONTROL_DEVICE_KEY r$round-control- 20000 10)"
done
pkill -f quarkus-run.jar || true
