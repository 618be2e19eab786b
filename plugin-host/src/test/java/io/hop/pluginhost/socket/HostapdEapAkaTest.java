package io.hop.pluginhost.socket;

import io.hop.plugin.api.PluginOperation;
import io.hop.plugins.eapaka.EapAkaPlugin;
import io.hop.plugins.eapaka.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostapdEapCases} with the eap-aka plugin called in process, on an in-memory store, behind a
 * {@link UnixDatagramBridge}: the fast variant, without plugin-host's dispatch (class loader, executor, PostgreSQL
 * store, configured bridge); {@link HostapdPluginHostTest} runs the same cases through plugin-host itself. When
 * that one fails and this one passes, look at the host.
 */
class HostapdEapAkaTest extends HostapdEapCases {

    static final String OPERATOR = "acme";

    @TempDir
    static Path dir;
    static EapAkaPlugin plugin;
    static UnixDatagramBridge bridge;
    static EapRig.Hostapd hostapd;

    @BeforeAll
    static void start() throws Exception {
        EapRig.requireBinaries("hostapd", "eapol_test");
        plugin = new EapAkaPlugin();
        plugin.start(new TestContext(Map.of("sqn.block-size", "10"),
                Map.of("subscriber-key", "hostapd test secret, 16+ chars")));
        plugin.operations().get("subscribers").handle(OPERATOR, "application/json",
                SUBSCRIBERS.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
        Path socket = dir.resolve("eap_sim_db.sock");
        bridge = UnixDatagramBridge.open(new UnixDatagramBridge.Binding("hostapd", socket, "eap-aka", "eap-sim-db",
                OPERATOR), (pluginId, operation, operatorId, type, body) -> {
                    PluginOperation op = plugin.operations().get(operation);
                    return CompletableFuture.supplyAsync(() -> op.handle(operatorId, type, body)
                            .toCompletableFuture().join());
                });
        hostapd = EapRig.Hostapd.start(dir, socket);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hostapd != null) {
            hostapd.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Override
    EapRig.Hostapd hostapd() {
        return hostapd;
    }
}
