package io.hop.usage.ingest;

/** A hotspot as the usage tables name it: SSID and BSSID in one text ({@code <ssid>\u001f<bssid>}). */
public final class HotspotKey {

    private static final char SEPARATOR = '\u001f';

    private HotspotKey() {
    }

    public static String of(String ssid, String bssid) {
        return ssid + SEPARATOR + (bssid == null ? "" : bssid);
    }

    public static String ssid(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    /** The BSSID, or null when the connection named none. */
    public static String bssid(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 || at == key.length() - 1 ? null : key.substring(at + 1);
    }
}
