package io.hop.usage.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.hop.contracts.offload.ConnectionStateChanged;
import io.hop.contracts.offload.OffloadEvents;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.sharing.SharingSessionChanged;
import io.hop.testing.Tokens;
import io.hop.testing.kafka.TestEvents;
import io.hop.usage.usage.UsageFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The offload report (hotspots from events published on the real {@code offload.connections.v1}) and the tethered
 * clients report (sessions from the real {@code sharing.sessions.v1}), with their validation and tenant isolation.
 */
@QuarkusTest
class ReportsTest {

    static final String A = "aa:bb:cc:dd:ee:01";
    static final String B = "aa:bb:cc:dd:ee:02";

    @Inject
    UsageFixtures fixtures;
    @Inject
    DataSource dataSource;

    static void connection(String operator, String device, String connectionId, String ssid, String bssid,
            String state, Instant at) {
        TestEvents.send("offload.connections.v1", device, OffloadEvents.CONNECTION_STATE_CHANGED,
                new ConnectionStateChanged(connectionId, operator, device, ssid, bssid, "provisioned-hotspots",
                        "EAP_AKA", null, state, null, 1, false, false, false, at));
    }

    static Map<String, Object> record(String id, String device, String networkInterface, String client, Instant at,
            long bytes) {
        Map<String, Object> record = new HashMap<>(Map.of("recordId", id, "deviceId", device, "networkInterface",
                networkInterface, "periodStart", at.toString(), "periodEnd", at.toString(), "bytesUp", bytes,
                "bytesDown", 0, "roaming", false));
        if (client != null) {
            record.put("clientId", client);
        }
        return record;
    }

