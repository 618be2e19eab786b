package io.hop.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.hop.contracts.CloudEventHeaders;

/** Outbox rows as Kafka records in the CloudEvents 1.0 Kafka protocol binding, binary content mode. */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** The record for {@code message}: key = the event key, value = the JSON data (null for a tombstone), attributes as headers. */
    public static ProducerRecord<String, String> toRecord(OutboxMessage message) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, message.id().toString());
        add(headers, CloudEventHeaders.TYPE, message.type());
        add(headers, CloudEventHeaders.SOURCE, message.source());
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(message.time()));
        if (message.subject() != null) {
            add(headers, CloudEventHeaders.SUBJECT, message.subject());
        }
        if (!message.tombstone()) {
            add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        }
        return new ProducerRecord<>(message.topic(), null, message.key(), message.payload(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
