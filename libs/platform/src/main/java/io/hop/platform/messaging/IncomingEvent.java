package io.hop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.EventType;
import io.hop.platform.json.PlatformJson;

/**
 * A CloudEvent read from a Kafka record in binary mode: attributes from the {@code ce_*} headers, data from the
 * value, the Kafka key alongside.
 *
 * @param id      {@code ce_id}, the idempotency key of the event
 * @param type    {@code ce_type}, e.g. {@code provisioning.operator-changed.v1}
 * @param source  {@code ce_source} (null when absent)
 * @param time    {@code ce_time} (null when absent)
 * @param subject {@code ce_subject} (null when absent)
 * @param key     the Kafka record key
 * @param data    the JSON data as text; null for a tombstone (a record with a null value: on a compacted topic, the
 *                deletion of the entity its key names)
 */
public record IncomingEvent(String id, String type, String source, Instant time, String subject, String key,
        String data) {

    /** The {@code type} of a tombstone that carries no {@code ce_type} header. */
    public static final String TOMBSTONE = "hop.tombstone";

    public IncomingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Reads the event of {@code record}.
     *
     * A record with a null value is a tombstone ({@link #tombstone()}): its id is its {@code ce_id} header if it
     * has one, else {@code tombstone:<topic>:<partition>:<offset>} (unique and stable across redeliveries), its type
     * its {@code ce_type} or {@link #TOMBSTONE}.
     *
     * @throws InvalidEventException when {@code ce_id} or {@code ce_type} is missing or blank or {@code ce_time} is
     *                               not an RFC 3339 timestamp (the message names the header): a permanent failure
     */
    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        Objects.requireNonNull(record, "record");
        // One pass over the headers (the last of a name wins, as Headers.lastHeader): this runs for every record.
        String id = null;
        String type = null;
        String source = null;
        String time = null;
        String subject = null;
        for (Header header : record.headers()) {
            switch (header.key()) {
                case CloudEventHeaders.ID -> id = text(header);
                case CloudEventHeaders.TYPE -> type = text(header);
                case CloudEventHeaders.SOURCE -> source = text(header);
                case CloudEventHeaders.TIME -> time = text(header);
                case CloudEventHeaders.SUBJECT -> subject = text(header);
                default -> {
                    // other headers are not CloudEvent attributes we read
                }
            }
        }
        if (record.value() == null) {
            return new IncomingEvent(
                    id == null || id.isBlank()
                            ? "tombstone:" + record.topic() + ":" + record.partition() + ":" + record.offset() : id,
                    type == null || type.isBlank() ? TOMBSTONE : type, source, null, subject, record.key(), null);
        }
        if (id == null || id.isBlank()) {
            throw new InvalidEventException("record has no " + CloudEventHeaders.ID + " header" + where(record));
        }
        if (type == null || type.isBlank()) {
            throw new InvalidEventException("record has no " + CloudEventHeaders.TYPE + " header" + where(record));
        }
        Instant instant = null;
        if (time != null) {
            try {
                instant = CloudEventTime.parse(time);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException(CloudEventHeaders.TIME + " header is not an RFC 3339 time: "
                        + time + where(record), e);
            }
        }
        return new IncomingEvent(id, type, source, instant, subject, record.key(), record.value());
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return " (topic " + record.topic() + ", partition " + record.partition() + ", offset " + record.offset() + ")";
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Whether this is a tombstone (null value): the deletion of the entity {@link #key()} names. */
    public boolean tombstone() {
        return data == null;
    }

    /** Whether this event is of {@code eventType}. */
    public boolean is(EventType<?> eventType) {
        return type.equals(eventType.name());
    }

    /**
     * The data as the type's record (ISO-8601 times; unknown properties ignored).
     *
     * @throws InvalidEventException when this event is of another type, has no data, or its data does not fit the
     *                               record (a permanent failure: the consumer dead-letters the event)
     */
    public <T> T dataAs(EventType<T> eventType) {
        if (!is(eventType)) {
            throw new InvalidEventException("event " + id + " is a " + type + ", not a " + eventType.name());
        }
        if (data == null) {
            throw new InvalidEventException("event " + id + " (" + type + ") has no data");
        }
        try {
            return PlatformJson.mapper().readValue(data, eventType.dataClass());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data of event " + id + " is not a valid " + eventType.name() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
