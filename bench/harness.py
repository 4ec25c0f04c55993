#!/usr/bin/env python3
"""Millrace against Apache Kafka on the same machine, in one run. Started by bench/run.sh (see bench/README.md).

Each round starts both brokers one after the other (the order alternates from round to round), each on a
fresh data directory, runs the same suite of Kafka's load tools against it, measures it from /proc, and
stops it by pid. Figures are reported as the median over rounds with their min-max spread, and as the
ratio of the medians (Millrace / Kafka). --control runs a second Apache Kafka in Millrace's place.
"""
import argparse
import base64
import datetime
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
import traceback
import uuid

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TARGET = os.path.join(BENCH, "target")
LIB = os.path.join(TARGET, "lib")
RUN = os.path.join(TARGET, "run")
RESULTS = os.path.join(BENCH, "results")
CP = os.path.join(LIB, "*")
TOOLS_CP = os.path.join(TARGET, "classes") + os.pathsep + CP
HEAP = "-Xmx1g"
KAFKA_VERSION = "4.4.0"
CLK_TCK = os.sysconf("SC_CLK_TCK")
JAVA = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
TOOL_JAVA = [JAVA, "-Xmx512m", "-Dlog4j2.configurationFile=" + os.path.join(BENCH, "log4j2.yaml")]

# Settings both brokers get: one broker, no fsync per write (both default to leaving flushing to the OS),
# the same partition counts, no rebalance delay so ConsumerPerformance measures reading, not waiting.
COMMON = {
    "num.partitions": "6",
    "offsets.topic.num.partitions": "50",
    "offsets.topic.replication.factor": "1",
    "group.initial.rebalance.delay.ms": "0",
    "num.network.threads": "3",
    "num.io.threads": "8",
    "auto.create.topics.enable": "true",
}

live = []  # processes to stop on exit


# ---------------------------------------------------------------------------------------------- /proc

def proc_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def proc_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime, fields 14 and 15 of stat


