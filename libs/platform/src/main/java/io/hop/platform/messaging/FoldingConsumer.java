package io.hop.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.hop.platform.tx.Transactor;

/**
 * A consumer loop for aggregating handlers that folds records in memory <em>across polls</em> and writes each fold
 * once: a window opens with the first record, takes the records of every poll (parsed and folded as they come, so
 * its memory is the fold's, not the records'), and is written in ONE transaction together with the consumer offsets
 * ({@link BatchConsumer.Mode#OFFSETS_IN_DATABASE} only) when it is {@link Window#maxAge() old enough}, {@link
 * Window#maxSize() large enough}, or the consumer has caught up (a poll brought nothing). The database then writes one
 * row per key and window rather than per record, which is what makes a backlog fast to catch up.
 * <p>
 * Nothing lost, nothing doubled, as in {@link BatchConsumer}'s offsets mode: the fold and the offsets commit together;
 * a crash loses only the uncommitted window, which the next owner reads again from the stored offsets; the offset write
 * is fenced, so a consumer that lost its partitions cannot write a window twice. When partitions are taken away the
 * window is written first (one attempt; if that fails it is dropped and re-read). Failures:
 * <ul>
 * <li>a record that cannot be parsed, or that {@link Folding#parse} refuses, is dead-lettered at once and the window
 * goes on;</li>
 * <li>a transient failure (database down) retries in place, the partitions paused, the group membership kept;</li>
 * <li>a poll whose fold fails for good is folded record by record, dead-lettering those that fail;</li>
 * <li>a window whose write fails for good is dropped, its partitions are read again from the stored offsets, and
 * those records are applied one by one, each in its own transaction, dead-lettering those that fail.</li>
 * </ul>
 *
 * @param <T> what one record carries, once parsed
 * @param <W> the fold of many
 */
