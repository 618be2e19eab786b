package io.hop.usage.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageEvents;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.messaging.BatchConsumer;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.usage.counter.CounterStore;
import io.hop.usage.counter.FactStore;
import io.hop.usage.counter.UsageFacts;
import io.hop.usage.counter.UsageRollup;
import io.hop.contracts.provisioning.BillingPeriods;

/**
 * The one ingest pipeline of usage records, for the Kafka and the REST path: valid records are folded in memory per
 * device, billing period, hour, interface, client or hotspot, and roaming ({@link UsageFacts}), and written
 * set-based in the caller's transaction; no statement per record. The Kafka path appends the batch to
 * {@code usage_pending} (one insert, no index, no row lock; {@link UsageRollup} moves it into the counters and
 * raises the alerts); the REST path adds it to the counters (with the alerts) and the history at once.
 * <ul>
 * <li>Kafka ({@link #handler()}): run by the platform's {@link BatchConsumer} in
 * {@link BatchConsumer.Mode#OFFSETS_IN_DATABASE} mode, whose offsets commit in the same transaction as the batch's
 * pending usage: a redelivered batch is skipped by the offsets, a crash rolls back pending usage and offsets together.
 * An invalid record throws {@link InvalidEventException}; the consumer then applies the batch record by record and
 * dead-letters that one.</li>
 * <li>REST ({@link #addNew}): idempotent by {@code recordId}: one {@code insert ... on conflict do nothing returning}
 * into {@code usage_seen_record} per batch keeps only the records not seen before.</li>
 * </ul>
 * Plain Java (no CDI), so the benchmark drives exactly this code.
 */
public final class UsageIngestion {

    private static final String REMEMBER_RECORDS = """
            insert into usage_seen_record (operator_id, record_id, seen_at)
            select u.*, ? from unnest(?::text[], ?::text[]) as u
            on conflict do nothing
            returning operator_id, record_id
            """;

    private final DataSource dataSource;
    private final PlanLookup plans;
    private final CounterStore store;
    private final Clock clock;
    private final HotspotAttribution hotspots;

    public UsageIngestion(DataSource dataSource, PlanLookup plans, CounterStore store, Clock clock) {
        this(dataSource, plans, store, clock, HotspotAttribution.FROM_CONNECTIONS);
    }

    public UsageIngestion(DataSource dataSource, PlanLookup plans, CounterStore store, Clock clock,
            HotspotAttribution hotspots) {
        this.dataSource = dataSource;
        this.plans = plans;
        this.store = store;
        this.clock = clock;
        this.hotspots = hotspots;
    }

    /** The batch handler for {@code usage.records.v1}. */
    public BatchConsumer.Handler handler() {
        return events -> {
            List<UsageRecorded> records = new ArrayList<>(events.size());
            for (IncomingEvent event : events) {
                records.add(parse(event));
            }
            try (Connection connection = dataSource.getConnection()) {
                FactStore.appendPending(connection, facts(connection, records));
            }
        };
    }

    /**
     * Counts the records (valid, of one operator) whose ids were not seen before, in the caller's transaction; returns
     * how many were counted.
     */
    public int addNew(List<UsageRecorded> records) throws SQLException {
        Map<List<String>, UsageRecorded> byId = new LinkedHashMap<>();
        records.forEach(r -> byId.putIfAbsent(List.of(r.operatorId(), r.recordId()), r));
        if (byId.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            Set<List<String>> fresh = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(REMEMBER_RECORDS)) {
                statement.setTimestamp(1, Timestamp.from(clock.instant()));
                statement.setArray(2, connection.createArrayOf("text",
                        byId.keySet().stream().map(k -> k.get(0)).toArray()));
                statement.setArray(3, connection.createArrayOf("text",
                        byId.keySet().stream().map(k -> k.get(1)).toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(List.of(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            List<UsageRecorded> counted = byId.entrySet().stream().filter(e -> fresh.contains(e.getKey()))
                    .map(Map.Entry::getValue).collect(Collectors.toList());
            add(connection, counted);
            return counted.size();
        }
    }

    /** Aggregates valid records and adds them to the counters at once (and the alerts, the history), on {@code connection}. */
    public void add(Connection connection, List<UsageRecorded> records) throws SQLException {
        UsageRollup.apply(connection, store, facts(connection, records), clock);
    }

    /** Folds valid records per device, period, hour, interface, client or hotspot, and roaming. */
    UsageFacts facts(Connection connection, List<UsageRecorded> records) throws SQLException {
        Map<String, Optional<PlanChanged>> planByDevice = new HashMap<>();
        Map<UsageRecorded, String> hotspotOf = hotspots.hotspots(connection, records);
        UsageFacts facts = new UsageFacts();
        for (UsageRecorded record : records) {
            Optional<PlanChanged> plan = planByDevice.computeIfAbsent(
                    record.operatorId() + '\u0000' + record.deviceId(),
                    k -> plans.planOf(record.operatorId(), record.deviceId()));
            facts.add(record,
                    BillingPeriods.periodOf(plan.map(PlanChanged::validity).orElse(null), record.periodStart()),
                    plan.map(PlanChanged::planId).orElse(null), hotspotOf.get(record));
        }
        return facts;
    }

    /** The record an event carries, or {@link InvalidEventException} naming what is wrong with it. */
    static UsageRecorded parse(IncomingEvent event) {
        if (!event.is(UsageEvents.RECORD_REPORTED)) {
            throw InvalidEventException.unsupportedType(event);
        }
        UsageRecorded record = event.dataAs(UsageEvents.RECORD_REPORTED);
        List<UsageRecordValidation.Violation> violations = UsageRecordValidation.violations(record);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("invalid usage record in event " + event.id() + ": " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        }
        return record;
    }
}
