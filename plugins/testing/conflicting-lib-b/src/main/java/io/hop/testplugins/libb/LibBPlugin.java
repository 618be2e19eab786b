package io.hop.testplugins.libb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.hop.plugin.api.AuthMethod;
import io.hop.plugin.api.HotspotPlugin;
import io.hop.plugin.api.Identification;
import io.hop.plugin.api.Network;
import io.hop.plugin.api.PluginOperation;
import io.hop.plugin.api.ScanContext;
import io.hop.testlib.LibVersion;

/**
 * Test plugin bundling version 2 of io.hop.testlib.LibVersion; its twin bundles the other version. Operation
 * {@code version} answers the version its own class loader sees; {@code seen} the operators it was asked about.
 */
public class LibBPlugin implements HotspotPlugin {

    private final Set<String> seenOperators = ConcurrentHashMap.newKeySet();

    @Override
    public List<Identification> identify(ScanContext scan, List<Network> networks) {
        seenOperators.add(scan.operatorId());
        List<Identification> out = new ArrayList<>();
        for (Network n : networks) {
            if (n.ssid().equals("Lib WiFi")) {
                out.add(Identification.of(n.bssid(), n.ssid(), 3, AuthMethod.OPEN, "lib-b " + LibVersion.version()));
            }
        }
        return out;
    }

    @Override
    public Map<String, PluginOperation> operations() {
        return Map.of(
                "version", (operatorId, contentType, body) -> answer(LibVersion.version()),
                "seen", (operatorId, contentType, body) -> answer(String.join(",", new java.util.TreeSet<>(seenOperators))));
    }

    private static CompletableFuture<PluginOperation.OperationResponse> answer(String text) {
        return CompletableFuture.completedFuture(
                new PluginOperation.OperationResponse(200, "text/plain", text.getBytes(StandardCharsets.UTF_8)));
    }
}
