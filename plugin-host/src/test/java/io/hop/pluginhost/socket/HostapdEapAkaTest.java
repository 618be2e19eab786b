package io.hop.pluginhost.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.EapAkaPlugin;
import io.hop.plugins.eapaka.TestContext;
import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.plugin.api.PluginOperation;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's unmodified hostapd, as an integrated RADIUS/EAP server, authenticates EAP-SIM, EAP-AKA and EAP-AKA' with
 * the eap-aka plugin's vectors, fetched over its eap_sim_db UNIX datagram protocol through a socket bridge;
 * eapol_test is the device, its SIM played by {@link ExternalSim}.
 *
 * <p>The bridge here calls the plugin in process on an in-memory store; plugin-host's own dispatch is not involved.
 */
class HostapdEapAkaTest {

    static final String OPERATOR = "acme";
    static String imsi(int n) {
        return "00101000000000" + n;
    }
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    static final String REALM = "@wlan.mnc001.mcc001.3gppnetwork.org";
    static final String RADIUS_SECRET = "radius";

    @TempDir
    static Path dir;
    static EapAkaPlugin plugin;
    static UnixDatagramBridge bridge;
    static Process hostapd;
    static int port;

    static void requireBinaries(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!Files.isExecutable(Path.of("/usr/sbin", name)) && !Files.isExecutable(Path.of("/usr/bin", name))) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "missing " + missing + " (apt-get install hostapd eapoltest freeradius freeradius-rest)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(message + ": CI installs them (.ci/run), so this is a broken CI machine");
        }
        org.junit.jupiter.api.Assumptions.abort(message);
    }

    @BeforeAll
    static void start() throws Exception {
        requireBinaries("hostapd", "eapol_test");
        TestContext context = new TestContext(Map.of("sqn.block-size", "10"),
                Map.of("subscriber-key", "hostapd test secret, 16+ chars"));
        plugin = new EapAkaPlugin();
        plugin.start(context);
        // One subscriber per test (same keys): resynchronisations are limited per IMSI.
        StringBuilder subscribers = new StringBuilder("{\"subscribers\":[");
        for (int i = 1; i <= 9; i++) {
            subscribers.append(i > 1 ? "," : "").append("{\"imsi\":\"").append(imsi(i)).append("\",\"k\":\"")
                    .append(K).append("\",\"opc\":\"").append(OPC).append("\"}");
        }
        call("subscribers", subscribers.append("]}").toString());
        Path socket = dir.resolve("eap_sim_db.sock");
        bridge = UnixDatagramBridge.open(new UnixDatagramBridge.Binding("hostapd", socket, "eap-aka", "eap-sim-db",
                OPERATOR), (pluginId, operation, operatorId, type, body) -> {
                    PluginOperation op = plugin.operations().get(operation);
                    return CompletableFuture.supplyAsync(() -> op.handle(operatorId, type, body)
                            .toCompletableFuture().join());
                });
        port = freeUdpPort();
        Files.writeString(dir.resolve("clients"), "127.0.0.1/32 " + RADIUS_SECRET + "\n");
        // Permanent identities (0 AKA, 1 SIM, 6 AKA'), pseudonyms (2, 3, 7) and re-authentication identities (4, 5, 8)
        Files.writeString(dir.resolve("users"), String.join("\n", "\"0\"*\tAKA", "\"1\"*\tSIM", "\"2\"*\tAKA",
                "\"3\"*\tSIM", "\"4\"*\tAKA", "\"5\"*\tSIM", "\"6\"*\tAKA'", "\"7\"*\tAKA'", "\"8\"*\tAKA'", ""));
        Files.writeString(dir.resolve("hostapd.conf"), String.join("\n",
                "driver=none", "interface=hopas0", "logger_stdout=-1", "logger_stdout_level=1",
                "radius_server_clients=" + dir.resolve("clients"), "radius_server_auth_port=" + port,
                "eap_server=1", "eap_user_file=" + dir.resolve("users"), "eap_sim_db=unix:" + socket,
                "eap_sim_aka_result_ind=1", "") );
        hostapd = new ProcessBuilder("hostapd", dir.resolve("hostapd.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("hostapd.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(dir.resolve("hostapd.log"))
                .contains("ENABLED"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hostapd != null) {
            hostapd.destroy();
            hostapd.waitFor(10, TimeUnit.SECONDS);
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    static String call(String operation, String json) {
        return new String(plugin.operations().get(operation).handle(OPERATOR, "application/json",
                json.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join().body(), StandardCharsets.UTF_8);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What one eapol_test run showed. */
    record Run(int exitCode, String output, ExternalSim sim) {
        boolean succeeded() {
            return exitCode == 0 && output.contains("SUCCESS");
        }
    }

    /**
     * Runs eapol_test for {@code eap} with identity prefix+IMSI against hostapd, its SIM played by {@code usim};
     * {@code reauths} extra authentications on the same state (fast re-authentication).
     */
    static Run eapolTest(String name, String eap, String identity, Usim usim, int reauths) throws Exception {
        Path ctrl = dir.resolve("ctrl-" + name);
        Files.createDirectories(ctrl);
        Path conf = dir.resolve("eapol-" + name + ".conf");
        Files.writeString(conf, String.join("\n", "ctrl_interface=" + ctrl, "external_sim=1", "network={",
                "  ssid=\"hop\"", "  key_mgmt=WPA-EAP", "  eap=" + eap, "  identity=\"" + identity + "\"", "}", ""));
        Path log = dir.resolve("eapol-" + name + ".log");
        List<String> command = new ArrayList<>(List.of("eapol_test", "-c", conf.toString(), "-a", "127.0.0.1", "-p",
                String.valueOf(port), "-s", RADIUS_SECRET, "-t", "15", "-W", "-n"));
        if (reauths > 0) {
            command.add("-r" + reauths);
        }
        Process eapol = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (var files = Files.list(ctrl)) {
                    return files.findAny().isPresent();
                }
            });
            Path controlSocket;
            try (var files = Files.list(ctrl)) {
                controlSocket = files.findFirst().orElseThrow();
            }
            try (ExternalSim sim = ExternalSim.attach(usim, controlSocket, dir.resolve("sim-" + name + ".sock"))) {
                assertTrue(eapol.waitFor(60, TimeUnit.SECONDS), "eapol_test finished");
                return new Run(eapol.exitValue(), Files.readString(log), sim);
            }
        } finally {
            eapol.destroyForcibly();
        }
    }

    static Usim card(long sqn) {
        return new Usim(HexFormat.of().parseHex(K), HexFormat.of().parseHex(OPC), sqn);
    }

    @Test
    void eapSimSucceedsWithTheTripletsOfThePlugin() throws Exception {
        Run run = eapolTest("sim", "SIM", "1" + imsi(1) + REALM, card(0), 0);
        assertTrue(run.succeeded(), run.output());
        assertEquals(1, run.sim().gsmRequests.get());
    }

    @Test
    void eapAkaSucceedsWithTheVectorsOfThePlugin() throws Exception {
        Run run = eapolTest("aka", "AKA", "0" + imsi(2) + REALM, card(0), 0);
        assertTrue(run.succeeded(), run.output());
    }

    @Test
    void eapAkaPrimeSucceedsWithTheVectorsOfThePlugin() throws Exception {
        Run run = eapolTest("akaprime", "AKA'", "6" + imsi(3) + REALM, card(0), 0);
        assertTrue(run.succeeded(), run.output());
    }

    @Test
    void aCardWithAnotherKeyIsRejected() throws Exception {
        Usim wrong = new Usim(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"),
                HexFormat.of().parseHex(OPC), 0);
        Run run = eapolTest("wrongkey", "AKA", "0" + imsi(4) + REALM, wrong, 0);
        assertTrue(!run.succeeded(), run.output());
        assertTrue(run.output().contains("FAILURE") || run.output().contains("Reject"), run.output());
    }

    @Test
    void aCardAheadOfTheNetworkIsResynchronisedWithAutsAndSucceeds() throws Exception {
        Usim ahead = card(1L << 40);
        Run run = eapolTest("auts", "AKA", "0" + imsi(5) + REALM, ahead, 0);
        assertTrue(run.succeeded(), run.output());
        assertEquals(1, run.sim().syncFailures.get());
        assertTrue(ahead.highestSqn() > (1L << 40));
    }

    @Test
    void fastReAuthenticationFollowsAFullAuthentication() throws Exception {
        Run run = eapolTest("reauth", "AKA", "0" + imsi(6) + REALM, card(0), 1);
        assertTrue(run.succeeded(), run.output());
        assertTrue(run.output().contains("EAP: using method re-auth identity"), run.output());
        // The card answered only the full authentication: the second one used the re-authentication keys.
        assertEquals(1, run.sim().umtsRequests.get() - run.sim().syncFailures.get(), run.output());
    }
}
