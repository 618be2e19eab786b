package io.hop.offload.connection;

import static io.hop.offload.connection.OffloadFixtures.awaitState;
import static io.hop.offload.connection.OffloadFixtures.bssid;
import static io.hop.offload.connection.OffloadFixtures.deviceToken;
import static io.hop.offload.connection.OffloadFixtures.event;
import static io.hop.offload.connection.OffloadFixtures.identifies;
import static io.hop.offload.connection.OffloadFixtures.match;
import static io.hop.offload.connection.OffloadFixtures.network;
import static io.hop.offload.connection.OffloadFixtures.newOperator;
import static io.hop.offload.connection.OffloadFixtures.scan;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hop.contracts.plugin.PluginActionRequested;
import io.hop.offload.testing.OffloadTestDoubles;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The connection lifecycle end to end inside the service: REST, the real database, plugin requests and results over
 * the real broker (a {@link io.hop.offload.testing.PluginResponder} plays plugin-host), the durable post-connect
 * timer (2 s in tests) and the events on the connections topic.
 */
@QuarkusTest
class ConnectionFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aScannedHotspotIsAuthorizedAfterPreAndPostConnectAndItsProfileUnblocked() throws Exception {
        String op = newOperator("success");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(1), "Acme WiFi", 1));
        OffloadTestDoubles.responder.set(op, r -> "SUCCESS");

        JsonPath scan = scan(token, "dev-1", true, List.of(network("Acme WiFi", bssid(1), -60)));
        String id = scan.getString("candidates[0].connectionId");
        assertNotNull(id, "the best candidate's automatic connection");
        assertEquals(true, given().auth().oauth2(token).get("/v1/devices/dev-1/profiles").then().statusCode(200)
                .extract().jsonPath().getBoolean("profiles[0].blocked"), "blocked until authorized");

        awaitState(token, id, "CONNECTING", 1);
        JsonPath connected = event(token, id, "CONNECTED");
        assertTrue(connected.getBoolean("applied"));
        assertEquals("POST_CONNECT", connected.getString("connection.state"));
        assertNotNull(connected.get("connection.timerRemainingMillis"), "the post-connect timer runs");

        JsonPath authorized = awaitState(token, id, "AUTHORIZED", 1);
        assertFalse(authorized.getBoolean("blocked"));
        assertNull(authorized.get("timerRemainingMillis"));
        JsonPath profile = given().auth().oauth2(token).get("/v1/devices/dev-1/profiles").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(false, profile.getBoolean("profiles[0].blocked"));
        assertEquals(true, profile.getBoolean("profiles[0].hotspot"));
        assertEquals("p1", profile.getString("profiles[0].pluginId"));
        assertEquals("EAP_AKA", profile.getString("profiles[0].authMethod"));

        // a duplicate CONNECTED changes nothing
        assertFalse(event(token, id, "CONNECTED").getBoolean("applied"));

        List<String> states = states(id, 4);
        assertEquals(List.of("PRE_CONNECT", "CONNECTING", "POST_CONNECT", "AUTHORIZED"), states);
        assertEquals(List.of("PRE_CONNECT", "POST_CONNECT"),
                OffloadTestDoubles.responder.seen(id).stream().map(PluginActionRequested::action).toList());

        assertTrue(event(token, id, "DISCONNECTED").getBoolean("applied"));
        assertEquals("DISCONNECTED", OffloadFixtures.connection(token, id).getString("state"));
    }

    @Test
    void postConnectTimeoutsResetThePluginReconnectAndFinallyDeleteTheProfile() throws Exception {
        String op = newOperator("timeout");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(2), "Slow Portal", 3));
        // pre-connect and reset answered, post-connect never: every attempt times out
        OffloadTestDoubles.responder.set(op, r -> "POST_CONNECT".equals(r.action()) ? null : "SUCCESS");

        String id = scan(token, "dev-1", true, List.of(network("Slow Portal", bssid(2), -50)))
                .getString("candidates[0].connectionId");
        awaitState(token, id, "CONNECTING", 1);
        event(token, id, "CONNECTED");
        awaitState(token, id, "CONNECTING", 2); // timed out, reset, reconnected, pre-connect done

        // a late post-connect result of attempt 1 (after its timeout), and a duplicate of it, change nothing
        PluginActionRequested late = OffloadTestDoubles.responder.seen(id).stream()
                .filter(r -> r.action().equals("POST_CONNECT") && r.attempt() == 1).findFirst().orElseThrow();
        OffloadTestDoubles.responder.answer(late, "SUCCESS");
        OffloadTestDoubles.responder.answer(late, "SUCCESS");
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> {
            JsonPath c = OffloadFixtures.connection(token, id);
            return "CONNECTING".equals(c.getString("state")) && c.getInt("attempt") == 2;
        });

        event(token, id, "CONNECTED");
        awaitState(token, id, "CONNECTING", 3);
        event(token, id, "CONNECTED");
        JsonPath failed = awaitState(token, id, "FAILED", 3);
        assertEquals("RETRIES_EXHAUSTED", failed.getString("reason"));
        assertTrue(failed.getBoolean("profileDeleted"));
        assertEquals(0, given().auth().oauth2(token).get("/v1/devices/dev-1/profiles").then().statusCode(200)
                .extract().jsonPath().getList("profiles").size(), "the hotspot profile is deleted");

        List<PluginActionRequested> requests = OffloadTestDoubles.responder.seen(id);
        assertEquals(3, requests.stream().filter(r -> r.action().equals("RESET")).count(), "one reset per timeout");
        assertEquals(List.of(1, 2, 3), requests.stream().filter(r -> r.action().equals("PRE_CONNECT"))
                .map(PluginActionRequested::attempt).toList());
        List<String> reasons = failed.getList("transitions.reason");
        assertEquals(3, reasons.stream().filter(r -> r.equals("POST_CONNECT_TIMEOUT") || r.equals("RETRIES_EXHAUSTED"))
                .count());
        List<String> published = states(id, 10);
        assertEquals("FAILED", published.get(published.size() - 1));
        assertEquals(10, published.size(), "every transition published once: " + published);
    }

    @Test
    void aPostConnectFailureReconnectsAndAConnectFailureOnTheLastAttemptDeletesTheProfile() {
        String op = newOperator("failure");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(3), "Broken", 1));
        OffloadTestDoubles.responder.set(op, r -> "POST_CONNECT".equals(r.action()) ? "FAILURE" : "SUCCESS");
        String id = scan(token, "dev-1", true, List.of(network("Broken", bssid(3), -50)))
                .getString("candidates[0].connectionId");
        awaitState(token, id, "CONNECTING", 1);
        event(token, id, "CONNECTED");
        awaitState(token, id, "CONNECTING", 2);
        event(token, id, "CONNECT_FAILED");
        awaitState(token, id, "CONNECTING", 3);
        JsonPath failed = event(token, id, "CONNECT_FAILED");
        assertEquals("FAILED", failed.getString("connection.state"));
        assertTrue(failed.getBoolean("connection.profileDeleted"));
    }

    @Test
    void aManualConnectionToAnIdentifiedHotspotIsAHotspotConnectionOnlyWhileOffloadIsEnabled() {
        String op = newOperator("manual");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(4), "Cafe", 1));
        OffloadTestDoubles.responder.set(op, r -> null);
        String auto = scan(token, "dev-1", true, List.of(network("Cafe", bssid(4), -50)))
                .getString("candidates[0].connectionId");
        event(token, auto, "DISCONNECTED");

        JsonPath hotspot = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ssid", "Cafe")).post("/v1/devices/dev-1/connections")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("PRE_CONNECT", hotspot.getString("state"));
        assertTrue(hotspot.getBoolean("hotspot"));
        assertTrue(hotspot.getBoolean("manual"));
        assertTrue(hotspot.getBoolean("blocked"));
        assertEquals("p1", hotspot.getString("pluginId"));
        event(token, hotspot.getString("connectionId"), "DISCONNECTED");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("offloadEnabled", false))
                .put("/v1/devices/dev-1/settings").then().statusCode(200);
        JsonPath plain = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ssid", "Cafe", "bssid", bssid(4))).post("/v1/devices/dev-1/connections")
                .then().statusCode(201).extract().jsonPath();
        String plainId = plain.getString("connectionId");
        assertEquals("CONNECTING", plain.getString("state"));
        assertFalse(plain.getBoolean("hotspot"));
        assertFalse(plain.getBoolean("blocked"));
        assertEquals("CONNECTED", event(token, plainId, "CONNECTED").getString("connection.state"));
        assertTrue(OffloadTestDoubles.responder.seen(plainId).isEmpty(), "no plugin work for plain Wi-Fi");
    }

    @Test
    void aDeviceTokenActsOnlyForItsOwnDeviceAndAnOperatorSeesNothingOfAnother() {
        String op = newOperator("iso");
        String other = newOperator("iso-other");
        identifies(op, match(bssid(5), "Iso", 1));
        OffloadTestDoubles.responder.set(op, r -> null);
        String mine = deviceToken(op, "dev-a");
        String id = scan(mine, "dev-a", true, List.of(network("Iso", bssid(5), -50)))
                .getString("candidates[0].connectionId");

        String neighbour = deviceToken(op, "dev-b");
        given().auth().oauth2(neighbour).get("/v1/connections/{id}", id).then().statusCode(404);
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body(Map.of("type", "DISCONNECTED"))
                .post("/v1/connections/{id}/events", id).then().statusCode(404);
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body(Map.of("networks", List.of()))
                .post("/v1/devices/dev-a/scans").then().statusCode(404);
        given().auth().oauth2(neighbour).get("/v1/devices/dev-a/decisions").then().statusCode(404);
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body(Map.of("offloadEnabled", false))
                .put("/v1/devices/dev-a/settings").then().statusCode(404);
        given().auth().oauth2(neighbour).contentType(ContentType.JSON).body(Map.of("ssid", "Iso"))
                .post("/v1/devices/dev-a/connections").then().statusCode(404);

        // another operator's tokens: the connection does not exist; its "dev-a" is another device with no decisions
        given().auth().oauth2(Tokens.operator(other)).get("/v1/connections/{id}", id).then().statusCode(404);
        given().auth().oauth2(deviceToken(other, "dev-a")).get("/v1/connections/{id}", id).then().statusCode(404);
        assertEquals(0, given().auth().oauth2(Tokens.operator(other)).get("/v1/devices/dev-a/decisions").then()
                .statusCode(200).extract().jsonPath().getList("decisions").size());
        given().auth().oauth2(Tokens.operator(other)).get("/v1/operators/{op}/fleet-learning", op).then().statusCode(403);

        // the device's own operator sees it
        given().auth().oauth2(Tokens.operator(op)).get("/v1/connections/{id}", id).then().statusCode(200);
        given().when().get("/v1/connections/{id}", id).then().statusCode(401);
    }

    @Test
    void aBadDeviceEventIsRefusedNamingTheField() {
        String op = newOperator("bad-event");
        identifies(op, match(bssid(6), "X", 1));
        OffloadTestDoubles.responder.set(op, r -> null);
        String token = deviceToken(op, "dev-1");
        String id = scan(token, "dev-1", true, List.of(network("X", bssid(6), -50)))
                .getString("candidates[0].connectionId");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", "EXPLODED"))
                .post("/v1/connections/{id}/events", id).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.is("type"));
        assertEquals(1, OffloadFixtures.connection(token, id).getList("transitions").size(), "nothing stored");
    }

    /** The states published for the connection on the connections topic, in order (keyed by device). */
    static List<String> states(String connectionId, int expected) {
        List<ConsumerRecord<String, String>> records = TestEvents.read(OffloadTestDoubles.connectionsTopic,
                r -> r.value() != null && r.value().contains(connectionId), expected, Duration.ofSeconds(20));
        // let a possible extra (doubled) event arrive before counting
        List<ConsumerRecord<String, String>> all = TestEvents.read(OffloadTestDoubles.connectionsTopic,
                r -> r.value() != null && r.value().contains(connectionId), expected + 1, Duration.ofSeconds(2));
        return (all.size() > records.size() ? all : records).stream().map(r -> {
            try {
                JsonNode node = JSON.readTree(r.value());
                return node.get("state").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
