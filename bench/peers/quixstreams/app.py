#!/usr/bin/env python3
"""The quixstreams peer: the three campaigns of bench/peers/campaigns/peer.lurk, written by hand as
a quixstreams application, the way a CRM team would build them without Lurker.

It reads `events` and `profiles` (co-partitioned, keyed by customer id), keeps each customer's
profile, complaint times, limit records and pending wait in quixstreams' per-key state (RocksDB,
the default store), and writes every decision to `<prefix>decisions`, each sent offer to
`<prefix>offers.<channel>` and each sent escalation to `<prefix>escalations`, in the JSON shape
of Lurker's decisions (README.md, "Topics"; the `id` is this peer's own). Outputs carry the
wall-clock time they are produced at, like Lurker's (the benchmark times both by it).

Semantics implemented (spec §3-§6 of campaign-language.md, for these three campaigns only):

- time is the event's `ts` (epoch milliseconds or RFC 3339); each partition has a clock, the
  largest event time seen on it;
- travel_senator_delay_voucher: on flight.delayed, tier "senator", delay_minutes >= 30 (a number)
  and sms_opt_in exactly `true`; offer by sms; limit 1 per customer per 1d;
- care_team_lead_escalation: on complaint.filed, count of complaint.filed in (now-30d, now] >= 3
  and in (now-90d, now] < 5, counting earlier-processed complaints with time <= now plus the
  current one; escalate "team-lead"; limit 1 per customer per 30d;
- retention_abandon_reminder: on cart.abandoned, unless one is already pending, a wait due at
  t + 1h with the channel (customer.preferred_channel) and the `with` values taken at the
  trigger; any order.placed of the customer cancels it (whatever its time); when the partition
  clock reaches the due time it is governed at the due time: limit 1 per customer per 7d, then
  the 5% holdout (FNV-1a 64 of name, 0x00, customer id; hash % 10000 < 500), then the channel
  (usable when it matches [a-z0-9_-]{1,64}), else sent.

quixstreams has no timers. The waits are driven by event time: each partition keeps an
in-memory heap of (due, sequence, customer key); before and after each event of a partition, every
wait due at or before that partition's clock fires, reading and writing the customer's state
through the same store transaction quixstreams hands to stateful functions. There is no wall-clock
rule: a wait fires only when a later event of its partition passes its due time (the benchmark
ends each partition with a `clock.tick` event a day after the last event, so every wait falls
due). The heap is not persisted: after a restart, pending waits already in the state would not
fire until the customer's next event (a production job would need to persist it).

Profiles are joined through the state: `profiles` and `events` are concatenated into one stream
(sdf.concat), so both land in the same per-customer state; quixstreams then aligns the two topics
by Kafka timestamp, and the benchmark stamps profiles before the first event.

The mock cluster has no Admin API (DescribeConfigs, CreateTopics), so topics are looked up with a
metadata request only (MetadataTopicManager below); changelog topics are off.
"""

import argparse
import hashlib
import heapq
import logging
import re
import time
from datetime import datetime

from quixstreams import Application, message_context
from quixstreams.models.topics import Topic, TopicAdmin, TopicConfig, TopicManager
from quixstreams.models.topics.exceptions import TopicNotFoundError

MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR

VOUCHER = "travel_senator_delay_voucher"
ESCALATION = "care_team_lead_escalation"
REMINDER = "retention_abandon_reminder"

# How far behind the partition clock kept history and limit records must reach (spec §3: the
# longest window plus one hour).
COMPLAINT_RETENTION = 90 * DAY + HOUR

USABLE_CHANNEL = re.compile(r"[a-z0-9_-]{1,64}")
STANDARD_CHANNELS = ["web", "app", "callcenter", "shop", "sms", "email", "push"]


