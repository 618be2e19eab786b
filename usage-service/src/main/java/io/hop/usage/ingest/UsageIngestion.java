package io.hop.usage.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.usage.UsageEvents;
import io.hop.contracts.usage.UsageRecorded;
import io.hop.platform.messaging.FoldingConsumer;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.usage.counter.CounterChange;
import io.hop.usage.counter.CounterStore;
import io.hop.usage.counter.FactStore;
import io.hop.usage.counter.UsageFacts;
import io.hop.contracts.provisioning.BillingPeriods;

/**
 * The one ingest pipeline of usage records, for the Kafka and the REST path: valid records are folded in memory per
 * device, billing period, hour, interface, client or hotspot, and roaming ({@link UsageFacts}), and written
 * set-based in the caller's transaction to the counters (with the alerts), the hourly history and the operators'
 * statistics; no statement per record.
 * <ul>
 * <li>Kafka ({@link #folding(LongConsumer)}): run by the platform's {@link FoldingConsumer}, which folds the records
 * of many polls into one window and writes it in one transaction with the consumer offsets: a device reporting ten
 * times in a window costs one counter update, a redelivered window is skipped by the offsets, a crash rolls back the
 * window's usage and offsets together. An invalid record throws {@link InvalidEventException} and is dead-lettered; the
 * window goes on.</li>
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

    /**
     * How {@code usage.records.v1} is folded across polls and written (see {@link FoldingConsumer});
     * {@code committed} hears how many records each committed window counted.
     */
    public FoldingConsumer.Folding<UsageRecorded, UsageFacts> folding(LongConsumer committed) {
        return new FoldingConsumer.Folding<>() {
            @Override
            public UsageRecorded parse(IncomingEvent event) {
                return UsageIngestion.parse(event);
            }

            @Override
            public UsageFacts fold(List<UsageRecorded> records) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    return facts(connection, records);
                }
            }

            @Override
            public void merge(UsageFacts window, UsageFacts part) {
                window.addAll(part);
            }

            @Override
            public int size(UsageFacts window) {
                return window.size();
            }

            @Override
            public void write(UsageFacts window) throws SQLException {
                try (Connection connection = dataSource.getConnection()) {
                    UsageIngestion.this.write(connection, window);
                }
            }

            @Override
            public void committed(UsageFacts window) {
                committed.accept(window.records());
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
        write(connection, facts(connection, records));
    }

    /** Adds facts to the counters (with the alerts) and the history, in the connection's transaction. */
    private void write(Connection connection, UsageFacts facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        List<CounterChange> changes = store.add(connection, facts.toAggregation(), clock.instant());
        FactStore.writeHistory(connection, facts);
        // last: the alerts lock outbox key buckets that every writer shares, until the commit
        store.changed(connection, changes);
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
