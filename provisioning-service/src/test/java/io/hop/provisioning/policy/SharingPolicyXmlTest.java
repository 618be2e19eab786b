package io.hop.provisioning.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;
import io.hop.xml.SafeXml;

/** The XML forms, read from what the one safe parser ({@link SafeXml}, as XmlDocuments uses it) gives. */
class SharingPolicyXmlTest {

    static final List<String> SAMPLES = List.of("hotspot-runtime-settings.xml", "hotspot-runtime-settings-cdma.xml",
            "hotspot-csp-wap-provisioningdoc.xml");

    private final SharingPolicyValidator validator = new SharingPolicyValidator();

    @Test
    void theRuntimeSampleImportsWithEverySetting() {
        SharingPolicySettings settings = importXml(sample("hotspot-runtime-settings.xml"), null).settings();

        assertEquals(new SharingPolicySettings(true, true, "c:\\windows\\system32\\MOEntitlement.dll", 86400, 5, 7, 5,
                20, "611", "contoso.com/help", "app://12345678-9012-3456-7890-123456789012", "@HotSpotMOHelp.dll,-101",
                List.of("zzzConn1 $(__MVID)", "zzzConn2 $(__MVID)"), null), settings);
    }

    @Test
    void aVariantIdExpandsTheVariantMacro() {
        SharingPolicySettings settings = importXml(sample("hotspot-runtime-settings.xml"), "310410").settings();

        assertEquals(List.of("zzzConn1 310410", "zzzConn2 310410"), settings.dedicatedConnections());
    }

    @Test
    void theCdmaSampleNamesTheTetheringNaiConnectionOfItsConnectionsBlock() {
        SharingPolicyValidator.Validated template = importXml(sample("hotspot-runtime-settings-cdma.xml"), null);
        SharingPolicyValidator.Validated expanded = importXml(sample("hotspot-runtime-settings-cdma.xml"), "310410");

        assertEquals(new SharingPolicySettings(true, false, null, 86400, 5, 7, 5, 20, null, null, null, null, List.of(),
                "TetheringNAIConn $(__MVID)"), template.settings());
        assertEquals("TetheringNAIConn 310410", expanded.settings().tetheringNaiConnection());
        assertEquals(List.of(), template.warnings());
    }

    @Test
    void theOmaClientProvisioningSampleImportsWithItsCellularEntry() {
        SharingPolicyValidator.Validated validated = importXml(sample("hotspot-csp-wap-provisioningdoc.xml"), null);

        assertEquals(new SharingPolicySettings(true, false, null, 86400, 5, 7, 5, 20, null, null, null, null, List.of(),
                "TetheringNAIConn"), validated.settings());
        assertEquals(List.of(), validated.warnings());
    }