def proc_write_bytes(pid):
    try:
        with open(f"/proc/{pid}/io") as f:
            for line in f:
                if line.startswith("write_bytes:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def dir_bytes(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
            except OSError:
                pass
    return total


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def machine():
    info = {"cpus": os.cpu_count(), "kernel": os.uname().release}
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                info["mem_total_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    try:
        out = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()
        info["java"] = out[0] if out else "?"
    except OSError:
        info["java"] = "?"
    try:
        info["millrace_commit"] = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                                                 capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


# ------------------------------------------------------------------------------------- readiness probe

def metadata_ready(port):
    """True when 127.0.0.1:port answers a Metadata v4 request naming at least one broker."""
    body = struct.pack(">hhih", 3, 4, 7, 5) + b"bench" + struct.pack(">ib", 0, 0)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.settimeout(2)
            s.sendall(struct.pack(">i", len(body)) + body)
            head = b""
            while len(head) < 16:
                chunk = s.recv(16 - len(head))
                if not chunk:
                    return False
                head += chunk
            _, corr, _, brokers = struct.unpack(">iiii", head)
            return corr == 7 and brokers >= 1
    except (OSError, struct.error):
        return False


def port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


# ------------------------------------------------------------------------------------------- brokers

class Broker:
    def __init__(self, name, kind, port, controller_port=None):
        self.name, self.kind, self.port, self.controller_port = name, kind, port, controller_port
        self.bootstrap = f"127.0.0.1:{port}"
        self.data = os.path.join(RUN, name, "data")
        self.log = os.path.join(RUN, name + ".log")
        self.pidfile = os.path.join(RUN, name + ".pid")
        self.proc = None

    def command(self):
        if self.kind == "kafka":
            return [JAVA, HEAP, "-Dlog4j2.configurationFile=" + os.path.join(BENCH, "log4j2.yaml"),
                    "-cp", CP, "kafka.Kafka", self.properties()]
        cmd = [os.path.join(ROOT, "bin", "millrace"), "start",
               "--override", f"log.dirs={self.data}",
               "--override", f"listeners=PLAINTEXT://127.0.0.1:{self.port}"]
        for k, v in COMMON.items():
            cmd += ["--override", f"{k}={v}"]
        return cmd

    def properties(self):
        path = os.path.join(RUN, self.name, "server.properties")
        props = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.bootstrap.servers": f"127.0.0.1:{self.controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs": self.data,
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
        }
        props.update(COMMON)
        with open(path, "w") as f:
            f.write("# written by bench/harness.py\n")
            for k, v in props.items():
                f.write(f"{k}={v}\n")
        return path

    def prepare(self):
        """A fresh data directory. Kafka's is formatted once per run (KRaft format is not part of
        start-to-ready; Millrace has no format step) and copied for each round."""
        shutil.rmtree(os.path.join(RUN, self.name), ignore_errors=True)
        if self.kind != "kafka":
            os.makedirs(self.data)
            return
        template = os.path.join(RUN, self.name + "-formatted")
        if not os.path.isdir(template):
            os.makedirs(self.data)
            props = self.properties()
            r = subprocess.run([JAVA, "-Xmx256m", "-Dlog4j2.configurationFile=" + os.path.join(BENCH, "log4j2.yaml"),
                                "-cp", CP, "kafka.tools.StorageTool", "format", "--standalone",
                                # "--cluster-id=ID" in one word: a url-safe base64 id may start with "-", which
                                # the tool's argument parser would take for an option
                                "--cluster-id=" + base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode(),
                                "-c", props],
                               capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                raise RuntimeError(f"formatting {self.name} failed: {r.stdout}{r.stderr}")
            shutil.copytree(self.data, template)
            shutil.rmtree(os.path.join(RUN, self.name))
        os.makedirs(os.path.join(RUN, self.name))
        shutil.copytree(template, self.data)
        self.properties()

    def start(self, timeout=180):
        for port in (self.port, self.controller_port):
            if port and not port_free(port):
                raise RuntimeError(f"port {port} for {self.name} is in use; is another benchmark running?")
        env = dict(os.environ, MILLRACE_HEAP_OPTS=HEAP)
        logf = open(self.log, "w")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.command(), stdout=logf, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True, cwd=ROOT)
        logf.close()
        live.append(self)
        with open(self.pidfile, "w") as f:
            f.write(str(self.proc.pid))
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} during startup; see {self.log}")
            if metadata_ready(self.port):
                return time.monotonic() - t0
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} not ready after {timeout}s; see {self.log}")

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in live:
            live.remove(self)
        try:
            os.remove(self.pidfile)
        except OSError:
            pass


def stop_stale():
    """Stops brokers a previous run left behind (killed harness): pid file and command line must both match."""
    if not os.path.isdir(RUN):
        return
    for name in os.listdir(RUN):
        if not name.endswith(".pid"):
            continue
        path = os.path.join(RUN, name)
        try:
            pid = int(open(path).read().strip())
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
            if RUN in cmdline:
                print(f"stopping pid {pid} left by an earlier run ({name})", file=sys.stderr)
                os.kill(pid, signal.SIGTERM)
                for _ in range(300):
                    if not os.path.exists(f"/proc/{pid}"):
                        break
                    time.sleep(0.1)
        except (OSError, ValueError):
            pass
        try:
            os.remove(path)
        except OSError:
            pass


# ----------------------------------------------------------------------------------------- the suite

def produce_case(size, acks, compression, batching, records, partitions=6):
    name = f"produce {'1 KiB' if size == 1024 else f'{size} B'}, acks={acks}, {compression}, " + \
           ("batch 64 KiB linger 5" if batching == "tuned" else "client defaults")
    topic = f"p{size}-a{acks}-{compression}-{batching}"
    return {"name": name, "kind": "produce", "topic": topic, "partitions": partitions, "records": records,
            "size": size, "props": client_props(acks, compression, batching)}


def client_props(acks, compression, batching):
    props = [f"acks={acks}", f"compression.type={compression}"]
    if batching == "tuned":
        props += ["batch.size=65536", "linger.ms=5"]
    return props


def consume_case(of):
    return {"name": "consume " + of["name"][len("produce "):], "kind": "consume", "topic": of["topic"],
            "records": of["records"], "size": of["size"]}


