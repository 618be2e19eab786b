package io.hop.usage.counter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import io.hop.platform.tx.Transactor;

/**
 * Moves pending usage ({@code usage_pending}, appended by the Kafka path) into the counters, the alerts (through the
 * {@link CounterStore}'s listener), the hourly history and the operators' statistics: each round one transaction
 * that deletes at most {@code maxRows} pending rows and writes what they add, so a crash rolls back both and nothing
 * is lost or counted twice. One roll-up at a time across replicas (a transaction-level advisory lock; a replica that
 * does not get it skips the round). Plain Java: the caller decides when to run it.
 */
public final class UsageRollup {

    /** Advisory lock key of the roll-up ("USRU"). */
    static final long LOCK = 0x55535255L;

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
                UsageFacts facts = FactStore.takePending(connection, maxRows);
                apply(connection, counters, facts, clock);
                return facts.records();
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

    /** Adds facts to the counters (with the alerts) and the history, in the connection's transaction. */
    public static void apply(Connection connection, CounterStore counters, UsageFacts facts, Clock clock)
            throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        counters.add(connection, facts.toAggregation(), clock.instant());
        FactStore.writeHistory(connection, facts);
    }
}
