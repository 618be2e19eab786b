package io.hop.pluginhost.socket;

import io.hop.plugin.api.PluginOperation.OperationResponse;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A UNIX datagram socket in front of one plugin operation: every datagram received is the body of one call of the
 * operation (content type {@code text/plain}), and a non-empty answer goes back to the datagram's sender. This is how
 * programs that speak a datagram protocol, such as hostapd's {@code eap_sim_db} client, reach a plugin without
 * knowing plugin-host. The JDK has no UNIX datagram sockets; junixsocket provides them.
 *
 * <p>Receiving is one platform thread; the calls run on the plugin's executor through the {@link OperationDispatcher}
 * and answer when they complete, so a slow call does not hold up the next datagram.
 */
public final class UnixDatagramBridge implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UnixDatagramBridge.class);
    /** hostapd's eap_sim_db messages fit 1000 bytes; allow a little more. */
    private static final int MAX_DATAGRAM = 4096;

    /** Where the socket is and which operation it feeds. */
    public record Binding(String name, Path path, String pluginId, String operation, String operatorId) {
    }

    private final Binding binding;
    private final OperationDispatcher dispatcher;
    private final AFUNIXDatagramSocket socket;
    private final Thread receiver;
    /** The last call of each sender; only the receiving thread adds to it. */
    private final Map<Object, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    private UnixDatagramBridge(Binding binding, OperationDispatcher dispatcher, AFUNIXDatagramSocket socket) {
        this.binding = binding;
        this.dispatcher = dispatcher;
        this.socket = socket;
        this.receiver = new Thread(this::receive, "socket-bridge-" + binding.name());
        this.receiver.setDaemon(true);
    }

    /** Binds the socket (replacing a stale socket file left by an earlier run) and starts receiving. */
    public static UnixDatagramBridge open(Binding binding, OperationDispatcher dispatcher) throws IOException {
        Files.createDirectories(binding.path().toAbsolutePath().getParent());
        Files.deleteIfExists(binding.path());
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(binding.path().toFile()));
        UnixDatagramBridge bridge = new UnixDatagramBridge(binding, dispatcher, socket);
        bridge.receiver.start();
        LOG.infof("socket bridge %s: %s -> plugin %s operation %s for operator %s", binding.name(), binding.path(),
                binding.pluginId(), binding.operation(), binding.operatorId());
        return bridge;
    }

    public Binding binding() {
        return binding;
    }

    private void receive() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException e) {
                if (!closed) {
                    LOG.errorf(e, "socket bridge %s: receive failed", binding.name());
                }
                return;
            } catch (IOException e) {
                LOG.warnf(e, "socket bridge %s: receive failed; going on", binding.name());
                continue;
            }
            byte[] body = Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                    packet.getOffset() + packet.getLength());
            SocketAddress sender = packet.getSocketAddress();
            handle(body, sender);
        }
    }

    /**
     * Calls the operation once the previous datagram of the same sender has been answered: request/response
     * protocols rely on their order (hostapd sends AKA-AUTS and at once AKA-REQ-AUTH, which must see the
     * resynchronisation). Datagrams of different senders run concurrently.
     */
    private void handle(byte[] body, SocketAddress sender) {
        Object key = sender == null ? "" : sender;
        CompletableFuture<Void> previous = inFlight.getOrDefault(key, DONE);
        CompletableFuture<Void> next = previous.thenCompose(ignored -> call(body))
                .handle((response, failure) -> {
                    reply(response, failure, sender);
                    return null;
                });
        inFlight.put(key, next);
        next.whenComplete((ignored, failure) -> inFlight.remove(key, next));
    }

    private CompletableFuture<OperationResponse> call(byte[] body) {
        try {
            return dispatcher.dispatch(binding.pluginId(), binding.operation(), binding.operatorId(), "text/plain",
                    body).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void reply(OperationResponse response, Throwable failure, SocketAddress sender) {
        if (failure != null) {
            // The protocol has no error message of its own; the client's own timeout ends its request.
            LOG.warnf("socket bridge %s: operation failed: %s", binding.name(), String.valueOf(failure));
            return;
        }
        if (response == null || response.body() == null || response.body().length == 0 || sender == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(response.body(), response.body().length, sender));
        } catch (IOException e) {
            LOG.warnf("socket bridge %s: reply to %s failed: %s", binding.name(), sender, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        File file = binding.path().toFile();
        if (file.exists() && !file.delete()) {
            LOG.debugf("socket bridge %s: could not remove %s", binding.name(), file);
        }
    }
}
