package io.hop.usage.counter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.hop.platform.tx.Transactor;

/**
 * Moves pending usage ({@code usage_pending}, appended by the Kafka path) into the counters, the alerts (through the
 * {@link CounterStore}'s listener), the hourly history and the operators' statistics: each round one transaction
 * that deletes at most {@code maxRows} pending rows and writes what they add, so a crash rolls back both and nothing
 * is lost or counted twice. One roll-up at a time across replicas (a transaction-level advisory lock; a replica that
 * does not get it skips the round). Plain Java: the caller decides when to run it.
 * <p>
 * A round is ONE statement ({@link #ROUND}): the pending rows never travel to Java. The database deletes them,
 * folds them per counter, client, hour and operator, and upserts all four tables; only the changed counters come
 * back (at most one per device in the round, with the totals before and after), for the alert engine. Rounds are
 * bounded ({@code maxRows}, a few tens of thousands) so that a round's memory and lock time stay small however large
 * the backlog.
 */
public final class UsageRollup {

    /** Advisory lock key of the roll-up ("USRU"). */
    static final long LOCK = 0x55535255L;

    /**
     * Takes at most {@code ?} pending rows (by physical position: usage_pending has no index, so the delete is a TID
     * scan of the rows just selected) and writes what they add. Rows are inserted in key order (byte order, as
     * {@link CounterStore} sorts), so a concurrent REST batch waits for the round instead of deadlocking with it.
     * Data-modifying CTEs all run to completion whether or not the final select reads them.
     */
    private static final String ROUND = """
            with moved as (
                delete from usage_pending where ctid = any(array(select ctid from usage_pending limit ?))
                returning operator_id, device_id, period_start, period_end, plan_id, hour, network_interface, label,
                    roaming, bytes_up, bytes_down, records),
            history as (
                insert into usage_hourly (operator_id, device_id, period_start, hour, network_interface, label,
                    roaming, bytes_up, bytes_down, records)
                select operator_id, device_id, period_start, hour, network_interface, label, roaming, sum(bytes_up),
                    sum(bytes_down), sum(records)
                from moved
                group by operator_id, device_id, period_start, hour, network_interface, label, roaming),
            per_operator as (
                insert into usage_operator_hourly (operator_id, hour, network_interface, hotspot, bytes_up,
                    bytes_down)
                select operator_id, hour, network_interface, hotspot, sum(bytes_up), sum(bytes_down)
                from (select operator_id, hour, network_interface, bytes_up, bytes_down,
                        case when network_interface = 'WIFI_OFFLOAD' then coalesce(label, '') else '' end as hotspot
                      from moved) m
                group by operator_id, hour, network_interface, hotspot
                order by operator_id collate "C", hour, network_interface collate "C", hotspot collate "C"
                on conflict (operator_id, hour, network_interface, hotspot) do update set
                    bytes_up = usage_operator_hourly.bytes_up + excluded.bytes_up,
                    bytes_down = usage_operator_hourly.bytes_down + excluded.bytes_down),
            clients as (
                insert into usage_client_counter (operator_id, device_id, period_start, client_id, bytes_up,
                    bytes_down, updated_at)
                select operator_id, device_id, period_start, label, sum(bytes_up), sum(bytes_down), ?::timestamptz
                from moved where network_interface = 'TETHERED_CLIENT'
                group by operator_id, device_id, period_start, label
                order by operator_id collate "C", device_id collate "C", period_start, label collate "C"
                on conflict (operator_id, device_id, period_start, client_id) do update set
                    bytes_up = usage_client_counter.bytes_up + excluded.bytes_up,
                    bytes_down = usage_client_counter.bytes_down + excluded.bytes_down,
                    updated_at = greatest(usage_client_counter.updated_at, excluded.updated_at)),
            delta as (
                select operator_id, device_id, period_start, max(period_end) as period_end, max(plan_id) as plan_id,
                    sum(bytes_up) as bytes_up, sum(bytes_down) as bytes_down,
                    sum(case when network_interface = 'CELLULAR' then bytes_up else 0 end) as cellular_up,
                    sum(case when network_interface = 'CELLULAR' then bytes_down else 0 end) as cellular_down,
                    sum(case when network_interface = 'WIFI_OFFLOAD' then bytes_up else 0 end) as wifi_offload_up,
                    sum(case when network_interface = 'WIFI_OFFLOAD' then bytes_down else 0 end) as wifi_offload_down,
                    sum(case when network_interface = 'TETHERED_CLIENT' then bytes_up else 0 end) as tethered_up,
                    sum(case when network_interface = 'TETHERED_CLIENT' then bytes_down else 0 end) as tethered_down,
                    sum(case when roaming then bytes_up else 0 end) as roaming_up,
                    sum(case when roaming then bytes_down else 0 end) as roaming_down,
                    sum(records) as records
                from moved
                group by operator_id, device_id, period_start),
            counted as (
                insert into usage_counter (operator_id, device_id, period_start, period_end, bytes_up, bytes_down,
                    cellular_up, cellular_down, wifi_offload_up, wifi_offload_down, tethered_up, tethered_down,
                    roaming_up, roaming_down, records, plan_id, updated_at)
                select operator_id, device_id, period_start, period_end, bytes_up, bytes_down, cellular_up,
                    cellular_down, wifi_offload_up, wifi_offload_down, tethered_up, tethered_down, roaming_up,
                    roaming_down, records, plan_id, ?::timestamptz
                from delta
                order by operator_id collate "C", device_id collate "C", period_start
                """ + CounterStore.COUNTER_CONFLICT + """
                returning operator_id, device_id, period_start, bytes_up + bytes_down + adjust_bytes as total,
                    tethered_up + tethered_down as tethered, roaming_up + roaming_down as roaming)
            select c.operator_id, c.device_id, c.period_start, d.period_end, c.total, c.tethered, c.roaming,
                d.bytes_up + d.bytes_down, d.tethered_up + d.tethered_down, d.roaming_up + d.roaming_down, d.records
            from counted c join delta d using (operator_id, device_id, period_start)
            order by c.operator_id collate "C", c.device_id collate "C", c.period_start
            """;

