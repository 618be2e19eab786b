package io.hop.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.hop.platform.tx.Transactor;

/**
 * The platform's own consumer loop for hot topics: up to {@code maxPollRecords} records per poll applied in
 * <em>one</em> transaction, offsets committed only after the database commit. Two modes:
 * <ul>
 * <li>{@link Mode#INBOX}: deduplicated by the inbox with one statement per batch (the ids the inbox did not hold yet
 * come back from {@code insert ... on conflict do nothing returning}); the handler gets only those. For handlers whose
 * effect is per event (rows, state changes).</li>
 * <li>{@link Mode#OFFSETS_IN_DATABASE}: no inbox row per record; the consumer's offsets are stored in
 * {@code hop_consumer_offset} in the same transaction as the handler's effect (typically aggregates) and the consumer
 * seeks to them on partition assignment. The offset write is fenced ({@code stored <= first offset of the batch}), so
 * a consumer that lost its partition in a rebalance cannot apply a batch a second time.</li>
 * </ul>
 * Failures as in {@link RecordProcessor}: unparseable records are dead-lettered before the batch is applied; a
 * transient failure retries the whole batch in place (partitions paused, the group membership kept alive); a
 * permanent failure rolls the batch back and applies its records one by one, dead-lettering those that fail, so the
 * others are neither lost nor doubled.
 *
 * <p>Plain Java: give it the {@code kafka.*} configuration, a {@link DataSource} joined by the {@link Transactor}'s
 * transactions, and start it; {@link BatchConsumers} does that in a Quarkus service.
 */
