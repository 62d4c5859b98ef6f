#!/usr/bin/env python3
"""Lurker side by side with the quixstreams peer, in one run (issue 7, item 5).

Starts `lurker broker`, generates a seeded stream of profiles and channel events and produces it
once, then runs `lurker run` and the quixstreams peer (bench/peers/quixstreams/app.py) one after
the other over the same records, each in its own consumer group and writing to its own output
topics, times both, and checks that they made the same decisions. See bench/peers/README.md.

Run it through bench/peers/run.sh, which builds Lurker and the peer's virtualenv first.
"""

import argparse
import bisect
import collections
import heapq
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from datetime import datetime, timezone

from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR
T0 = int(datetime(2026, 10, 1, tzinfo=timezone.utc).timestamp() * 1000)
STANDARD_CHANNELS = ["web", "app", "callcenter", "shop", "sms", "email", "push"]
# What can run, each with the arguments it adds to its command: Lurker and the quixstreams peer as
# they come, and each with one consumer setting changed, both found while building this benchmark:
# - Lurker's librdkafka (Debian's 2.0.2) stops fetching every partition once its consumer queue holds
#   queued.min.messages (100,000) and looks again only about a second later, so Lurker, which drains
#   that queue in a few hundred milliseconds, then waits; a limit above the whole backlog avoids it.
# - quixstreams waits up to consumer_poll_timeout (1 s) for each batch of up to 10,000 messages that
#   the timestamp alignment of sdf.concat reads; 50 ms waits less.
SYSTEMS = {
    "lurker": [],
    "lurker-queue-1m": ["-X", "queued.min.messages=1000000"],
    "peer": [],
    "peer-poll-50ms": ["--poll-timeout", "0.05"],
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def group_of(name, repetition):
    return f"bench-{name}-{repetition}"


def prefix_of(name, repetition):
    return f"bench.{name}.{repetition}."


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Workload -------------------------------------------------------------------------------------

class Workload:
    """A seeded stream: one profile per customer (95% of them), then events in time order over about
    two months with correlated follow-ups (orders after abandoned carts, complaint streaks), 2% of
    events up to 10 minutes late, and a `clock.tick` per partition a day after the last event."""

    EVENT_TYPES = [
        ("page.viewed", 28), ("product.viewed", 14), ("app.opened", 9), ("search.performed", 5),
        ("call.started", 4), ("store.visit", 3), ("email.opened", 3),
        ("cart.abandoned", 12), ("order.placed", 7), ("complaint.filed", 6), ("flight.delayed", 9),
    ]
    TIERS = [("basic", 60), ("silver", 25), ("gold", 10), ("senator", 5)]
    AIRPORTS = ["FRA", "MUC", "CDG", "LHR", "JFK", "ZRH", "VIE", "AMS"]

    def __init__(self, customers, events, partitions, seed):
        self.customers = customers
        self.partitions = partitions
        self.random = random.Random(seed)
        self.profiles = []  # (partition, key, value bytes, kafka timestamp)
        self.head = []  # the marker and the noise prefix: [(partition, key, value, ts)] chunks
        self.stream = []  # the main stream
        self.ticks = []
        self._profiles()
        self._events(events)

    def partition(self, key):
        return zlib.crc32(key.encode()) % self.partitions

    def _pick(self, weighted):
        total = sum(w for _, w in weighted)
        x = self.random.uniform(0, total)
        for item, w in weighted:
            x -= w
            if x <= 0:
                return item
        return weighted[-1][0]

    def _profiles(self):
        r = self.random
        for index in range(self.customers):
            if r.random() < 0.05:
                continue  # no profile: every customer.* is missing
            customer = f"c-{index}"
            profile = {"customer": customer, "tier": self._pick(self.TIERS), "lifetime_value": r.randint(0, 9000)}
            x = r.random()
            if x < 0.88:
                profile["preferred_channel"] = r.choice(["web", "app", "sms", "email", "push"])
            elif x < 0.90:
                profile["preferred_channel"] = "Call Center"  # not a usable channel
            x = r.random()
            profile["sms_opt_in"] = True if x < 0.6 else (False if x < 0.95 else "yes")
            profile["churn_risk"] = r.randint(0, 99) / 100
            self.profiles.append((self.partition(customer), customer, json.dumps(profile).encode(), T0 - DAY))

    def _event(self, customer, kind, ts):
        r = self.random
        event = {"customer": customer, "type": kind}
        if kind == "call.started":
            event["channel"] = "callcenter"
        elif kind == "store.visit":
            event["channel"] = "shop"
        elif kind == "email.opened":
            event["channel"] = "email"
        elif kind == "app.opened":
            event["channel"] = "app"
        elif kind == "order.placed":
            event["channel"] = r.choice(["web", "web", "app", "shop", "callcenter"])
        elif kind == "complaint.filed":
            if r.random() < 0.9:
                event["channel"] = r.choice(["web", "app", "callcenter", "shop"])
        elif kind != "flight.delayed":  # flight operations send no channel
            event["channel"] = "web" if r.random() < 0.6 else "app"
        event["ts"] = ts
        if kind == "page.viewed":
            event["page"] = "/help/returns" if r.random() < 0.1 else f"/p/{r.randint(0, 999)}"
            event["referrer"] = "https://search.example.com/?q=shoes"
        elif kind == "product.viewed":
            event["sku"] = f"sku-{r.randint(0, 4999)}"
            event["category"] = f"cat-{r.randint(0, 199)}"
        elif kind == "cart.abandoned":
            event["cart"] = f"cart-{r.randint(0, 10**9)}"
            event["cart_value"] = round(r.uniform(5, 900), 2)
            event["items"] = r.randint(1, 6)
        elif kind == "order.placed":
            event["order"] = f"o-{r.randint(0, 10**9)}"
            event["value"] = round(r.uniform(5, 900), 2)
        elif kind == "complaint.filed":
            event["reason"] = r.choice(["late delivery", "damaged", "billing", "staff"])
            if r.random() < 0.9:
                event["order_value"] = r.randint(5, 300)
        elif kind == "flight.delayed":
            event["flight"] = f"LH{r.randint(100, 999)}"
            if r.random() < 0.95:
                event["origin"] = r.choice(self.AIRPORTS)
            minutes = r.randint(0, 240)
            event["delay_minutes"] = str(minutes) if r.random() < 0.01 else minutes  # a string is no number
        else:
            event["os"] = r.choice(["ios", "android"])
        return event

    def _emit(self, target, customer, kind, ts, kafka_ts=None):
        value = json.dumps(self._event(customer, kind, ts), separators=(", ", ": ")).encode()
        target.append((self.partition(customer), customer, value, ts if kafka_ts is None else kafka_ts))

    def _events(self, count):
        r = self.random
        unhappy = r.sample(range(self.customers), max(1, self.customers // 20))
        # The head: three complaints of one customer (an escalation that needs no profile: the first
        # output), then noise in ten separately flushed batches, so that Lurker, which reads events and
        # profiles in whatever order the fetches return them, has every profile before the first event
        # that reads one (quixstreams aligns the topics by timestamp by itself).
        marker = []
        for i in range(3):
            self._emit(marker, "c-marker", "complaint.filed", T0 - 2 * HOUR + i)
        self.head.append(marker)
        for chunk in range(10):
            noise = []
            for i in range(100 * self.partitions):
                ts = T0 - HOUR + chunk * 1000 + i
                self._emit(noise, f"c-{r.randrange(self.customers)}", "page.viewed", ts)
            self.head.append(noise)
        remaining = count - 3 - 10 * 100 * self.partitions - self.partitions
        clock = T0
        followups = []  # (ts, sequence, customer, type)
        sequence = 0
        produced = 0
        while produced < remaining:
            if followups and followups[0][0] <= clock:
                ts, _, customer, kind = heapq.heappop(followups)
                self._emit(self.stream, customer, kind, ts)
                produced += 1
                continue
            clock += r.randint(0, 34_000)
            kind = self._pick(self.EVENT_TYPES)
            if kind == "complaint.filed" and r.random() < 0.7:
                customer = f"c-{r.choice(unhappy)}"
            else:
                customer = f"c-{r.randrange(self.customers)}"
            ts = clock - r.randint(0, 10 * MINUTE) if r.random() < 0.02 else clock
            self._emit(self.stream, customer, kind, ts)
            produced += 1
            if kind == "cart.abandoned" and r.random() < 0.5:
                sequence += 1
                heapq.heappush(followups, (clock + r.randint(1, 120) * MINUTE, sequence, customer, "order.placed"))
        last = max(ts for _, _, _, ts in self.stream)
        for p in range(self.partitions):
            tick = json.dumps({"customer": f"tick-{p}", "type": "clock.tick", "ts": last + DAY}).encode()
            self.ticks.append((p, f"tick-{p}", tick, last + DAY))

    @property
    def event_count(self):
        return sum(len(c) for c in self.head) + len(self.stream) + len(self.ticks)

    def produce(self, bootstrap):
        producer = Producer({
            "bootstrap.servers": bootstrap, "compression.type": "lz4", "linger.ms": 50,
            "batch.num.messages": 10000, "queue.buffering.max.messages": 500000,
        })

        def send(topic, records):
            for partition, key, value, ts in records:
                while True:
                    try:
                        producer.produce(topic, value, key.encode(), partition=partition, timestamp=ts)
                        break
                    except BufferError:
                        producer.poll(0.05)
                producer.poll(0)

        send("profiles", self.profiles)
        producer.flush()
        for chunk in self.head:
            send("events", chunk)
            producer.flush()
        send("events", self.stream)
        send("events", self.ticks)
        producer.flush()


# Broker and topics ----------------------------------------------------------------------------

def start_broker(lurker, partitions):
    process = subprocess.Popen([lurker, "broker", "--partitions", str(partitions)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("bootstrap.servers="):
        process.kill()
        raise SystemExit(f"lurker broker did not start: {line!r}")
    return process, line.split("=", 1)[1]


def output_topics(prefix):
    return [prefix + "decisions", prefix + "escalations", prefix + "deadletter"] + [
        prefix + "offers." + c for c in STANDARD_CHANNELS]


def create_topics(bootstrap, names):
    """The mock has no CreateTopics: a metadata request from a producer creates an unknown topic
    (with 4 partitions), as producing to it would."""
    producer = Producer({"bootstrap.servers": bootstrap})
    for name in names:
        producer.list_topics(topic=name, timeout=10)
    deadline = time.time() + 10
    while time.time() < deadline:
        known = producer.list_topics(timeout=10).topics
        if all(name in known and known[name].partitions for name in names):
            return
        time.sleep(0.1)
    raise SystemExit(f"topics not created: {[n for n in names if n not in known]}")


def watermarks(bootstrap, topic, partitions):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "bench-watermarks"})
    marks = [consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in range(partitions)]
    consumer.close()
    return marks


# Running one system ---------------------------------------------------------------------------

def cpu_seconds(pid):
    """User plus system CPU time of a process, all its threads, from /proc (10 ms resolution)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return None


class Monitor:
    """Reads a system's output topics while it runs. Each record keeps its Kafka timestamp, which the
    system's producer stamps with the wall clock when the decision is handed to it (librdkafka's
    default, which Lurker keeps; the peer sets it explicitly)."""

    def __init__(self, bootstrap, prefix):
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": "bench-monitor-" + prefix, "enable.auto.commit": False,
            "fetch.wait.max.ms": 10, "enable.partition.eof": False,
        })
        metadata = self.consumer.list_topics(timeout=10).topics
        assignment = [TopicPartition(t, p, OFFSET_BEGINNING) for t in output_topics(prefix)
                      for p in metadata[t].partitions]
        self.consumer.assign(assignment)
        self.prefix = prefix
        self.raw = []  # (topic, value, timestamp ms), parsed after the run: less CPU taken meanwhile

    def poll(self, timeout):
        messages = self.consumer.consume(num_messages=10000, timeout=timeout)
        for message in messages:
            if not message.error():
                self.raw.append((message.topic(), message.value(), message.timestamp()[1]))
        return len(messages)

    def close(self):
        self.consumer.close()

    @property
    def decision_times(self):
        """The Kafka timestamps of the decisions, in seconds."""
        return [ts / 1000 for topic, _, ts in self.raw if topic == self.prefix + "decisions"]

    @property
    def records(self):
        """The decisions read, by topic without the prefix."""
        records = collections.defaultdict(list)
        for topic, value, _ in self.raw:
            records[topic[len(self.prefix):]].append(json.loads(value))
        return records


class Watcher(threading.Thread):
    """Samples a process's CPU time every 10 ms, and every half second whether its consumer group has
    committed the end of every events partition, off the thread that reads the outputs."""

    def __init__(self, pid, bootstrap, group, ends):
        super().__init__(daemon=True)
        self.pid = pid
        self.ends = ends
        self.samples = []  # (time, CPU seconds)
        self.done_at = None
        self.stopping = threading.Event()
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
        self.partitions = [TopicPartition("events", p) for p in range(len(ends))]

    def run(self):
        last_check = 0
        while not self.stopping.wait(0.01):
            cpu = cpu_seconds(self.pid)
            now = time.time()
            if cpu is not None:
                self.samples.append((now, cpu))
            if self.done_at is None and now - last_check >= 0.5:
                last_check = now
                try:
                    offsets = self.consumer.committed(self.partitions, timeout=5)
                except Exception:
                    continue
                if all(o.offset >= end for o, end in zip(offsets, self.ends)):
                    self.done_at = time.time()
        self.consumer.close()

    def cpu_at(self, moment):
        """CPU seconds used by `moment`: the last sample at or before it."""
        index = bisect.bisect_right(self.samples, (moment, float("inf"))) - 1
        return self.samples[index][1] if index >= 0 else None


def run_system(name, group, prefix, command, bootstrap, ends, events, timeout, logs):
    monitor = Monitor(bootstrap, prefix)
    log(f"{name}: starting: {' '.join(command)}")
    stderr = open(logs, "w")
    launched = time.time()
    process = subprocess.Popen(command, stdout=stderr, stderr=subprocess.STDOUT, cwd=ROOT)
    watcher = Watcher(process.pid, bootstrap, group, ends)
    watcher.start()
    result = {"system": name, "command": " ".join(command), "ok": False}
    quiet_since = time.time()
    reported = False
    try:
        while True:
            if monitor.poll(0.05):
                quiet_since = time.time()
            now = time.time()
            if process.poll() is not None:
                result["error"] = f"exited early with status {process.returncode}; see {logs}"
                break
            if now - launched > timeout:
                result["error"] = f"timed out after {timeout} s; see {logs}"
                break
            if watcher.done_at is not None:
                if not reported:
                    reported = True
                    log(f"{name}: committed the end of every events partition {watcher.done_at - launched:.1f} s after launch")
                if now - quiet_since >= 1.0:
                    result["ok"] = True
                    break
    finally:
        watcher.stopping.set()
        watcher.join()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
            except ChildProcessError:
                pass
        stderr.close()
    end = time.time() + 1.0
    while time.time() < end:
        monitor.poll(0.1)
    monitor.close()
    times = monitor.decision_times
    result["decisions"] = len(times)
    if times and max(times) > min(times):
        first, last = min(times), max(times)
        result["span_s"] = round(last - first, 3)
        result["events_per_s"] = round(events / (last - first))
        result["wall_s"] = round(last - launched, 3)
        first_cpu, last_cpu = watcher.cpu_at(first), watcher.cpu_at(last)
        if first_cpu is not None and last_cpu is not None and last_cpu > first_cpu:
            result["span_cpu_s"] = round(last_cpu - first_cpu, 2)
            result["events_per_cpu_s"] = round(events / (last_cpu - first_cpu))
    result["records"] = monitor.records
    log(f"{name}: {result.get('events_per_s', '?')} events/s over {result.get('span_s', '?')} s "
        f"(first to last decision; {result.get('span_cpu_s', '?')} CPU s), {len(times)} decisions, "
        f"{result.get('wall_s', '?')} s from launch")
    return result


# Comparing ------------------------------------------------------------------------------------

def sent_key(d):
    return (d["campaign"], d["customer"], d["trigger"]["ts"], d["trigger"]["type"], d["ts"], d["action"],
            d.get("offer") or d.get("level"), d.get("channel"))


def canonical(value):
    """A JSON value with integral floats as integers: 684.0 and 684 are one number (Lurker writes
    integral numbers without a fraction, spec §7; Python's json keeps the event's 684.0)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


def decision_key(d):
    return sent_key(d) + (d["outcome"], json.dumps(canonical(d["attributes"]), sort_keys=True))


def sent_records(records):
    return [d for topic, ds in records.items() if topic.startswith("offers.") or topic == "escalations" for d in ds]


def compare(a, b, key):
    """Multisets of decisions of Lurker (a) and a peer (b)."""
    ca, cb = collections.Counter(map(key, a)), collections.Counter(map(key, b))
    only_a, only_b = ca - cb, cb - ca
    return {
        "lurker": sum(ca.values()), "peer": sum(cb.values()), "common": sum((ca & cb).values()),
        "only_lurker": sum(only_a.values()), "only_peer": sum(only_b.values()),
        "examples_only_lurker": [list(k) for k in list(only_a)[:5]],
        "examples_only_peer": [list(k) for k in list(only_b)[:5]],
    }


def identical(comparison):
    return comparison["only_lurker"] == 0 and comparison["only_peer"] == 0


def outcomes(decisions):
    counts = collections.Counter((d["campaign"], d["outcome"]) for d in decisions)
    return {f"{c}/{o}": n for (c, o), n in sorted(counts.items())}


# The raw consume rate -------------------------------------------------------------------------

def raw_consume(bootstrap, events, logs):
    """librdkafka alone (kcat, the same librdkafka as Lurker's) reading every events partition from the
    beginning to the end, no group, no parsing: what this mock broker can deliver, for context."""
    # fetch.wait.max.ms: the mock holds a fetch that finds no data for that long, which would delay
    # kcat's end-of-partition exit (-e) by 500 ms by default.
    command = ["kcat", "-C", "-b", bootstrap, "-t", "events", "-o", "beginning", "-e", "-q", "-f", "%o\\n",
               "-X", "fetch.wait.max.ms=10"]
    log(f"raw: {' '.join(command)}")
    launched = time.time()
    with open(logs, "w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    first = None
    lines = 0
    while True:
        chunk = process.stdout.read1(1 << 16)
        if not chunk:
            break
        first = first or time.time()
        lines += chunk.count(b"\n")
    last = time.time()
    _, status, usage = os.wait4(process.pid, 0)
    result = {"system": "raw", "command": " ".join(command), "ok": status == 0 and lines == events,
              "messages": lines, "cpu_s": round(usage.ru_utime + usage.ru_stime, 2)}
    if first and last > first:
        result["span_s"] = round(last - first, 3)
        result["events_per_s"] = round(lines / (last - first))
        result["wall_s"] = round(last - launched, 3)
    log(f"raw: {result.get('events_per_s', '?')} events/s over {result.get('span_s', '?')} s (first to last message)")
    return result


# Main -----------------------------------------------------------------------------------------

def median(values):
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lurker", default=os.path.join(ROOT, ".build/release/lurker"))
    parser.add_argument("--peer-python", default=os.path.join(HERE, "quixstreams/.venv/bin/python"))
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated, run in this order: {', '.join(SYSTEMS)}")
    parser.add_argument("--repeat", type=int, default=1, help="run the systems this many times, in turn")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed to each system run")
    parser.add_argument("--json", help="write the report as JSON to this file")
    args = parser.parse_args()
    systems = args.systems.split(",")
    unknown = [name for name in systems if name not in SYSTEMS]
    if unknown:
        parser.error(f"unknown systems: {', '.join(unknown)}")

    work = tempfile.mkdtemp(prefix="lurker-peer-bench-")
    log(f"generating {args.events} events for {args.customers} customers (seed {args.seed})")
    workload = Workload(args.customers, args.events, args.partitions, args.seed)
    broker, bootstrap = start_broker(args.lurker, args.partitions)
    report = {"events": workload.event_count, "profiles": len(workload.profiles), "customers": args.customers,
              "partitions": args.partitions, "seed": args.seed, "systems": systems, "repeat": args.repeat,
              "runs": []}
    try:
        log(f"broker on {bootstrap}; producing {len(workload.profiles)} profiles and {workload.event_count} events")
        create_topics(bootstrap, [t for i in range(1, args.repeat + 1) for name in systems
                                  for t in output_topics(prefix_of(name, i))])
        started = time.time()
        workload.produce(bootstrap)
        marks = watermarks(bootstrap, "events", args.partitions)
        profile_marks = watermarks(bootstrap, "profiles", args.partitions)
        log(f"produced in {time.time() - started:.1f} s; events partitions (low, high): {marks}")
        if any(low != 0 for low, _ in marks + profile_marks) or sum(h for _, h in marks) != workload.event_count:
            raise SystemExit("the mock broker dropped records (it keeps about 5 MiB per partition): use fewer events")
        ends = [high for _, high in marks]
        if shutil.which("kcat"):
            report["raw"] = raw_consume(bootstrap, workload.event_count, os.path.join(work, "raw.log"))

        for repetition in range(1, args.repeat + 1):
            results = {}
            for name in systems:
                group, prefix = group_of(name, repetition), prefix_of(name, repetition)
                if name.startswith("lurker"):
                    command = [args.lurker, "run", "--campaigns", os.path.join(HERE, "campaigns"),
                               "--bootstrap-servers", bootstrap, "--group", group,
                               "--decisions-topic", prefix + "decisions", "--escalations-topic", prefix + "escalations",
                               "--dead-letter-topic", prefix + "deadletter", "--offer-topic-prefix", prefix + "offers.",
                               "--idle-threshold-ms", str(DAY), "--log-level", "warning"] + SYSTEMS[name]
                else:
                    command = [args.peer_python, os.path.join(HERE, "quixstreams/app.py"),
                               "--bootstrap-servers", bootstrap, "--group", group, "--topic-prefix", prefix,
                               "--state-dir", os.path.join(work, f"{name}-state-{repetition}"),
                               "--log-level", "WARNING"] + SYSTEMS[name]
                results[name] = run_system(name, group, prefix, command, bootstrap, ends, workload.event_count,
                                           args.timeout, os.path.join(work, f"{name}-{repetition}.log"))
            run = {"repetition": repetition, "results": results, "comparisons": {}}
            for result in results.values():
                result["outcomes"] = outcomes(result["records"].get("decisions", []))
                result["sent"] = len(sent_records(result["records"]))
            # Every other system against the first Lurker run of the round.
            reference = next((name for name in results if name.startswith("lurker")), None)
            if reference:
                lurker = results[reference]
                run["reference"] = reference
                for name, peer in results.items():
                    if name == reference:
                        continue
                    run["comparisons"][name] = {
                        "sent_offers": compare(sent_records(lurker["records"]), sent_records(peer["records"]), sent_key),
                        "all_decisions": compare(lurker["records"].get("decisions", []),
                                                 peer["records"].get("decisions", []), decision_key),
                    }
            for result in results.values():
                del result["records"]
            report["runs"].append(run)
    finally:
        broker.send_signal(signal.SIGTERM)
        broker.wait(timeout=10)
        for entry in os.listdir(work):
            if "-state-" in entry:
                shutil.rmtree(os.path.join(work, entry), ignore_errors=True)  # the peers' RocksDB; logs stay

    summary = {}
    for name in systems:
        results = [run["results"][name] for run in report["runs"]]
        summary[name] = {"events_per_s": median([r["events_per_s"] for r in results if r.get("events_per_s")]),
                         "events_per_cpu_s": median([r["events_per_cpu_s"] for r in results if r.get("events_per_cpu_s")])}
    for name in systems:
        if name.startswith("lurker"):
            continue
        for lurker_name in systems:
            lurker = summary[lurker_name]
            if not lurker_name.startswith("lurker") or not lurker["events_per_s"] or not summary[name]["events_per_s"]:
                continue
            summary[name].setdefault("ratios", {})[lurker_name] = {
                "events_per_s": round(lurker["events_per_s"] / summary[name]["events_per_s"], 1),
                "events_per_cpu_s": round(lurker["events_per_cpu_s"] / summary[name]["events_per_cpu_s"], 1)
                if lurker["events_per_cpu_s"] and summary[name]["events_per_cpu_s"] else None,
            }
    report["summary"] = summary
    report["logs"] = work
    if args.json:
        with open(args.json, "w") as file:
            json.dump(report, file, indent=2)
    print_report(report)
    ok = all(result["ok"] for run in report["runs"] for result in run["results"].values())
    ok = ok and all(identical(c["sent_offers"]) for run in report["runs"] for c in run["comparisons"].values())
    sys.exit(0 if ok else 1)


def print_report(report):
    print(f"\n{report['events']} events and {report['profiles']} profiles on {report['partitions']} partitions, "
          f"{report['customers']} customers, seed {report['seed']}")
    print("events/s: events / span; span: first to last decision (producer timestamps); CPU s: the system's CPU\n"
          "time during the span; wall s: launch to last decision; process CPU s: launch to exit\n")
    print(f"{'run':18} {'events/s':>9} {'span s':>7} {'CPU s':>6} {'ev/CPU s':>9} {'wall s':>7} {'proc CPU s':>10} "
          f"{'decisions':>9} {'sent':>6}")
    if "raw" in report:
        raw = report["raw"]
        print(f"{'kcat (raw)':18} {raw.get('events_per_s', '-'):>9} {raw.get('span_s', '-'):>7} {'':>6} {'':>9} "
              f"{raw.get('wall_s', '-'):>7} {raw.get('cpu_s', '-'):>10}" + ("" if raw["ok"] else "  FAILED"))
    for run in report["runs"]:
        for name, r in run["results"].items():
            label = f"{name} #{run['repetition']}"
            print(f"{label:18} {r.get('events_per_s', '-'):>9} {r.get('span_s', '-'):>7} {r.get('span_cpu_s', '-'):>6} "
                  f"{r.get('events_per_cpu_s', '-'):>9} {r.get('wall_s', '-'):>7} {r.get('cpu_s', '-'):>10} "
                  f"{r['decisions']:>9} {r['sent']:>6}"
                  + ("" if r["ok"] else f"  FAILED: {r.get('error')}"))
        for name, comparison in run["comparisons"].items():
            for label in ("sent_offers", "all_decisions"):
                c = comparison[label]
                verdict = "identical" if identical(c) else "DIFFERENT"
                reference = run["reference"]
                print(f"  {name} #{run['repetition']} vs {reference}, {label}: {verdict}: {reference} {c['lurker']}, "
                      f"{name} {c['peer']}, common {c['common']}, only {reference} {c['only_lurker']}, "
                      f"only {name} {c['only_peer']}")
                for side in ("lurker", "peer"):
                    for example in c[f"examples_only_{side}"]:
                        print(f"    only {reference if side == 'lurker' else name}: {example}")
    for name, s in report["summary"].items():
        print(f"median {name}: {s['events_per_s']} events/s, {s['events_per_cpu_s']} events per CPU second")
    for name, s in report["summary"].items():
        for lurker_name, ratio in s.get("ratios", {}).items():
            print(f"ratio {lurker_name}/{name}: {ratio['events_per_s']}x events/s, "
                  f"{ratio['events_per_cpu_s']}x events per CPU second")
    for name, result in report["runs"][0]["results"].items():
        print(f"{name} outcomes (#1): {result['outcomes']}")
    print(f"logs: {report['logs']}")


if __name__ == "__main__":
    main()
