package io.hop.pluginhost.identification;

import static io.hop.pluginhost.Scans.identify;
import static io.hop.pluginhost.Scans.scan;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.hop.contracts.provisioning.HotspotProfileChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.readmodel.profiles.HotspotProfileDirectory;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IdentificationApiTest {

    @Test
    void pluginsAreAskedInRankOrderAndTheFirstThatIdentifiesANetworkOwnsIt() {
        // bad (rank 5) and good (rank 20) both claim "Shared WiFi"; lib-a (30) alone claims "Lib WiFi".
        identify("acme", "Shared WiFi", "Lib WiFi", "Unknown").statusCode(200)
                .body("matches.size()", equalTo(2))
                .body("matches.find { it.ssid == 'Shared WiFi' }.pluginId", equalTo("bad"))
                .body("matches.find { it.ssid == 'Shared WiFi' }.pluginRank", equalTo(5))
                .body("matches.find { it.ssid == 'Shared WiFi' }.authMethod", equalTo("WISPR"))
                .body("matches.find { it.ssid == 'Lib WiFi' }.pluginId", equalTo("lib-a"))
                .body("matches.find { it.ssid == 'Lib WiFi' }.displayName", equalTo("lib-a 1.0"))
                .body("matches.find { it.ssid == 'Lib WiFi' }.fallbackReason", nullValue())
                .body("plugins.pluginId", contains("bad", "wispr", "provisioned-hotspots", "good", "lib-a"))
                .body("plugins.outcome", everyItemIs("ANSWERED"));
    }

    @Test
    void aPluginNeverSeesTheScansOfAnOperatorItDoesNotServe() {
        identify("acme", "Lib WiFi").statusCode(200).body("plugins.pluginId", not(hasItems("lib-b")));
        identify("globex", "Lib WiFi", "Shared WiFi").statusCode(200)
                .body("plugins.pluginId", containsInAnyOrder("wispr", "provisioned-hotspots", "lib-b"))
                .body("matches.size()", equalTo(1)).body("matches[0].pluginId", equalTo("lib-b"));
        String seen = given().auth().oauth2(Tokens.operator("globex")).body("").post("/v1/plugins/lib-b/seen").then()
                .statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals("globex", seen);
    }

    @Test
    void provisionedHotspotsIdentifiesNetworksFromTheOperatorsProfilesOnly() {
        String op = "hs-" + System.nanoTime();
        var profile = new HotspotProfileChanged(op, op + "-p1", "Acme Hotspots", List.of("Acme WiFi"),
                List.of("wlan.mnc001.mcc001.3gppnetwork.org"), List.of("001001"), List.of(), "HOME", "EAP_AKA", null,
                "PREFERRED_OVER_CELLULAR", 1, 1, Instant.now());
        TestEvents.send("provisioning.changes.v1", ProvisioningKeys.hotspotProfile(profile.profileId()),
                ProvisioningEvents.HOTSPOT_PROFILE_CHANGED, profile);
        Map<String, Object> passpoint = Map.of("ssid", "Venue", "bssid", "aa:bb:cc:dd:ee:09", "security",
                "WPA2-EAP", "rssi", -50, "anqp", Map.of("naiRealms", List.of("wlan.mnc001.mcc001.3gppnetwork.org"),
                        "plmnIds", List.of("001001"), "roamingConsortiumOis", List.of("5A03BA"), "wanMetrics",
                        Map.of("linkStatus", "UP", "atCapacity", true, "downlinkSpeedKbps", 1000,
                                "uplinkSpeedKbps", 100)));
        Map<String, Object> body = Map.of("operatorId", op, "deviceId", "dev-1", "cellularAvailable", true,
                "networks", List.of(Map.of("ssid", "Acme WiFi", "bssid", "AA:BB:CC:DD:EE:01", "security", "WPA2-EAP",
                        "rssi", -61), passpoint));
        // The shared topic may hold a backlog this fresh consumer group reads first.
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.operator(op)).contentType("application/json").body(body).post("/v1/identifications")
                .then().statusCode(200).body("matches.size()", equalTo(2))
                .body("matches.find { it.ssid == 'Acme WiFi' }.bssid", equalTo("aa:bb:cc:dd:ee:01"))
                .body("matches.find { it.ssid == 'Acme WiFi' }.pluginId", equalTo("provisioned-hotspots"))
                .body("matches.find { it.ssid == 'Acme WiFi' }.pluginRank", equalTo(10))
                .body("matches.find { it.ssid == 'Acme WiFi' }.authMethod", equalTo("EAP_AKA"))
                .body("matches.find { it.ssid == 'Acme WiFi' }.displayName", equalTo("Acme Hotspots"))
                .body("matches.find { it.ssid == 'Acme WiFi' }.priority", equalTo(1))
                .body("matches.find { it.ssid == 'Venue' }.fallbackReason", equalTo("WAN_AT_CAPACITY")));
        // Another operator's scan of the same networks matches none of this operator's profiles.
        identify("globex", "Acme WiFi").statusCode(200).body("matches", empty());
    }

    @Inject
    HotspotProfileDirectory profiles;

    @Test
    void aProfileChangeIsSeenByTheVeryNextIdentificationWhicheverReplicaAppliedIt() {
        String op = "rev-" + System.nanoTime();
        identify(op, "Cafe One").statusCode(200).body("matches", empty()); // no profiles yet: an empty copy is held
        // Applied straight to the database, as a replica sharing it would (no event through this instance).
        apply(profile(op, "Cafe One", "Cafe v1", 1));
        identify(op, "Cafe One").statusCode(200).body("matches.size()", equalTo(1))
                .body("matches[0].pluginId", equalTo("provisioned-hotspots"))
                .body("matches[0].displayName", equalTo("Cafe v1"));
        identify(op, "Cafe One").statusCode(200).body("matches[0].displayName", equalTo("Cafe v1"));
        apply(profile(op, "Cafe Two", "Cafe v2", 2));
        identify(op, "Cafe One").statusCode(200).body("matches", empty());
        identify(op, "Cafe Two").statusCode(200).body("matches[0].displayName", equalTo("Cafe v2"));
        QuarkusTransaction.requiringNew().run(() -> profiles.delete(op + "-p1"));
        identify(op, "Cafe Two").statusCode(200).body("matches", empty());
    }

    private static HotspotProfileChanged profile(String op, String ssid, String name, long version) {
        return new HotspotProfileChanged(op, op + "-p1", name, List.of(ssid), List.of(), List.of(), List.of(), "HOME",
                "EAP_AKA", null, "PREFERRED_OVER_CELLULAR", 1, version, Instant.now());
    }

    private void apply(HotspotProfileChanged change) {
        QuarkusTransaction.requiringNew().run(() -> profiles.apply(change));
    }

    @Test
    void aScanIsForTheDevicesOwnTokenItsOperatorOrAnAdmin() {
        given().auth().oauth2(Tokens.device("acme", "dev-1")).contentType("application/json")
                .body(scan("acme", "dev-1", true, "Good Cafe")).post("/v1/identifications").then().statusCode(200)
                .body("matches[0].pluginId", equalTo("good"));
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(scan("acme", "dev-1", true, "Good Cafe")).post("/v1/identifications").then().statusCode(200);
        given().auth().oauth2(Tokens.device("acme", "dev-2")).contentType("application/json")
                .body(scan("acme", "dev-1", true, "Good Cafe")).post("/v1/identifications").then().statusCode(404);
        given().auth().oauth2(Tokens.operator("globex")).contentType("application/json")
                .body(scan("acme", "dev-1", true, "Good Cafe")).post("/v1/identifications").then().statusCode(404);
        given().contentType("application/json").body(scan("acme", "dev-1", true, "Good Cafe"))
                .post("/v1/identifications").then().statusCode(401);
    }

    @Test
    void anInvalidScanIsABadRequestNamingEachViolatedRule() {
        Map<String, Object> body = Map.of("operatorId", "acme", "deviceId", "dev-1", "networks",
                List.of(Map.of("ssid", "", "bssid", "nope", "rssi", 5), Map.of("ssid", "x".repeat(33), "bssid",
                        "aa:bb:cc:dd:ee:01", "anqp", Map.of("wanMetrics", Map.of("linkStatus", "SIDEWAYS")))));
        given().auth().oauth2(Tokens.operator("acme")).contentType("application/json").body(body)
                .post("/v1/identifications").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("cellularAvailable", "networks[0].ssid",
                        "networks[0].bssid", "networks[0].rssi", "networks[1].ssid",
                        "networks[1].anqp.wanMetrics.linkStatus"));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
