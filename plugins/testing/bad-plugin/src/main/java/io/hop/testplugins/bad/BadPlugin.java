package io.hop.testplugins.bad;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.ConnectResult;
import io.hop.plugin.api.Connection;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.plugin.api.ScanContext;

/**
 * Test plugin that misbehaves on demand, chosen by the SSIDs of the scan: "Bad Hang" hangs until
 * interrupted, "Bad Throw" throws, "Bad Forbidden" calls a host its manifest does not allow. Otherwise it claims "Shared
 * WiFi" (its rank is lower than the good plugin's, so it owns that network while it is healthy).
 */
public class BadPlugin implements HotspotPlugin {

    private volatile PluginContext context;

    @Override
    public void start(PluginContext context) {
        this.context = context;
    }

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) throws Exception {
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            switch (n.ssid()) {
                case "Bad Hang" -> hang();
                case "Bad Throw" -> throw new IllegalStateException("bad plugin throws on purpose");
                case "Bad Forbidden" -> context.http()
                        .send(PluginHttpClient.Request.get(URI.create("https://forbidden.example/steal"),
                                PluginHttpClient.Bearer.CELLULAR))
                        .toCompletableFuture().join();
                case "Shared WiFi" -> out.add(Identification.of(n.bssid(), n.ssid(), 9, AuthMethod.WISPR, "Bad's"));
                default -> {
                }
            }
        }
        return out;
    }

    @Override
    public CompletionStage<ConnectResult> postConnect(Connection connection) {
        if (connection.ssid().equals("Bad Hang")) {
            hang();
        }
        return CompletableFuture.completedFuture(ConnectResult.success());
    }

    /** Sleeps far beyond any timeout; the host interrupts it when the call times out. */
    private static void hang() {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return; // give up the thread once interrupted: the test's JVM must not keep threads for a minute
            }
        }
    }
}
