#!/usr/bin/env bash
# Runs Apache Kafka's own ProducerPerformance and ConsumerPerformance (kafka-tools from Maven Central)
# against a broker, Millrace by default on 127.0.0.1:9092. Usage:
#   bench/perf-tools.sh [BOOTSTRAP] [RECORDS] [RECORD_SIZE] [ACKS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bootstrap="${1:-127.0.0.1:9092}"
records="${2:-2000000}"
size="${3:-100}"
acks="${4:-1}"
topic="perf-${size}b-acks${acks}-$$"

if [ ! -d "$here/target/lib" ]; then
  echo "Fetching Kafka's load tools into bench/target/lib ..." >&2
  mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/lib"
fi
cp="$here/target/lib/*"

java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --topic "$topic" \
  --partitions 6 --replication-factor 1 >/dev/null

echo "== ProducerPerformance: $records records of $size B, acks=$acks, topic $topic"
java -Xmx512m -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "$topic" --num-records "$records" \
  --record-size "$size" --throughput -1 \
  --command-property bootstrap.servers="$bootstrap" acks="$acks" linger.ms=5 batch.size=65536

echo "== ConsumerPerformance: reading them back"
java -Xmx512m -cp "$cp" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" \
  --topic "$topic" --messages "$records" --timeout 60000 --show-detailed-stats --reporting-interval 100000 \
  --consumer.config <(printf 'group.id=perf-%s\n' "$$") 2>&1 | tail -3 || true
