package io.hop.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.contracts.CloudEventHeaders;
import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;

class IncomingEventTest {

    record Other(String x) {
    }

    static final EventType<Other> OTHER = EventType.of("test.other-thing.v1", Other.class);

    private static ConsumerRecord<String, String> record(String value, String... headers) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("provisioning.changes.v1", 2, 17L, "op-1", value);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static final String DATA =
            "{\"operatorId\":\"op-1\",\"name\":\"Op One\",\"status\":\"ACTIVE\",\"version\":3,"
                    + "\"changedAt\":\"2025-05-05T12:00:00.5Z\",\"addedInALaterMinorVersion\":true}";

    @Test
    void readsTheCloudEventAttributesFromTheHeadersAndTheDataFromTheValue() {
        IncomingEvent event = IncomingEvent.from(record(DATA,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, "e-1",
                CloudEventHeaders.TYPE, "provisioning.operator-changed.v1",
                CloudEventHeaders.SOURCE, "/hop/provisioning-service",
                CloudEventHeaders.TIME, "2025-05-05T12:00:01.123+02:00",
                CloudEventHeaders.SUBJECT, "op-1"));

        assertEquals(new IncomingEvent("e-1", "provisioning.operator-changed.v1", "/hop/provisioning-service",
                Instant.parse("2025-05-05T10:00:01.123Z"), "op-1", "op-1", DATA), event);
        assertTrue(event.is(ProvisioningEvents.OPERATOR_CHANGED));
        assertFalse(event.is(OTHER));
        assertEquals(new OperatorChanged("op-1", "Op One", "ACTIVE", 3, Instant.parse("2025-05-05T12:00:00.5Z")),
                event.dataAs(ProvisioningEvents.OPERATOR_CHANGED), "unknown properties of newer versions are ignored");
    }

    @Test
    void optionalAttributesMayBeAbsent() {
        IncomingEvent event = IncomingEvent.from(record(DATA, CloudEventHeaders.ID, "e-2",
                CloudEventHeaders.TYPE, "provisioning.operator-changed.v1"));
        assertNull(event.source());
        assertNull(event.time());
        assertNull(event.subject());
    }

    @Test
    void aRecordWithoutIdOrTypeIsRejectedNamingTheMissingHeader() {
        IllegalArgumentException noId = assertThrows(IllegalArgumentException.class,
                () -> IncomingEvent.from(record(DATA, CloudEventHeaders.TYPE, "provisioning.operator-changed.v1")));
        assertTrue(noId.getMessage().contains("ce_id"), noId.getMessage());
        IllegalArgumentException noType = assertThrows(IllegalArgumentException.class,
                () -> IncomingEvent.from(record(DATA, CloudEventHeaders.ID, "e-3")));
        assertTrue(noType.getMessage().contains("ce_type"), noType.getMessage());
        IllegalArgumentException badTime = assertThrows(IllegalArgumentException.class,
                () -> IncomingEvent.from(record(DATA, CloudEventHeaders.ID, "e-3", CloudEventHeaders.TYPE, "a.b.v1",
                        CloudEventHeaders.TIME, "yesterday")));
        assertTrue(badTime.getMessage().contains("ce_time"), badTime.getMessage());
    }

    @Test
    void dataAsAnotherTypeOrDataThatDoesNotFitIsRejected() {
        IncomingEvent event = new IncomingEvent("e-4", "provisioning.operator-changed.v1", null, null, null, "k", DATA);
        assertThrows(IllegalArgumentException.class, () -> event.dataAs(OTHER));
        IncomingEvent broken = new IncomingEvent("e-5", "provisioning.operator-changed.v1", null, null, null, "k",
                "{\"version\":\"not a number\"}");
        assertThrows(IllegalArgumentException.class, () -> broken.dataAs(ProvisioningEvents.OPERATOR_CHANGED));
    }
}
