package io.hop.plugins.eapaka;

import io.hop.plugin.api.KeyValueStore;
import io.hop.plugin.api.Notifier;
import io.hop.plugin.api.PluginContext;
import io.hop.plugin.api.PluginFiles;
import io.hop.plugin.api.PluginHttpClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The capabilities plugin-host would grant, in memory: one store per operator, settings and secrets given. */
public final class TestContext implements PluginContext {

    public final Map<String, MemoryStore> stores = new ConcurrentHashMap<>();
    private final Map<String, String> config;
    private final Map<String, String> secrets;

    public TestContext(Map<String, String> config, Map<String, String> secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    @Override
    public String pluginId() {
        return "eap-aka";
    }

    @Override
    public PluginHttpClient http() {
        throw new UnsupportedOperationException("eap-aka calls no host");
    }

    @Override
    public Notifier notifier() {
        throw new UnsupportedOperationException("eap-aka notifies no one");
    }

    @Override
    public KeyValueStore store(String operatorId) {
        return stores.computeIfAbsent(operatorId, op -> new MemoryStore());
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
        return name -> Optional.empty();
    }
}
