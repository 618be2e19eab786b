package io.hop.provisioning.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.hop.platform.problem.Violation;

/**
 * The JSON form of the settings: an object with the names of {@code SharingPolicySettings} (e.g. {@code maxUsers}),
 * typed JSON values (booleans, numbers, strings; {@code dedicatedConnections} an array of names or a
 * {@code ;}-separated string). Read into the same {@link SettingsInput} as the XML forms, so one validator applies.
 */
public final class SharingPolicyJson {

    private SharingPolicyJson() {
    }

    /** Reads {@code settings} (the body's {@code settings} object; null or absent = every default). */
    public static SettingsInput read(JsonNode settings, String fieldPrefix) {
        List<SettingsInput.Setting> read = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        if (settings == null || settings.isNull() || settings.isMissingNode()) {
            return new SettingsInput(read, violations, List.of());
        }
        if (!settings.isObject()) {
            violations.add(new Violation(fieldPrefix, "must be an object"));
            return new SettingsInput(read, violations, List.of());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = settings.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String field = fieldPrefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            HotSpotSetting setting = HotSpotSetting.byJsonName(entry.getKey()).orElse(null);
            if (setting == null) {
                violations.add(new Violation(field, "is not a sharing policy setting"));
            } else if (value.isNull()) {
                continue; // null: not configured, the default applies
            } else if (setting == HotSpotSetting.DEDICATED_CONNECTIONS && value.isArray()) {
                List<String> names = new ArrayList<>();
                value.forEach(name -> names.add(name.isTextual() ? name.textValue() : ""));
                if (names.stream().anyMatch(n -> n.isBlank() || n.contains(";"))) {
                    violations.add(new Violation(field, "must be connection names, none empty or holding ';'"));
                } else {
                    read.add(new SettingsInput.Setting(setting, String.join(";", names), field, null));
                }
            } else if (typeMatches(setting.type(), value)) {
                read.add(new SettingsInput.Setting(setting, value.asText(), field, null));
            } else {
                violations.add(new Violation(field, "must be a JSON " + switch (setting.type()) {
                    case BOOLEAN -> "boolean";
                    case INTEGER -> "integer";
                    case STRING -> setting == HotSpotSetting.DEDICATED_CONNECTIONS ? "array of names or string" : "string";
                }));
            }
        }
        return new SettingsInput(read, violations, List.of());
    }

    private static boolean typeMatches(HotSpotSetting.Type type, JsonNode value) {
        return switch (type) {
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
            case STRING -> value.isTextual();
        };
    }
}
