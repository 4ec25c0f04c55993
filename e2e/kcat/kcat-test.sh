#!/usr/bin/env bash
# Proves that librdkafka's command-line client, kcat, works against a running broker unchanged.
#
# Usage:   e2e/kcat/kcat-test.sh BOOTSTRAP [MILLRACE]  e.g. 127.0.0.1:9092 bin/millrace
#          MILLRACE is the launcher whose `topics` and `groups` tools the group checks use; by default the
#          bin/millrace of the distribution this script is in.
# Needs:   kcat on PATH (Debian package `kcat`); a broker at BOOTSTRAP with auto.create.topics.enable=true
#          and consumer groups; Java for the launcher's tools.
# Does:    -L metadata; keyed produce (-P -K:) to a new, auto-created topic and read back with
#          -C -e -o beginning; the same with each codec (-z gzip|snappy|lz4|zstd); the same with an
#          idempotent producer. Then consumer groups: a 4-partition topic (created with `millrace topics`)
#          read by one balanced consumer (-G, -e) and then by two concurrent balanced consumers of another
#          group, each time every message exactly once; `millrace groups --describe` must show the offsets
#          kcat committed on exit equal to the log end offsets (lag 0) on all four partitions.
#          Every topic and group gets a fresh name, so reruns and a non-empty broker are fine.
# Result:  one "ok" line per check on stdout; exit 0 when all pass; on the first failure a line starting
#          "kcat-test: FAIL" on stderr (with kcat's own output when it helps) and exit 1; exit 2 on bad usage.
# Env:     KCAT_TEST_MESSAGES  messages per check (default 200)
#          KCAT_TEST_TIMEOUT   seconds any one kcat call may take (default 60)
#
# librdkafka 2.0.2 only compresses when the broker's ApiVersions answer lets it, and may then send a codec
# uncompressed without an error; so the codec checks prove the round trip, not that bytes were compressed.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || -z $1 ]]; then
  echo "usage: $0 BOOTSTRAP [MILLRACE]   (host:port of a running broker; path of bin/millrace)" >&2
  exit 2
fi
BOOTSTRAP=$1
MILLRACE=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/bin/millrace}
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

# 5. Consumer groups: kcat's balanced consumer (-G: FindCoordinator, JoinGroup, SyncGroup, Heartbeat,
#    OffsetFetch, OffsetCommit, LeaveGroup) over a topic with 4 partitions.
[[ -x $MILLRACE ]] || fail "the launcher $MILLRACE is not executable (pass bin/millrace as the second argument)"
GROUP_TOPIC="kcat-test-group-$RUN_ID"
GROUP_PARTITIONS=4
# librdkafka's producer does not create topics with a chosen partition count; the topics tool does
"$MILLRACE" topics --bootstrap-server "$BOOTSTRAP" --create --topic "$GROUP_TOPIC" \
  --partitions "$GROUP_PARTITIONS" --replication-factor 1 >"$WORK/topics.out" 2>&1 \
  || fail "millrace topics --create $GROUP_TOPIC failed: $(cat "$WORK/topics.out")"
make_messages group
kc -t "$GROUP_TOPIC" -P -K: <"$WORK/sent-group" || fail "producing to $GROUP_TOPIC failed. $(kcat_error)"
partitions=$(partition_count "$GROUP_TOPIC")
[[ $partitions -eq $GROUP_PARTITIONS ]] || fail "$GROUP_TOPIC has ${partitions:-no} partitions, expected $GROUP_PARTITIONS"

# group_lag_is_zero GROUP: `millrace groups --describe` lists every partition of $GROUP_TOPIC with
# CURRENT-OFFSET = LOG-END-OFFSET and LAG 0, and the committed offsets add up to the messages sent.
group_lag_is_zero() {
  local group=$1 described rows
  described=$("$MILLRACE" groups --bootstrap-server "$BOOTSTRAP" --describe --group "$group" 2>"$WORK/groups.err") \
    || fail "millrace groups --describe --group $group failed: $(cat "$WORK/groups.err")"
  grep -qE '^GROUP +TOPIC +PARTITION +CURRENT-OFFSET +LOG-END-OFFSET +LAG ' <<<"$described" \
    || fail "groups --describe --group $group has no offsets table: $described"
  # columns: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
  rows=$(awk -v g="$group" -v t="$GROUP_TOPIC" '$1 == g && $2 == t' <<<"$described")
  [[ $(wc -l <<<"$rows") -eq $GROUP_PARTITIONS ]] \
    || fail "groups --describe --group $group shows $(grep -c . <<<"$rows") partitions of $GROUP_TOPIC, expected $GROUP_PARTITIONS: $described"
  awk '$4 != $5 || $6 != "0" { bad = 1 } END { exit bad }' <<<"$rows" \
    || fail "group $group: committed offsets are not at the log end (lag must be 0): $described"
  [[ $(awk '{ s += $4 } END { print s }' <<<"$rows") -eq $MESSAGES ]] \
    || fail "group $group: committed offsets add up to $(awk '{ s += $4 } END { print s }' <<<"$rows"), expected $MESSAGES: $described"
}