def suite(mode):
    cases = []
    if mode == "quick":
        p1 = produce_case(100, "1", "none", "tuned", 200_000)
        cases += [p1, produce_case(100, "all", "none", "tuned", 200_000), consume_case(p1),
                  {"name": "end-to-end latency 100 B, acks=1", "kind": "e2e", "topic": "e2e-a1", "partitions": 1,
                   "records": 500, "size": 100, "acks": "1"}]
        return cases
    # batch 64 KiB + linger 5 with each compression; client defaults without compression (16 cases, not 24,
    # to stay under 20 minutes on a 2-core machine)
    produced = {}
    for size, records in ((100, 300_000), (1024, 60_000)):
        for acks in ("1", "all"):
            for compression, batching in (("none", "tuned"), ("lz4", "tuned"), ("zstd", "tuned"), ("none", "defaults")):
                c = produce_case(size, acks, compression, batching, records)
                produced[(size, acks, compression, batching)] = c
                cases.append(c)
    for size in (100, 1024):
        for compression in ("none", "zstd"):
            cases.append(consume_case(produced[(size, "1", compression, "tuned")]))
    for acks in ("1", "all"):
        cases.append({"name": f"end-to-end latency 100 B, acks={acks}", "kind": "e2e", "topic": f"e2e-a{acks}",
                      "partitions": 1, "records": 3000, "size": 100, "acks": acks})
    cases.append({"name": "1,000 partitions over 10 topics, 100 B, acks=1, 1 producer", "kind": "multi",
                  "topics": [f"wide-{i}" for i in range(10)], "partitions": 100, "producers": 1,
                  "records": 300_000, "size": 100, "props": client_props("1", "none", "tuned")})
    cases.append({"name": "50 concurrent producers, 100 B, acks=1, 6 partitions", "kind": "multi",
                  "topics": ["fifty"], "partitions": 6, "producers": 50,
                  "records": 300_000, "size": 100, "props": client_props("1", "none", "tuned")})
    return cases


def topics_of(cases):
    out = {}
    for c in cases:
        if c["kind"] in ("produce", "e2e"):
            out[c["topic"]] = c["partitions"]
        elif c["kind"] == "multi":
            for t in c["topics"]:
                out[t] = c["partitions"]
    return out


PRODUCER_LINE = re.compile(r"(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, "
                           r"([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99.9th")


def parse_producer(out):
    m = None
    for m in PRODUCER_LINE.finditer(out):
        pass
    if not m:
        raise RuntimeError("no ProducerPerformance summary in:\n" + out[-2000:])
    return {"records": int(m.group(1)), "records/s": float(m.group(2)), "MB/s": float(m.group(3)),
            "avg latency ms": float(m.group(4)), "p99 latency ms": float(m.group(8)),
            "p99.9 latency ms": float(m.group(9))}


def parse_consumer(out):
    lines = [l for l in out.splitlines() if l.strip()]
    for i, line in enumerate(lines):
        if line.startswith("start.time"):
            head = [h.strip() for h in line.split(",")]
            vals = [v.strip() for v in lines[i + 1].split(",")]
            row = dict(zip(head, vals))
            return {"MB/s": float(row["MB.sec"]), "records/s": float(row["nMsg.sec"]),
                    "fetch MB/s": float(row["fetch.MB.sec"]), "rebalance ms": float(row["rebalance.time.ms"]),
                    "records": int(float(row["data.consumed.in.nMsg"]))}
    raise RuntimeError("no ConsumerPerformance summary in:\n" + out[-2000:])


def parse_e2e(out):
    avg = re.search(r"Avg latency: ([\d.]+) ms", out)
    pct = re.search(r"Percentiles: 50th = ([\d.]+), 99th = ([\d.]+), 99.9th = ([\d.]+)", out)
    if not (avg and pct):
        raise RuntimeError("no EndToEndLatency summary in:\n" + out[-2000:])
    return {"avg ms": float(avg.group(1)), "p50 ms": float(pct.group(1)), "p99 ms": float(pct.group(2)),
            "p99.9 ms": float(pct.group(3))}


def run_tool(args, timeout=600):
    r = subprocess.run(TOOL_JAVA + args, capture_output=True, text=True, timeout=timeout, cwd=RUN)
    out = r.stdout + r.stderr
    if r.returncode != 0:
        raise RuntimeError(f"{args[2] if args[0] == '-cp' else args[0]} failed ({r.returncode}):\n{out[-3000:]}")
    return out


class RssSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self):
        while not self.done.is_set():
            self.peak = max(self.peak, proc_rss(self.pid))
            self.done.wait(0.2)

    def finish(self):
        self.done.set()
        self.join()
        return self.peak


def run_case(case, broker, group_seq):
    pid, b = broker.pid, broker.bootstrap
    cpu0, wb0, dir0, t0 = proc_cpu(pid), proc_write_bytes(pid), dir_bytes(broker.data), time.monotonic()
    sampler = RssSampler(pid)
    sampler.start()
    try:
        if case["kind"] == "produce":
            out = run_tool(["-cp", CP, "org.apache.kafka.tools.ProducerPerformance", "--topic", case["topic"],
                            "--num-records", str(case["records"]), "--record-size", str(case["size"]),
                            "--throughput", "-1", "--command-property", f"bootstrap.servers={b}", *case["props"]])
            fig = parse_producer(out)
        elif case["kind"] == "multi":
            out = run_tool(["-cp", TOOLS_CP, "dev.millrace.bench.MultiProducer", b, ",".join(case["topics"]),
                            str(case["producers"]), str(case["records"]), str(case["size"]), *case["props"]])
            fig = parse_producer(out)
        elif case["kind"] == "consume":
            out = run_tool(["-cp", CP, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", b,
                            "--topic", case["topic"], "--num-records", str(case["records"]), "--timeout", "60000",
                            "--group", f"bench-{group_seq}"])
            fig = parse_consumer(out)
            if fig["records"] < case["records"]:
                raise RuntimeError(f"consumer read {fig['records']} of {case['records']} records")
        else:
            out = run_tool(["-cp", CP, "org.apache.kafka.tools.EndToEndLatency", b, case["topic"],
                            str(case["records"]), case["acks"], str(case["size"])])
            fig = parse_e2e(out)
    finally:
        peak = sampler.finish()
    seconds = time.monotonic() - t0
    cpu = proc_cpu(pid) - cpu0
    wb1 = proc_write_bytes(pid)
    moved = case["records"] * case["size"]
    if case["kind"] in ("produce", "multi"):
        fig["broker CPU s/GB"] = cpu / (moved / 1e9)
        if wb0 is not None and wb1 is not None:
            fig["disk write B/B produced"] = (wb1 - wb0) / moved
        fig["data dir growth B/B"] = (dir_bytes(broker.data) - dir0) / moved
    elif case["kind"] == "consume":
        fig["broker CPU s/GB"] = cpu / (moved / 1e9)
    fig["peak RSS MiB"] = peak / 2**20
    return fig, {"seconds": round(seconds, 2), "cpu_s": round(cpu, 3), "loadavg": loadavg()}


# lower-is-better metrics; everything else is higher-is-better
LOWER = ("latency", "ms", "CPU", "B/B", "RSS", "start-to-ready")


def lower_better(metric):
    return any(k in metric for k in LOWER) and "MB/s" not in metric and "records/s" not in metric


