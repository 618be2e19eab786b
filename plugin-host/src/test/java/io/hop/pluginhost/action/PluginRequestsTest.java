package io.hop.pluginhost.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.hop.contracts.plugin.PluginActionCompleted;
import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.contracts.plugin.PluginEvents;
import io.hop.platform.json.PlatformJson;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

/** plugin.requests.v1 → the owning plugin → plugin.results.v1, once per request id, on the real broker. */
@QuarkusTest
class PluginRequestsTest {

    static PluginActionRequested request(String plugin, String action, String ssid) {
        return new PluginActionRequested(UUID.randomUUID().toString(), "conn-" + UUID.randomUUID(), "acme", "dev-1",
                plugin, action, 1, ssid, "aa:bb:cc:dd:ee:01", "OPEN", Instant.now());
    }

    static List<PluginActionCompleted> results(String requestId, int n, Duration wait) {
        List<ConsumerRecord<String, String>> records = TestEvents.read("plugin.results.v1",
                r -> r.value() != null && r.value().contains(requestId), n, wait);
        return records.stream().map(r -> {
            try {
                return PlatformJson.mapper().readValue(r.value(), PluginActionCompleted.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static void send(PluginActionRequested r) {
        TestEvents.send("plugin.requests.v1", r.connectionId(), PluginEvents.ACTION_REQUESTED, r);
    }

    @Test
    void aPostConnectRequestIsAnsweredOnceWithThePluginsResultKeyedByConnection() {
        PluginActionRequested r = request("good", "POST_CONNECT", "Good Cafe");
        send(r);
        List<PluginActionCompleted> results = results(r.requestId(), 1, Duration.ofSeconds(20));
        assertEquals(1, results.size());
        PluginActionCompleted c = results.get(0);
        assertEquals("SUCCESS", c.outcome());
        assertEquals(r.connectionId(), c.connectionId());
        assertEquals("POST_CONNECT", c.action());
        assertEquals("good", c.pluginId());
        var keys = TestEvents.read("plugin.results.v1", x -> x.value() != null && x.value().contains(r.requestId()),
                1, Duration.ofSeconds(5));
        assertEquals(r.connectionId(), keys.get(0).key());
    }

    @Test
    void aRequestDeliveredTwiceEvenAsAnotherEventIsAnsweredOnce() {
        PluginActionRequested r = request("good", "PRE_CONNECT", "Good Cafe");
        String id = UUID.randomUUID().toString();
        TestEvents.send("plugin.requests.v1", r.connectionId(), id, PluginEvents.ACTION_REQUESTED, r);
        TestEvents.send("plugin.requests.v1", r.connectionId(), id, PluginEvents.ACTION_REQUESTED, r);
        send(r); // the same request id under a new event id
        PluginActionRequested marker = request("good", "RESET", "Good Cafe");
        send(marker);
        assertEquals(1, results(marker.requestId(), 1, Duration.ofSeconds(20)).size());
        assertEquals(1, results(r.requestId(), 2, Duration.ofSeconds(3)).size());
    }

    @Test
    void aPluginThatDoesNotAnswerInTimeGivesTimedOutAndAFailureGivesFailure() {
        PluginActionRequested slow = request("good", "POST_CONNECT", "Good Slow");
        PluginActionRequested fail = request("good", "POST_CONNECT", "Good Fail");
        send(slow);
        send(fail);
        assertEquals("TIMED_OUT", results(slow.requestId(), 1, Duration.ofSeconds(20)).get(0).outcome());
        PluginActionCompleted failed = results(fail.requestId(), 1, Duration.ofSeconds(20)).get(0);
        assertEquals("FAILURE", failed.outcome());
        assertEquals("portal said no", failed.detail());
    }

    @Test
    void aRequestForAnOperatorThePluginDoesNotServeFailsWithoutCallingIt() {
        PluginActionRequested r = new PluginActionRequested(UUID.randomUUID().toString(), "conn-x", "globex", "dev-9",
                "good", "POST_CONNECT", 1, "Good Cafe", null, "OPEN", Instant.now());
        send(r);
        PluginActionCompleted c = results(r.requestId(), 1, Duration.ofSeconds(20)).get(0);
        assertEquals("FAILURE", c.outcome());
        assertTrue(c.detail().contains("does not serve operator globex"));
    }

    @Test
    void aRequestOlderThanTheMaxAgeIsSkippedUnansweredAndTheRequestsAfterItAreServed() {
        // "Good Slow" would keep the plugin busy past its timeout: an expired request must not reach it at all.
        PluginActionRequested stale = new PluginActionRequested(UUID.randomUUID().toString(), "conn-" + UUID.randomUUID(),
                "acme", "dev-1", "good", "POST_CONNECT", 1, "Good Slow", "aa:bb:cc:dd:ee:01", "OPEN",
                Instant.now().minus(Duration.ofMinutes(11)));
        send(stale);
        PluginActionRequested marker = request("good", "RESET", "Good Cafe");
        TestEvents.send("plugin.requests.v1", stale.connectionId(), PluginEvents.ACTION_REQUESTED, marker);

        assertEquals("SUCCESS", results(marker.requestId(), 1, Duration.ofSeconds(20)).get(0).outcome());
        assertEquals(0, results(stale.requestId(), 1, Duration.ofSeconds(2)).size());
    }

    @Test
    void aRequestForAPluginOfAnotherHostIsLeftToThatHost() {
        PluginActionRequested other = request("partner-example", "POST_CONNECT", "CoffeeCo Guest");
        send(other);
        PluginActionRequested marker = request("good", "RESET", "Good Cafe");
        send(marker);
        assertEquals(1, results(marker.requestId(), 1, Duration.ofSeconds(20)).size());
        assertEquals(0, results(other.requestId(), 1, Duration.ofSeconds(2)).size());
    }
}
