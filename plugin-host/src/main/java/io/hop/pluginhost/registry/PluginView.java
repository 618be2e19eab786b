package io.hop.pluginhost.registry;

import java.time.Instant;
import java.util.List;

import io.hop.pluginhost.runtime.PluginHealth;
import io.hop.pluginhost.runtime.PluginRuntime;

/** One plugin in {@code GET /v1/plugins}. */
public record PluginView(String pluginId, String version, int rank, List<String> operators, String state,
        int failures, Instant quarantinedUntil, String lastError, boolean builtIn) {

    public static PluginView of(PluginRuntime p) {
        PluginHealth.Snapshot h = p.health().snapshot();
        return new PluginView(p.id(), p.manifest().version(), p.manifest().rank(),
                p.manifest().operators().stream().sorted().toList(), h.state().name(), h.failures(),
                h.quarantinedUntil(), h.lastError(), p.builtIn());
    }
}
