package io.hop.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.hop.contracts.entitlement.EntitlementDecided;
import io.hop.contracts.entitlement.EntitlementEvents;
import io.hop.contracts.notification.NotificationEvents;
import io.hop.contracts.notification.NotificationRequested;
import io.hop.contracts.offload.ConnectionStateChanged;
import io.hop.contracts.offload.OffloadEvents;
import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.sharing.SharingSessionChanged;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;

/** The events the services exchange survive JSON both ways, so that a consumer reads exactly what was published. */
class ServiceEventsRoundTripTest {

    private static final Instant T = Instant.parse("2026-12-01T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Object[]> events() {
        return Stream.of(
                new Object[] {EntitlementEvents.DECISION_MADE, new EntitlementDecided("d-1", "acme", "dev-1", "FAILED",
                        "ENTITLEMENT_PROVIDER_MISSING", null, "API", T)},
                new Object[] {SharingEvents.SESSION_CHANGED, new SharingSessionChanged("s-1", "acme", "dev-1",
                        "CLIENT_JOINED", "ON", null, "laptop", "WIFI", 1, 0, 4, T)},
                new Object[] {UsageEvents.ALERT_RAISED, new UsageAlertRaised("a-1", "acme", "dev-1", "PERCENT_STEP",
                        "plan-1", 15, null, 150, 1000L, T, T)},
                new Object[] {OffloadEvents.CONNECTION_STATE_CHANGED, new ConnectionStateChanged("c-1", "acme",
                        "dev-1", "Acme WiFi", "aa:bb:cc:dd:ee:ff", "wispr", "WISPR", "POST_CONNECT", "AUTHORIZED",
                        null, 1, false, false, false, T)},
                new Object[] {PluginEvents.ACTION_REQUESTED, new PluginActionRequested("r-1", "c-1", "acme", "dev-1",
                        "wispr", "POST_CONNECT", 2, "Acme WiFi", null, "WISPR", T)},
                new Object[] {PluginEvents.ACTION_COMPLETED, new PluginActionCompleted("r-1", "c-1", "acme", "dev-1",
                        "wispr", "POST_CONNECT", 2, "SUCCESS", "logged in", T)},
                new Object[] {NotificationEvents.NOTIFICATION_REQUESTED, new NotificationRequested("n-1", "acme",
                        "dev-1", "sms", "SMS", "80 % of your data used", "usage.alert-raised.v1", "a-1", T)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventDataRoundTripsThroughJsonUnchanged(EventType<?> type, Object event) throws Exception {
        assertEquals(type.dataClass(), event.getClass());
        String text = JSON.writeValueAsString(event);
        assertEquals(event, JSON.readValue(text, type.dataClass()));
    }
}