public final class FoldingConsumer<T, W> extends ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(FoldingConsumer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** How long a poll waits for more while a window is open: no record for this long means caught up. */
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);

    /** What a consumer folds and how it writes a fold. */
    public interface Folding<T, W> {

        /**
         * What the event carries; {@link InvalidEventException} for one that can never be applied. Pure: whatever it
         * throws dead-letters the record.
         */
        T parse(IncomingEvent event);

        /**
         * The fold of these items alone; may read the database (it runs in a short transaction of its own). It must not
         * change anything outside the returned fold: on failure the poll is folded again, item by item.
         */
        W fold(List<T> items) throws SQLException;

        /** Adds {@code part} to {@code window}. */
        void merge(W window, W part);

        /** The fold's size, as {@link Window#maxSize()} counts it (e.g. its distinct keys: its memory). */
        int size(W window);

        /** Writes the window, inside the window's transaction (which also stores the offsets). */
        void write(W window) throws SQLException;

        /** Called once the window's transaction has committed (progress, metrics). */
        default void committed(W window) {
        }
    }

    /**
     * When a window is written: at the latest {@code maxAge} after its first record, or once the fold's
     * {@link Folding#size} reaches {@code maxSize}; and whenever a poll brings nothing.
     */
    public record Window(Duration maxAge, int maxSize) {
        public Window {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero() || maxSize < 1) {
                throw new IllegalArgumentException("a window needs a positive age and size");
            }
        }
    }

    private final Window window;
    private final Folding<T, W> folding;

    /** The open window: its fold (null until something valid was folded), its offsets, and when it opened. */
    private W fold;
    private final Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    private long openedAt;
    /**
     * Partitions whose positions are past records that were dropped (a window not written), with the first offset
     * dropped: they go back to their stored offsets (or there, where none is stored) before anything else is read.
     */
    private final Map<TopicPartition, Long> stale = new HashMap<>();
    /** Per partition, the last offset of a window whose write failed for good: up to there, record by record. */
    private final Map<TopicPartition, Long> oneByOneUntil = new HashMap<>();

    /**
     * @param settings    as for {@link BatchConsumer}; the mode must be {@link BatchConsumer.Mode#OFFSETS_IN_DATABASE}
     * @param kafkaConfig consumer configuration (bootstrap servers, security, fetch sizes...)
     */
    public FoldingConsumer(BatchConsumer.Settings settings, Window window, Map<String, Object> kafkaConfig,
            DataSource dataSource, Transactor transactor, DeadLetters deadLetters, ConsumerMonitor monitor,
            Folding<T, W> folding) {
        super(settings, kafkaConfig, dataSource, transactor, deadLetters, monitor);
        if (settings.mode() != BatchConsumer.Mode.OFFSETS_IN_DATABASE) {
            throw new IllegalArgumentException("a folding consumer stores its offsets with its folds");
        }
        this.window = Objects.requireNonNull(window, "window");
        this.folding = Objects.requireNonNull(folding, "folding");
    }

    @Override
    void loop(KafkaConsumer<String, String> kafka) {
        while (running) {
            positionAssigned(kafka);
            ConsumerRecords<String, String> records = kafka.poll(ranges.isEmpty() ? IDLE_POLL : CATCH_UP_POLL);
            if (!records.isEmpty()) {
                take(kafka, records);
            }
            if (!ranges.isEmpty() && (records.isEmpty() || System.nanoTime() - openedAt >= window.maxAge().toNanos()
                    || (fold != null && folding.size(fold) >= window.maxSize()))) {
                flush(kafka, true);
            }
        }
    }

    /** Folds a poll's records into the window (those of stale partitions are dropped and read again). */
    private void take(KafkaConsumer<String, String> kafka, ConsumerRecords<String, String> records) {
        Set<TopicPartition> skipped = Set.of();
        if (!stale.isEmpty()) {
            skipped = Set.copyOf(stale.keySet());
            reposition(kafka);
        }
        List<ConsumerRecord<String, String>> accepted = new ArrayList<>(records.count());
        List<T> items = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> oneByOne = new ArrayList<>();
        // the window's offsets grow only once these records are in its fold: a rebalance during a retry below may
        // write the window meanwhile, and must not store offsets past records it does not hold
        Map<TopicPartition, long[]> polled = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (skipped.contains(partition)) {
                continue;
            }
            Long until = oneByOneUntil.get(partition);
            if (until != null && record.offset() <= until) {
                oneByOne.add(record);
                continue;
            }
            oneByOneUntil.remove(partition);
            polled.compute(partition, (p, range) -> range == null ? new long[] {record.offset(), record.offset()}
                    : new long[] {range[0], record.offset()});
            try {
                items.add(folding.parse(IncomingEvent.from(record)));
                accepted.add(record);
            } catch (RuntimeException e) {
                deadLetter(kafka, record, unparseable(e), e);
            }
        }
        if (!oneByOne.isEmpty()) {
            applyOneByOne(kafka, oneByOne);
        }
        W part = null;
        if (!items.isEmpty()) {
            Attempt<W> folded = fold(kafka, items);
            part = folded.failure() == null ? folded.value() : foldOneByOne(kafka, accepted, items);
        }
        if (polled.isEmpty()) {
            return;
        }
        if (polled.keySet().stream().anyMatch(stale::containsKey)) {
            // a rebalance during a retry above dropped the window these records follow: read them again with it
            polled.forEach((partition, range) -> stale.merge(partition, range[0], Math::min));
            return;
        }
        if (part != null) {
            if (fold == null) {
                fold = part;
            } else {
                folding.merge(fold, part);
            }
        }
        if (ranges.isEmpty()) {
            openedAt = System.nanoTime();
        }
        polled.forEach((partition, range) -> ranges.merge(partition, range,
                (held, added) -> new long[] {held[0], added[1]}));
    }

    /** Parsing is pure: whatever it throws is about the record, which is dead-lettered (a bug as UNKNOWN). */
    private static Failures.Kind unparseable(RuntimeException e) {
        return e instanceof InvalidEventException ? Failures.Kind.PERMANENT : Failures.Kind.UNKNOWN;
    }

    /** Folds items, transient failures retried in place. */
    private Attempt<W> fold(KafkaConsumer<String, String> kafka, List<T> items) {
        Attempt<W> folded = attempt(kafka, true, () -> folding.fold(items));
        if (folded.failure() != null && items.size() > 1) {
            LOG.warnf("Channel %s: fold of %d records failed (%s), folding them one by one", settings.channel(),
                    items.size(), folded.failure().toString());
        }
        return folded;
    }

    private W foldOneByOne(KafkaConsumer<String, String> kafka, List<ConsumerRecord<String, String>> records,
            List<T> items) {
        W folded = null;
        for (int i = 0; i < items.size(); i++) {
            Attempt<W> part = fold(kafka, List.of(items.get(i)));
            if (part.failure() != null) {
                deadLetter(kafka, records.get(i), Failures.classify(part.failure()), part.failure());
            } else if (folded == null) {
                folded = part.value();
            } else {
                folding.merge(folded, part.value());
            }
        }
        return folded;
    }

    /**
     * Writes the window with its offsets. {@code inLoop}: transient failures retry in place; in a rebalance callback
     * (no poll allowed) there is one attempt, and a window not written is dropped and read again.
     */
    private void flush(KafkaConsumer<String, String> kafka, boolean inLoop) {
        W written = fold;
        Map<TopicPartition, long[]> offsets = new LinkedHashMap<>(ranges);
        fold = null;
        ranges.clear();
        long started = System.nanoTime();
        Attempt<Void> outcome = attempt(kafka, inLoop, () -> writeWithOffsets(written, offsets));
        if (outcome.fenced()) {
            LOG.infof("Channel %s: window already applied by another consumer; positions reset from the database",
                    settings.channel());
            dropped(kafka, offsets, inLoop);
        } else if (outcome.failure() == null) {
            if (written != null) {
                monitor.windowWritten(settings.channel(), folding.size(written), System.nanoTime() - started);
                folding.committed(written);
            }
            commit(kafka, offsets);
        } else {
            if (inLoop || !retryable(Failures.classify(outcome.failure()), 1)) {
                LOG.warnf("Channel %s: window of %s failed (%s); its records are read again and applied one by one",
                        settings.channel(), offsets.keySet(), outcome.failure().toString());
                offsets.forEach((partition, range) -> oneByOneUntil.put(partition, range[1]));
            } else {
                LOG.warnf("Channel %s: window not written while partitions were revoked (%s); it is read again",
                        settings.channel(), outcome.failure().toString());
            }
            dropped(kafka, offsets, inLoop);
        }
    }

    /** The window's transaction: the offsets (fenced: {@link FencedException} if another applied any), then the fold. */
    private Void writeWithOffsets(W window, Map<TopicPartition, long[]> offsets) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!OffsetStore.advance(connection, settings.consumer(), offsets, true)) {
                throw new FencedException();
            }
        }
        if (window != null) {
            folding.write(window);
        }
        return null;
    }

    /** A window was not written: its partitions go back to the stored offsets before anything else is read. */
    private void dropped(KafkaConsumer<String, String> kafka, Map<TopicPartition, long[]> offsets, boolean inLoop) {
        offsets.forEach((partition, range) -> stale.merge(partition, range[0], Math::min));
        if (inLoop) {
            reposition(kafka);
        }
    }

    private void reposition(KafkaConsumer<String, String> kafka) {
        Map<TopicPartition, Long> dropped = Map.copyOf(stale);
        repositionFromDatabase(kafka, dropped);
        dropped.keySet().forEach(stale::remove);
    }

    /** Records of a window that could not be written: each in its own transaction with its offset. */
    private void applyOneByOne(KafkaConsumer<String, String> kafka, List<ConsumerRecord<String, String>> records) {
        Set<TopicPartition> gone = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (gone.contains(partition)) {
                continue;
            }
            Map<TopicPartition, long[]> single = Map.of(partition, new long[] {record.offset(), record.offset()});
            W part = null;
            try {
                Attempt<W> folded = fold(kafka, List.of(folding.parse(IncomingEvent.from(record))));
                if (folded.failure() != null) {
                    deadLetter(kafka, record, Failures.classify(folded.failure()), folded.failure());
                }
                part = folded.value();
            } catch (RuntimeException e) {
                deadLetter(kafka, record, unparseable(e), e);
            }
            W written = part;
            Attempt<Void> outcome = attempt(kafka, true, () -> writeWithOffsets(written, single));
            if (outcome.fenced()) {
                // another consumer applied it meanwhile: back to the stored offset, in windows again
                oneByOneUntil.remove(partition);
                gone.add(partition);
                dropped(kafka, single, true);
                continue;
            }
            if (outcome.failure() != null) {
                deadLetter(kafka, record, Failures.classify(outcome.failure()), outcome.failure());
                advancePast(kafka, single);
            } else if (written != null) {
                folding.committed(written);
            }
            commit(kafka, single);
        }
    }

    @Override
    WindowRebalance rebalanceListener(KafkaConsumer<String, String> kafka) {
        return new WindowRebalance(kafka);
    }

    /** Graceful stop: what is folded is written (one attempt), so that a rolling restart does not re-read it. */
    @Override
    void stopping(KafkaConsumer<String, String> kafka) {
        if (!ranges.isEmpty()) {
            flush(kafka, false);
        }
    }

    /** Writes the window before its partitions go to another consumer; drops it if they are lost. */
    private final class WindowRebalance extends Rebalance {
        private final KafkaConsumer<String, String> kafka;

        WindowRebalance(KafkaConsumer<String, String> kafka) {
            super(kafka);
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            super.onPartitionsRevoked(partitions);
            if (!ranges.isEmpty() && partitions.stream().anyMatch(ranges::containsKey)) {
                flush(kafka, false);
            }
            partitions.forEach(oneByOneUntil::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            unpositioned.removeAll(partitions);
            if (!ranges.isEmpty()) {
                fold = null;
                ranges.forEach((partition, range) -> stale.merge(partition, range[0], Math::min));
                ranges.clear();
            }
            partitions.forEach(oneByOneUntil::remove);
        }
    }
}
