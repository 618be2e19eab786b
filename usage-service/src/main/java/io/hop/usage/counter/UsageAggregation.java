package io.hop.usage.counter;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.hop.contracts.usage.UsageRecorded;
import io.hop.contracts.provisioning.BillingPeriods.Period;

/**
 * Folds a batch of valid usage records into counter deltas, in memory: one {@link CounterDelta} per device and billing
 * period, one {@link ClientDelta} per tethered client of it. The store then writes each delta with one set-based
 * upsert, so a batch costs two statements however many records it holds. Plain Java.
 */
public final class UsageAggregation {

    private final Map<List<Object>, CounterDelta> counters = new LinkedHashMap<>();
    private final Map<List<Object>, ClientDelta> clients = new LinkedHashMap<>();

    /**
     * @param records  valid records ({@code UsageRecordValidation})
     * @param periodOf the billing period a record counts in
     */
    public static UsageAggregation of(Collection<UsageRecorded> records, Function<UsageRecorded, Period> periodOf) {
        UsageAggregation aggregation = new UsageAggregation();
        records.forEach(record -> aggregation.add(record, periodOf.apply(record), null));
        return aggregation;
    }

    /** Adds one valid record to the counters of {@code period}. */
    public void add(UsageRecorded record, Period period) {
        add(record, period, null);
    }

    /** Adds one valid record to the counters of {@code period}, counted under plan {@code planId} (or none). */
    public void add(UsageRecorded record, Period period, String planId) {
        add(record.operatorId(), record.deviceId(), period.start(), period.end(), planId,
                UsageRecorded.Interface.valueOf(record.networkInterface()), record.clientId(), record.roaming(),
                record.bytesUp(), record.bytesDown(), 1);
    }

    /** Adds {@code records} records' bytes of one device, period, interface (and client) to the counters. */
    public void add(String operatorId, String deviceId, Instant start, Instant end, String planId,
            UsageRecorded.Interface networkInterface, String clientId, boolean roaming, long up, long down,
            long records) {
        CounterDelta counter = counters.computeIfAbsent(List.of(operatorId, deviceId, start),
                k -> new CounterDelta(operatorId, deviceId, start, end));
        if (planId != null) {
            counter.planId = planId;
        }
        counter.bytesUp += up;
        counter.bytesDown += down;
        counter.records += records;
        if (roaming) {
            counter.roamingUp += up;
            counter.roamingDown += down;
        }
        switch (networkInterface) {
            case CELLULAR -> {
                counter.cellularUp += up;
                counter.cellularDown += down;
            }
            case WIFI_OFFLOAD -> {
                counter.wifiOffloadUp += up;
                counter.wifiOffloadDown += down;
            }
            case TETHERED_CLIENT -> {
                counter.tetheredUp += up;
                counter.tetheredDown += down;
                ClientDelta client = clients.computeIfAbsent(List.of(operatorId, deviceId, start, clientId),
                        k -> new ClientDelta(operatorId, deviceId, start, clientId));
                client.bytesUp += up;
                client.bytesDown += down;
            }
        }
    }

    public Collection<CounterDelta> counters() {
        return counters.values();
    }

    public Collection<ClientDelta> clients() {
        return clients.values();
    }

    public boolean isEmpty() {
        return counters.isEmpty();
    }
}
