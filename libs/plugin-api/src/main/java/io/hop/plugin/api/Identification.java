package io.hop.plugin.api;

/**
 * A plugin's claim on a network of a scan.
 *
 * @param bssid       the identified network's BSSID (as in {@link Network#bssid()})
 * @param ssid        its SSID
 * @param priority    lower = try first
 * @param authMethod  how to authenticate there
 * @param displayMask the name to show the user instead of the SSID, or null
 * @param fallbackOnly whether the network should be used only while cellular is unavailable
 */
public record Identification(String bssid, String ssid, int priority, AuthMethod authMethod, String displayMask,
        boolean fallbackOnly) {

    public Identification {
        if (authMethod == null) {
            throw new IllegalArgumentException("authMethod is required");
        }
    }
}
