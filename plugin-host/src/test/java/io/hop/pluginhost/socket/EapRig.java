package io.hop.pluginhost.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.crypto.Usim;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The rig of the end-to-end EAP tests, with Debian's unmodified binaries: {@code eapol_test} is the device, its SIM
 * played by {@link ExternalSim}; {@link Hostapd} is hostapd as an integrated RADIUS/EAP server whose
 * {@code eap_sim_db} is a UNIX datagram socket (a socket bridge). Used by {@link HostapdEapAkaTest} (bridge calling
 * the plugin in process), {@link HostapdPluginHostTest} (plugin-host's configured bridge) and
 * {@link FreeRadiusEapSimTest} (eapol_test against FreeRADIUS).
 */
final class EapRig {

    /** Every test subscriber's K and OPc (TS 35.208 test set 1). */
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    static final String REALM = "@wlan.mnc001.mcc001.3gppnetwork.org";
    static final String RADIUS_SECRET = "radius";
    private static final HexFormat HEX = HexFormat.of();

    private EapRig() {
    }

    /** Aborts the test class without the binaries locally; fails it under CI, which installs them (.ci/run). */
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
        Assumptions.abort(message);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A card of a test subscriber (K, OPc) whose highest accepted SQN is {@code sqn}. */
    static Usim card(long sqn) {
        return new Usim(HEX.parseHex(K), HEX.parseHex(OPC), sqn);
    }

    /** A card with the subscriber's OPc but another K: the network's challenges fail its MAC check. */
    static Usim cardWithAnotherKey() {
        return new Usim(HEX.parseHex("000102030405060708090a0b0c0d0e0f"), HEX.parseHex(OPC), 0);
    }

    /** The {@code subscribers} operation's body importing the given IMSIs, all with K and OPc. */
    static String subscribersJson(List<String> imsis) {
        StringBuilder json = new StringBuilder("{\"subscribers\":[");
        for (int i = 0; i < imsis.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"imsi\":\"").append(imsis.get(i)).append("\",\"k\":\"")
                    .append(K).append("\",\"opc\":\"").append(OPC).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** What one eapol_test run showed. */
    record Run(int exitCode, String output, ExternalSim sim) {
        boolean succeeded() {
            return exitCode == 0 && output.contains("SUCCESS");
        }
    }

    /**
     * Runs eapol_test (files under {@code dir}, named after {@code name}) against the RADIUS server on
     * 127.0.0.1:{@code port} for method {@code eap} and {@code identity}, its SIM played by {@code usim};
     * {@code reauths} extra authentications on the same state (fast re-authentication).
     */
    static Run eapolTest(Path dir, int port, String name, String eap, String identity, Usim usim, int reauths)
            throws Exception {
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
            // -W: eapol_test waits for a monitor on its control socket before it starts; ExternalSim is that monitor.
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

    /**
     * Debian's hostapd with {@code driver=none}: only its integrated RADIUS/EAP server, on a free UDP port of
     * 127.0.0.1, fetching SIM triplets and AKA vectors over {@code eap_sim_db=unix:<socket>}.
     */
    static final class Hostapd implements AutoCloseable {

        private final Path dir;
        private final int port;
        private final Process process;

        private Hostapd(Path dir, int port, Process process) {
            this.dir = dir;
            this.port = port;
            this.process = process;
        }

        /** Writes hostapd's files under {@code dir} and starts it; returns once hostapd says it is enabled. */
        static Hostapd start(Path dir, Path eapSimDbSocket) throws Exception {
            requireBinaries("hostapd", "eapol_test");
            int port = freeUdpPort();
            Files.writeString(dir.resolve("clients"), "127.0.0.1/32 " + RADIUS_SECRET + "\n");
            // Permanent identities (0 AKA, 1 SIM, 6 AKA'), pseudonyms (2, 3, 7), re-authentication identities (4, 5, 8)
            Files.writeString(dir.resolve("users"), String.join("\n", "\"0\"*\tAKA", "\"1\"*\tSIM", "\"2\"*\tAKA",
                    "\"3\"*\tSIM", "\"4\"*\tAKA", "\"5\"*\tSIM", "\"6\"*\tAKA'", "\"7\"*\tAKA'", "\"8\"*\tAKA'", ""));
            Files.writeString(dir.resolve("hostapd.conf"), String.join("\n",
                    "driver=none", "interface=hopas0", "logger_stdout=-1", "logger_stdout_level=1",
                    "radius_server_clients=" + dir.resolve("clients"), "radius_server_auth_port=" + port,
                    "eap_server=1", "eap_user_file=" + dir.resolve("users"), "eap_sim_db=unix:" + eapSimDbSocket,
                    "eap_sim_aka_result_ind=1", ""));
            Path log = dir.resolve("hostapd.log");
            Process process = new ProcessBuilder("hostapd", dir.resolve("hostapd.conf").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Hostapd hostapd = new Hostapd(dir, port, process);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("ENABLED")
                        || !process.isAlive());
                assertTrue(process.isAlive(), "hostapd exited:\n" + Files.readString(log));
            } catch (RuntimeException | Error e) {
                hostapd.close();
                throw e;
            }
            return hostapd;
        }

        /** An eapol_test run against this hostapd: see {@link EapRig#eapolTest}. */
        Run eapolTest(String name, String eap, String identity, Usim usim, int reauths) throws Exception {
            return EapRig.eapolTest(dir, port, name, eap, identity, usim, reauths);
        }

        /** hostapd's log so far, for failure messages. */
        String log() throws IOException {
            return Files.readString(dir.resolve("hostapd.log"));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
