package io.hop.pluginhost;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hop.testing.Tokens;
import io.restassured.response.ValidatableResponse;

/** Scans for {@code POST /v1/identifications} in tests. */
public final class Scans {

    private Scans() {
    }

    /** A network with no ANQP data; BSSIDs are derived from the SSID's position. */
    public static Map<String, Object> network(String ssid, int n) {
        return Map.of("ssid", ssid, "bssid", String.format("aa:bb:cc:dd:ee:%02x", n), "security", "WPA2-EAP",
                "rssi", -60);
    }

    public static Map<String, Object> scan(String operatorId, String deviceId, boolean cellular, String... ssids) {
        List<Map<String, Object>> networks = new ArrayList<>();
        for (int i = 0; i < ssids.length; i++) {
            networks.add(network(ssids[i], i + 1));
        }
        return Map.of("operatorId", operatorId, "deviceId", deviceId, "cellularAvailable", cellular, "networks",
                networks);
    }

    /** Posts a scan of {@code operatorId}'s device dev-1 with its operator's token. */
    public static ValidatableResponse identify(String operatorId, String... ssids) {
        return given().auth().oauth2(Tokens.operator(operatorId)).contentType("application/json")
                .body(scan(operatorId, "dev-1", true, ssids)).post("/v1/identifications").then();
    }
}
