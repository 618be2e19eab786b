package io.hop.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes committed outbox rows to Kafka, in sequence order, and marks them sent once Kafka has acknowledged them.
 *
 * <p>Guarantees:
 * <ul>
 * <li>At least once: a row is marked sent only after its acknowledgement, in the same transaction; a crash between
 * the two publishes the row again after the restart (consumers are idempotent through the inbox).</li>
 * <li>Order per key: rows are sent in sequence order, which per topic and key is the commit order (publishers of a
 * key serialize on an advisory lock, see {@link OutboxStore#append}), and only one relay in the whole deployment
 * publishes at a time: each pass runs in a transaction holding {@code pg_try_advisory_xact_lock}; replicas that do
 * not get it skip the pass. The producer is idempotent with at most 5 requests in flight, so Kafka keeps the order of
 * the records of one partition even when it retries.</li>
 * <li>A failed send leaves its row unsent (attempts and last error recorded) and the relay backs off exponentially
 * before the next pass. Rows acknowledged in the same pass are still marked sent. A record Kafka rejects for good
 * (for instance too large) keeps failing and is retried forever: alert on {@code hop.outbox.pending}.</li>
 * </ul>
 *
 * <p>Latency: {@link #wake()} (called after a publishing transaction commits) starts a pass at once; the poll interval
 * is only the safety net for wake-ups that were lost (another replica's commit, a crash).
 *
 * <p>Plain Java: a Quarkus service gets one from {@link OutboxRelayService}; tests construct their own.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Tuning.
     *
     * @param pollInterval   pause between passes when nothing wakes the relay
     * @param batchSize      rows per pass (per transaction)
     * @param sendTimeout    how long a pass waits for acknowledgements (above the producer's delivery.timeout.ms)
     * @param retention      how long sent rows are kept before they are deleted
     * @param purgeInterval  how often sent rows past their retention are deleted
     * @param initialBackoff first pause after a failed pass; doubles per consecutive failure
     * @param maxBackoff     longest pause after failures
     */
    public record Options(Duration pollInterval, int batchSize, Duration sendTimeout, Duration retention,
            Duration purgeInterval, Duration initialBackoff, Duration maxBackoff) {

        public Options {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(sendTimeout, "sendTimeout");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(purgeInterval, "purgeInterval");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(500), 500, Duration.ofSeconds(45), Duration.ofHours(1),
                    Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }

        public Options withPollInterval(Duration value) {
            return new Options(value, batchSize, sendTimeout, retention, purgeInterval, initialBackoff, maxBackoff);
        }

        public Options withBatchSize(int value) {
            return new Options(pollInterval, value, sendTimeout, retention, purgeInterval, initialBackoff, maxBackoff);
        }

        public Options withSendTimeout(Duration value) {
            return new Options(pollInterval, batchSize, value, retention, purgeInterval, initialBackoff, maxBackoff);
        }

        public Options withRetention(Duration value) {
            return new Options(pollInterval, batchSize, sendTimeout, value, purgeInterval, initialBackoff, maxBackoff);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(pollInterval, batchSize, sendTimeout, retention, purgeInterval, initial, max);
        }
    }

    /**
     * What one pass did.
     *
     * @param lockHeld  false when another relay held the lock and this pass did nothing
     * @param published rows acknowledged by Kafka and marked sent
     * @param failed    rows left unsent because their send failed (or, after a send failed at once, was not tried)
     * @param more      the pass was full: more rows may be waiting
     */
    public record Pass(boolean lockHeld, int published, int failed, boolean more) {
    }

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final Options options;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final MeterRegistry registry;
    private final Counter failures;
    private final Timer lag;
    private final List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();

    private volatile boolean running;
    private Thread thread;
    private Instant lastPurge = Instant.EPOCH;

    /**
     * @param dataSource a data source of the service's database; the relay runs its own local transactions on it
     *                   (never inside a caller's transaction)
     * @param producer   an idempotent producer with {@code acks=all}; the caller owns and closes it
     */
    public OutboxRelay(DataSource dataSource, Producer<String, String> producer, Options options, Clock clock,
            MeterRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        meters.add(Gauge.builder("hop.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events committed but not yet acknowledged by Kafka").register(registry));
        meters.add(Gauge.builder("hop.outbox.oldest.pending.age", this, r -> r.oldestPendingAgeSeconds())
                .description("Age in seconds of the oldest unsent outbox event (0 when none)").baseUnit("seconds")
                .register(registry));
        failures = Counter.builder("hop.outbox.publish.failures")
                .description("Outbox events whose send to Kafka failed (they are retried)").register(registry);
        lag = Timer.builder("hop.outbox.relay.lag")
                .description("Time from an outbox event's commit to its acknowledgement by Kafka").register(registry);
        meters.add(failures);
        meters.add(lag);
    }

    /** Starts the relay thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::loop, "hop-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a pass now (cheap; called after every publishing commit). */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Stops the thread after the current pass. Rows not yet sent stay in the table for the next relay. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        wakeups.release();
        if (t != null) {
            try {
                t.join(options.sendTimeout().plusSeconds(5).toMillis());
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        meters.forEach(registry::remove);
    }

    private void loop() {
        int consecutiveFailures = 0;
        while (running) {
            Pass pass;
            try {
                pass = relayOnce();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Outbox relay pass failed");
                pass = new Pass(true, 0, 1, false);
            }
            if (!running) {
                return;
            }
            if (pass.failed() > 0) {
                consecutiveFailures++;
                pause(backoff(consecutiveFailures));
                continue;
            }
            consecutiveFailures = 0;
            if (!pass.more()) {
                awaitWake(options.pollInterval());
            }
        }
    }

    private Duration backoff(int consecutiveFailures) {
        Duration delay = options.initialBackoff();
        for (int i = 1; i < consecutiveFailures && delay.compareTo(options.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : delay;
    }

    private void awaitWake(Duration timeout) {
        try {
            wakeups.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
            wakeups.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits out a back-off; wake-ups do not cut it short (they would hammer a broker that is down). */
    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            try {
                wakeups.tryAcquire(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        wakeups.drainPermits();
    }

    /**
     * One pass: under the relay lock, sends up to {@code batchSize} unsent rows in order, waits for their
     * acknowledgements and marks the acknowledged ones sent, all in one local transaction. Also refreshes the backlog
     * metrics and, now and then, deletes sent rows past their retention.
     */
    public Pass relayOnce() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Pass pass = relayOnce(connection);
                connection.commit();
                return pass;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
        }
    }

    private Pass relayOnce(Connection connection) throws SQLException {
        if (!OutboxStore.tryRelayLock(connection)) {
            refreshBacklog(connection);
            return new Pass(false, 0, 0, false);
        }
        List<OutboxStore.Pending> rows = OutboxStore.unsent(connection, options.batchSize());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxStore.Pending row : rows) {
            Future<RecordMetadata> ack = send(row);
            acks.add(ack);
            if (ack.isDone() && failed(ack)) {
                // Failed at once (typically: no metadata within max.block.ms, the broker is unreachable). Every
                // further send would block as long again; the rest of the batch waits for the next pass.
                break;
            }
        }
        long deadline = System.nanoTime() + options.sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(acks.size());
        int failed = 0;
        for (int i = 0; i < acks.size(); i++) {
            OutboxStore.Pending row = rows.get(i);
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.seq());
                Instant now = clock.instant();
                lag.record(Duration.between(row.createdAt(), now).isNegative() ? Duration.ZERO
                        : Duration.between(row.createdAt(), now));
                registry.counter("hop.outbox.published", "topic", row.message().topic()).increment();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                failed++;
                failures.increment();
                OutboxStore.markFailed(connection, row.seq(), String.valueOf(cause));
                LOG.warnf("Outbox event %s (%s, topic %s, key %s) not published, attempt %d: %s",
                        row.message().id(), row.message().type(), row.message().topic(), row.message().key(),
                        row.attempts() + 1, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
        OutboxStore.markSent(connection, sent, clock.instant());
        purgeIfDue(connection);
        refreshBacklog(connection);
        return new Pass(true, sent.size(), failed + (rows.size() - acks.size()), rows.size() == options.batchSize());
    }

    private Future<RecordMetadata> send(OutboxStore.Pending row) {
        try {
            return producer.send(CloudEventRecords.toRecord(row.message()));
        } catch (RuntimeException e) {
            // send() throws for some failures (e.g. a closed producer) instead of failing the future
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static boolean failed(Future<RecordMetadata> ack) {
        try {
            ack.get(0, TimeUnit.NANOSECONDS);
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void purgeIfDue(Connection connection) throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(options.purgeInterval()) >= 0) {
            int purged = OutboxStore.purgeSent(connection, now.minus(options.retention()));
            lastPurge = now;
            if (purged > 0) {
                LOG.debugf("Purged %d sent outbox events", purged);
            }
        }
    }

    private void refreshBacklog(Connection connection) throws SQLException {
        OutboxStore.Backlog backlog = OutboxStore.backlog(connection);
        pending.set(backlog.count());
        oldestPendingMillis.set(backlog.oldestCreatedAt() == null ? 0 : backlog.oldestCreatedAt().toEpochMilli());
    }

    private double oldestPendingAgeSeconds() {
        long oldest = oldestPendingMillis.get();
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /** Rows not yet sent, as of the last pass. */
    public long pending() {
        return pending.get();
    }
}
