package io.hop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Sends records that can never be processed to the dead-letter topic of their source topic ({@code <topic>.dlq},
 * declared in {@code deploy/kafka-topics.conf}), synchronously: the caller acknowledges the source record only once
 * the broker holds the copy. The copy keeps the original key, value and headers and adds the headers
 * {@value #REASON}, {@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}, {@value #CONSUMER} and {@value #TIME}.
 */
public final class DeadLetters {

    public static final String SUFFIX = ".dlq";
    public static final String REASON = "hop_dlq_reason";
    public static final String TOPIC = "hop_dlq_topic";
    public static final String PARTITION = "hop_dlq_partition";
    public static final String OFFSET = "hop_dlq_offset";
    public static final String CONSUMER = "hop_dlq_consumer";
    public static final String TIME = "hop_dlq_time";

    /** Longest header value kept for the reason (an exception message can be huge). */
    private static final int MAX_REASON = 2000;

    private final Producer<String, String> producer;
    private final Duration timeout;

    /** @param producer a producer with {@code acks=all}; owned by the caller */
    public DeadLetters(Producer<String, String> producer, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public static String topicFor(String sourceTopic) {
        return sourceTopic + SUFFIX;
    }

    /**
     * Sends the copy and waits for the broker's acknowledgement.
     *
     * @throws DeadLetterFailedException when the broker does not take it (a transient failure: retry)
     */
    public void send(ConsumerRecord<String, String> record, String consumer, String reason) {
        ProducerRecord<String, String> copy = new ProducerRecord<>(topicFor(record.topic()), null, record.key(),
                record.value());
        for (Header header : record.headers()) {
            copy.headers().add(header.key(), header.value());
        }
        String shortReason = reason == null ? "unknown" : reason.length() > MAX_REASON
                ? reason.substring(0, MAX_REASON) : reason;
        copy.headers().add(REASON, utf8(shortReason));
        copy.headers().add(TOPIC, utf8(record.topic()));
        copy.headers().add(PARTITION, utf8(Integer.toString(record.partition())));
        copy.headers().add(OFFSET, utf8(Long.toString(record.offset())));
        copy.headers().add(CONSUMER, utf8(consumer));
        copy.headers().add(TIME, utf8(Instant.now().toString()));
        try {
            producer.send(copy).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterFailedException("cannot dead-letter " + record.topic() + "/" + record.partition()
                    + "@" + record.offset() + " to " + copy.topic(), e.getCause() == null ? e : e.getCause());
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The dead-letter topic did not take the record: retried like any transient failure, the record is not skipped. */
    public static final class DeadLetterFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadLetterFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
