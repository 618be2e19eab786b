package io.hop.platform.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the outbox stores it and the relay publishes it: the CloudEvent attributes, the Kafka topic and key,
 * and the JSON data exactly as serialized when it was recorded, or null for a tombstone (the key's entity is deleted).
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
    }

    /** Whether this is a tombstone: a null value on the topic, the deletion of the entity its key names. */
    public boolean tombstone() {
        return payload == null;
    }
}
