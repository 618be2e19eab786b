package io.hop.provisioning.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of the HotSpot CSP, by the names the operator documents use in both XML forms ({@link #xmlName}) and
 * by the names of the JSON API ({@link #jsonName}, those of {@code SharingPolicySettings}).
 */
public enum HotSpotSetting {

    ENABLED("Enabled", "enabled", Type.BOOLEAN),
    ENTITLEMENT_REQUIRED("EntitlementRequired", "entitlementRequired", Type.BOOLEAN),
    ENTITLEMENT_DLL("EntitlementDll", "entitlementProvider", Type.STRING),
    ENTITLEMENT_INTERVAL("EntitlementInterval", "entitlementInterval", Type.INTEGER),
    MAX_USERS("MaxUsers", "maxUsers", Type.INTEGER),
    MAX_BLUETOOTH_USERS("MaxBluetoothUsers", "maxBluetoothUsers", Type.INTEGER),
    PEERLESS_TIMEOUT("PeerlessTimeout", "peerlessTimeout", Type.INTEGER),
    PUBLIC_CONNECTION_TIMEOUT("PublicConnectionTimeout", "publicConnectionTimeout", Type.INTEGER),
    MO_HELP_NUMBER("MOHelpNumber", "moHelpNumber", Type.STRING),
    MO_INFO_LINK("MOInfoLink", "moInfoLink", Type.STRING),
    MO_APP_LINK("MOAppLink", "moAppLink", Type.STRING),
    MO_HELP_MESSAGE("MOHelpMessage", "moHelpMessage", Type.STRING),
    DEDICATED_CONNECTIONS("DedicatedConnections", "dedicatedConnections", Type.STRING),
    TETHERING_NAI_CONNECTION("TetheringNAIConnection", "tetheringNaiConnection", Type.STRING),
    /** No longer supported: accepted with a warning, not stored (the enforced minimum key length is 8). */
    MIN_WIFI_KEY_LENGTH("MinWifiKeyLength", "minWifiKeyLength", Type.INTEGER),
    /** No longer supported: accepted with a warning, not stored (the enforced minimum SSID length is 1). */
    MIN_WIFI_SSID_LENGTH("MinWifiSSIDLength", "minWifiSsidLength", Type.INTEGER);

    /** A setting's value type; its name is the OMA CP {@code datatype}. */
    public enum Type {
        BOOLEAN, INTEGER, STRING;

        public String datatype() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Map<String, HotSpotSetting> BY_XML_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(HotSpotSetting::xmlName, Function.identity()));
    private static final Map<String, HotSpotSetting> BY_JSON_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(HotSpotSetting::jsonName, Function.identity()));

    private final String xmlName;
    private final String jsonName;
    private final Type type;

    HotSpotSetting(String xmlName, String jsonName, Type type) {
        this.xmlName = xmlName;
        this.jsonName = jsonName;
        this.type = type;
    }

    public String xmlName() {
        return xmlName;
    }

    public String jsonName() {
        return jsonName;
    }

    public Type type() {
        return type;
    }

    public static Optional<HotSpotSetting> byXmlName(String name) {
        return Optional.ofNullable(BY_XML_NAME.get(name));
    }

    public static Optional<HotSpotSetting> byJsonName(String name) {
        return Optional.ofNullable(BY_JSON_NAME.get(name));
    }
}
