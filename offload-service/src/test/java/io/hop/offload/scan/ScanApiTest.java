package io.hop.offload.scan;

import static io.hop.offload.connection.OffloadFixtures.active;
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
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.hop.offload.decision.DecisionHousekeeping;
import io.hop.offload.testing.FakePluginHost;
import io.hop.offload.testing.FakePluginHost.Behaviour;
import io.hop.offload.testing.FakePluginHost.Match;
import io.hop.offload.testing.FakePluginHost.Plugin;
import io.hop.offload.testing.OffloadTestDoubles;
import io.hop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** {@code POST /v1/devices/{id}/scans}, settings and the decision log, against two plugin-host test doubles. */
@QuarkusTest
class ScanApiTest {

    @Inject
    DecisionHousekeeping housekeeping;

    @Test
    void hostsAreMergedByPluginRankAndCandidatesSortedByPriorityWithTheCallersTokenForwarded() {
        String op = newOperator("merge");
        String token = deviceToken(op, "dev-1");
        // both hosts identify bssid 1: the partner's plugin has the lower rank and owns it
        OffloadTestDoubles.host.set(op, Behaviour.answering(List.of(
                new Match(bssid(1), "Shared", "host-plugin", 20, 9, "WISPR", null, null),
                new Match(bssid(2), "Second", "host-plugin", 20, 2, "WISPR", "Second Net", null),
                new Match(bssid(3), "First", "host-plugin", 20, 1, "EAP_SIM", null, null)), active("host-plugin", 20)));
        OffloadTestDoubles.partner.set(op, Behaviour.answering(List.of(
                new Match(bssid(1), "Shared", "partner-plugin", 5, 5, "EAP_AKA", null, null)), active("partner-plugin", 5)));
        OffloadTestDoubles.responder.set(op, r -> null);

        JsonPath scan = scan(token, "dev-1", true, List.of(network("Shared", bssid(1), -70),
                network("Second", bssid(2), -60), network("First", bssid(3), -80), network("Nobody", bssid(4), -40)));
        assertEquals(List.of(bssid(3), bssid(2), bssid(1)), scan.getList("candidates.bssid"));
        assertEquals(List.of(1, 2, 5), scan.getList("candidates.priority"));
        assertEquals("partner-plugin", scan.getString("candidates[2].pluginId"));
        assertEquals("EAP_AKA", scan.getString("candidates[2].authMethod"));
        assertEquals("Second Net", scan.getString("candidates[1].displayName"));
        assertFalse(scan.getBoolean("degraded"));
        assertTrue(scan.getBoolean("offloadAvailable"));
        assertTrue(OffloadTestDoubles.host.authorizations().contains("Bearer " + token), "Authorization forwarded");
        assertTrue(OffloadTestDoubles.partner.authorizations().contains("Bearer " + token));

        // the decision log: one entry per network of the scan, with its reason
        JsonPath decisions = given().auth().oauth2(token).queryParam("scanId", scan.getString("scanId"))
                .get("/v1/devices/dev-1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals(4, decisions.getList("decisions").size());
        assertEquals("NO_PLUGIN_MATCH", decisions.getString("decisions.find { it.bssid == '" + bssid(4) + "' }.reason"));
        assertEquals("partner-plugin", decisions.getString("decisions.find { it.bssid == '" + bssid(1) + "' }.pluginId"));
        assertEquals("SELECTED", decisions.getString("decisions.find { it.bssid == '" + bssid(3) + "' }.reason"));

        // profiles: one per selected network, hotspot, owning plugin and auth method, blocked
        JsonPath profiles = given().auth().oauth2(token).get("/v1/devices/dev-1/profiles").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, profiles.getList("profiles").size());
        assertEquals(List.of(true, true, true), profiles.getList("profiles.blocked"));
        assertEquals("partner-plugin", profiles.getString("profiles.find { it.ssid == 'Shared' }.pluginId"));
    }

