package io.hop.provisioning.policy;

import java.util.List;

import io.hop.platform.problem.Violation;

/**
 * Settings as a document or a JSON body gave them, before validation: the values as text, with what reading the input
 * already found wrong (unknown names, a broken structure) and noticed (warnings), so that validation reports every
 * violated rule at once.
 *
 * @param settings   the settings found, in document order
 * @param violations rules the input's structure violated
 * @param warnings   what the caller should know although it is accepted
 */
public record SettingsInput(List<Setting> settings, List<Violation> violations, List<String> warnings) {

    /**
     * One setting as given.
     *
     * @param setting  which setting
     * @param value    its text (booleans {@code 0}/{@code 1}/{@code true}/{@code false}); never null
     * @param field    where the input gave it, for violations (e.g. {@code MaxUsers} or {@code settings.maxUsers})
     * @param datatype the declared OMA CP {@code datatype}, or null when the form declares none
     */
    public record Setting(HotSpotSetting setting, String value, String field, String datatype) {
    }

    public SettingsInput {
        settings = List.copyOf(settings);
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }
}