public final class BatchConsumer extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    /** How a batch's effect is made exactly once. */
    public enum Mode {
        INBOX, OFFSETS_IN_DATABASE
    }

    /** Applies a batch of events inside the batch's transaction (use the consumer's {@link DataSource}). */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param events the new events of the batch, in partition order (no duplicates in {@link Mode#INBOX});
         *               tombstones included ({@link IncomingEvent#tombstone()})
         * @throws InvalidEventException for an event that can never be applied (it is then dead-lettered)
         */
        void apply(List<IncomingEvent> events) throws SQLException;
    }

    /**
     * @param channel            metrics and logs
     * @param consumer           inbox identity / offsets owner, and the consumer named on dead letters
     *                           ({@code <service>.<channel>})
     * @param group              the Kafka consumer group
     * @param topic              the topic read
     * @param mode               see {@link Mode}
     * @param maxPollRecords     most records per batch
     * @param backoff            between retries
     * @param maxUnknownAttempts attempts at an unclassified failure before the record is dead-lettered
     */
    public record Settings(String channel, String consumer, String group, String topic, Mode mode, int maxPollRecords,
            Backoff backoff, int maxUnknownAttempts) {

        public Settings {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(backoff, "backoff");
            if (maxPollRecords < 1 || maxUnknownAttempts < 1) {
                throw new IllegalArgumentException("maxPollRecords and maxUnknownAttempts must be positive");
            }
        }

        public static Settings of(String channel, String consumer, String group, String topic, Mode mode) {
            return new Settings(channel, consumer, group, topic, mode, 2000, Backoff.defaults(), 5);
        }

        public Settings withMaxPollRecords(int value) {
            return new Settings(channel, consumer, group, topic, mode, value, backoff, maxUnknownAttempts);
        }

        public Settings withBackoff(Backoff value) {
            return new Settings(channel, consumer, group, topic, mode, maxPollRecords, value, maxUnknownAttempts);
        }
    }

    private final Handler handler;

    /**
     * @param kafkaConfig consumer configuration (bootstrap servers, security, fetch sizes...); group, offsets reset,
     *                    auto commit, deserializers and max.poll.records are set here
     */
    public BatchConsumer(Settings settings, Map<String, Object> kafkaConfig, DataSource dataSource,
            Transactor transactor, DeadLetters deadLetters, ConsumerMonitor monitor, Handler handler) {
        super(settings, kafkaConfig, dataSource, transactor, deadLetters, monitor);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    void loop(KafkaConsumer<String, String> kafka) {
        while (running) {
            positionAssigned(kafka);
            ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                continue;
            }
            List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
            records.forEach(batch::add);
            Map<TopicPartition, long[]> ranges = ranges(batch);
            if (process(kafka, batch, ranges)) {
                commit(kafka, ranges);
            }
        }
    }

    /**
     * Applies one polled batch. Returns false when the batch was dropped because another consumer already applied
     * part of it (offsets mode: the consumer has been re-positioned from the database).
     */
    boolean process(KafkaConsumer<String, String> kafka, List<ConsumerRecord<String, String>> batch,
            Map<TopicPartition, long[]> ranges) {
        List<IncomingEvent> events = new ArrayList<>(batch.size());
        List<ConsumerRecord<String, String>> applicable = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> record : batch) {
            try {
                events.add(IncomingEvent.from(record));
                applicable.add(record);
            } catch (InvalidEventException e) {
                deadLetter(kafka, record, Failures.Kind.PERMANENT, e);
            }
        }
        Attempt<Boolean> outcome = apply(kafka, events, ranges);
        if (outcome.fenced()) {
            repositioned(kafka, ranges);
            return false;
        }
        if (outcome.failure() == null) {
            return true;
        }
        LOG.warnf("Channel %s: batch of %d failed (%s), applying its records one by one", settings.channel(),
                batch.size(), outcome.failure().toString());
        return processOneByOne(kafka, applicable, events, ranges);
    }

    /** Applies {@code events} in one transaction, retrying transient failures in place for as long as they last. */
    private Attempt<Boolean> apply(KafkaConsumer<String, String> kafka, List<IncomingEvent> events,
            Map<TopicPartition, long[]> ranges) {
        return attempt(kafka, true, () -> applyInTransaction(events, ranges));
    }

    /** Another consumer already applied part of the batch: the batch is dropped, the positions read again. */
    private void repositioned(KafkaConsumer<String, String> kafka, Map<TopicPartition, long[]> ranges) {
        Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
        ranges.forEach((partition, range) -> firsts.put(partition, range[0]));
        repositionFromDatabase(kafka, firsts);
        LOG.infof("Channel %s: batch already applied by another consumer; positions reset from the database",
                settings.channel());
    }

    private boolean processOneByOne(KafkaConsumer<String, String> kafka, List<ConsumerRecord<String, String>> records,
            List<IncomingEvent> events, Map<TopicPartition, long[]> ranges) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            long[] single = {record.offset(), record.offset()};
            Attempt<Boolean> outcome = apply(kafka, List.of(events.get(i)),
                    Map.of(new TopicPartition(record.topic(), record.partition()), single));
            if (outcome.fenced()) {
                repositioned(kafka, ranges);
                return false;
            }
            if (outcome.failure() != null) {
                deadLetter(kafka, record, Failures.classify(outcome.failure()), outcome.failure());
            }
        }
        if (settings.mode() == Mode.OFFSETS_IN_DATABASE) {
            // the positions after the batch, including records dead-lettered at its end
            advancePast(kafka, ranges);
        }
        return true;
    }

    /** The batch's work: dedup or fenced offsets, then the handler; {@link FencedException} rolls it back. */
    private boolean applyInTransaction(List<IncomingEvent> events, Map<TopicPartition, long[]> ranges)
            throws SQLException {
        List<IncomingEvent> fresh = events;
        try (Connection connection = dataSource.getConnection()) {
            if (settings.mode() == Mode.INBOX) {
                fresh = InboxStore.recordNew(connection, settings.consumer(), events);
            } else if (!OffsetStore.advance(connection, settings.consumer(), ranges, true)) {
                throw new FencedException();
            }
        }
        if (!fresh.isEmpty()) {
            handler.apply(fresh);
        }
        return true;
    }
}
