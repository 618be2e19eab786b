package io.hop.contracts.plugin;

import io.hop.contracts.EventType;

/** Events on {@code plugin.requests.v1} and {@code plugin.results.v1}, keyed by connection id. */
public final class PluginEvents {

    public static final EventType<PluginActionRequested> ACTION_REQUESTED =
            EventType.of("plugin.action-requested.v1", PluginActionRequested.class);

    public static final EventType<PluginActionCompleted> ACTION_COMPLETED =
            EventType.of("plugin.action-completed.v1", PluginActionCompleted.class);

    private PluginEvents() {
    }
}
