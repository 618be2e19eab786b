package io.hop.platform.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one Kafka record through the {@link Inbox} so that a bad record never stops its channel:
 * <ul>
 * <li>a permanent failure ({@link InvalidEventException}: unparseable record, unsupported type, data the handler
 * rejects) sends the record to {@code <topic>.dlq} and returns, so the record is acknowledged and the channel goes on;
 * <li>a transient failure (database down, deadlock, serialization failure, timeout: {@link Failures}) is retried in
 * place with backoff, as long as it lasts: never dead-lettered, never skipped;
 * <li>any other failure is retried {@code maxUnknownAttempts} times, then dead-lettered (a bug in a handler must not
 * stop the channel; the dead letter can be replayed once it is fixed).
 * </ul>
 * Retrying in place keeps the channel's order: nothing after the record is applied before it.
 */
public final class RecordProcessor {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);

    /** What became of a record. */
    public enum Outcome {
        APPLIED, DUPLICATE, DEAD_LETTERED
    }

    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final ConsumerMonitor monitor;
    private final Backoff backoff;
    private final int maxUnknownAttempts;

    public RecordProcessor(Inbox inbox, DeadLetters deadLetters, ConsumerMonitor monitor, Backoff backoff,
            int maxUnknownAttempts) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        if (maxUnknownAttempts < 1) {
            throw new IllegalArgumentException("maxUnknownAttempts < 1");
        }
        this.maxUnknownAttempts = maxUnknownAttempts;
    }

    /**
     * Processes {@code record} for {@code consumer} (the inbox identity and the {@code hop_dlq_consumer} of its dead
     * letters) on {@code channel} (metrics). Returns once the record is applied, was a duplicate, or is on the DLQ.
     *
     * @throws InterruptedRetryException when the thread is interrupted while waiting to retry (shutdown)
     */
    public Outcome process(String channel, String consumer, ConsumerRecord<String, String> record,
            Consumer<IncomingEvent> handler) {
        int attempt = 0;
        while (true) {
            attempt++;
            IncomingEvent event;
            try {
                event = IncomingEvent.from(record);
            } catch (InvalidEventException e) {
                return deadLetter(channel, consumer, record, Failures.Kind.PERMANENT, e);
            }
            try {
                Outcome outcome = inbox.process(consumer, event, handler) ? Outcome.APPLIED : Outcome.DUPLICATE;
                monitor.recovered(channel);
                return outcome;
            } catch (RuntimeException e) {
                Failures.Kind kind = Failures.classify(e);
                if (kind == Failures.Kind.PERMANENT
                        || (kind == Failures.Kind.UNKNOWN && attempt >= maxUnknownAttempts)) {
                    return deadLetter(channel, consumer, record, kind, e);
                }
                pauseBeforeRetry(channel, record, attempt, kind, e);
            }
        }
    }

    private Outcome deadLetter(String channel, String consumer, ConsumerRecord<String, String> record,
            Failures.Kind kind, Throwable failure) {
        String reason = reason(kind, failure);
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                deadLetters.send(record, consumer, reason);
                monitor.deadLettered(channel, kind);
                monitor.recovered(channel);
                LOG.warnf("Dead-lettered %s/%d@%d of channel %s to %s: %s", record.topic(), record.partition(),
                        record.offset(), channel, DeadLetters.topicFor(record.topic()), reason);
                return Outcome.DEAD_LETTERED;
            } catch (RuntimeException e) {
                pauseBeforeRetry(channel, record, attempt, Failures.Kind.TRANSIENT, e);
            }
        }
    }

    /** The {@code hop_dlq_reason} of a failure: its kind and the messages of its cause chain. */
    static String reason(Failures.Kind kind, Throwable failure) {
        StringBuilder reason = new StringBuilder(kind == Failures.Kind.PERMANENT ? "invalid: " : "failed repeatedly: ");
        String last = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (last == null || !last.contains(message)) {
                reason.append(last == null ? "" : "; caused by ").append(message);
            }
            last = message;
            if (reason.length() > 1000) {
                break;
            }
        }
        return reason.toString();
    }

    private void pauseBeforeRetry(String channel, ConsumerRecord<String, String> record, int attempt,
            Failures.Kind kind, Throwable failure) {
        monitor.retried(channel, failure);
        Duration pause = backoff.after(attempt);
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warnf("Channel %s: %s failure on %s/%d@%d (attempt %d), retrying in %d ms: %s", channel,
                    kind.name().toLowerCase(java.util.Locale.ROOT), record.topic(), record.partition(),
                    record.offset(), attempt, pause.toMillis(), failure);
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedRetryException(channel, failure);
        }
    }

    /** The consumer was stopped while waiting to retry: the record stays unacknowledged and is redelivered. */
    public static final class InterruptedRetryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedRetryException(String channel, Throwable failure) {
            super("channel " + channel + " stopped while retrying", failure);
        }
    }
}