    static Stream<Arguments> samplesInBothForms() {
        return SAMPLES.stream().flatMap(sample -> Stream.of(Arguments.of(sample, "settings"),
                Arguments.of(sample, "wap-provisioningdoc")));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("samplesInBothForms")
    void exportingAndReimportingEverySampleGivesAnEqualPolicy(String sample, String form) {
        for (String variant : new String[] { null, "310410" }) {
            SharingPolicySettings imported = importXml(sample(sample), variant).settings();
            String exported = "settings".equals(form) ? SharingPolicyXml.toRuntimeSettings(imported)
                    : SharingPolicyXml.toProvisioningDoc(imported);

            assertEquals(imported, importXml(exported, null).settings(), exported);
        }
    }

    @Test
    void aPolicyWithEverySettingSurvivesBothForms() {
        SharingPolicySettings full = new SharingPolicySettings(true, true, "Ent & <Co>.dll", 0, 8, 1, 120, 60,
                "+1 (800) 555-0100", "https://contoso.com/help?a=1&b=\"2\"", "app://12345678-9012-3456-7890-123456789012",
                "@res.dll,-7", List.of("a", "b c"), "NAI");

        assertEquals(full, importXml(SharingPolicyXml.toRuntimeSettings(full), null).settings());
        assertEquals(full, importXml(SharingPolicyXml.toProvisioningDoc(full), null).settings());
    }

    @Test
    void anUnknownSettingNameIsAViolationNamingIt() {
        String xml = "<Settings Path=\"HotSpot\"><Setting Name=\"Enabled\" Value=\"1\"/>"
                + "<Setting Name=\"MaxUser\" Value=\"3\"/></Settings>";

        assertEquals(List.of("MaxUser"), violatedFields(xml));
    }

    @Test
    void everyViolationOfADocumentIsReportedAtOnce() {
        String xml = "<Settings Path=\"Wifi\"/><Settings Path=\"HotSpot\"><Setting Name=\"MaxUsers\" Value=\"0\"/>"
                + "<Setting Name=\"Nope\" Value=\"1\"/><Setting Name=\"PeerlessTimeout\" Value=\"0\"/>"
                + "<Other/></Settings>";

        assertEquals(List.of("Settings", "Settings[@Path=HotSpot]", "Nope", "MaxUsers", "PeerlessTimeout"),
                violatedFields(xml));
    }

    @Test
    void aDocumentWithoutHotSpotSettingsIsRejected() {
        assertEquals(List.of("HotSpot"), violatedFields("<Settings Path=\"Connections\"/>"));
        assertEquals(List.of("HotSpot"), violatedFields("<wap-provisioningdoc/>"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "boolean", "string" })
    void anOmaParmWhoseDatatypeIsNotItsSettingsTypeIsRejected(String datatype) {
        String xml = "<wap-provisioningdoc><characteristic type=\"HotSpot\">"
                + "<parm name=\"MaxUsers\" value=\"3\" datatype=\"" + datatype + "\"/></characteristic></wap-provisioningdoc>";

        assertEquals(List.of("MaxUsers"), violatedFields(xml));
    }

    @Test
    void anUnsupportedMacroIsRejected() {
        String xml = "<Settings Path=\"HotSpot\"><Setting Name=\"TetheringNAIConnection\" Value=\"NAI $(__OTHER)\"/></Settings>";

        assertEquals(List.of("TetheringNAIConnection"), violatedFields(xml));
    }

    @Test
    void aTetheringNaiConnectionThatTheDocumentDefinesWithoutTetheringNaiIsRejected() {
        String xml = "<Settings Path=\"Connections\"><Setting Name=\"Cellular/NAI/TetheringNAI\" Value=\"0\"/></Settings>"
                + "<Settings Path=\"HotSpot\"><Setting Name=\"TetheringNAIConnection\" Value=\"NAI\"/></Settings>";

        assertEquals(List.of("TetheringNAIConnection"), violatedFields(xml));
    }

    @Test
    void aConnectionSettingNotNamedCellularConnectionSettingIsRejected() {
        String xml = "<Settings Path=\"Connections\"><Setting Name=\"Wifi/x\" Value=\"1\"/></Settings>"
                + "<Settings Path=\"HotSpot\"/>";

        assertEquals(List.of("Connections/Wifi/x"), violatedFields(xml));
    }

    @Test
    void minWifiLengthsInADocumentAreAcceptedWithWarnings() {
        String xml = "<Settings Path=\"HotSpot\"><Setting Name=\"EntitlementRequired\" Value=\"0\"/>"
                + "<Setting Name=\"MinWifiKeyLength\" Value=\"4\"/><Setting Name=\"MinWifiSSIDLength\" Value=\"2\"/></Settings>";

        assertEquals(2, importXml(xml, null).warnings().size());
    }

    private SharingPolicyValidator.Validated importXml(String xml, String variant) {
        return validator.validate(SharingPolicyXml.read(
                SafeXml.parseElements(xml.getBytes(StandardCharsets.UTF_8), SafeXml.Limits.DEFAULT), variant));
    }

    private List<String> violatedFields(String xml) {
        ValidationProblem problem = assertThrows(ValidationProblem.class, () -> importXml(xml, null));
        assertTrue(problem.violations().stream().allMatch(v -> !v.message().isBlank()));
        return problem.violations().stream().map(Violation::field).toList();
    }

    static String sample(String name) {
        try (InputStream in = SharingPolicyXmlTest.class.getResourceAsStream("/conformance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