# ---------------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--quick", action="store_const", dest="mode", const="quick",
                   help="a representative subset, under 3 minutes (default)")
    g.add_argument("--full", action="store_const", dest="mode", const="full", help="the whole suite, under 20 minutes")
    ap.add_argument("--control", action="store_true",
                    help="Apache Kafka against a second Apache Kafka: the noise floor of the machine")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per broker (default 3, at least 3 for a spread)")
    ap.add_argument("--only", metavar="REGEX", help="run only the cases whose name matches (for trying the harness)")
    ap.set_defaults(mode="quick")
    args = ap.parse_args()

    os.makedirs(RUN, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    stop_stale()
    for name in os.listdir(RUN):  # formatted Kafka directories of an earlier run
        if name.endswith("-formatted"):
            shutil.rmtree(os.path.join(RUN, name))

    a = Broker("kafka", "kafka", 39092, 39093)
    b = Broker("kafka-b", "kafka", 39292, 39293) if args.control else Broker("millrace", "millrace", 39192)
    cases = suite(args.mode)
    if args.only:
        cases = [c for c in cases if re.search(args.only, c["name"])]
        if not cases:
            ap.error(f"no case matches {args.only!r}")
    started = datetime.datetime.now(datetime.timezone.utc)
    result = {"started": started.isoformat(timespec="seconds"), "mode": args.mode, "control": args.control,
              "rounds": args.rounds, "kafka_version": KAFKA_VERSION, "heap": HEAP, "broker_settings": COMMON,
              "machine": machine(), "loadavg_samples": [loadavg()], "runs": []}
    print(f"bench: {args.mode}{' control' if args.control else ''}, {args.rounds} rounds, {len(cases)} cases; "
          f"{a.name} vs {b.name}; load average {loadavg()}", flush=True)
    t_start = time.monotonic()
    for rnd in range(1, args.rounds + 1):
        for broker in ((a, b) if rnd % 2 == 1 else (b, a)):
            broker.prepare()
            ready = broker.start()
            time.sleep(2)  # let startup work settle before reading idle memory
            run = {"round": rnd, "broker": broker.name, "start-to-ready ms": ready * 1000,
                   "idle RSS MiB": proc_rss(broker.pid) / 2**20, "cases": {}}
            print(f"round {rnd} {broker.name}: ready in {ready * 1000:.0f} ms, idle RSS {run['idle RSS MiB']:.0f} MiB",
                  flush=True)
            run_tool(["-cp", TOOLS_CP, "dev.millrace.bench.CreateTopics", broker.bootstrap, "warmup:6",
                      *[f"{t}:{p}" for t, p in topics_of(cases).items()]])
            # unmeasured warm-up: without it the first case measures the broker's JIT compilation, which
            # costs a JVM broker like Kafka most (full run of 2026-11-26: its first case at a third of the rest)
            run_tool(["-cp", CP, "org.apache.kafka.tools.ProducerPerformance", "--topic", "warmup",
                      "--num-records", "50000" if args.mode == "quick" else "200000", "--record-size", "100",
                      "--throughput", "-1", "--command-property", f"bootstrap.servers={broker.bootstrap}",
                      *client_props("1", "none", "tuned")])
            cpu0, wb0 = proc_cpu(broker.pid), proc_write_bytes(broker.pid)
            for seq, case in enumerate(cases):
                fig, extra = run_case(case, broker, seq)
                run["cases"][case["name"]] = {"figures": fig, **extra}
                result["loadavg_samples"].append(extra["loadavg"])
                headline = next(kv for kv in fig.items() if kv[0] != "records")
                print(f"  {case['name']}: {headline[0]} {headline[1]:.1f} ({extra['seconds']} s)", flush=True)
            run["peak RSS MiB"] = max(c["figures"]["peak RSS MiB"] for c in run["cases"].values())
            produced = sum(c["records"] * c["size"] for c in cases if c["kind"] in ("produce", "multi"))
            wb1 = proc_write_bytes(broker.pid)
            if produced:
                run["broker CPU s/GB produced, whole round"] = (proc_cpu(broker.pid) - cpu0) / (produced / 1e9)
            if produced and wb0 is not None and wb1 is not None:
                run["disk write B/B produced, whole round"] = (wb1 - wb0) / produced
            broker.stop()
            result["runs"].append(run)
    result["seconds"] = round(time.monotonic() - t_start, 1)
    result["loadavg_samples"].append(loadavg())
    report(result, a.name, b.name, cases)


def summarise(values):
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "values": values}


def fmt(x):
    if x is None:
        return "–"
    a = abs(x)
    return f"{x:,.0f}" if a >= 1000 else f"{x:.1f}" if a >= 10 else f"{x:.2f}" if a >= 0.1 else f"{x:.3f}"


def cell(s):
    if s is None:
        return "–"
    return f"{fmt(s['median'])} ({fmt(s['min'])}–{fmt(s['max'])})"


