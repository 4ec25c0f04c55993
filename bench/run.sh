#!/usr/bin/env bash
# Millrace against Apache Kafka on this machine, in one run (issue 5). See bench/README.md.
#
#   bench/run.sh [--quick | --full] [--control] [--rounds N]
#
#   --quick    a representative subset, under 3 minutes (the default)
#   --full     the whole suite, under 20 minutes
#   --control  Apache Kafka against a second Apache Kafka instead of Millrace: the machine's noise floor
#
# Fetches Apache Kafka 4.4.0 and its load tools from Maven Central into bench/target/lib (once), compiles the
# harness's two small client programs, builds Millrace if its jars are missing (after changing the sources:
# bin/millrace build), then runs bench/harness.py, which starts and stops the brokers by pid. Results:
# stdout, and bench/results/<time>-<mode>.{md,json}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"

command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }
command -v mvn >/dev/null || { echo "bench: Maven is needed" >&2; exit 1; }

if [[ ! -f $here/target/lib/kafka_2.13-4.4.0.jar || ! -f $here/target/lib/kafka-tools-4.4.0.jar ]]; then
  echo "bench: fetching Apache Kafka 4.4.0 and kafka-tools into bench/target/lib (Maven Central)" >&2
  rm -rf "$here/target/lib"
  mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/lib"
fi

classes="$here/target/classes"
if [[ ! -d $classes ]] || [[ -n $(find "$here/src" -name '*.java' -newer "$classes" -print -quit) ]]; then
  echo "bench: compiling bench/src" >&2
  rm -rf "$classes" && mkdir -p "$classes"
  "${java_bin}javac" -nowarn -cp "$here/target/lib/*" -d "$classes" $(find "$here/src" -name '*.java')
  touch "$classes"
fi

if [[ " $* " != *" --control "* ]] && ! ls "$root"/broker/target/millrace-broker-*.jar >/dev/null 2>&1; then
  "$root/bin/millrace" build
fi

# harness.py owns the broker processes: it stops them by pid on exit, on errors, on Ctrl-C and on SIGTERM.
exec python3 "$here/harness.py" "$@"