class MetadataTopicManager(TopicManager):
    """Looks topics up with a metadata request only: librdkafka's mock cluster answers Metadata but
    not DescribeConfigs, which quixstreams' TopicAdmin.inspect_topics sends for every topic. A
    topic not on the broker yet gets its configured partition count; producing to it creates it
    (the mock creates unknown topics for producers)."""

    def _fetch_topic(self, topic: Topic) -> Topic:
        cluster_topics = self._admin.list_topics(timeout=self._timeout)
        found = cluster_topics.get(topic.name)
        broker_topic = Topic(name=topic.name)
        if found is None:
            if topic.create_config is None:
                raise TopicNotFoundError(f'Topic "{topic.name}" not found on the broker')
            broker_topic.broker_config = topic.create_config
        else:
            # What DescribeConfigs would report for the mock's topics: Kafka's defaults. Only the
            # derived config of the (disabled) changelog topics reads them.
            broker_topic.broker_config = TopicConfig(
                num_partitions=len(found.partitions), replication_factor=1,
                extra_config={"retention.ms": "604800000", "retention.bytes": "-1"},
            )
        return broker_topic


def fnv1a64(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def in_holdout(campaign: str, customer: str, basis_points: int) -> bool:
    return fnv1a64(campaign.encode() + b"\x00" + customer.encode()) % 10000 < basis_points


def rfc3339(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def event_time(value, kafka_timestamp: int):
    """The event's `ts`: epoch milliseconds or RFC 3339 (finer digits truncated); the Kafka
    timestamp when absent; None when unreadable."""
    ts = value.get("ts")
    if ts is None:
        return kafka_timestamp
    if isinstance(ts, bool):
        return None
    if isinstance(ts, int):
        return ts
    if isinstance(ts, float):
        return int(ts) if ts.is_integer() else None
    if isinstance(ts, str):
        try:
            moment = datetime.fromisoformat(ts.replace("z", "Z"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            return None
        return int(moment.timestamp()) * 1000 + moment.microsecond // 1000
    return None


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def with_values(pairs) -> dict:
    """A campaign's `with` object: the values that are not missing."""
    return {name: value for name, value in pairs if value is not None}


def decision(campaign, customer, action, outcome, at, trigger_type, trigger_ts, attributes, ref,
             offer=None, channel=None, level=None):
    record = {
        "id": hashlib.blake2b(f"{campaign}|{customer}|{ref}".encode(), digest_size=8).hexdigest(),
        "campaign": campaign,
        "customer": customer,
        "action": action,
    }
    if action == "offer":
        record["offer"] = offer
        record["channel"] = channel
    else:
        record["level"] = level
    record["outcome"] = outcome
    record["ts"] = rfc3339(at)
    record["trigger"] = {"type": trigger_type, "ts": rfc3339(trigger_ts)}
    record["attributes"] = attributes
    return record


def capped(state, campaign: str, at: int, window: int, limit: int = 1) -> bool:
    """Spec §5.4 step 1: the customer already has `limit` sent or holdout decisions of the
    campaign with time in (at - window, at]."""
    times = state.get("limit:" + campaign)
    if not times:
        return False
    start = at - window
    return sum(1 for t in times if start < t <= at) >= limit


def count_toward_limit(state, campaign: str, at: int, window: int, clock: int):
    key = "limit:" + campaign
    keep_after = clock - window - HOUR
    times = [t for t in (state.get(key) or []) if t > keep_after]
    times.append(at)
    state.set(key, times)


class Peer:
    def __init__(self, args):
        self.args = args
        self.clocks = {}  # partition -> largest event time seen
        self.timers = {}  # partition -> heap of (due, sequence, customer key)
        self.sequence = 0
        self.sdf = None
        prefix = args.topic_prefix
        admin = TopicAdmin(broker_address=args.bootstrap_servers)
        manager = MetadataTopicManager(
            topic_admin=admin, consumer_group=args.group, auto_create_topics=False
        )
        self.app = Application(
            broker_address=args.bootstrap_servers,
            consumer_group=args.group,
            auto_offset_reset="earliest",
            auto_create_topics=False,
            use_changelog_topics=False,
            state_dir=args.state_dir,
            topic_manager=manager,
            loglevel=args.log_level,
            consumer_poll_timeout=args.poll_timeout,
        )
        app = self.app
        self.events_topic = app.topic(args.events_topic, key_deserializer="str", value_deserializer="json")
        self.profiles_topic = app.topic(args.profiles_topic, key_deserializer="str", value_deserializer="json")
        self.decisions_topic = app.topic(prefix + "decisions", key_serializer="str", value_serializer="json")
        self.escalations_topic = app.topic(prefix + "escalations", key_serializer="str", value_serializer="json")
        self.offer_prefix = prefix + "offers."
        self.offer_topics = {
            channel: app.topic(self.offer_prefix + channel, key_serializer="str", value_serializer="json")
            for channel in STANDARD_CHANNELS
        }

    def offer_topic(self, channel: str) -> Topic:
        topic = self.offer_topics.get(channel)
        if topic is None:
            topic = self.app.topic(self.offer_prefix + channel, key_serializer="str", value_serializer="json")
            self.offer_topics[channel] = topic
        return topic

    def build(self):
        events = self.app.dataframe(self.events_topic)
        profiles = self.app.dataframe(self.profiles_topic)
        # One stream, one per-customer state for profiles and events alike.
        customers = profiles.concat(events)
        self.sdf = customers
        decisions = customers.apply(self.decide, stateful=True, expand=True, metadata=True)
        # Outputs carry the wall-clock time they are produced at, as Lurker's do (quixstreams would
        # otherwise copy the input's timestamp): the benchmark times both by them.
        decisions = decisions.set_timestamp(lambda value, key, timestamp, headers: time.time_ns() // 1_000_000)
        decisions.to_topic(self.decisions_topic, key=lambda d: d["customer"])
        sent = decisions.filter(lambda d: d["outcome"] == "sent")
        sent.to_topic(
            lambda d, key, ts, headers: self.offer_topic(d["channel"]) if d["action"] == "offer" else self.escalations_topic,
            key=lambda d: d["customer"],
        )

    # Per message ---------------------------------------------------------------------------

    def decide(self, value, key, timestamp, headers, state):
        context = message_context()
        if context.topic == self.profiles_topic.name:
            if value is None:
                for name in ("profile", "complaints", "wait", "limit:" + VOUCHER, "limit:" + ESCALATION, "limit:" + REMINDER):
                    state.delete(name)
            elif isinstance(value, dict):
                state.set("profile", value)
            return []
        if not isinstance(value, dict):
            return []
        customer = value.get("customer")
        kind = value.get("type")
        t = event_time(value, timestamp)
        if not isinstance(customer, str) or not customer or not isinstance(kind, str) or not kind or t is None:
            return []  # Lurker dead-letters these; the benchmark sends none
        partition = context.partition
        ref = f"{context.topic}/{partition}/{context.offset}"
        clock = self.clocks.get(partition)
        if clock is None or t > clock:
            clock = t
            self.clocks[partition] = t
        out = []
        self.fire_due(partition, clock, out)

        if kind == "order.placed":
            wait = state.get("wait")
            if wait is not None:
                state.delete("wait")
                out.append(decision(
                    REMINDER, customer, "offer", "cancelled", t, "cart.abandoned", wait["trigger_ts"],
                    wait["attributes"], ref, offer="reminder-5pct", channel=wait["channel"]))
        elif kind == "complaint.filed":
            history = [c for c in (state.get("complaints") or []) if c > clock - COMPLAINT_RETENTION]
            history.append(t)
            state.set("complaints", history)
            last30 = sum(1 for c in history if t - 30 * DAY < c <= t)
            if last30 >= 3 and sum(1 for c in history if t - 90 * DAY < c <= t) < 5:
                attributes = with_values((
                    ("complaints_30d", last30), ("reason", value.get("reason")), ("channel", value.get("channel"))))
                if capped(state, ESCALATION, t, 30 * DAY):
                    outcome = "capped"
                else:
                    outcome = "sent"
                    count_toward_limit(state, ESCALATION, t, 30 * DAY, clock)
                out.append(decision(
                    ESCALATION, customer, "escalate", outcome, t, kind, t, attributes, ref, level="team-lead"))
        elif kind == "flight.delayed":
            profile = state.get("profile") or {}
            delay = value.get("delay_minutes")
            if profile.get("tier") == "senator" and is_number(delay) and delay >= 30 and profile.get("sms_opt_in") is True:
                attributes = with_values((
                    ("flight", value.get("flight")), ("airport", value.get("origin")), ("minutes", delay)))
                if capped(state, VOUCHER, t, DAY):
                    outcome = "capped"
                else:
                    outcome = "sent"
                    count_toward_limit(state, VOUCHER, t, DAY, clock)
                out.append(decision(
                    VOUCHER, customer, "offer", outcome, t, kind, t, attributes, ref,
                    offer="lounge-voucher", channel="sms"))
        elif kind == "cart.abandoned":
            if not state.exists("wait"):
                profile = state.get("profile") or {}
                channel = profile.get("preferred_channel")
                if not (isinstance(channel, str) and USABLE_CHANNEL.fullmatch(channel)):
                    channel = None
                self.sequence += 1
                due = t + HOUR
                state.set("wait", {
                    "due": due, "sequence": self.sequence, "customer": customer, "trigger_ts": t, "channel": channel, "ref": ref,
                    "attributes": with_values((("cart_value", value.get("cart_value")), ("cart_channel", value.get("channel")))),
                })
                heapq.heappush(self.timers.setdefault(partition, []), (due, self.sequence, key))
                # A wait started already due (a trigger more than 1h late) fires right after the event.
                self.fire_due(partition, clock, out)
        return out

    def fire_due(self, partition: int, clock: int, out: list):
        timers = self.timers.get(partition)
        if not timers or timers[0][0] > clock:
            return
        transaction = self.sdf.processing_context.checkpoint.get_store_transaction(
            stream_id=self.sdf.stream_id, partition=partition)
        while timers and timers[0][0] <= clock:
            due, sequence, key = heapq.heappop(timers)
            state = transaction.as_state(prefix=key)
            wait = state.get("wait")
            if wait is None or wait["sequence"] != sequence:
                continue  # cancelled (or forgotten) meanwhile
            state.delete("wait")
            customer = wait["customer"]
            if capped(state, REMINDER, due, 7 * DAY):
                outcome = "capped"
            elif in_holdout(REMINDER, customer, 500):
                outcome = "holdout"
                count_toward_limit(state, REMINDER, due, 7 * DAY, clock)
            elif wait["channel"] is None:
                outcome = "no_channel"
            else:
                outcome = "sent"
                count_toward_limit(state, REMINDER, due, 7 * DAY, clock)
            out.append(decision(
                REMINDER, customer, "offer", outcome, due, "cart.abandoned", wait["trigger_ts"],
                wait["attributes"], wait["ref"], offer="reminder-5pct", channel=wait["channel"]))

    def run(self):
        self.build()
        self.app.run()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--group", default="quixstreams-peer")
    parser.add_argument("--events-topic", default="events")
    parser.add_argument("--profiles-topic", default="profiles")
    parser.add_argument("--topic-prefix", default="peer.", help="output topics: PREFIXdecisions, PREFIXescalations, PREFIXoffers.<channel>")
    parser.add_argument("--state-dir", default="state")
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--poll-timeout", type=float, default=1.0, help="quixstreams' consumer_poll_timeout (its default: 1.0 s)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    Peer(args).run()


if __name__ == "__main__":
    main()
