package io.hop.plugin.api;

import java.util.List;

/**
 * A network the device sees.
 *
 * @param ssid     the SSID
 * @param bssid    the access point, lower-case {@code aa:bb:cc:dd:ee:ff}
 * @param security e.g. {@code OPEN}, {@code WPA2-PSK}, {@code WPA2-EAP}, {@code WPA3-SAE}
 * @param rssi     signal strength in dBm
 * @param anqp     Passpoint / ANQP data the device fetched, or null
 */
public record Network(String ssid, String bssid, String security, int rssi, Anqp anqp) {

    /**
     * ANQP elements of a Passpoint access point.
     *
     * @param naiRealms            NAI realms
     * @param plmnIds              3GPP PLMN ids (MCC+MNC)
     * @param roamingConsortiumOis roaming-consortium OIs, upper-case hex
     * @param wanMetrics           the access point's WAN metrics, or null
     */
    public record Anqp(List<String> naiRealms, List<String> plmnIds, List<String> roamingConsortiumOis,
            WanMetrics wanMetrics) {

        public Anqp {
            naiRealms = naiRealms == null ? List.of() : List.copyOf(naiRealms);
            plmnIds = plmnIds == null ? List.of() : List.copyOf(plmnIds);
            roamingConsortiumOis = roamingConsortiumOis == null ? List.of() : List.copyOf(roamingConsortiumOis);
        }
    }

    /**
     * Hotspot 2.0 WAN metrics.
     *
     * @param linkStatus         {@code UP}, {@code DOWN} or {@code TEST}
     * @param atCapacity         whether the WAN link is at capacity
     * @param downlinkSpeedKbps  downlink speed
     * @param uplinkSpeedKbps    uplink speed
     */
    public record WanMetrics(String linkStatus, boolean atCapacity, long downlinkSpeedKbps, long uplinkSpeedKbps) {
    }
}
