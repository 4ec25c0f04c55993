#!/usr/bin/env python3
"""Reads JMH JSON results (-rf json) of the dev.millrace.microbench.state benchmarks and prints one markdown row per
operation and engine: Millrace's and Kafka Streams' throughput (median of the measured iterations, which a burst of
load from other processes moves less than the mean) and their ratio; with -prof gc the heap bytes allocated per op;
with -prof 'perfnorm:events=task-clock' the CPU time per op of the whole benchmark JVM (every thread: RocksDB's
background flushes and compactions too) and the ratio of CPU throughputs, Kafka's CPU per op over Millrace's, which
other processes sharing the cores disturb far less than wall-clock throughput.
Usage: microbench/store-pairs.py RESULT.json..."""
import json
import statistics
import sys

rows = {}
for path in sys.argv[1:]:
    for r in json.load(open(path)):
        cls, op = r["benchmark"].rsplit(".", 2)[-2:]
        p = r["params"]
        scores = [s for fork in r["primaryMetric"]["rawData"] for s in fork]
        secondary = r.get("secondaryMetrics", {})
        alloc = secondary.get("gc.alloc.rate.norm", {}).get("score")
        cpu_ms = secondary.get("task-clock", {}).get("score")
        rows.setdefault((op, p["engine"]), {})[p["impl"]] = (statistics.median(scores), alloc, cpu_ms)


def fmt(m, k, f):
    return f"{f(m)} / {f(k)}" if m is not None and k is not None else "-"


print("| Operation | Engine | Millrace ops/s (median) | Kafka Streams ops/s (median) | Millrace/Kafka "
      "| CPU µs/op Millrace / Kafka | CPU ratio Kafka/Millrace | heap B/op Millrace / Kafka |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for (op, engine), impls in sorted(rows.items()):
    if "millrace" not in impls or "kafka" not in impls:
        continue
    (m, ma, mc), (k, ka, kc) = impls["millrace"], impls["kafka"]
    cpu = fmt(mc, kc, lambda x: f"{x * 1000:.2f}")
    cpu_ratio = f"**{kc / mc:.2f}**" if mc and kc else "-"
    print(f"| {op} | {engine} | {m:,.0f} | {k:,.0f} | **{m / k:.2f}** | {cpu} | {cpu_ratio} "
          f"| {fmt(ma, ka, lambda x: f'{x:,.0f}')} |")
