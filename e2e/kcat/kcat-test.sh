#!/usr/bin/env bash
# Proves that librdkafka's command-line client, kcat, works against a running broker unchanged.
#
# Usage:   e2e/kcat/kcat-test.sh BOOTSTRAP            e.g. 127.0.0.1:9092
# Needs:   kcat on PATH (Debian package `kcat`); a broker at BOOTSTRAP with auto.create.topics.enable=true.
# Does:    -L metadata; keyed produce (-P -K:) to a new, auto-created topic and read back with
#          -C -e -o beginning; the same with each codec (-z gzip|snappy|lz4|zstd); the same with an
#          idempotent producer. Every topic gets a fresh name, so reruns and a non-empty broker are fine.
# Result:  one "ok" line per check on stdout; exit 0 when all pass; on the first failure a line starting
#          "kcat-test: FAIL" on stderr (with kcat's own output when it helps) and exit 1; exit 2 on bad usage.
# Env:     KCAT_TEST_MESSAGES  messages per check (default 200)
#          KCAT_TEST_TIMEOUT   seconds any one kcat call may take (default 60)
#
# librdkafka 2.0.2 only compresses when the broker's ApiVersions answer lets it, and may then send a codec
# uncompressed without an error; so the codec checks prove the round trip, not that bytes were compressed.
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
  echo "usage: $0 BOOTSTRAP   (host:port of a running broker)" >&2
  exit 2
fi
BOOTSTRAP=$1
MESSAGES=${KCAT_TEST_MESSAGES:-200}
TIMEOUT=${KCAT_TEST_TIMEOUT:-60}
RUN_ID="$(date +%s)-$$-$RANDOM"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CHECKS=0

fail() {
  echo "kcat-test: FAIL: $*" >&2
  exit 1
}

ok() {
  CHECKS=$((CHECKS + 1))
  echo "ok $CHECKS - $*"
}

command -v kcat >/dev/null 2>&1 || fail "kcat is not on PATH (Debian: apt-get install -y kcat)"

# Runs kcat with a time limit; its stderr goes to $WORK/kcat.err for failure messages.
kc() {
  timeout "$TIMEOUT" kcat -b "$BOOTSTRAP" "$@" 2>"$WORK/kcat.err"
}

kcat_error() {
  echo "kcat said: $(tr '\n' ' ' <"$WORK/kcat.err" | cut -c1-800)"
}

# Writes MESSAGES lines "key-I:value-I-<label>" to $WORK/sent-<label>.
make_messages() {
  local label=$1 i
  for ((i = 0; i < MESSAGES; i++)); do
    echo "key-$i:value-$i-$label"
  done >"$WORK/sent-$label"
}

# partition_count TOPIC: the topic's partition count from -L, or fails.
partition_count() {
  local topic=$1 meta
  meta=$(kc -L -t "$topic" -m 15) || fail "kcat -L -t $topic failed. $(kcat_error)"
  sed -n "s/^ *topic \"$topic\" with \([0-9][0-9]*\) partitions.*/\1/p" <<<"$meta" | head -n1
}

# round_trip LABEL [PRODUCER FLAGS...]: keyed produce to a new topic, consume back, compare.
round_trip() {
  local label=$1
  local topic="kcat-test-$label-$RUN_ID" partitions
  shift
  make_messages "$label"
  kc -t "$topic" -P -K: "$@" <"$WORK/sent-$label" \
    || fail "producing to $topic with flags '$*' failed. $(kcat_error)"
  if grep -qiE 'fail|error' "$WORK/kcat.err"; then
    fail "kcat reported errors while producing to $topic with flags '$*'. $(kcat_error)"
  fi
  kc -t "$topic" -C -e -q -o beginning -f '%k:%s\n' >"$WORK/got-$label" \
    || fail "consuming $topic failed. $(kcat_error)"
  partitions=$(partition_count "$topic")
  [[ -n $partitions ]] || fail "kcat -L does not list the auto-created topic $topic"
  local got sent
  got=$(wc -l <"$WORK/got-$label")
  sent=$(wc -l <"$WORK/sent-$label")
  [[ $got -eq $sent ]] || fail "$label: produced $sent messages to $topic, consumed $got"
  if [[ $partitions -eq 1 ]]; then
    # one partition keeps the order it was written in
    diff -u "$WORK/sent-$label" "$WORK/got-$label" >"$WORK/diff" \
      || fail "$label: messages read back from $topic differ from those sent: $(head -c 1500 "$WORK/diff")"
  else
    # across partitions only the per-key order is kept; compare the sets exactly
    diff -u <(sort "$WORK/sent-$label") <(sort "$WORK/got-$label") >"$WORK/diff" \
      || fail "$label: messages read back from $topic differ from those sent: $(head -c 1500 "$WORK/diff")"
  fi
  ok "$label: $sent keyed messages round-trip through $topic ($partitions partition(s))${*:+ with $*}"
}

# 1. Metadata: the broker lists itself.
meta=$(kc -L -m 15) || fail "kcat -L against $BOOTSTRAP failed. $(kcat_error)"
grep -qE '^ *[0-9]+ brokers?:' <<<"$meta" || fail "kcat -L shows no broker list: $meta"
grep -qE '^ *broker [0-9-]+ at ' <<<"$meta" || fail "kcat -L shows no broker: $meta"
ok "kcat -L lists the broker"

# 2. Keyed produce to an auto-created topic, consumed back; -L lists the topic (checked in round_trip).
round_trip plain

# 3. Every codec librdkafka has.
for codec in gzip snappy lz4 zstd; do
  round_trip "$codec" -z "$codec"
done

# 4. The idempotent producer (InitProducerId, sequence numbers), acks=all as it requires.
round_trip idempotent -X enable.idempotence=true

echo "kcat-test: all $CHECKS checks passed against $BOOTSTRAP"
