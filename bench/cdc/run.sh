#!/usr/bin/env bash
# Millrace's PostgreSQL connector against Debezium's embedded engine, same PostgreSQL, same broker, one run
# (issue 7, Benchmarks). See bench/README.md ("CDC") and docs/benchmarks.md.
#
#   bench/cdc/run.sh [--quick] [--control] [--rounds N] [--cases snapshot,streaming] [--engines millrace,debezium]
#                    [--producer-metrics]
#
#   (default)  snapshot of 1,000,000 rows and 200,000 streamed single-row changes, 3 rounds
#   --quick    100,000 rows and 20,000 changes, 3 rounds
#   --control  after the rounds, one more round of Debezium against a second Debezium: the noise floor
#
# Fetches Debezium 3.6.1.Final (embedded engine, PostgreSQL connector, with Kafka Connect) from Maven Central into
# bench/cdc/target/lib (once), builds Millrace if its jars are missing (after changing the sources:
# bin/millrace build), compiles bench/cdc/src and runs dev.millrace.bench.cdc.CdcBench in one JVM, which starts a
# private PostgreSQL (the connectors' test helper PostgresServer) and an in-process Millrace broker, and stops
# both at its end. Results: stdout and bench/results/<time>-cdc[-quick].json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"

if [[ ! -f $here/target/lib/debezium-embedded-3.6.1.Final.jar ]]; then
  echo "bench/cdc: fetching Debezium 3.6.1.Final into bench/cdc/target/lib (Maven Central)" >&2
  rm -rf "$here/target/lib"
  mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/lib"
fi

if ! ls "$root"/launcher/target/lib/millrace-connectors-*.jar >/dev/null 2>&1; then
  "$root/bin/millrace" build
fi

# Two JVMs, two classpaths: Debezium 3.6.1 needs Kafka 4.3's clients and Millrace ships 4.4's. The bench JVM
# (PostgreSQL, broker, Millrace's connector, consumers, writers) runs on Millrace's jars; each Debezium run gets a
# JVM on Debezium's jars (src-debezium).
cp="$root/launcher/target/lib/*"
dcp="$here/target/debezium-classes:$here/target/lib/*"

classes="$here/target/classes"
if [[ ! -d $classes ]] || [[ -n $(find "$here/src" "$here/src-debezium" "$root/connectors/src/test/java/dev/millrace/connect/postgres/PostgresServer.java" \
    -name '*.java' -newer "$classes" -print -quit) ]]; then
  echo "bench/cdc: compiling bench/cdc/src" >&2
  rm -rf "$classes" "$here/target/debezium-classes" && mkdir -p "$classes" "$here/target/debezium-classes"
  "${java_bin}javac" -nowarn -cp "$here/target/lib/*" -d "$here/target/debezium-classes" \
    $(find "$here/src-debezium" -name '*.java')
  # the connectors' test helper that starts a private PostgreSQL, compiled alone (not the other test classes)
  "${java_bin}javac" -nowarn -cp "$cp" -d "$classes" $(find "$here/src" -name '*.java') \
    "$root/connectors/src/test/java/dev/millrace/connect/postgres/PostgresServer.java"
  touch "$classes"
fi

mode=full
[[ " $* " == *" --quick "* ]] && mode=quick
out="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-cdc-$mode.json"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
exec "${java_bin}java" -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${CDC_BENCH_JVM_OPTS:-} \
  -cp "$classes:$cp" dev.millrace.bench.cdc.CdcBench --out "$out" --commit "$commit" \
  --debezium-classpath "$dcp" "$@"
