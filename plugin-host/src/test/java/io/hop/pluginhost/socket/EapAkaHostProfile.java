package io.hop.pluginhost.socket;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** plugin-host with only the built-in eap-aka plugin, its secret, and a socket bridge for hostapd's eap_sim_db. */
public class EapAkaHostProfile implements QuarkusTestProfile {

    static final Path SOCKET = Path.of("target", "eap-aka-bridge", "eap_sim_db.sock").toAbsolutePath();
    static final String OPERATOR = "eapaka-acme";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "hop.plugin-host.plugins-dir", "target/eap-aka-test-plugins",
                "hop.plugin-host.plugins.\"eap-aka\".secrets.subscriber-key", "eap-aka host test secret, 16+ chars",
                "hop.socket-bridges.bridges.hostapd.path", SOCKET.toString(),
                "hop.socket-bridges.bridges.hostapd.plugin", "eap-aka",
                "hop.socket-bridges.bridges.hostapd.operation", "eap-sim-db",
                "hop.socket-bridges.bridges.hostapd.operator", OPERATOR);
    }
}
