package io.hop.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;

class EventTypeTest {

    @Test
    void eventTypeNamesFollowDomainEventVersionConvention() {
        assertEquals("provisioning.operator-changed.v1", ProvisioningEvents.OPERATOR_CHANGED.name());
        assertThrows(IllegalArgumentException.class, () -> EventType.of("OperatorChanged", Object.class));
        assertThrows(IllegalArgumentException.class, () -> EventType.of("provisioning.operator-changed", Object.class));
        assertThrows(IllegalArgumentException.class, () -> EventType.of("provisioning.operator-changed.v0", Object.class));
    }

    @Test
    void payloadRoundTripsThroughJsonUnchanged() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        OperatorChanged event = new OperatorChanged("op-1", "Acme Mobile", "ACTIVE", 3, Instant.parse("2026-11-22T10:15:30Z"));

        String text = json.writeValueAsString(event);

        assertEquals("{\"operatorId\":\"op-1\",\"name\":\"Acme Mobile\",\"status\":\"ACTIVE\",\"version\":3,"
                + "\"changedAt\":\"2026-11-22T10:15:30Z\"}", text);
        assertEquals(event, json.readValue(text, OperatorChanged.class));
    }
}
