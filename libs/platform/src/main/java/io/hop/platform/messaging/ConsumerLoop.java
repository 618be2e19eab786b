package io.hop.platform.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.hop.platform.tx.SqlWork;
import io.hop.platform.tx.Transactor;

/**
 * What the platform's consumer loops share ({@link BatchConsumer}, {@link FoldingConsumer}): the Kafka consumer on a
 * thread of its own, dead-lettering, retries in place with the group membership kept alive, and the consumer offsets
 * stored in the database ({@link OffsetStore}) with the fence that stops a consumer that lost its partitions from
 * applying records twice.
 */
abstract sealed class ConsumerLoop implements AutoCloseable permits BatchConsumer, FoldingConsumer {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    final BatchConsumer.Settings settings;
    final Map<String, Object> kafkaConfig;
    final DataSource dataSource;
    final Transactor transactor;
    final DeadLetters deadLetters;
    final ConsumerMonitor monitor;

    volatile boolean running;
    /** Assigned partitions whose stored offsets could not be read yet: paused until {@link #positionAssigned}. */
    final Set<TopicPartition> unpositioned = new HashSet<>();
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    ConsumerLoop(BatchConsumer.Settings settings, Map<String, Object> kafkaConfig, DataSource dataSource,
            Transactor transactor, DeadLetters deadLetters, ConsumerMonitor monitor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /** The consumer's work until {@link #running} turns false (or {@link WakeupException}). */
    abstract void loop(KafkaConsumer<String, String> kafka);

    /** Called on the consumer's thread once the loop has ended, before the Kafka consumer closes. */
    void stopping(KafkaConsumer<String, String> kafka) {
    }

    /** What the consumer does when partitions are assigned or taken away. */
    ConsumerRebalanceListener rebalanceListener(KafkaConsumer<String, String> kafka) {
        return new Rebalance(kafka);
    }

    private void run() {
        KafkaConsumer<String, String> kafka = consumer;
        try {
            kafka.subscribe(List.of(settings.topic()), rebalanceListener(kafka));
            loop(kafka);
        } catch (WakeupException | InterruptedBatchException e) {
            // close() asked us to stop; uncommitted records are redelivered to the next owner
        } catch (RuntimeException e) {
            LOG.errorf(e, "Batch consumer %s stopped", settings.channel());
        } finally {
            try {
                stopping(kafka);
            } catch (RuntimeException e) {
                LOG.debugf(e, "stopping %s", settings.channel());
            }
            try {
                kafka.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing the consumer", e);
            }
        }
    }

    /** Starts the loop on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer());
        thread = new Thread(this::run, "hop-batch-consumer-" + settings.channel());
        thread.setDaemon(true);
        thread.start();
    }

    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaConfig.forEach((key, value) -> {
            if (known.contains(key) && !key.endsWith(".deserializer")) {
                config.put(key, value);
            }
        });
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.consumer() + "-batch");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return config;
    }

    /** Whether a failure is retried in place: a transient one always, an unknown one up to maxUnknownAttempts. */
    boolean retryable(Failures.Kind kind, int attempt) {
        return kind == Failures.Kind.TRANSIENT
                || (kind == Failures.Kind.UNKNOWN && attempt < settings.maxUnknownAttempts());
    }

    void deadLetter(KafkaConsumer<String, String> kafka, ConsumerRecord<String, String> record,
            Failures.Kind kind, Throwable failure) {
        String reason = RecordProcessor.reason(kind, failure);
        retryTransient(kafka, () -> {
            deadLetters.send(record, settings.consumer(), reason);
            return null;
        });
        monitor.deadLettered(settings.channel(), kind);
        LOG.warnf("Dead-lettered %s/%d@%d of channel %s: %s", record.topic(), record.partition(), record.offset(),
                settings.channel(), reason);
    }

    <T> T retryTransient(KafkaConsumer<String, String> kafka, java.util.function.Supplier<T> work) {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                T result = work.get();
                monitor.recovered(settings.channel());
                return result;
            } catch (RuntimeException e) {
                pauseBeforeRetry(kafka, attempt, e);
            }
        }
    }

    /** Waits before the next attempt, polling with every partition paused so that the group keeps us. */
    void pauseBeforeRetry(KafkaConsumer<String, String> kafka, int attempt, Throwable failure) {
        monitor.retried(settings.channel(), failure);
        Duration pause = settings.backoff().after(attempt);
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warnf("Channel %s: %s (attempt %d), retrying in %d ms", settings.channel(), failure, attempt,
                    pause.toMillis());
        }
        long until = System.nanoTime() + pause.toNanos();
        do {
            if (!running) {
                throw new InterruptedBatchException();
            }
            keepAlive(kafka, Duration.ofMillis(Math.min(200, Math.max(0, (until - System.nanoTime()) / 1_000_000))));
        } while (System.nanoTime() < until);
    }

    void keepAlive(KafkaConsumer<String, String> kafka, Duration wait) {
        Set<TopicPartition> assigned = kafka.assignment();
        kafka.pause(assigned);
        try {
            ConsumerRecords<String, String> unexpected = kafka.poll(wait);
            // partitions assigned during this poll were not paused: put their position back
            Map<TopicPartition, Long> first = new HashMap<>();
            unexpected.forEach(r -> first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
            first.forEach(kafka::seek);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf(e, "poll while retrying");
        } finally {
            Set<TopicPartition> resumed = new HashSet<>(kafka.assignment());
            resumed.removeAll(unpositioned);
            kafka.resume(resumed);
        }
    }

    /**
     * Positions the partitions whose stored offsets could not be read when they were assigned (the database was
     * down), retrying in place, then resumes them. Call before each poll of the loop.
     */
    void positionAssigned(KafkaConsumer<String, String> kafka) {
        if (unpositioned.isEmpty()) {
            return;
        }
        Set<TopicPartition> waiting = Set.copyOf(unpositioned);
        Map<TopicPartition, Long> stored = retryTransient(kafka, () -> readStored(waiting));
        // a rebalance while retrying may have taken some away (or added others, positioned at the next call)
        Set<TopicPartition> owned = new HashSet<>(waiting);
        owned.retainAll(unpositioned);
        owned.retainAll(kafka.assignment());
        owned.forEach(partition -> {
            Long offset = stored.get(partition);
            if (offset != null) {
                kafka.seek(partition, offset);
            }
        });
        kafka.resume(owned);
        LOG.infof("Channel %s: %s positioned from the database", settings.channel(), owned);
        unpositioned.removeAll(waiting);
    }

    void commit(KafkaConsumer<String, String> kafka, Map<TopicPartition, long[]> ranges) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ranges.forEach((partition, range) -> offsets.put(partition, new OffsetAndMetadata(range[1] + 1)));
        try {
            if (settings.mode() == BatchConsumer.Mode.INBOX) {
                kafka.commitSync(offsets);
            } else {
                // the database holds the truth; Kafka's copy only feeds lag monitoring
                kafka.commitAsync(offsets, null);
            }
        } catch (KafkaException e) {
            // lost the partitions in a rebalance: the next owner gets the records again and the inbox drops them
            LOG.warnf("Channel %s: offsets not committed (%s); records will be redelivered and deduplicated",
                    settings.channel(), e.toString());
        }
    }

    /**
     * After records were dropped (a batch or window refused by the fence, or not written): each owned partition goes
     * back to the offset stored in the database, or, where none is stored yet, to the first dropped offset, so that no
     * dropped record is skipped.
     */
    void repositionFromDatabase(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> firstOffsets) {
        Map<TopicPartition, Long> stored = retryTransient(kafka, () -> readStored(firstOffsets.keySet()));
        Set<TopicPartition> owned = kafka.assignment();
        firstOffsets.forEach((partition, first) -> {
            if (owned.contains(partition)) {
                kafka.seek(partition, stored.getOrDefault(partition, first));
            }
        });
    }

    /** The next offsets stored for these partitions (those with none are absent), in a transaction of its own. */
    Map<TopicPartition, Long> readStored(Collection<TopicPartition> partitions) {
        return transactor.requiresNew(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return OffsetStore.read(connection, settings.consumer(), partitions);
            }
        });
    }

    /** Moves the stored offsets past these records, whatever is stored (no fence): they were dead-lettered. */
    void advancePast(KafkaConsumer<String, String> kafka, Map<TopicPartition, long[]> ranges) {
        retryTransient(kafka, () -> transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return OffsetStore.advance(connection, settings.consumer(), ranges, false);
            }
        }));
    }

    /**
     * How an attempt at some work ended: done (with the work's value), refused by the offsets fence
     * ({@link FencedException}), or failed: for good when the caller could wait, else at the first failure.
     */
    record Attempt<R>(R value, boolean fenced, RuntimeException failure) {
    }

    /**
     * Runs {@code work} in a transaction. With {@code mayWait}, a transient failure is retried in place for as long as
     * it lasts (the partitions paused, the group membership kept) and an unknown one up to
     * {@code maxUnknownAttempts}; without it (a rebalance callback, where no poll may run) there is one attempt.
     */
    <R> Attempt<R> attempt(KafkaConsumer<String, String> kafka, boolean mayWait, SqlWork<R> work) {
        for (int attempt = 1;; attempt++) {
            try {
                R value = transactor.required(work);
                monitor.recovered(settings.channel());
                return new Attempt<>(value, false, null);
            } catch (FencedException e) {
                return new Attempt<>(null, true, null);
            } catch (RuntimeException e) {
                if (mayWait && retryable(Failures.classify(e), attempt)) {
                    pauseBeforeRetry(kafka, attempt, e);
                    continue;
                }
                return new Attempt<>(null, false, e);
            }
        }
    }

    /** Partition to {first offset, last offset} of the batch. */
    static Map<TopicPartition, long[]> ranges(List<ConsumerRecord<String, String>> batch) {
        Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            ranges.compute(new TopicPartition(record.topic(), record.partition()), (p, range) -> range == null
                    ? new long[] {record.offset(), record.offset()}
                    : new long[] {Math.min(range[0], record.offset()), Math.max(range[1], record.offset())});
        }
        return ranges;
    }

    /** Stops the loop (uncommitted records are redelivered) and closes the Kafka consumer. */
    @Override
    public void close() {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
            thread = null;
        }
        if (current != null) {
            KafkaConsumer<String, String> kafka = consumer;
            if (kafka != null) {
                kafka.wakeup();
            }
            try {
                current.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** In offsets mode, positions each newly assigned partition at its offset stored in the database. */
    class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> kafka;

        Rebalance(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (settings.mode() != BatchConsumer.Mode.OFFSETS_IN_DATABASE || partitions.isEmpty()) {
                return;
            }
            try {
                readStored(partitions).forEach(kafka::seek);
            } catch (RuntimeException e) {
                // no poll may retry inside a rebalance: the partitions wait, paused, for positionAssigned
                LOG.warnf("Channel %s: stored offsets of %s not readable (%s); those partitions wait",
                        settings.channel(), partitions, e.toString());
                kafka.pause(partitions);
                unpositioned.addAll(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after every batch (inbox mode) or live in the database (offsets mode)
            unpositioned.removeAll(partitions);
        }
    }

    /** Another consumer already applied part of the batch (offsets mode): roll back, re-read the positions. */
    static final class FencedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FencedException() {
            super("batch already applied by another consumer", null, false, false);
        }
    }

    static final class InterruptedBatchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedBatchException() {
            super("stopped", null, false, false);
        }
    }

    /** SQL on {@code hop_consumer_offset}. */
    static final class OffsetStore {

        private OffsetStore() {
        }

        /**
         * Sets each partition's next offset to the batch's last offset + 1. With {@code fenced}, only where the stored
         * offset is at most the batch's first offset (nobody applied any of it yet); false if any partition was
         * refused (the caller rolls back).
         */
        static boolean advance(Connection connection, String consumer, Map<TopicPartition, long[]> ranges,
                boolean fenced) throws SQLException {
            int n = ranges.size();
            String[] topics = new String[n];
            Integer[] partitions = new Integer[n];
            Long[] firsts = new Long[n];
            Long[] nexts = new Long[n];
            int i = 0;
            for (Map.Entry<TopicPartition, long[]> e : ranges.entrySet()) {
                topics[i] = e.getKey().topic();
                partitions[i] = e.getKey().partition();
                firsts[i] = e.getValue()[0];
                nexts[i] = e.getValue()[1] + 1;
                i++;
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into hop_consumer_offset as o (consumer, topic, partition, next_offset)
                    select ?, b.topic, b.partition, b.next_offset
                      from unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[]) as b(topic, partition, first, next_offset)
                     order by b.topic, b.partition
                    on conflict (consumer, topic, partition) do update
                       set next_offset = excluded.next_offset, updated_at = now()
                     where o.next_offset <= (select b2.first from unnest(?::text[], ?::int[], ?::bigint[])
                                               as b2(topic, partition, first)
                                              where b2.topic = excluded.topic and b2.partition = excluded.partition)
                        or not ?""")) {
                Array topicArray = connection.createArrayOf("text", topics);
                Array partitionArray = connection.createArrayOf("int4", partitions);
                Array firstArray = connection.createArrayOf("int8", firsts);
                upsert.setString(1, consumer);
                upsert.setArray(2, topicArray);
                upsert.setArray(3, partitionArray);
                upsert.setArray(4, firstArray);
                upsert.setArray(5, connection.createArrayOf("int8", nexts));
                upsert.setArray(6, topicArray);
                upsert.setArray(7, partitionArray);
                upsert.setArray(8, firstArray);
                upsert.setBoolean(9, fenced);
                return upsert.executeUpdate() == n;
            }
        }

        static Map<TopicPartition, Long> read(Connection connection, String consumer,
                Collection<TopicPartition> partitions) throws SQLException {
            Set<String> topics = new HashSet<>();
            partitions.forEach(p -> topics.add(p.topic()));
            Map<TopicPartition, Long> stored = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select topic, partition, next_offset from hop_consumer_offset where consumer = ? "
                            + "and topic = any(?)")) {
                select.setString(1, consumer);
                select.setArray(2, connection.createArrayOf("text", topics.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        TopicPartition partition = new TopicPartition(rs.getString(1), rs.getInt(2));
                        if (partitions.contains(partition)) {
                            stored.put(partition, rs.getLong(3));
                        }
                    }
                }
            }
            return stored;
        }
    }
}