def report(result, na, nb, cases):
    tables = []  # (title, rows) with rows (metric, summary a, summary b, ratio, better)

    def collect(title, getter, metrics):
        rows = []
        for metric in metrics:
            sa = summarise([v for r in result["runs"] if r["broker"] == na for v in [getter(r, metric)] if v is not None])
            sb = summarise([v for r in result["runs"] if r["broker"] == nb for v in [getter(r, metric)] if v is not None])
            ratio = sb["median"] / sa["median"] if sa and sb and sa["median"] else None
            rows.append((metric, sa, sb, ratio, "lower" if lower_better(metric) else "higher"))
        tables.append((title, rows))

    broker_metrics = ["start-to-ready ms", "idle RSS MiB", "peak RSS MiB", "broker CPU s/GB produced, whole round",
                      "disk write B/B produced, whole round"]
    collect("Broker", lambda r, m: r.get(m), broker_metrics)
    for case in cases:
        first = next(r for r in result["runs"] if case["name"] in r["cases"])
        metrics = list(first["cases"][case["name"]]["figures"].keys())
        metrics = [m for m in metrics if m != "records"]
        collect(case["name"], lambda r, m, n=case["name"]: r["cases"][n]["figures"].get(m), metrics)

    loads = result["loadavg_samples"]
    m = result["machine"]
    lines = [f"# Millrace vs Apache Kafka {KAFKA_VERSION}: {result['mode']}{' control' if result['control'] else ''} run",
             "",
             f"{result['started']}, {result['rounds']} rounds alternating brokers, {result['seconds']} s. "
             f"{m.get('cpu_model', '?')}, {m['cpus']} CPUs, {m.get('mem_total_gib')} GiB; {m.get('java')}; "
             f"Millrace {m.get('millrace_commit', '?')}. Load average (1 min) during the run: "
             f"{min(loads):.2f}–{max(loads):.2f}, mean {statistics.mean(loads):.2f}.",
             "",
             f"Figures: median over rounds (min–max). Ratio = {nb} / {na} of the medians; "
             "'better' says which direction is better for the metric.", ""]
    for title, rows in tables:
        lines += [f"## {title}", "", f"| Metric | {na} | {nb} | ratio {nb}/{na} | better |", "| --- | --- | --- | --- | --- |"]
        for metric, sa, sb, ratio, better in rows:
            lines.append(f"| {metric} | {cell(sa)} | {cell(sb)} | {'–' if ratio is None else f'{ratio:.2f}'} | {better} |")
        lines.append("")
    headline = {"produce": "records/s", "multi": "records/s", "consume": "MB/s", "e2e": "p99 ms"}
    lines += ["## Summary (headline figure per case)", "",
              f"| Case | {na} | {nb} | ratio {nb}/{na} |", "| --- | --- | --- | --- |"]
    by_title = dict(tables)
    for metric in ("start-to-ready ms", "idle RSS MiB", "peak RSS MiB", "broker CPU s/GB produced, whole round"):
        row = next(r for r in by_title["Broker"] if r[0] == metric)
        if row[1] is None and row[2] is None:
            continue
        lines.append(f"| {metric} | {cell(row[1])} | {cell(row[2])} | {'–' if row[3] is None else f'{row[3]:.2f}'} |")
    for case in cases:
        metric_names = [headline[case["kind"]]] + (["p99.9 ms", "p50 ms"] if case["kind"] == "e2e" else [])
        for mname in metric_names:
            row = next(r for r in by_title[case["name"]] if r[0] == mname)
            lines.append(f"| {case['name']}: {mname} | {cell(row[1])} | {cell(row[2])} | "
                         f"{'–' if row[3] is None else f'{row[3]:.2f}'} |")
    md = "\n".join(lines) + "\n"
    print()
    print(md)
    result["tables"] = [{"title": t, "rows": [{"metric": r[0], na: r[1], nb: r[2], "ratio": r[3], "better": r[4]}
                                              for r in rows]} for t, rows in tables]
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    base = os.path.join(RESULTS, f"{stamp}-{result['mode']}{'-control' if result['control'] else ''}")
    with open(base + ".json", "w") as f:
        json.dump(result, f, indent=2)
    with open(base + ".md", "w") as f:
        f.write(md)
    print(f"results: {base}.json and {base}.md")


def on_sigterm(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    # Ctrl-C, kill and a closed terminal all end in the finally below, which stops the brokers by pid.
    # SIGINT explicitly too: a shell starts background jobs with SIGINT ignored.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_sigterm)
    code = 0
    try:
        main()
    except KeyboardInterrupt:
        print("bench: interrupted, stopping brokers", file=sys.stderr)
        code = 130
    except Exception as e:  # report, then stop the brokers below
        traceback.print_exc()
        print(f"bench: {e}", file=sys.stderr)
        code = 1
    finally:
        for broker in list(live):
            print(f"bench: stopping {broker.name} (pid {broker.pid})", file=sys.stderr)
            broker.stop()
    sys.exit(code)
