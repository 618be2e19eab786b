package io.hop.pluginhost.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.plugin-host.*}: where the plugins are, and the deployment's settings of each. */
@ConfigMapping(prefix = "hop.plugin-host")
public interface PluginHostConfig {

    /** The plugins directory: one JAR, or one folder (JARs + data files), per plugin. */
    @WithDefault("target/plugins")
    String pluginsDir();

    /** Ids of the plugins that ship with the platform ({@code builtIn} in {@code GET /v1/plugins}). */
    @WithDefault("provisioned-hotspots,wispr,eap-aka")
    Set<String> builtInPlugins();

    /**
     * A request of {@code plugin.requests.v1} older than this (by its {@code requestedAt}) is skipped: its plugin is
     * not called and no result is published (metric {@code hop.plugin-host.requests.expired}). offload-service has
     * given up on it (it waits at most {@code hop.offload.post-connect-timeout}, 5 minutes by default), and a host
     * catching up on a backlog, after an outage or as a new deployment reading the topic from its start, would
     * otherwise run every stale pre- and post-connect again, one transaction after another.
     */
    @WithDefault("PT10M")
    Duration requestMaxAge();

    /** Per plugin id: {@code hop.plugin-host.plugins."<id>".*}. */
    Map<String, PluginSettings> plugins();

    /** The deployment's settings of one plugin. */
    interface PluginSettings {

        /** Overrides of the manifest's {@code config.*} settings. */
        Map<String, String> config();

        /** The plugin's secrets ({@code PluginContext.secret(name)}); never in a manifest. */
        Map<String, String> secrets();

        /** Replaces the manifest's operators. */
        Optional<Set<String>> operators();

        /**
         * Replaces the manifest's allowed hosts ({@code host} or {@code host:port}, comma-separated): the deployment
         * widens or narrows what the plugin's HTTP capability reaches, e.g. an operator's credentials API for wispr.
         */
        Optional<List<String>> allowedHosts();

        /** Replaces the manifest's rank. */
        OptionalInt rank();

        /** false: the plugin is not loaded. */
        @WithDefault("true")
        boolean enabled();
    }
}
