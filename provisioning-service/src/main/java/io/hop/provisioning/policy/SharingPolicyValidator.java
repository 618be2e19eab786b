package io.hop.provisioning.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

/**
 * The rules of the HotSpot settings (system.md, "Internet sharing and entitlement": names, ranges and defaults as the
 * operator documents fix them). Every violated rule is reported at once, together with those found while reading the
 * input; a valid input gives the settings with defaults applied, and the warnings the caller must see.
 */
public final class SharingPolicyValidator {

    public static final int DEFAULT_ENTITLEMENT_INTERVAL = 86_400;
    public static final int DEFAULT_MAX_USERS = 5;
    public static final int DEFAULT_MAX_BLUETOOTH_USERS = 7;
    public static final int DEFAULT_PEERLESS_TIMEOUT = 5;
    public static final int DEFAULT_PUBLIC_CONNECTION_TIMEOUT = 20;

    static final String NO_PROVIDER_WARNING = "EntitlementRequired is set but no entitlement provider (EntitlementDll) "
            + "is configured: every entitlement check for this policy will fail, and sharing cannot be turned on";
    static final String MIN_WIFI_KEY_LENGTH_WARNING = "MinWifiKeyLength is no longer supported and is ignored: "
            + "the enforced minimum Wi-Fi key length is 8";
    static final String MIN_WIFI_SSID_LENGTH_WARNING = "MinWifiSSIDLength is no longer supported and is ignored: "
            + "the enforced minimum SSID length is 1";

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern APP_LINK = Pattern.compile(
            "app://[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern HELP_MESSAGE = Pattern.compile("@[^,\\s]+,-\\d+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9*#][0-9*# ()-]{0,31}");
    /** A link with a scheme must be HTTP(S); the operator documents' own sample has none ("contoso.com/help"). */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** The result of a valid input. */
    public record Validated(SharingPolicySettings settings, List<String> warnings) {

        public Validated {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Validates {@code input}.
     *
     * @throws ValidationProblem with every violated rule (of the input's reading and of the settings)
     */
    public Validated validate(SettingsInput input) {
        List<Violation> violations = new ArrayList<>(input.violations());
        List<String> warnings = new ArrayList<>(input.warnings());
        Map<HotSpotSetting, SettingsInput.Setting> given = new EnumMap<>(HotSpotSetting.class);
        for (SettingsInput.Setting setting : input.settings()) {
            if (given.putIfAbsent(setting.setting(), setting) != null) {
                violations.add(new Violation(setting.field(), "is given more than once"));
            }
        }
        Reader read = new Reader(given, violations);

        boolean enabled = read.bool(HotSpotSetting.ENABLED, false);
        boolean entitlementRequired = read.bool(HotSpotSetting.ENTITLEMENT_REQUIRED, true);
        String provider = read.string(HotSpotSetting.ENTITLEMENT_DLL);
        int interval = read.integer(HotSpotSetting.ENTITLEMENT_INTERVAL, 0, 604_800, DEFAULT_ENTITLEMENT_INTERVAL);
        int maxUsers = read.integer(HotSpotSetting.MAX_USERS, 1, 8, DEFAULT_MAX_USERS);
        int maxBluetoothUsers = read.integer(HotSpotSetting.MAX_BLUETOOTH_USERS, 1, 7, DEFAULT_MAX_BLUETOOTH_USERS);
        int peerlessTimeout = read.integer(HotSpotSetting.PEERLESS_TIMEOUT, 1, 120, DEFAULT_PEERLESS_TIMEOUT);
        int publicConnectionTimeout = read.integer(HotSpotSetting.PUBLIC_CONNECTION_TIMEOUT, 1, 60,
                DEFAULT_PUBLIC_CONNECTION_TIMEOUT);
        String helpNumber = read.string(HotSpotSetting.MO_HELP_NUMBER);
        String infoLink = read.string(HotSpotSetting.MO_INFO_LINK);
        String appLink = read.string(HotSpotSetting.MO_APP_LINK);
        String helpMessage = read.string(HotSpotSetting.MO_HELP_MESSAGE);
        String dedicated = read.string(HotSpotSetting.DEDICATED_CONNECTIONS);
        String tetheringNai = read.string(HotSpotSetting.TETHERING_NAI_CONNECTION);

        if (helpNumber != null && !PHONE_NUMBER.matcher(helpNumber).matches()) {
            read.violated(HotSpotSetting.MO_HELP_NUMBER,
                    "must be a phone number (digits, optionally a leading '+', spaces, '-', '(', ')', '*', '#'; at most 32)");
        }
        if (infoLink != null && (infoLink.chars().anyMatch(Character::isWhitespace) || hasNonHttpScheme(infoLink))) {
            read.violated(HotSpotSetting.MO_INFO_LINK, "must be an HTTP link (http://, https:// or a host and path, no spaces)");
        }
        if (appLink != null && !APP_LINK.matcher(appLink).matches()) {
            read.violated(HotSpotSetting.MO_APP_LINK, "must have the form app://<GUID>, e.g. app://12345678-9012-3456-7890-123456789012");
        }
        if (helpMessage != null) {
            if (!HELP_MESSAGE.matcher(helpMessage).matches()) {
                read.violated(HotSpotSetting.MO_HELP_MESSAGE, "must have the form @<res_dll>,-<str_id>, e.g. @HotSpotMOHelp.dll,-101");
            }
            if (appLink == null) {
                read.violated(HotSpotSetting.MO_HELP_MESSAGE, "requires MOAppLink");
            }
        }
        List<String> dedicatedConnections = List.of();
        if (dedicated != null) {
            dedicatedConnections = splitConnections(dedicated);
            if (dedicatedConnections.stream().anyMatch(String::isEmpty)) {
                read.violated(HotSpotSetting.DEDICATED_CONNECTIONS,
                        "must be connection names separated by ';', none of them empty");
            }
        }
        if (given.containsKey(HotSpotSetting.MIN_WIFI_KEY_LENGTH)) {
            warnings.add(MIN_WIFI_KEY_LENGTH_WARNING);
        }
        if (given.containsKey(HotSpotSetting.MIN_WIFI_SSID_LENGTH)) {
            warnings.add(MIN_WIFI_SSID_LENGTH_WARNING);
        }
        if (!violations.isEmpty()) {
            throw new ValidationProblem(violations);
        }
        SharingPolicySettings settings = new SharingPolicySettings(enabled, entitlementRequired, provider, interval,
                maxUsers, maxBluetoothUsers, peerlessTimeout, publicConnectionTimeout, helpNumber, infoLink, appLink,
                helpMessage, dedicatedConnections, tetheringNai);
        warnings.addAll(warningsOf(settings));
        return new Validated(settings, warnings);
    }

    /** The warnings that valid stored settings always carry (those of the settings, not of the input). */
    public static List<String> warningsOf(SharingPolicySettings settings) {
        return settings.entitlementRequired() && settings.entitlementProvider() == null
                ? List.of(NO_PROVIDER_WARNING) : List.of();
    }

    /** {@code DedicatedConnections} split on {@code ;}, each name trimmed. */
    static List<String> splitConnections(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(";", -1)) {
            names.add(name.trim());
        }
        return names;
    }

    private static boolean hasNonHttpScheme(String link) {
        if (!SCHEME.matcher(link).find()) {
            return false;
        }
        String lower = link.toLowerCase(Locale.ROOT);
        // "host:port/path" also looks like a scheme: a digit after the colon is a port, not a scheme.
        boolean port = link.matches("^[A-Za-z0-9.-]+:\\d+(/.*)?$");
        return !port && !lower.startsWith("http://") && !lower.startsWith("https://");
    }

    /** Reads typed values, adding a violation for each value that is not of its setting's type or range. */
    private static final class Reader {

        private final Map<HotSpotSetting, SettingsInput.Setting> given;
        private final List<Violation> violations;

        Reader(Map<HotSpotSetting, SettingsInput.Setting> given, List<Violation> violations) {
            this.given = given;
            this.violations = violations;
        }

        void violated(HotSpotSetting setting, String message) {
            violations.add(new Violation(given.get(setting).field(), message));
        }

        boolean bool(HotSpotSetting setting, boolean defaultValue) {
            SettingsInput.Setting value = given.get(setting);
            if (value == null || !datatypeMatches(value)) {
                return defaultValue;
            }
            switch (value.value().trim().toLowerCase(Locale.ROOT)) {
                case "1", "true":
                    return true;
                case "0", "false":
                    return false;
                default:
                    violations.add(new Violation(value.field(), "must be a boolean: 0, 1, true or false"));
                    return defaultValue;
            }
        }

        int integer(HotSpotSetting setting, int min, int max, int defaultValue) {
            SettingsInput.Setting value = given.get(setting);
            if (value == null || !datatypeMatches(value)) {
                return defaultValue;
            }
            String text = value.value().trim();
            if (!INTEGER.matcher(text).matches()) {
                violations.add(new Violation(value.field(), "must be an integer between " + min + " and " + max));
                return defaultValue;
            }
            long number = Long.parseLong(text);
            if (number < min || number > max) {
                violations.add(new Violation(value.field(), "must be between " + min + " and " + max + ", not " + number));
                return defaultValue;
            }
            return (int) number;
        }

        /** The value, or null when absent or empty (an empty value configures nothing). */
        String string(HotSpotSetting setting) {
            SettingsInput.Setting value = given.get(setting);
            if (value == null || !datatypeMatches(value) || value.value().isEmpty()) {
                return null;
            }
            return value.value();
        }

        private boolean datatypeMatches(SettingsInput.Setting value) {
            String declared = value.datatype();
            if (declared == null || declared.equals(value.setting().type().datatype())) {
                return true;
            }
            violations.add(new Violation(value.field(), "has datatype '" + declared + "' but " + value.setting().xmlName()
                    + " is " + value.setting().type().datatype()));
            return false;
        }
    }
}
