package io.hop.offload.connection;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.hop.offload.testing.FakePluginHost;
import io.hop.offload.testing.OffloadTestDoubles;
import io.hop.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Helpers of the offload API tests: operators of their own per test, a scan, a connection's view. */
public final class OffloadFixtures {

    private OffloadFixtures() {
    }

    public static String newOperator(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String bssid(int n) {
        return String.format("aa:bb:cc:dd:%02x:%02x", n / 256, n % 256);
    }

    /** The main host identifies {@code bssid} as plugin {@code p1} (rank 10) at {@code priority}. */
    public static FakePluginHost.Match match(String bssid, String ssid, int priority) {
        return new FakePluginHost.Match(bssid, ssid, "p1", 10, priority, "EAP_AKA", ssid + " (hotspot)", null);
    }

    public static FakePluginHost.Plugin active(String pluginId, int rank) {
        return new FakePluginHost.Plugin(pluginId, rank, "ACTIVE", "ANSWERED");
    }

    /** Configures the main host with {@code matches} by plugin p1, and the partner host with no plugin for the operator. */
    public static void identifies(String operatorId, FakePluginHost.Match... matches) {
        OffloadTestDoubles.host.set(operatorId, FakePluginHost.Behaviour.answering(List.of(matches), active("p1", 10)));
        OffloadTestDoubles.partner.set(operatorId, FakePluginHost.Behaviour.answering(List.of()));
    }

    public static Map<String, Object> network(String ssid, String bssid, int rssi) {
        return Map.of("ssid", ssid, "bssid", bssid, "security", "WPA2-EAP", "rssi", rssi);
    }

    public static JsonPath scan(String token, String deviceId, boolean cellular, List<Map<String, Object>> networks) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("cellularAvailable", cellular, "networks", networks))
                .when().post("/v1/devices/{d}/scans", deviceId)
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath connection(String token, String connectionId) {
        return given().auth().oauth2(token).when().get("/v1/connections/{id}", connectionId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the connection is in {@code state} at {@code attempt}. */
    public static JsonPath awaitState(String token, String connectionId, String state, int attempt) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await(connectionId + " " + state + " attempt " + attempt).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    last[0] = connection(token, connectionId);
                    return state.equals(last[0].getString("state")) && last[0].getInt("attempt") == attempt;
                });
        return last[0];
    }

    public static JsonPath event(String token, String connectionId, String type) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", type))
                .when().post("/v1/connections/{id}/events", connectionId)
                .then().statusCode(200).extract().jsonPath();
    }

    public static String deviceToken(String operatorId, String deviceId) {
        return Tokens.device(operatorId, deviceId);
    }
}