    long count(String sql, String operator) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, operator);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void wifiOffloadIsReportedPerHotspotTheDeviceWasOnAgainstCellular() throws Exception {
        String operator = UsageFixtures.newId("op");
        fixtures.planForImsi001(operator, null, null);
        fixtures.device(operator, "d1", "0010101");
        fixtures.device(operator, "d2", "0010102");
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        connection(operator, "d1", "c1", "Acme WiFi", A, "AUTHORIZED", base);
        connection(operator, "d1", "c1", "Acme WiFi", A, "DISCONNECTED", base.plus(Duration.ofHours(1)));
        connection(operator, "d1", "c2", "Cafe", B, "CONNECTING", base.plus(Duration.ofMinutes(89)));
        connection(operator, "d1", "c2", "Cafe", B, "AUTHORIZED", base.plus(Duration.ofMinutes(90)));
        connection(operator, "d2", "c3", "Acme WiFi", A, "AUTHORIZED", base);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from usage_device_hotspot where operator_id = ? and (connection_id <> 'c1'"
                        + " or disconnected_at is not null)", operator) == 3);

        List<Map<String, Object>> records = new ArrayList<>(List.of(
                record("w1", "d1", "WIFI_OFFLOAD", null, base.plus(Duration.ofMinutes(10)), 100),
                record("w2", "d1", "WIFI_OFFLOAD", null, base.plus(Duration.ofMinutes(70)), 200),
                record("w3", "d1", "WIFI_OFFLOAD", null, base.plus(Duration.ofMinutes(120)), 300),
                record("w4", "d2", "WIFI_OFFLOAD", null, base.plus(Duration.ofMinutes(20)), 400),
                record("c1", "d1", "CELLULAR", null, base.plus(Duration.ofMinutes(5)), 1000),
                record("t1", "d2", "TETHERED_CLIENT", "laptop", base.plus(Duration.ofMinutes(5)), 50)));
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON).body(records).when()
                .post("/v1/usage-records").then().statusCode(200).body("counted", equalTo(6));

        given().auth().oauth2(Tokens.operator(operator)).queryParam("from", base.toString())
                .queryParam("to", base.plus(Duration.ofHours(3)).toString()).when()
                .get("/v1/operators/{o}/offload-report", operator).then().statusCode(200)
                .body("cellularBytes", equalTo(1000)).body("wifiOffloadBytes", equalTo(1000))
                .body("tetheredBytes", equalTo(50)).body("offloadShare", equalTo(0.5f))
                .body("unattributedWifiOffloadBytes", equalTo(200))
                .body("hotspots.bssid", equalTo(List.of(A, B))).body("hotspots.ssid", equalTo(List.of("Acme WiFi", "Cafe")))
                .body("hotspots.bytesTotal", equalTo(List.of(500, 300)));
        // the second hour only: the record no connection covers
        given().auth().oauth2(Tokens.operator(operator)).queryParam("from", base.plus(Duration.ofHours(1)).toString())
                .queryParam("to", base.plus(Duration.ofHours(2)).toString()).when()
                .get("/v1/operators/{o}/offload-report", operator).then().statusCode(200)
                .body("wifiOffloadBytes", equalTo(200)).body("cellularBytes", equalTo(0))
                .body("hotspots.size()", equalTo(0)).body("offloadShare", equalTo(1.0f));

        given().auth().oauth2(Tokens.operator(UsageFixtures.newId("op"))).queryParam("from", base.toString())
                .queryParam("to", base.plus(Duration.ofHours(3)).toString()).when()
                .get("/v1/operators/{o}/offload-report", operator).then().statusCode(403);
        given().auth().oauth2(Tokens.operator(operator)).queryParam("to", "soon").when()
                .get("/v1/operators/{o}/offload-report", operator).then().statusCode(400)
                .body("violations.field", hasItems("from", "to"));
        given().auth().oauth2(Tokens.operator(operator)).queryParam("from", base.toString())
                .queryParam("to", base.toString()).when().get("/v1/operators/{o}/offload-report", operator).then()
                .statusCode(400).body("violations.field", hasItems("to"));
    }

    @Test
    void tetheredClientsShowTheirBytesAndTheirSharingSessions() throws Exception {
        String operator = UsageFixtures.newId("op");
        fixtures.planForImsi001(operator, 10_000L, 5_000L, null);
        fixtures.device(operator, "d1", "0010101");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (SharingSessionChanged change : List.of(
                new SharingSessionChanged("s1", operator, "d1", "STARTED", "ON", "USER_REQUEST", null, null, 0, 0, 1,
                        now.minusSeconds(60)),
                new SharingSessionChanged("s1", operator, "d1", "CLIENT_JOINED", "ON", null, "laptop", "WIFI", 1, 0, 1,
                        now.minusSeconds(50)),
                new SharingSessionChanged("s1", operator, "d1", "CLIENT_JOINED", "ON", null, "phone", "BLUETOOTH", 1,
                        1, 1, now.minusSeconds(40)),
                new SharingSessionChanged("s1", operator, "d1", "CLIENT_LEFT", "ON", null, "phone", "BLUETOOTH", 1, 0,
                        1, now.minusSeconds(30)))) {
            TestEvents.send("sharing.sessions.v1", "d1", SharingEvents.SESSION_CHANGED, change);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from usage_sharing_client where operator_id = ? and (client_id = 'laptop'"
                        + " or left_at is not null)", operator) == 2);
        given().auth().oauth2(Tokens.operator(operator)).contentType(ContentType.JSON)
                .body(List.of(record("t1", "d1", "TETHERED_CLIENT", "laptop", now, 70),
                        record("t2", "d1", "TETHERED_CLIENT", "tablet", now, 5)))
                .when().post("/v1/usage-records").then().statusCode(200);

        given().auth().oauth2(Tokens.device(operator, "d1")).when().get("/v1/devices/d1/usage/tethered-clients")
                .then().statusCode(200).body("tetheringAllowanceBytes", equalTo(5000))
                .body("tetheredBytes", equalTo(75))
                .body("clients.clientId", equalTo(List.of("laptop", "tablet", "phone")))
                .body("clients[0].bytesTotal", equalTo(70)).body("clients[0].transport", equalTo("WIFI"))
                .body("clients[0].connected", equalTo(true)).body("clients[0].sessions", equalTo(1))
                .body("clients[1].sessions", equalTo(0)).body("clients[1].transport", nullValue())
                .body("clients[2].bytesTotal", equalTo(0)).body("clients[2].connected", equalTo(false))
                .body("clients[2].transport", equalTo("BLUETOOTH"));
        given().auth().oauth2(Tokens.operator(UsageFixtures.newId("op"))).when()
                .get("/v1/devices/d1/usage/tethered-clients").then().statusCode(404);
        given().auth().oauth2(Tokens.device(operator, "d2")).when().get("/v1/devices/d1/usage/tethered-clients")
                .then().statusCode(404);
    }
}
