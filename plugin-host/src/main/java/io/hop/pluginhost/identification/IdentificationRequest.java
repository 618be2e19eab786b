package io.hop.pluginhost.identification;

import java.util.List;

/** The body of {@code POST /v1/identifications} (its shape is fixed: see docs/plugins.md). */
public record IdentificationRequest(String operatorId, String deviceId, Boolean cellularAvailable,
        List<NetworkIn> networks) {

    public record NetworkIn(String ssid, String bssid, String security, Integer rssi, AnqpIn anqp) {
    }

    public record AnqpIn(List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis,
            WanMetricsIn wanMetrics) {
    }

    public record WanMetricsIn(String linkStatus, Boolean atCapacity, Long downlinkSpeedKbps, Long uplinkSpeedKbps) {
    }
}
