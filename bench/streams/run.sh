#!/usr/bin/env bash
# Millrace's Streams DSL against Kafka Streams 4.4.0, same broker, same run (issue 8, Benchmarks).
# See bench/README.md ("Streams DSL") and docs/benchmarks.md.
#
#   bench/streams/run.sh [--quick] [--control] [--rounds N] [--records N]
#
#   (default)  1,000,000 records of 100 B over 6 partitions, 3 rounds
#   --quick    200,000 records, 3 rounds
#   --control  Kafka Streams against a second Kafka Streams (same jars, its own JVM): the noise floor
#
# Fetches Kafka Streams 4.4.0 into bench/streams/target/lib (once; Maven Central), builds Millrace's launcher and
# examples modules (`mvn package`, never install) if their jars are missing (after changing Millrace's sources:
# mvn -B -DskipTests package -pl launcher,examples -am), compiles src/ against the broker's jars and
# src-app/StreamsBenchApp twice: as written, on Kafka Streams' jars, and with its import prefix
# org.apache.kafka.streams changed to dev.millrace.streams, on Millrace's (examples/target/lib). Then runs
# dev.millrace.bench.streams.StreamsBench: an in-process Millrace broker, each app run in a JVM of its own.
# Results: stdout and bench/results/<time>-streams-<mode>.json. Profile an app's JVM with
# STREAMS_BENCH_APP_OPTS="-XX:StartFlightRecording=filename=/tmp/app-{run}.jfr,settings=profile".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"

if [[ ! -f $here/target/lib/kafka-streams-4.4.0.jar ]]; then
  echo "bench/streams: fetching Kafka Streams 4.4.0 into bench/streams/target/lib (Maven Central)" >&2
  rm -rf "$here/target/lib"
  mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/lib"
fi

if ! ls "$root"/launcher/target/lib/millrace-broker-*.jar "$root"/examples/target/lib/millrace-streams-dsl-*.jar >/dev/null 2>&1; then
  echo "bench/streams: building Millrace's launcher and examples (mvn package, niced)" >&2
  (cd "$root" && nice -n 19 mvn -B -q -DskipTests package -pl launcher,examples -am)
fi

classes="$here/target/classes"
app_src="$here/src-app/dev/millrace/bench/streams/StreamsBenchApp.java"
if [[ ! -d $classes ]] || [[ -n $(find "$here/src" "$here/src-app" -name '*.java' -newer "$classes" -print -quit) ]]; then
  echo "bench/streams: compiling" >&2
  rm -rf "$classes" "$here/target/kafka-app" "$here/target/millrace-app" "$here/target/millrace-src"
  mkdir -p "$classes" "$here/target/kafka-app" "$here/target/millrace-app" "$here/target/millrace-src"
  "${java_bin}javac" -nowarn -cp "$root/launcher/target/lib/*" -d "$classes" $(find "$here/src" -name '*.java')
  "${java_bin}javac" -nowarn -cp "$here/target/lib/*" -d "$here/target/kafka-app" "$app_src"
  # the port: the same source with the import prefix changed, and nothing else
  sed 's/^import org\.apache\.kafka\.streams\./import dev.millrace.streams./' "$app_src" \
    > "$here/target/millrace-src/StreamsBenchApp.java"
  "${java_bin}javac" -nowarn -cp "$root/examples/target/lib/*" -d "$here/target/millrace-app" \
    "$here/target/millrace-src/StreamsBenchApp.java"
  touch "$classes"
fi

mode=full
[[ " $* " == *" --quick "* ]] && mode=quick
[[ " $* " == *" --control "* ]] && mode="$mode-control"
mkdir -p "$root/bench/results"
out="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-streams-$mode.json"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
exec "${java_bin}java" -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${STREAMS_BENCH_JVM_OPTS:-} \
  -cp "$classes:$root/launcher/target/lib/*" dev.millrace.bench.streams.StreamsBench \
  --out "$out" --commit "$commit" --work "$here/target/run" --java "${java_bin}java" \
  --kafka-classpath "$here/target/kafka-app:$here/target/lib/*" \
  --millrace-classpath "$here/target/millrace-app:$root/examples/target/lib/*" \
  --app-jvm-opts "${STREAMS_BENCH_APP_OPTS:-}" "$@"
