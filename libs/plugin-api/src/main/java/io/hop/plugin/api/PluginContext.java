package io.hop.plugin.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What plugin-host grants a plugin. There is no other way out: no database, no Kafka, no unrestricted network. */
public interface PluginContext {

    /** The plugin's id, from its manifest. */
    String pluginId();

    /** An HTTP client limited to the hosts the manifest allows. */
    PluginHttpClient http();

    /** Sends SMS or push messages to a device's user (published on {@code notifications.v1}). */
    Notifier notifier();

    /** A small persistent key-value store, scoped to this plugin and to one operator it serves. */
    KeyValueStore store(String operatorId);

    /** The plugin's configuration: settings from its manifest, overridden by the deployment's configuration. */
    Map<String, String> config();

    /** A secret the deployment gives the plugin (never in the manifest, never logged). */
    Optional<String> secret(String name);

    /** The files shipped beside the plugin's JAR (SSID lists, encrypted credentials), read-only. */
    PluginFiles files();

    /**
     * The hotspot profiles of an operator the plugin serves, as provisioning-service published them (the host keeps
     * them from {@code provisioning.changes.v1}); empty when the host has none. Asking for an operator the plugin does
     * not serve throws {@link SecurityException}.
     */
    default List<HotspotProfile> hotspotProfiles(String operatorId) {
        return List.of();
    }

    /**
     * Opens a value the platform sealed for storage (e.g. {@link HotspotProfile.Wispr#sealedPassword()}). Throws
     * {@link IllegalArgumentException} when it was not sealed with the platform's key or was changed.
     */
    default String openSealed(String sealed) {
        throw new UnsupportedOperationException("this host cannot open sealed values");
    }

    /** The host's clock; tests move it. */
    default Clock clock() {
        return Clock.systemUTC();
    }
}