# 5a. One balanced consumer reads the whole topic: -o beginning is its auto.offset.reset for a group
#     without committed offsets, -e exits once every assigned partition is at its end. kcat closes the
#     consumer on exit, which commits the consumed offsets (enable.auto.commit is librdkafka's default).
SOLO_GROUP="kcat-test-solo-$RUN_ID"
kc -G "$SOLO_GROUP" "$GROUP_TOPIC" -o beginning -e -q -f '%k:%s\n' >"$WORK/got-solo" \
  || fail "kcat -G $SOLO_GROUP $GROUP_TOPIC failed. $(kcat_error)"
diff -u <(sort "$WORK/sent-group") <(sort "$WORK/got-solo") >"$WORK/diff" \
  || fail "kcat -G $SOLO_GROUP: messages read from $GROUP_TOPIC differ from those sent: $(head -c 1500 "$WORK/diff")"
ok "kcat -G: one balanced consumer reads all $MESSAGES messages of $GROUP_TOPIC ($GROUP_PARTITIONS partitions) exactly once"
group_lag_is_zero "$SOLO_GROUP"
ok "millrace groups --describe: group $SOLO_GROUP committed the log end offset of every partition (lag 0)"

# 5b. Two balanced consumers of one group at once. Both join within the broker's
#     group.initial.rebalance.delay.ms (3 s by default), so the first generation splits the partitions
#     between them; together they must read every message exactly once, and each must read some.
PAIR_GROUP="kcat-test-pair-$RUN_ID"
pids=()
for member in a b; do
  timeout "$TIMEOUT" kcat -b "$BOOTSTRAP" -G "$PAIR_GROUP" "$GROUP_TOPIC" -o beginning -e -q -f '%p %k:%s\n' \
    >"$WORK/got-pair-$member" 2>"$WORK/kcat-$member.err" &
  pids+=($!)
done
for i in 0 1; do
  member=$([[ $i -eq 0 ]] && echo a || echo b)
  wait "${pids[$i]}" \
    || fail "kcat -G $PAIR_GROUP (consumer $member) failed: $(tr '\n' ' ' <"$WORK/kcat-$member.err" | cut -c1-800)"
done
diff -u <(sort "$WORK/sent-group") <(cut -d' ' -f2- "$WORK/got-pair-a" "$WORK/got-pair-b" | sort) >"$WORK/diff" \
  || fail "kcat -G $PAIR_GROUP: the two consumers together did not read every message exactly once: $(head -c 1500 "$WORK/diff")"
read_a=$(wc -l <"$WORK/got-pair-a")
read_b=$(wc -l <"$WORK/got-pair-b")
[[ $read_a -gt 0 && $read_b -gt 0 ]] \
  || fail "kcat -G $PAIR_GROUP: the partitions were not split (consumer a read $read_a messages, b read $read_b)"
parts_a=$(cut -d' ' -f1 "$WORK/got-pair-a" | sort -u | tr '\n' ' ')
parts_b=$(cut -d' ' -f1 "$WORK/got-pair-b" | sort -u | tr '\n' ' ')
ok "kcat -G: two concurrent consumers of one group split $GROUP_TOPIC (a: $read_a messages from partitions ${parts_a% }; b: $read_b from ${parts_b% }) and read every message exactly once"
group_lag_is_zero "$PAIR_GROUP"
ok "millrace groups --describe: group $PAIR_GROUP committed the log end offset of every partition (lag 0)"

echo "kcat-test: all $CHECKS checks passed against $BOOTSTRAP"
