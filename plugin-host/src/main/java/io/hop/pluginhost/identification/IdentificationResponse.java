package io.hop.pluginhost.identification;

import java.util.List;

/** The answer of {@code POST /v1/identifications}. */
public record IdentificationResponse(List<Match> matches, List<PluginAnswer> plugins) {

    /** The identification of one network by the lowest-rank plugin that identified it. */
    public record Match(String bssid, String ssid, String pluginId, int pluginRank, int priority, String authMethod,
            String displayName, String fallbackReason) {
    }

    /** How a plugin serving the operator fared in this call. */
    public record PluginAnswer(String pluginId, int rank, String state, String outcome) {
    }
}