    @Test
    void aRescanUpdatesAProfileWhoseOwnerOrPriorityChangedAndLeavesItBlocked() {
        String op = newOperator("rescan");
        String token = deviceToken(op, "dev-1");
        OffloadTestDoubles.responder.set(op, r -> null);
        List<Map<String, Object>> networks = List.of(network("Cafe", bssid(1), -50));
        identifies(op, match(bssid(1), "Cafe", 7));
        scan(token, "dev-1", true, networks);
        scan(token, "dev-1", true, networks); // the same answer again: the profile stays as it is

        OffloadTestDoubles.host.set(op, Behaviour.answering(List.of(
                new Match(bssid(1), "Cafe", "p2", 20, 3, "WISPR", "Cafe Net", null)), active("p2", 20)));
        scan(token, "dev-1", true, networks);

        JsonPath profiles = given().auth().oauth2(token).get("/v1/devices/dev-1/profiles").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, profiles.getList("profiles").size());
        assertEquals("p2", profiles.getString("profiles[0].pluginId"));
        assertEquals("WISPR", profiles.getString("profiles[0].authMethod"));
        assertEquals(3, profiles.getInt("profiles[0].priority"));
        assertEquals("Cafe Net", profiles.getString("profiles[0].displayName"));
        assertTrue(profiles.getBoolean("profiles[0].blocked"), "still blocked: no connection was authorized");
    }

    @Test
    void fallbackOnlyHotspotsAreRejectedWhileCellularIsUpAndOfferedWhenItIsDown() {
        String op = newOperator("fallback");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(1), "Normal", 3),
                new FakePluginHost.Match(bssid(2), "Backup", "p1", 10, 1, "WISPR", null, "FALLBACK_ONLY_PROFILE"),
                new FakePluginHost.Match(bssid(3), "Busy", "p1", 10, 2, "WISPR", null, "WAN_AT_CAPACITY"));
        OffloadTestDoubles.responder.set(op, r -> null);
        List<Map<String, Object>> networks = List.of(network("Normal", bssid(1), -50), network("Backup", bssid(2), -50),
                network("Busy", bssid(3), -50));

        JsonPath up = scan(token, "dev-1", true, networks);
        assertEquals(List.of(bssid(1)), up.getList("candidates.bssid"));
        JsonPath log = given().auth().oauth2(token).queryParam("scanId", up.getString("scanId"))
                .get("/v1/devices/dev-1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("FALLBACK_ONLY_WHILE_CELLULAR", log.getString("decisions.find { it.ssid == 'Backup' }.reason"));
        assertEquals("WAN_METRICS", log.getString("decisions.find { it.ssid == 'Busy' }.reason"));
        assertEquals("WAN_AT_CAPACITY", log.getString("decisions.find { it.ssid == 'Busy' }.fallbackReason"));

        JsonPath down = scan(deviceToken(op, "dev-2"), "dev-2", false, networks);
        assertEquals(List.of(bssid(2), bssid(3), bssid(1)), down.getList("candidates.bssid"));
    }

    @Test
    void aSlowHostAndAQuarantinedPluginDegradeTheAnswerWithoutFailingIt() {
        String op = newOperator("degraded");
        String token = deviceToken(op, "dev-1");
        OffloadTestDoubles.host.set(op, Behaviour.answering(List.of(match(bssid(1), "Fast", 1)), active("p1", 10),
                new Plugin("bad", 5, "QUARANTINED", "SKIPPED_QUARANTINED")));
        OffloadTestDoubles.partner.set(op, Behaviour.answering(List.of(
                new Match(bssid(2), "Slow", "partner-plugin", 1, 1, "WISPR", null, null)), active("partner-plugin", 1))
                .delayedBy(Duration.ofSeconds(6)));
        OffloadTestDoubles.responder.set(op, r -> null);

        JsonPath scan = scan(token, "dev-1", true, List.of(network("Fast", bssid(1), -50), network("Slow", bssid(2), -50),
                network("Unknown", bssid(3), -50)));
        assertTrue(scan.getBoolean("degraded"));
        assertEquals(List.of(bssid(1)), scan.getList("candidates.bssid"));
        assertEquals("TIMED_OUT", scan.getString("hosts.find { it.host == 'plugin-host-partner' }.outcome"));
        assertEquals("SKIPPED_QUARANTINED", scan.getString("plugins.find { it.pluginId == 'bad' }.outcome"));
        JsonPath log = given().auth().oauth2(token).queryParam("scanId", scan.getString("scanId"))
                .get("/v1/devices/dev-1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("QUARANTINED_PLUGIN", log.getString("decisions.find { it.ssid == 'Unknown' }.reason"));
    }

    @Test
    void withOffloadDisabledThereAreNoCandidatesAndNoHostIsAsked() {
        String op = newOperator("disabled");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(1), "Acme", 1));
        JsonPath settings = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("offloadEnabled", false)).put("/v1/devices/dev-1/settings").then().statusCode(200)
                .extract().jsonPath();
        assertFalse(settings.getBoolean("offloadEnabled"));
        assertTrue(settings.getBoolean("offloadAvailable"), "p1 serves the operator");
        assertFalse(settings.getBoolean("offloadActive"));

        JsonPath scan = scan(token, "dev-1", true, List.of(network("Acme", bssid(1), -50)));
        assertEquals(0, scan.getList("candidates").size());
        assertFalse(scan.getBoolean("offloadEnabled"));
        assertTrue(OffloadTestDoubles.host.requests().stream().noneMatch(r -> r.path("operatorId").asText().equals(op)));
        given().auth().oauth2(token).get("/v1/devices/dev-1/decisions").then().statusCode(200)
                .body("decisions.reason", hasItems("OFFLOAD_DISABLED"));
    }

    @Test
    void offloadIsUnavailableWhileNoPluginServesTheOperator() {
        String op = newOperator("noplugin");
        String token = deviceToken(op, "dev-1");
        OffloadTestDoubles.host.set(op, Behaviour.answering(List.of()));
        OffloadTestDoubles.partner.set(op, Behaviour.answering(List.of()));
        JsonPath settings = given().auth().oauth2(token).get("/v1/devices/dev-1/settings").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(settings.getBoolean("offloadEnabled"));
        assertFalse(settings.getBoolean("offloadAvailable"));
        JsonPath scan = scan(token, "dev-1", true, List.of(network("Acme", bssid(1), -50)));
        assertFalse(scan.getBoolean("offloadAvailable"));
        given().auth().oauth2(token).get("/v1/devices/dev-1/decisions").then().statusCode(200)
                .body("decisions.reason", hasItems("OFFLOAD_UNAVAILABLE"));
    }

    @Test
    void hotspotsFailingPostConnectAreDemotedForAllTheOperatorsDevicesVisiblyInTheLogAndTheFleetView() {
        String op = newOperator("fleet");
        identifies(op, match(bssid(1), "NoInternet", 1), match(bssid(2), "Good", 50));
        OffloadTestDoubles.responder.set(op, r -> "POST_CONNECT".equals(r.action()) ? "FAILURE" : "SUCCESS");
        // one device tries NoInternet three times: three post-connect failures (min samples 3 in tests)
        String first = deviceToken(op, "dev-1");
        String id = scan(first, "dev-1", true, List.of(network("NoInternet", bssid(1), -40)))
                .getString("candidates[0].connectionId");
        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitState(first, id, "CONNECTING", attempt);
            event(first, id, "CONNECTED");
        }
        awaitState(first, id, "FAILED", 3);

        // another device of the operator now gets the good hotspot first
        String other = deviceToken(op, "dev-2");
        JsonPath scan = scan(other, "dev-2", true, List.of(network("NoInternet", bssid(1), -40),
                network("Good", bssid(2), -70)));
        assertEquals(List.of(bssid(2), bssid(1)), scan.getList("candidates.bssid"));
        assertEquals(101, scan.getInt("candidates[1].priority"));
        assertTrue(scan.getBoolean("candidates[1].demoted"));
        JsonPath log = given().auth().oauth2(other).queryParam("scanId", scan.getString("scanId"))
                .get("/v1/devices/dev-2/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("DEMOTED_BY_FLEET_LEARNING", log.getString("decisions.find { it.ssid == 'NoInternet' }.reason"));

        JsonPath fleet = given().auth().oauth2(Tokens.operator(op)).get("/v1/operators/{op}/fleet-learning", op)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, fleet.getBoolean("hotspots.find { it.scope == 'BSSID' && it.bssid == '" + bssid(1)
                + "' }.demoted"));
        assertEquals(3, fleet.getInt("hotspots.find { it.scope == 'SSID' && it.ssid == 'NoInternet' }.failures"));
    }

    @Test
    void badScansAreRefusedNamingEachFieldAndStoreNothing() {
        String op = newOperator("bad");
        String token = deviceToken(op, "dev-1");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("networks", List.of(Map.of("ssid", "", "bssid", "nope", "rssi", 5))))
                .post("/v1/devices/dev-1/scans").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("networks[0].ssid", "networks[0].bssid", "networks[0].rssi"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/devices/dev-1/scans").then().statusCode(400).body("violations.field", hasItems("networks"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .put("/v1/devices/dev-1/settings").then().statusCode(400).body("violations.field", hasItems("offloadEnabled"));
        assertEquals(0, given().auth().oauth2(token).get("/v1/devices/dev-1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("decisions").size());
        given().auth().oauth2(Tokens.admin()).get("/v1/devices/dev-1/decisions").then().statusCode(400)
                .body("violations.field", hasItems("operatorId"));
    }

    @Test
    void decisionsAgeOutAfterTheRetention() {
        String op = newOperator("retention");
        String token = deviceToken(op, "dev-1");
        identifies(op, match(bssid(1), "Acme", 1));
        OffloadTestDoubles.responder.set(op, r -> null);
        scan(token, "dev-1", true, List.of(network("Acme", bssid(1), -50)));
        assertEquals(1, given().auth().oauth2(token).get("/v1/devices/dev-1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("decisions").size());
        assertTrue(housekeeping.purge(Instant.now().plus(Duration.ofDays(8))) >= 1);
        assertEquals(0, given().auth().oauth2(token).get("/v1/devices/dev-1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("decisions").size());
    }
}
