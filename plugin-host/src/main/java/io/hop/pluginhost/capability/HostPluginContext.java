package io.hop.pluginhost.capability;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.hop.plugin.api.HotspotProfile;
import io.hop.plugin.api.KeyValueStore;
import io.hop.plugin.api.Notifier;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginFiles;
import io.hop.plugin.api.PluginHttpClient;
import io.hop.pluginhost.loading.PluginManifest;

/**
 * What the host grants one plugin, and nothing more. Every operator-scoped capability (store, profiles, notifier)
 * refuses operators the plugin does not serve.
 */
public final class HostPluginContext implements PluginContext {

    private final PluginManifest manifest;
    private final PluginHttpClient http;
    private final OutboxNotifier notifier;
    private final Function<String, KeyValueStore> stores;
    private final Map<String, String> config;
    private final Map<String, String> secrets;
    private final PluginFiles files;
    private final Function<String, List<HotspotProfile>> profiles;
    private final UnaryOperator<String> unsealer;
    private final Clock clock;

    public HostPluginContext(PluginManifest manifest, PluginHttpClient http, OutboxNotifier notifier,
            Function<String, KeyValueStore> stores, Map<String, String> config, Map<String, String> secrets,
            PluginFiles files, Function<String, List<HotspotProfile>> profiles, UnaryOperator<String> unsealer,
            Clock clock) {
        this.manifest = manifest;
        this.http = http;
        this.notifier = notifier;
        this.stores = stores;
        this.config = Map.copyOf(config);
        this.secrets = Map.copyOf(secrets);
        this.files = files;
        this.profiles = profiles;
        this.unsealer = unsealer;
        this.clock = clock;
    }

    @Override
    public String pluginId() {
        return manifest.id();
    }

    @Override
    public PluginHttpClient http() {
        return http;
    }

    @Override
    public Notifier notifier() {
        return notifier;
    }

    /** The notifier with the host's extras (causes of notifications). */
    public OutboxNotifier hostNotifier() {
        return notifier;
    }

    @Override
    public KeyValueStore store(String operatorId) {
        requireServed(operatorId);
        return stores.apply(operatorId);
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

    @Override
    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    @Override
    public PluginFiles files() {
        return files;
    }

    @Override
    public List<HotspotProfile> hotspotProfiles(String operatorId) {
        requireServed(operatorId);
        return profiles.apply(operatorId);
    }

    @Override
    public String openSealed(String sealed) {
        return unsealer.apply(sealed);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private void requireServed(String operatorId) {
        if (!manifest.serves(operatorId)) {
            throw new SecurityException("plugin " + manifest.id() + " does not serve operator " + operatorId);
        }
    }

    @Override
    public String toString() {
        return "HostPluginContext[" + manifest.id() + "]"; // never the secrets
    }
}
