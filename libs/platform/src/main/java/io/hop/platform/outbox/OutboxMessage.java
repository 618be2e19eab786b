package io.hop.platform.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the outbox stores it and the relay publishes it: the CloudEvent attributes, the Kafka topic and key,
 * and the JSON data exactly as serialized when it was recorded.
 */
public record OutboxMessage(UUID id, String topic, String key, String type, String source, String subject,
        Instant time, String payload) {

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }
}
