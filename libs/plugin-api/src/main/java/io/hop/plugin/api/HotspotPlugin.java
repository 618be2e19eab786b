package io.hop.plugin.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A hotspot plugin: it recognizes its operator's hotspot networks in a scan, and does the work of connecting to
 * them (pre-connect, post-connect such as a WISPr login, credential generation). plugin-host finds implementations
 * with {@link java.util.ServiceLoader} in the plugin's JAR, loads each plugin in its own class loader, and calls it
 * only on the plugin's own bounded executor with a timeout per call; a plugin that throws, hangs or times out
 * repeatedly is quarantined.
 *
 * <p>A plugin serves the operators its manifest names, and every call carries the operator it is made for; the
 * host never calls a plugin for another operator. Implementations must be thread-safe.
 */
public interface HotspotPlugin {

    /** Called once before any other call, with the capabilities the host grants. */
    default void start(PluginContext context) throws Exception {
    }

    /** Called once when the host unloads the plugin; release what {@link #start} acquired. */
    default void stop() {
    }

    /**
     * Recognizes networks of a scan.
     *
     * @param scan     the operator, device and cellular state of the scan
     * @param networks the visible networks
     * @return one identification per network the plugin recognizes (networks it does not recognize are left out)
     */
    List<Identification> identify(ScanContext scan, List<Network> networks) throws Exception;

    /** Work before the device associates with the network (e.g. fetch a one-time token). */
    default CompletionStage<ConnectResult> preConnect(Connection connection) {
        return CompletableFuture.completedFuture(ConnectResult.success());
    }

    /** Work after the device associated (e.g. the WISPr login); success unblocks the network for applications. */
    default CompletionStage<ConnectResult> postConnect(Connection connection) {
        return CompletableFuture.completedFuture(ConnectResult.success());
    }

    /** Credentials for a network whose profile has none of its own (one of the four {@link CredentialsOutcome}s). */
    default CompletionStage<CredentialsOutcome> generateCredentials(Connection connection) {
        return CompletableFuture.completedFuture(new CredentialsOutcome.CancelAuthentication("no credentials needed"));
    }

    /** Forgets the plugin's state for a connection (after a post-connect timeout, before a reconnect). */
    default void reset(Connection connection) {
    }

    /**
     * Named operations the plugin serves beyond the connection flow, e.g. {@code vectors} of an EAP-AKA back end.
     * plugin-host exposes each as {@code POST /v1/plugins/<pluginId>/<name>} for operator tokens of the operators the
     * plugin serves.
     */
    default Map<String, PluginOperation> operations() {
        return Map.of();
    }
}
