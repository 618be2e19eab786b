package io.hop.offload.profile;

/**
 * A device's connection profile for a network.
 *
 * @param hotspot    whether a plugin owns the network (a hotspot network)
 * @param pluginId   the owning plugin, or null for plain Wi-Fi
 * @param authMethod the plugin's auth method, or null
 * @param priority   the effective priority at the last scan (lower = first), or null
 * @param blocked    whether applications are blocked from the network (until a connection is authorized)
 */
public record Profile(String ssid, String bssid, boolean hotspot, String pluginId, String authMethod,
        String displayName, Integer priority, boolean blocked) {
}
