package io.hop.offload.scan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** plugin-host's identification and plugin list, as exchanged over HTTP. */
public final class PluginHostDtos {

    private PluginHostDtos() {
    }

    /** A visible network of a scan, passed on to the plugin hosts as the device reported it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Network(String ssid, String bssid, String security, Integer rssi, Anqp anqp) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Anqp(List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis,
            WanMetrics wanMetrics) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WanMetrics(String linkStatus, Boolean atCapacity, Long downlinkSpeedKbps, Long uplinkSpeedKbps) {
    }

    public record IdentificationRequest(String operatorId, String deviceId, boolean cellularAvailable,
            List<Network> networks) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdentificationResponse(List<Match> matches, List<PluginStatus> plugins) {

        public List<Match> matches() {
            return matches == null ? List.of() : matches;
        }

        public List<PluginStatus> plugins() {
            return plugins == null ? List.of() : plugins;
        }
    }

    /** A plugin's identification of one network (the lowest-rank plugin of its host that identified it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Match(String bssid, String ssid, String pluginId, int pluginRank, int priority, String authMethod,
            String displayName, String fallbackReason) {
    }

    /** A plugin of the host serving the operator: its state and this call's outcome. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PluginStatus(String pluginId, int rank, String state, String outcome) {
    }

    /** An entry of {@code GET /v1/plugins}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PluginInfo(String pluginId, String version, int rank, List<String> operators, String state) {

        public List<String> operators() {
            return operators == null ? List.of() : operators;
        }
    }
}
