package io.hop.pluginhost.socket;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * plugin-host with only the built-in eap-aka plugin, its secret, small SQN blocks, and a socket bridge for hostapd's
 * eap_sim_db (used by EapAkaHostTest and HostapdPluginHostTest, which share one application).
 */
public class EapAkaHostProfile implements QuarkusTestProfile {

    static final Path SOCKET = Path.of("target", "eap-aka-bridge", "eap_sim_db.sock").toAbsolutePath();
    static final String OPERATOR = "eapaka-acme";
    /** Small SQN blocks, so that a few authentications reserve new ones (HostapdPluginHostTest sees them). */
    static final int SQN_BLOCK_SIZE = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "hop.plugin-host.plugins-dir", "target/eap-aka-test-plugins",
                "hop.plugin-host.plugins.\"eap-aka\".secrets.subscriber-key", "eap-aka host test secret, 16+ chars",
                "hop.plugin-host.plugins.\"eap-aka\".config.sqn.block-size", String.valueOf(SQN_BLOCK_SIZE),
                "hop.socket-bridges.bridges.hostapd.path", SOCKET.toString(),
                "hop.socket-bridges.bridges.hostapd.plugin", "eap-aka",
                "hop.socket-bridges.bridges.hostapd.operation", "eap-sim-db",
                "hop.socket-bridges.bridges.hostapd.operator", OPERATOR);
    }
}
