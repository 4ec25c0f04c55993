#!/usr/bin/env bash
# Two Millrace builds against each other on this machine, alternating (A B, B A, A B): the before/after of a
# change without Apache Kafka in the run. Each build is a directory holding millrace-broker-*.jar and lib/
# (copy broker/target/millrace-broker-*.jar and broker/target/lib before and after the change).
#
#   bench/ab.sh DIR_A DIR_B [ROUNDS]
#
# Per round and build: a fresh broker (-Xmx1g, 6 partitions) on 127.0.0.1:39692, an unmeasured 200,000-record
# warm-up, ProducerPerformance 600,000 x 100 B acks=1 then acks=all (batch 64 KiB, linger 5),
# ConsumerPerformance of the acks=1 topic, EndToEndLatency 1,000 x 100 B acks=1. Prints one line per round with
# the tools' figures and the broker's CPU ticks (utime+stime, /proc/PID/stat) over the producers and over the
# consumer. Needs bench/target/lib (bench/run.sh fetches it).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/target/lib"
[[ $# -ge 2 ]] || { echo "usage: bench/ab.sh DIR_A DIR_B [ROUNDS]" >&2; exit 2; }
[[ -d $lib ]] || { echo "bench: run bench/run.sh once to fetch Kafka's tools into $lib" >&2; exit 1; }
a=$1 b=$2 rounds=${3:-3} port=39692 bs=127.0.0.1:39692

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

round() {
  local dir=$1 data pid c0 c1 c2 p1 p2 cs e2e
  data=$(mktemp -d)
  java -Xmx1g -cp "$(ls "$dir"/millrace-broker-*.jar | head -1):$dir/lib/*" dev.millrace.broker.server.MillraceServer \
    --override "log.dirs=$data" --override "listeners=PLAINTEXT://$bs" --override num.partitions=6 \
    --override group.initial.rebalance.delay.ms=0 --override offsets.topic.num.partitions=50 >"$data.log" 2>&1 &
  pid=$!
  sleep 4
  perf() { java -cp "$lib/*" org.apache.kafka.tools.ProducerPerformance --topic "$1" --num-records "$2" \
    --record-size 100 --throughput -1 --command-property bootstrap.servers=$bs acks="$3" linger.ms=5 batch.size=65536 2>&1 | tail -1; }
  perf warm 200000 1 >/dev/null
  c0=$(ticks $pid)
  p1=$(perf p1 600000 1 | awk '{print $4}')
  p2=$(perf p2 600000 all | awk '{print $4}')
  c1=$(ticks $pid)
  cs=$(java -cp "$lib/*" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server $bs --topic p1 \
    --messages 600000 --timeout 60000 --group "ab-$RANDOM" 2>&1 | tail -1 | awk -F', ' '{print $4}')
  c2=$(ticks $pid)
  e2e=$(java -cp "$lib/*" org.apache.kafka.tools.EndToEndLatency $bs e2e 1000 1 100 2>&1 | grep Percentiles)
  echo "$dir produce_acks1=$p1 produce_acksall=$p2 consume_MBs=$cs [$e2e] cpu_ticks_produce=$((c1 - c0)) cpu_ticks_consume=$((c2 - c1)) load=$(cut -d' ' -f1 /proc/loadavg)"
  kill $pid
  wait $pid 2>/dev/null
  rm -rf "$data" "$data.log"
}

for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then round "$a"; round "$b"; else round "$b"; round "$a"; fi
done
