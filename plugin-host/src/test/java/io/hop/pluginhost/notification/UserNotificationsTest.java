package io.hop.pluginhost.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.contracts.notification.NotificationRequested;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.sharing.SharingSessionChanged;
import io.hop.contracts.usage.UsageAlertRaised;
import io.hop.contracts.usage.UsageEvents;
import io.hop.platform.json.PlatformJson;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

/** Usage alerts and sharing changes become user notifications through the plugins' notifiers, once each. */
@QuarkusTest
class UserNotificationsTest {

    static List<NotificationRequested> notificationsFor(String deviceId, int n, Duration wait) {
        List<ConsumerRecord<String, String>> records = TestEvents.read("notifications.v1",
                r -> deviceId.equals(r.key()), n, wait);
        return records.stream().map(r -> {
            try {
                return PlatformJson.mapper().readValue(r.value(), NotificationRequested.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aUsageAlertBecomesThePluginsMessageOnceEvenWhenDeliveredTwice() {
        String device = "dev-" + UUID.randomUUID();
        UsageAlertRaised alert = new UsageAlertRaised(UUID.randomUUID().toString(), "acme", device, "PERCENT_STEP",
                "plan-1", 80, null, 800, 1000L, Instant.now(), Instant.now());
        String eventId = UUID.randomUUID().toString();
        TestEvents.send("usage.alerts.v1", device, eventId, UsageEvents.ALERT_RAISED, alert);
        TestEvents.send("usage.alerts.v1", device, eventId, UsageEvents.ALERT_RAISED, alert);
        List<NotificationRequested> sent = notificationsFor(device, 1, Duration.ofSeconds(20));
        assertEquals(1, sent.size());
        NotificationRequested n = sent.get(0);
        assertEquals("good", n.pluginId());
        assertEquals("PUSH", n.channel());
        assertEquals("You have used 80% of your plan", n.message());
        assertEquals("usage.alert-raised.v1", n.causeType());
        assertEquals(eventId, n.causeId());
        assertEquals(1, notificationsFor(device, 2, Duration.ofSeconds(3)).size());
    }

    @Test
    void aSharingStopBecomesAnSmsAndAnotherOperatorsEventReachesNoneOfAcmesPlugins() {
        String device = "dev-" + UUID.randomUUID();
        TestEvents.send("sharing.sessions.v1", device, SharingEvents.SESSION_CHANGED,
                new SharingSessionChanged("s1", "acme", device, "STOPPED", "OFF", "PEERLESS_TIMEOUT", null, null, 0, 0,
                        1, Instant.now()));
        List<NotificationRequested> sent = notificationsFor(device, 1, Duration.ofSeconds(20));
        assertEquals("SMS", sent.get(0).channel());
        assertEquals("Internet sharing stopped: PEERLESS_TIMEOUT", sent.get(0).message());

        String other = "dev-" + UUID.randomUUID();
        TestEvents.send("sharing.sessions.v1", other, SharingEvents.SESSION_CHANGED,
                new SharingSessionChanged("s2", "globex", other, "STOPPED", "OFF", "USER_REQUEST", null, null, 0, 0,
                        1, Instant.now()));
        assertEquals(0, notificationsFor(other, 1, Duration.ofSeconds(3)).size());
    }
}