    private final DataSource dataSource;
    private final Transactor transactor;
    private final CounterStore counters;
    private final Clock clock;
    private final int maxRows;

    public UsageRollup(DataSource dataSource, Transactor transactor, CounterStore counters, Clock clock, int maxRows) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.counters = counters;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** One round; returns the number of records rolled up (0: nothing pending, or another replica is rolling up). */
    public long rollUpOnce() {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK);
                    try (ResultSet rows = lock.executeQuery()) {
                        rows.next();
                        if (!rows.getBoolean(1)) {
                            return 0L;
                        }
                    }
                }
                return round(connection);
            }
        });
    }

    /** Rounds until nothing is pending (or another replica holds the roll-up); returns the records rolled up. */
    public long rollUpAll() {
        long total = 0;
        long rolled;
        do {
            rolled = rollUpOnce();
            total += rolled;
        } while (rolled > 0);
        return total;
    }

    /** The round's statement, then the alerts of the counters it changed; returns the records rolled up. */
    private long round(Connection connection) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        List<CounterChange> changes = new ArrayList<>();
        long records = 0;
        try (PreparedStatement statement = connection.prepareStatement(ROUND)) {
            statement.setInt(1, maxRows);
            statement.setTimestamp(2, now);
            statement.setTimestamp(3, now);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    CounterChange.Totals after = new CounterChange.Totals(rows.getLong(5), rows.getLong(6),
                            rows.getLong(7));
                    CounterChange.Totals before = new CounterChange.Totals(after.total() - rows.getLong(8),
                            after.tethered() - rows.getLong(9), after.roaming() - rows.getLong(10));
                    changes.add(new CounterChange(rows.getString(1), rows.getString(2),
                            rows.getTimestamp(3).toInstant(), rows.getTimestamp(4).toInstant(), before, after));
                    records += rows.getLong(11);
                }
            }
        }
        counters.changed(connection, changes);
        return records;
    }

    /** Adds facts to the counters (with the alerts) and the history, in the connection's transaction (REST path). */
    public static void apply(Connection connection, CounterStore counters, UsageFacts facts, Clock clock)
            throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        counters.add(connection, facts.toAggregation(), clock.instant());
        FactStore.writeHistory(connection, facts);
    }
}
