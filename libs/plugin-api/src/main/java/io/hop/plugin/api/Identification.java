package io.hop.plugin.api;

/**
 * A plugin's claim on a network of a scan. The first plugin in rank order that identifies a network owns it.
 *
 * @param bssid          the identified network's BSSID (as in {@link Network#bssid()})
 * @param ssid           its SSID
 * @param priority       lower = try first
 * @param authMethod     how to authenticate there
 * @param displayMask    the name to show the user instead of the SSID, or null
 * @param fallbackReason null when the network may be offered whatever the cellular state; otherwise why it may be
 *                       offered only while cellular is unavailable, e.g. {@link #FALLBACK_ONLY_PROFILE},
 *                       {@link #WAN_LINK_DOWN}, {@link #WAN_AT_CAPACITY}
 */
public record Identification(String bssid, String ssid, int priority, AuthMethod authMethod, String displayMask,
        String fallbackReason) {

    /** The operator marked the hotspot less preferred than cellular. */
    public static final String FALLBACK_ONLY_PROFILE = "FALLBACK_ONLY_PROFILE";
    /** The access point's WAN metrics say its link is down. */
    public static final String WAN_LINK_DOWN = "WAN_LINK_DOWN";
    /** The access point's WAN metrics say its link is at capacity. */
    public static final String WAN_AT_CAPACITY = "WAN_AT_CAPACITY";

    public Identification {
        if (authMethod == null) {
            throw new IllegalArgumentException("authMethod is required");
        }
    }

    /** A network offered whatever the cellular state. */
    public static Identification of(String bssid, String ssid, int priority, AuthMethod authMethod,
            String displayMask) {
        return new Identification(bssid, ssid, priority, authMethod, displayMask, null);
    }

    /** Whether the network may be offered only while cellular is unavailable. */
    public boolean fallbackOnly() {
        return fallbackReason != null;
    }
}
