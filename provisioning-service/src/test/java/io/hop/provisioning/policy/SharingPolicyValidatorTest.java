package io.hop.provisioning.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class SharingPolicyValidatorTest {

    private final SharingPolicyValidator validator = new SharingPolicyValidator();

    @Test
    void anEmptyInputGetsEveryDefaultOfTheOperatorDocuments() {
        SharingPolicySettings settings = validate().settings();

        assertEquals(new SharingPolicySettings(false, true, null, 86_400, 5, 7, 5, 20, null, null, null, null, List.of(),
                null), settings);
    }

    @ParameterizedTest
    @CsvSource({ "1,true", "0,false", "true,true", "false,false", "TRUE,true", "False,false" })
    void booleansAreZeroOneTrueOrFalse(String text, boolean expected) {
        assertEquals(expected, validate(set(HotSpotSetting.ENABLED, text)).settings().enabled());
    }

    @Test
    void aBooleanThatIsNeitherIsRejected() {
        assertViolations(List.of(set(HotSpotSetting.ENABLED, "yes")), "Enabled");
    }

    @ParameterizedTest
    @CsvSource({
            "EntitlementInterval,0,true", "EntitlementInterval,604800,true", "EntitlementInterval,604801,false",
            "EntitlementInterval,-1,false",
            "MaxUsers,1,true", "MaxUsers,8,true", "MaxUsers,0,false", "MaxUsers,9,false",
            "MaxBluetoothUsers,1,true", "MaxBluetoothUsers,7,true", "MaxBluetoothUsers,0,false", "MaxBluetoothUsers,8,false",
            "PeerlessTimeout,1,true", "PeerlessTimeout,120,true", "PeerlessTimeout,0,false", "PeerlessTimeout,121,false",
            "PublicConnectionTimeout,1,true", "PublicConnectionTimeout,60,true", "PublicConnectionTimeout,0,false",
            "PublicConnectionTimeout,61,false",
            "MaxUsers,five,false", "MaxUsers,99999999999,false" })
    void integerSettingsHoldToTheirRanges(String name, String value, boolean valid) {
        SettingsInput.Setting setting = set(HotSpotSetting.byXmlName(name).orElseThrow(), value);
        if (valid) {
            validate(setting);
        } else {
            assertViolations(List.of(setting), name);
        }
    }

    @Test
    void moHelpMessageMustBeALocalizedStringReferenceAndNeedsMoAppLink() {
        assertViolations(List.of(set(HotSpotSetting.MO_HELP_MESSAGE, "Call us")), "MOHelpMessage", "MOHelpMessage");
        assertViolations(List.of(set(HotSpotSetting.MO_HELP_MESSAGE, "@HotSpotMOHelp.dll,-101")), "MOHelpMessage");

        SharingPolicySettings settings = validate(set(HotSpotSetting.MO_HELP_MESSAGE, "@HotSpotMOHelp.dll,-101"),
                set(HotSpotSetting.MO_APP_LINK, "app://12345678-9012-3456-7890-123456789012")).settings();
        assertEquals("@HotSpotMOHelp.dll,-101", settings.moHelpMessage());
    }

    @Test
    void moAppLinkMustBeAnAppLinkToAGuid() {
        assertViolations(List.of(set(HotSpotSetting.MO_APP_LINK, "https://contoso.com/app")), "MOAppLink");
        assertViolations(List.of(set(HotSpotSetting.MO_APP_LINK, "app://not-a-guid")), "MOAppLink");
    }

    @Test
    void moInfoLinkMayOmitItsSchemeAsTheOperatorSampleDoesButIsAnHttpLink() {
        assertEquals("contoso.com/help", validate(set(HotSpotSetting.MO_INFO_LINK, "contoso.com/help")).settings().moInfoLink());
        validate(set(HotSpotSetting.MO_INFO_LINK, "https://contoso.com/help"));
        assertViolations(List.of(set(HotSpotSetting.MO_INFO_LINK, "javascript:alert(1)")), "MOInfoLink");
        assertViolations(List.of(set(HotSpotSetting.MO_INFO_LINK, "contoso.com/a help")), "MOInfoLink");
    }

    @Test
    void dedicatedConnectionsAreSplitOnSemicolons() {
        assertEquals(List.of("zzzConn1 $(__MVID)", "zzzConn2 $(__MVID)"),
                validate(set(HotSpotSetting.DEDICATED_CONNECTIONS, "zzzConn1 $(__MVID); zzzConn2 $(__MVID)"))
                        .settings().dedicatedConnections());
        assertViolations(List.of(set(HotSpotSetting.DEDICATED_CONNECTIONS, "a;;b")), "DedicatedConnections");
    }

    @Test
    void entitlementRequiredWithoutProviderIsAcceptedWithAWarningThatEveryCheckFails() {
        SharingPolicyValidator.Validated validated = validate(set(HotSpotSetting.ENTITLEMENT_REQUIRED, "1"));

        assertTrue(validated.settings().entitlementRequired());
        assertEquals(1, validated.warnings().size(), validated.warnings().toString());
        assertTrue(validated.warnings().get(0).contains("every entitlement check for this policy will fail"));
        assertEquals(List.of(), validate(set(HotSpotSetting.ENTITLEMENT_REQUIRED, "1"),
                set(HotSpotSetting.ENTITLEMENT_DLL, "MOEntitlement.dll")).warnings());
        assertEquals(List.of(), validate(set(HotSpotSetting.ENTITLEMENT_REQUIRED, "0")).warnings());
    }

    @Test
    void minWifiLengthsAreAcceptedWithAWarningThatTheyAreNoLongerSupported() {
        SharingPolicyValidator.Validated validated = validate(set(HotSpotSetting.ENTITLEMENT_REQUIRED, "0"),
                set(HotSpotSetting.MIN_WIFI_KEY_LENGTH, "4"), set(HotSpotSetting.MIN_WIFI_SSID_LENGTH, "0"));

        assertEquals(2, validated.warnings().size(), validated.warnings().toString());
        assertTrue(validated.warnings().get(0).contains("MinWifiKeyLength is no longer supported"));
        assertTrue(validated.warnings().get(0).contains("minimum Wi-Fi key length is 8"));
        assertTrue(validated.warnings().get(1).contains("MinWifiSSIDLength is no longer supported"));
        assertTrue(validated.warnings().get(1).contains("minimum SSID length is 1"));
    }

    @Test
    void everyViolatedRuleIsReportedAtOnceWithThoseOfTheInput() {
        List<SettingsInput.Setting> settings = List.of(set(HotSpotSetting.MAX_USERS, "0"),
                set(HotSpotSetting.MAX_BLUETOOTH_USERS, "8"), set(HotSpotSetting.PEERLESS_TIMEOUT, "0"),
                set(HotSpotSetting.PUBLIC_CONNECTION_TIMEOUT, "0"), set(HotSpotSetting.ENTITLEMENT_INTERVAL, "604801"),
                set(HotSpotSetting.MO_APP_LINK, "app://x"), set(HotSpotSetting.MO_HELP_MESSAGE, "nope"));
        SettingsInput input = new SettingsInput(settings, List.of(new Violation("Bogus", "is not a HotSpot setting")),
                List.of());

        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> validator.validate(input));

        assertEquals(Set.of("Bogus", "MaxUsers", "MaxBluetoothUsers", "PeerlessTimeout", "PublicConnectionTimeout",
                "EntitlementInterval", "MOAppLink", "MOHelpMessage"),
                Set.copyOf(problem.violations().stream().map(Violation::field).toList()));
        assertEquals(8, problem.violations().size(), problem.violations().toString());
    }

    @Test
    void aSettingGivenTwiceIsRejected() {
        assertViolations(List.of(set(HotSpotSetting.MAX_USERS, "3"), set(HotSpotSetting.MAX_USERS, "4")), "MaxUsers");
    }

    @Test
    void aDeclaredDatatypeMustBeTheSettingsType() {
        SettingsInput.Setting wrong = new SettingsInput.Setting(HotSpotSetting.MAX_USERS, "5", "MaxUsers", "string");
        assertViolations(List.of(wrong), "MaxUsers");
        validate(new SettingsInput.Setting(HotSpotSetting.MAX_USERS, "5", "MaxUsers", "integer"));
    }

    private SharingPolicyValidator.Validated validate(SettingsInput.Setting... settings) {
        return validator.validate(new SettingsInput(List.of(settings), List.of(), List.of()));
    }

    private void assertViolations(List<SettingsInput.Setting> settings, String... fields) {
        SettingsInput input = new SettingsInput(settings, List.of(), List.of());
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> validator.validate(input));
        assertEquals(List.of(fields), problem.violations().stream().map(Violation::field).toList(),
                problem.violations().toString());
    }

    private static SettingsInput.Setting set(HotSpotSetting setting, String value) {
        return new SettingsInput.Setting(setting, value, setting.xmlName(), null);
    }
}
