package io.hop.pluginhost.socket;

import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.crypto.Usim;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The SIM of an {@code eapol_test} run with {@code external_sim=1}: Debian's eapol_test has no SIM simulator, so
 * it asks on its control interface ({@code CTRL-REQ-SIM-<id>:GSM-AUTH:...} / {@code UMTS-AUTH:...}) and this helper,
 * holding the subscriber's K and OPc, answers ({@code CTRL-RSP-SIM-<id>:...}) with the eap-aka plugin's MILENAGE.
 */
final class ExternalSim implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final Usim usim;
    private final AFUNIXDatagramSocket socket;
    private final Path localPath;
    private final Thread thread;
    final AtomicInteger gsmRequests = new AtomicInteger();
    final AtomicInteger umtsRequests = new AtomicInteger();
    final AtomicInteger syncFailures = new AtomicInteger();
    private volatile boolean closed;

    private ExternalSim(Usim usim, AFUNIXDatagramSocket socket, Path localPath) {
        this.usim = usim;
        this.socket = socket;
        this.localPath = localPath;
        this.thread = new Thread(this::run, "external-sim");
        this.thread.setDaemon(true);
    }

    /** Attaches to eapol_test's control socket (which {@code -W} makes wait for us) and starts answering. */
    static ExternalSim attach(Usim usim, Path controlSocket, Path localPath) throws IOException {
        Files.deleteIfExists(localPath);
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(localPath.toFile()));
        socket.connect(AFUNIXSocketAddress.of(controlSocket.toFile()));
        socket.setSoTimeout(500);
        ExternalSim sim = new ExternalSim(usim, socket, localPath);
        sim.send("ATTACH");
        sim.thread.start();
        return sim;
    }

    private void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length));
    }

    private void run() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            int at = message.indexOf("CTRL-REQ-SIM-");
            if (at < 0) {
                continue;
            }
            // CTRL-REQ-SIM-<id>:<request> needed for SSID <ssid>
            String request = message.substring(at + "CTRL-REQ-SIM-".length());
            int colon = request.indexOf(':');
            String id = request.substring(0, colon);
            String[] parts = request.substring(colon + 1).split(" ")[0].split(":");
            try {
                send("CTRL-RSP-SIM-" + id + ":" + answer(parts));
            } catch (IOException e) {
                return;
            }
        }
    }

    private String answer(String[] parts) {
        if (parts[0].equals("GSM-AUTH")) {
            gsmRequests.incrementAndGet();
            StringBuilder out = new StringBuilder("GSM-AUTH");
            for (int i = 1; i < parts.length; i++) {
                Aka.Triplet t = usim.gsm(HEX.parseHex(parts[i]));
                out.append(':').append(HEX.formatHex(t.kc())).append(':').append(HEX.formatHex(t.sres()));
            }
            return out.toString();
        }
        umtsRequests.incrementAndGet();
        Usim.Answer answer = usim.authenticate(HEX.parseHex(parts[1]), HEX.parseHex(parts[2]));
        if (answer instanceof Usim.Success ok) {
            return "UMTS-AUTH:" + HEX.formatHex(ok.ik()) + ":" + HEX.formatHex(ok.ck()) + ":" + HEX.formatHex(ok.res());
        }
        if (answer instanceof Usim.SyncFailure sync) {
            syncFailures.incrementAndGet();
            return "UMTS-AUTS:" + HEX.formatHex(sync.auts());
        }
        // A wrong MAC: answer nonsense, which the peer turns into an authentication reject.
        return "UMTS-FAIL";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        File file = localPath.toFile();
        if (file.exists()) {
            Files.delete(localPath);
        }
    }
}
