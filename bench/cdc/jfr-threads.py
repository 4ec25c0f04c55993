#!/usr/bin/env python3
"""Execution samples of a JFR recording per thread: self (top frame) and inclusive counts per method.

    jfr print --events jdk.ExecutionSample --stack-depth 60 /tmp/cdc.jfr > /tmp/cdc.txt
    bench/cdc/jfr-threads.py /tmp/cdc.txt [--top 15] [--threads REGEX] [--from HH:MM:SS --to HH:MM:SS]

Threads are grouped by name with digits replaced by '#'. Inclusive counts each method once per sample.
The same for allocations (weights in MB instead of counts):

    jfr print --events jdk.ObjectAllocationSample --stack-depth 60 /tmp/cdc.jfr > /tmp/alloc.txt
    bench/cdc/jfr-threads.py /tmp/alloc.txt --weight
"""
import argparse
import collections
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--top", type=int, default=15)
ap.add_argument("--threads", default=".")
ap.add_argument("--from", dest="start", default=None, help="only samples at or after this startTime (HH:MM:SS)")
ap.add_argument("--to", dest="end", default=None, help="only samples before this startTime (HH:MM:SS)")
ap.add_argument("--weight", action="store_true", help="sum the events' weight (allocation samples), in MB")
args = ap.parse_args()

samples = []  # (thread, time, [frames top first], weight)
thread = time = None
frames = None
in_stack = False
weight = 1.0
UNITS = {"bytes": 1e-6, "byte": 1e-6, "kB": 1e-3, "MB": 1.0, "GB": 1e3}
with open(args.file, encoding="utf-8", errors="replace") as f:
    for line in f:
        s = line.strip()
        if s.startswith("jdk.") and s.endswith("{"):
            thread, time, frames, weight = None, None, [], (0.0 if args.weight else 1.0)
            in_stack = False
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif s.startswith("startTime ="):
            time = s.split("=", 1)[1].strip()
        elif s.startswith("sampledThread =") or s.startswith("eventThread ="):
            m = re.match(r'\w+ = "(.*)" \(', s)
            thread = m.group(1) if m else s
        elif args.weight and s.startswith("weight ="):
            m = re.match(r"weight = ([\d.,]+) (\w+)", s)
            if m:
                weight = float(m.group(1).replace(",", "")) * UNITS.get(m.group(2), 1.0)
        elif s == "]" and in_stack:
            samples.append((thread, time, frames, weight))
            frames, in_stack = None, False
        elif in_stack and s and s != "...":
            frames.append(re.sub(r"\s+line:.*$", "", s))

def in_window(t):
    t = (t or "")[:8]
    return (args.start is None or t >= args.start) and (args.end is None or t < args.end)

groups = collections.defaultdict(list)
for t, time, fr, w in samples:
    if in_window(time) and re.search(args.threads, t or ""):
        groups[re.sub(r"\d+", "#", t or "?")].append((fr, w))

total = sum(w for v in groups.values() for _, w in v)
unit = "MB" if args.weight else "samples"
print(f"{total:.0f} {unit}")
for name, frs in sorted(groups.items(), key=lambda kv: -sum(w for _, w in kv[1])):
    n = sum(w for _, w in frs)
    if n * 100 < total:  # threads under 1% of the total: one line each
        print(f"\n== {name}: {n:.0f}")
        continue
    self_c = collections.Counter()
    incl = collections.Counter()
    for fr, w in frs:
        if fr:
            self_c[fr[0]] += w
        for m in set(fr):
            incl[m] += w
    print(f"\n== {name}: {n:.0f} {unit} ({100.0 * n / total:.1f}%)")
    print("  self:")
    for m, c in self_c.most_common(args.top):
        print(f"    {c:8.0f} {100.0 * c / n:5.1f}%  {m}")
    print("  inclusive:")
    for m, c in incl.most_common(args.top * 2):
        print(f"    {c:8.0f} {100.0 * c / n:5.1f}%  {m}")
