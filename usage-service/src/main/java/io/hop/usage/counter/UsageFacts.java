package io.hop.usage.counter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hop.contracts.usage.UsageRecorded;
import io.hop.contracts.provisioning.BillingPeriods.Period;

/**
 * Usage folded per device, billing period, hour (of the records' {@code periodStart}), interface, label (the
 * tethered client, or the hotspot of Wi-Fi offload) and roaming: what both ingest paths fold records into (the Kafka
 * path across polls), what the counters and the hourly history are written from. Plain Java.
 */
public final class UsageFacts {

    /** What a fact is about. */
    public record Key(String operatorId, String deviceId, Instant periodStart, Instant periodEnd, String planId,
            Instant hour, String networkInterface, String label, boolean roaming) {
    }

    /** A fact's bytes and number of records. */
    public static final class Sum {
        long bytesUp;
        long bytesDown;
        long records;

        public long bytesUp() {
            return bytesUp;
        }

        public long bytesDown() {
            return bytesDown;
        }

        public long records() {
            return records;
        }
    }

    private final Map<Key, Sum> facts = new LinkedHashMap<>();

    /**
     * Adds one valid record counted in {@code period} under {@code planId} (or none); {@code hotspot} is the hotspot
     * a Wi-Fi offload record is attributed to (or null).
     */
    public void add(UsageRecorded record, Period period, String planId, String hotspot) {
        String label = switch (UsageRecorded.Interface.valueOf(record.networkInterface())) {
            case TETHERED_CLIENT -> record.clientId();
            case WIFI_OFFLOAD -> hotspot;
            case CELLULAR -> null;
        };
        add(new Key(record.operatorId(), record.deviceId(), period.start(), period.end(), planId,
                record.periodStart().truncatedTo(ChronoUnit.HOURS), record.networkInterface(), label,
                record.roaming()), record.bytesUp(), record.bytesDown(), 1);
    }

    /** Adds bytes to a fact. */
    public void add(Key key, long up, long down, long records) {
        Sum sum = facts.computeIfAbsent(key, k -> new Sum());
        sum.bytesUp += up;
        sum.bytesDown += down;
        sum.records += records;
    }

    /** Adds every fact of {@code other} (a fold of later records) to these. */
    public void addAll(UsageFacts other) {
        other.facts.forEach((key, sum) -> add(key, sum.bytesUp, sum.bytesDown, sum.records));
    }

    /** Number of distinct facts (what a fold holds in memory). */
    public int size() {
        return facts.size();
    }

    public Map<Key, Sum> facts() {
        return facts;
    }

    public boolean isEmpty() {
        return facts.isEmpty();
    }

    /** Number of records folded in. */
    public long records() {
        return facts.values().stream().mapToLong(s -> s.records).sum();
    }

    /** The counter deltas these facts add. */
    public UsageAggregation toAggregation() {
        UsageAggregation aggregation = new UsageAggregation();
        facts.forEach((k, s) -> aggregation.add(k.operatorId(), k.deviceId(), k.periodStart(), k.periodEnd(),
                k.planId(), UsageRecorded.Interface.valueOf(k.networkInterface()),
                UsageRecorded.Interface.TETHERED_CLIENT.name().equals(k.networkInterface()) ? k.label() : null,
                k.roaming(), s.bytesUp, s.bytesDown, s.records));
        return aggregation;
    }
}
