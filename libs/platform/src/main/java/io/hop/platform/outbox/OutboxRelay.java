package io.hop.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes committed outbox rows to Kafka and marks them sent once Kafka has acknowledged them.
 *
 * <h2>How a pass works</h2>
 * <ol>
 * <li><b>Leadership.</b> Only one relay in the whole deployment publishes at a time: the leader holds a session-level
 * advisory lock ({@code pg_try_advisory_lock}) on a connection of its own, kept open (and idle, no transaction) for as
 * long as it leads. The lock goes with the session, so a relay that dies (even by SIGKILL) gives up leadership as soon
 * as PostgreSQL sees its connection close; another replica takes over at its next pass. Each pass first checks that
 * the leader connection is still valid. Replicas that do not lead only refresh their metrics. The leader keeps one
 * connection of the pool for as long as it leads, and that connection needs a session of its own: PostgreSQL directly
 * or a pooler in session mode, not PgBouncer in transaction mode (which would hand the locked session to others).</li>
 * <li><b>Read</b> up to {@code batchSize} sendable rows in sequence order, in auto-commit mode: no row locks, no
 * transaction left open. A row is sendable unless a row of the same key (topic and Kafka key) at or before it is
 * parked or waits for its next attempt.</li>
 * <li><b>Send</b> with no database transaction open. Different keys are pipelined; the rows of one key go one at a
 * time (a key's next row is sent once Kafka has acknowledged the previous one). That is what keeps per-key order
 * even when Kafka rejects one record: a rejected row can never be overtaken on the topic by its successors, because
 * they have not been sent (with batching, a record the broker rejects as too large is split out of its batch and the
 * rest of the batch is written). Keys whose head row is a retry go after the fresh ones, so a row that blocks the
 * producer (a missing topic waits {@code max.block.ms} for metadata) delays only its own key in the pass.</li>
 * <li><b>Mark</b> in one short transaction: acknowledged rows sent; failed rows get {@code attempts + 1}, their error
 * and {@code next_attempt_at} (exponential backoff from {@code initialBackoff} to {@code maxBackoff}). Their key's
 * later rows wait behind them (never marked sent, not even sent). Rows of other keys go on.</li>
 * </ol>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>At least once: a row is marked sent only after its acknowledgement; a crash between the acknowledgement and the
 * mark publishes the row again, with the same {@code ce_id}, after the restart (consumers are idempotent through the
 * inbox).</li>
 * <li>Order per key: per topic and key the sequence order is the commit order (publishers of a key serialize on an
 * advisory lock, see {@link OutboxStore#append}); one leader sends; a key's rows go one at a time, in that order, and
 * a key stops at its first failed row.</li>
 * <li>A row Kafka rejects (a non-retriable error: too large for the topic, invalid, not authorized) is <b>parked</b>
 * after {@code maxAttempts} attempts ({@code hop.outbox.max-attempts}): {@code parked_at} and {@code last_error} are
 * set, and its key waits for an operator. Retriable failures (broker unreachable, missing topic, not enough replicas,
 * no acknowledgement in time) are retried with backoff for as long as they last and never parked: they heal with the
 * cluster, and parking them would need an operator after every outage. Parked rows show in {@code hop.outbox.parked}
 * and in the {@code hop-outbox} readiness check's data.</li>
 * <li>The relay owns its producer: after a fatal producer error (fenced, out-of-order sequence, authentication,
 * cluster authorization, a closed producer) it closes the producer and takes a new one from its factory for the next
 * pass. Rows of that pass are not charged an attempt.</li>
 * </ul>
 *
 * <h2>Retrying a parked row</h2>
 * Fix the cause (e.g. raise the topic's {@code max.message.bytes}), then either call
 * {@link OutboxAdmin#retryParked(java.util.UUID)} or run, in the service's database:
 * <pre>{@code
 * update hop_outbox set parked_at = null, next_attempt_at = null, attempts = 0
 *  where sent_at is null and parked_at is not null and id = '<ce_id>';
 * }</pre>
 * (without the {@code id} condition: every parked row). The relay picks the row up at its next pass (within
 * {@code hop.outbox.poll-interval}), and then the rows of its key that waited behind it, in order. To drop a parked
 * event instead, mark it sent: {@code update hop_outbox set sent_at = now() where id = '<ce_id>'}.
 *
 * <p>Latency: {@link #wake()} (called after a publishing transaction commits) starts a pass at once; the poll interval
 * is the safety net for wake-ups that were lost (another replica's commit, a crash). The relay also wakes when the
 * earliest retry is due.
 *
 * <p>Plain Java: a Quarkus service gets one from {@link OutboxRelayService}; tests construct their own.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * Tuning.
     *
     * @param pollInterval   pause between passes when nothing wakes the relay
     * @param batchSize      rows read per pass
     * @param sendTimeout    how long a pass waits for acknowledgements (above the producer's delivery.timeout.ms)
     * @param retention      how long sent rows are kept before they are deleted
     * @param purgeInterval  how often sent rows past their retention are deleted
     * @param initialBackoff first wait before a failed row is tried again; doubles per attempt
     * @param maxBackoff     longest wait between attempts (also the longest pause of the whole relay while every
     *                       send fails for a retriable reason, i.e. the broker is unreachable)
     * @param maxAttempts    attempts after which a row Kafka rejects for good is parked
     */
    public record Options(Duration pollInterval, int batchSize, Duration sendTimeout, Duration retention,
            Duration purgeInterval, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

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
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be positive");
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(500), 500, Duration.ofSeconds(45), Duration.ofHours(1),
                    Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 10);
        }

        public Options withPollInterval(Duration value) {
            return new Options(value, batchSize, sendTimeout, retention, purgeInterval, initialBackoff, maxBackoff,
                    maxAttempts);
        }

        public Options withBatchSize(int value) {
            return new Options(pollInterval, value, sendTimeout, retention, purgeInterval, initialBackoff, maxBackoff,
                    maxAttempts);
        }

        public Options withSendTimeout(Duration value) {
            return new Options(pollInterval, batchSize, value, retention, purgeInterval, initialBackoff, maxBackoff,
                    maxAttempts);
        }

        public Options withRetention(Duration value) {
            return new Options(pollInterval, batchSize, sendTimeout, value, purgeInterval, initialBackoff, maxBackoff,
                    maxAttempts);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(pollInterval, batchSize, sendTimeout, retention, purgeInterval, initial, max,
                    maxAttempts);
        }

        public Options withMaxAttempts(int value) {
            return new Options(pollInterval, batchSize, sendTimeout, retention, purgeInterval, initialBackoff,
                    maxBackoff, value);
        }
    }

    /**
     * What one pass did.
     *
     * @param lockHeld      false when another relay leads and this pass did nothing
     * @param published     rows acknowledged by Kafka and marked sent
     * @param failed        rows whose send failed (charged an attempt, or not when the producer failed fatally)
     * @param parked        of the failed rows, those parked by this pass
     * @param more          the pass read a full batch: more rows may be waiting
     * @param brokerFailing every send of the pass failed for a retriable or producer-wide reason: the relay pauses
     */
    public record Pass(boolean lockHeld, int published, int failed, int parked, boolean more,
            boolean brokerFailing) {
    }

    private final DataSource dataSource;
    private final Supplier<Producer<String, String>> producers;
    private final Options options;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final AtomicLong nextRetryMillis = new AtomicLong();
    private final MeterRegistry registry;
    private final Counter failures;
    private final Timer lag;
    private final List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();

    private volatile boolean running;
    private volatile Consumer<List<OutboxMessage>> acknowledged = rows -> {
    };
    private Thread thread;
    private Instant lastPurge = Instant.EPOCH;
    /** Guarded by this: the producer of the current life cycle, and the connection holding the leadership. */
    private Producer<String, String> producer;
    private Connection leader;

    /**
     * @param dataSource a data source of the service's database; the relay runs its own local transactions on it
     *                   (never inside a caller's transaction) and keeps one of its connections while it leads
     * @param producers  makes an idempotent producer with {@code acks=all}; called for the first pass and again
     *                   after a fatal producer error. The relay closes the producers it made.
     */
    public OutboxRelay(DataSource dataSource, Supplier<Producer<String, String>> producers, Options options,
            Clock clock, MeterRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.producers = Objects.requireNonNull(producers, "producers");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        meters.add(Gauge.builder("hop.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events committed and waiting to be acknowledged by Kafka (parked ones excluded)")
                .register(registry));
        meters.add(Gauge.builder("hop.outbox.oldest.pending.age", this, OutboxRelay::oldestPendingAgeSeconds)
                .description("Age of the oldest outbox event waiting to be sent").baseUnit("seconds")
                .register(registry));
        meters.add(Gauge.builder("hop.outbox.parked", parked, AtomicLong::get)
                .description("Outbox events Kafka rejected hop.outbox.max-attempts times: set aside, their key waits"
                        + " for an operator")
                .register(registry));
        failures = Counter.builder("hop.outbox.publish.failures")
                .description("Sends of outbox events that failed (retried with backoff, or parked)").register(registry);
        lag = Timer.builder("hop.outbox.relay.lag")
                .description("Time from an outbox event's commit to its acknowledgement by Kafka").register(registry);
        meters.add(failures);
        meters.add(lag);
    }

    /**
     * Test hook: called on the relay's thread once Kafka has acknowledged rows of a pass and before they are marked
     * sent (a test JVM that must die exactly there blocks in it).
     */
    void onAcknowledged(Consumer<List<OutboxMessage>> listener) {
        this.acknowledged = Objects.requireNonNull(listener, "listener");
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

    /**
     * Stops the thread after the current pass, gives up the leadership and closes the producer. Rows not yet marked
     * sent stay in the table for the next relay.
     */
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
        synchronized (this) {
            releaseLeadership();
            closeProducer(Duration.ofSeconds(5));
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
                pass = new Pass(true, 0, 0, 0, false, true);
            }
            if (!running) {
                return;
            }
            if (pass.brokerFailing()) {
                consecutiveFailures++;
                pause(backoff(consecutiveFailures));
                continue;
            }
            consecutiveFailures = 0;
            if (!pass.more()) {
                awaitWake(nextWait());
            }
        }
    }

    /** Initial backoff doubled per earlier attempt, at most the maximum. */
    private Duration backoff(int attempt) {
        Duration delay = options.initialBackoff();
        for (int i = 1; i < attempt && delay.compareTo(options.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : delay;
    }

    /** The poll interval, or less when a failed row's next attempt falls due before it. */
    private Duration nextWait() {
        long retryAt = nextRetryMillis.get();
        if (retryAt == 0) {
            return options.pollInterval();
        }
        Duration untilRetry = Duration.ofMillis(Math.max(1, retryAt - clock.millis() + 1));
        return untilRetry.compareTo(options.pollInterval()) < 0 ? untilRetry : options.pollInterval();
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
     * One pass (see the class comment): if this relay leads, reads the sendable rows, sends them with no transaction
     * open, then marks them in a short transaction. Also refreshes the backlog metrics and, now and then, deletes
     * sent rows past their retention.
     */
    public synchronized Pass relayOnce() {
        try {
            if (!holdLeadership()) {
                refreshBacklog();
                return new Pass(false, 0, 0, 0, false, false);
            }
            List<OutboxStore.Pending> rows;
            try (Connection connection = dataSource.getConnection()) {
                rows = OutboxStore.sendable(connection, clock.instant(), options.batchSize());
            }
            Sent sent = rows.isEmpty() ? Sent.NOTHING : send(rows);
            if (!sent.acknowledged().isEmpty()) {
                acknowledged.accept(sent.acknowledged().stream().map(OutboxStore.Pending::message).toList());
            }
            Instant now = clock.instant();
            List<OutboxStore.Failure> failed = new ArrayList<>();
            int parkedNow = 0;
            boolean allRetriable = true;
            for (Failed f : sent.failed()) {
                failures.increment();
                OutboxStore.Pending row = f.row();
                String error = String.valueOf(f.cause());
                if (f.fatal()) {
                    LOG.warnf("Outbox event %s (topic %s, key %s) not published, the producer failed: %s",
                            row.message().id(), row.message().topic(), row.message().key(), error);
                    continue; // not the row's fault: no attempt charged
                }
                boolean retriable = isRetriable(f.cause());
                allRetriable &= retriable;
                int attempt = row.attempts() + 1;
                boolean park = !retriable && attempt >= options.maxAttempts();
                failed.add(new OutboxStore.Failure(row.seq(), error, now.plus(backoff(attempt)), park ? now : null));
                if (park) {
                    parkedNow++;
                    LOG.errorf("Outbox event %s (%s, topic %s, key %s) PARKED after %d attempts; later events of its"
                            + " key wait until an operator retries it (see OutboxRelay): %s", row.message().id(),
                            row.message().type(), row.message().topic(), row.message().key(), attempt, error);
                } else {
                    LOG.warnf("Outbox event %s (%s, topic %s, key %s) not published, attempt %d: %s",
                            row.message().id(), row.message().type(), row.message().topic(), row.message().key(),
                            attempt, error);
                }
            }
            List<Long> sentSeqs = new ArrayList<>();
            for (OutboxStore.Pending row : sent.acknowledged()) {
                sentSeqs.add(row.seq());
                Duration age = Duration.between(row.createdAt(), now);
                lag.record(age.isNegative() ? Duration.ZERO : age);
                registry.counter("hop.outbox.published", "topic", row.message().topic()).increment();
            }
            mark(sentSeqs, failed, now);
            if (sent.producerFailed()) {
                LOG.warn("Outbox relay: fatal producer error, a new producer takes over at the next pass");
                closeProducer(Duration.ZERO);
            }
            purgeIfDue();
            refreshBacklog();
            boolean brokerFailing = sent.acknowledged().isEmpty() && !sent.failed().isEmpty()
                    && (sent.producerFailed() || allRetriable);
            return new Pass(true, sent.acknowledged().size(), sent.failed().size(), parkedNow,
                    rows.size() == options.batchSize(), brokerFailing);
        } catch (SQLException e) {
            dropLeadershipIfBroken();
            throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
        }
    }

    private void mark(List<Long> sentSeqs, List<OutboxStore.Failure> failed, Instant now) throws SQLException {
        if (sentSeqs.isEmpty() && failed.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                OutboxStore.markSent(connection, sentSeqs, now);
                OutboxStore.markFailed(connection, failed);
                connection.commit();
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
        }
    }

    private record Failed(OutboxStore.Pending row, Throwable cause, boolean fatal) {
    }

    private record Sent(List<OutboxStore.Pending> acknowledged, List<Failed> failed, boolean producerFailed) {
        static final Sent NOTHING = new Sent(List.of(), List.of(), false);
    }

    /** A send's outcome, delivered once (by the producer's callback, or at once when send() failed). */
    private record Completion(OutboxStore.Pending row, Throwable error) {
    }

    private record KeyOf(String topic, String key) {
    }

    /**
     * Sends the rows, one in flight per key, and waits for the outcomes (at most {@code sendTimeout}). A key stops at
     * its first failure; a topic whose send timed out (no metadata: missing topic, unreachable broker) is not tried
     * again in this pass; after a fatal producer error nothing more is sent.
     */
    private Sent send(List<OutboxStore.Pending> rows) {
        Producer<String, String> current = producer();
        Map<KeyOf, ArrayDeque<OutboxStore.Pending>> byKey = new LinkedHashMap<>();
        Map<Long, OutboxStore.Pending> bySeq = new HashMap<>();
        for (OutboxStore.Pending row : rows) {
            bySeq.put(row.seq(), row);
            byKey.computeIfAbsent(new KeyOf(row.message().topic(), row.message().key()), k -> new ArrayDeque<>())
                    .add(row);
        }
        List<ArrayDeque<OutboxStore.Pending>> queues = new ArrayList<>(byKey.values());
        // Fresh keys first: a retried head may block in send() (metadata), and should cost only its own key.
        queues.sort(Comparator.comparing(q -> q.peekFirst().attempts() > 0));

        BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
        Map<Long, ArrayDeque<OutboxStore.Pending>> queueOfSeq = new HashMap<>();
        Set<String> topicsDown = new HashSet<>();
        List<OutboxStore.Pending> acked = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        boolean fatal = false;
        int inFlight = 0;

        for (ArrayDeque<OutboxStore.Pending> queue : queues) {
            if (fatal) {
                break;
            }
            OutboxStore.Pending head = queue.pollFirst();
            if (topicsDown.contains(head.message().topic())) {
                continue;
            }
            queueOfSeq.put(head.seq(), queue);
            Throwable immediate = sendOne(current, head, done);
            inFlight++;
            if (immediate != null) {
                fatal |= isFatal(immediate);
                if (immediate instanceof TimeoutException) {
                    topicsDown.add(head.message().topic());
                }
            }
        }
        long deadline = System.nanoTime() + options.sendTimeout().toNanos();
        while (inFlight > 0) {
            Completion completion;
            try {
                completion = done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Stopped while holding rows: nothing is marked, the next relay sends them again.
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
            if (completion == null) {
                for (Long seq : queueOfSeq.keySet()) {
                    OutboxStore.Pending row = bySeq.get(seq);
                    failed.add(new Failed(row, new TimeoutException(
                            "no acknowledgement within " + options.sendTimeout()), false));
                }
                break;
            }
            inFlight--;
            ArrayDeque<OutboxStore.Pending> queue = queueOfSeq.remove(completion.row().seq());
            if (completion.error() == null) {
                acked.add(completion.row());
                OutboxStore.Pending next = queue.pollFirst();
                if (next != null && !fatal && !topicsDown.contains(next.message().topic())) {
                    queueOfSeq.put(next.seq(), queue);
                    Throwable immediate = sendOne(current, next, done);
                    inFlight++;
                    if (immediate != null) {
                        fatal |= isFatal(immediate);
                    }
                }
            } else {
                Throwable error = completion.error();
                boolean producerWide = isFatal(error);
                fatal |= producerWide;
                if (error instanceof TimeoutException) {
                    topicsDown.add(completion.row().message().topic());
                }
                failed.add(new Failed(completion.row(), error, producerWide));
                // The key's later rows are not sent: they wait behind this one.
            }
        }
        return new Sent(acked, failed, fatal);
    }

    /**
     * Sends one row; its outcome arrives on {@code done} exactly once. Returns the error when the send failed at once
     * (it is on {@code done} too).
     */
    private static Throwable sendOne(Producer<String, String> producer, OutboxStore.Pending row,
            BlockingQueue<Completion> done) {
        AtomicBoolean completed = new AtomicBoolean();
        Consumer<Throwable> complete = error -> {
            if (completed.compareAndSet(false, true)) {
                done.add(new Completion(row, error));
            }
        };
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(CloudEventRecords.toRecord(row.message()), (metadata, error) -> complete.accept(error));
        } catch (RuntimeException e) {
            // send() throws for some failures (e.g. a closed producer) instead of failing the future
            complete.accept(e);
            return e;
        }
        if (ack.isDone()) {
            // Failed at once (typically: no metadata within max.block.ms). The callback has normally run already.
            try {
                ack.get();
            } catch (ExecutionException e) {
                complete.accept(e.getCause());
                return e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                complete.accept(e);
                return e;
            }
        }
        return null;
    }

    /** Errors after which the producer cannot be used any more (or was closed). */
    static boolean isFatal(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                    || e instanceof InvalidProducerEpochException || e instanceof AuthenticationException
                    || e instanceof ClusterAuthorizationException || e instanceof UnsupportedVersionException
                    || e instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException;
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            producer = Objects.requireNonNull(producers.get(), "the producer factory returned null");
        }
        return producer;
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing the outbox producer failed");
            }
            producer = null;
        }
    }

    /** True when this relay leads: it holds the leadership lock on a live connection, or takes it now. */
    private boolean holdLeadership() throws SQLException {
        if (leader != null) {
            boolean valid;
            try {
                valid = leader.isValid(5);
            } catch (SQLException e) {
                valid = false;
            }
            if (valid) {
                return true;
            }
            LOG.warn("Outbox relay: the connection holding the relay leadership is gone; trying to lead again");
            closeQuietly(leader);
            leader = null;
        }
        Connection connection = dataSource.getConnection();
        boolean leading = false;
        try {
            leading = OutboxStore.tryLeadership(connection);
            if (leading) {
                leader = connection;
                LOG.debug("Outbox relay: this relay leads");
            }
            return leading;
        } finally {
            if (!leading) {
                connection.close();
            }
        }
    }

    private void dropLeadershipIfBroken() {
        if (leader != null) {
            try {
                if (leader.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                // broken: drop it
            }
            closeQuietly(leader);
            leader = null;
        }
    }

    private void releaseLeadership() {
        if (leader != null) {
            try {
                // A pooled connection keeps its session: unlock before it goes back to the pool.
                OutboxStore.releaseLeadership(leader);
            } catch (SQLException e) {
                LOG.debugf(e, "Releasing the outbox relay leadership failed");
            }
            closeQuietly(leader);
            leader = null;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf(e, "Closing a connection failed");
        }
    }

    private void purgeIfDue() throws SQLException {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(options.purgeInterval()) >= 0) {
            int purged;
            try (Connection connection = dataSource.getConnection()) {
                purged = OutboxStore.purgeSent(connection, now.minus(options.retention()));
            }
            lastPurge = now;
            if (purged > 0) {
                LOG.debugf("Purged %d sent outbox events", purged);
            }
        }
    }

    private void refreshBacklog() throws SQLException {
        OutboxStore.Backlog backlog;
        try (Connection connection = dataSource.getConnection()) {
            backlog = OutboxStore.backlog(connection, clock.instant());
        }
        pending.set(backlog.pending());
        parked.set(backlog.parked());
        oldestPendingMillis.set(backlog.oldestPendingCreatedAt() == null ? 0
                : backlog.oldestPendingCreatedAt().toEpochMilli());
        nextRetryMillis.set(backlog.nextRetryAt() == null ? 0 : backlog.nextRetryAt().toEpochMilli());
    }

    private double oldestPendingAgeSeconds() {
        long oldest = oldestPendingMillis.get();
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /** Rows waiting to be sent (parked ones excluded), as of the last pass. */
    public long pending() {
        return pending.get();
    }

    /** Parked rows, as of the last pass. */
    public long parked() {
        return parked.get();
    }
}
