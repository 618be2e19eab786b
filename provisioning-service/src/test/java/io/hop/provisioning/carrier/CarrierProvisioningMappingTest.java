package io.hop.provisioning.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.Violation;
import io.hop.provisioning.carrier.CarrierProvisioningMapping.Mapped;
import io.hop.provisioning.plan.PlanRequest;
import io.hop.provisioning.profile.HotspotProfileRequest;
import io.hop.xml.SafeXml;

class CarrierProvisioningMappingTest {

    private static final String CARRIER = "http://www.microsoft.com/networking/CarrierControl/v1";
    private static final String WLAN = "http://www.microsoft.com/networking/CarrierControl/WLAN/v1";
    private static final String PLANS = "http://www.microsoft.com/networking/CarrierControl/Plans/v1";

    @Test
    void theOpenSampleIsAnOpenHomeProfileForItsSsid() {
        Mapped mapped = map(sample("carrier-wlan-open.xml"));

        assertEquals(List.of(), mapped.violations());
        assertEquals(List.of(new HotspotProfileRequest("My Wi-Fi Hotspot", List.of("wifihotspot1"), List.of(),
                List.of(), List.of(), "HOME", "OPEN", null, "PREFERRED_OVER_CELLULAR", 0, null)), mapped.profiles());
        assertEquals(List.of(), mapped.plans());
    }

    @Test
    void theWisprSampleHasStaticPlaceholderCredentialsImportedAsGivenWithWarnings() {
        Mapped mapped = map(sample("carrier-wlan-wispr-basicauth.xml"));

        assertEquals(List.of(), mapped.violations());
        HotspotProfileRequest profile = mapped.profiles().get(0);
        assertEquals("WISPR", profile.authMethod());
        assertEquals(List.of("Contoso Wi-Fi"), profile.ssids());
        assertEquals(new HotspotProfileRequest.Wispr("STATIC", "[PLACEHOLDER]", "[PLACEHOLDER]",
                List.of("hotspot.contoso.com"), null), profile.wispr());
        assertEquals(List.of("WLANProfiles/WLANProfile[1]/MSM/security/HotspotProfile/BasicAuth/UserName",
                "WLANProfiles/WLANProfile[1]/MSM/security/HotspotProfile/BasicAuth/Password"),
                mapped.warnings().stream().map(Violation::field).toList());
    }

    @Test
    void theFixedPlanSampleIs500DecimalMegabytesMeteredWithItsAssociatedApn() {
        Mapped mapped = map(sample("carrier-plan-fixed-500mb.xml"));

        assertEquals(List.of(), mapped.violations());
        assertEquals(List.of(new PlanRequest("SamplePlan", 500_000_000L, null, true, null, null, null,
                new PlanRequest.Apn("Contoso.com", null, "User", "[PLACEHOLDER]"), null)), mapped.plans());
        assertEquals(List.of("MBNProfiles/DefaultProfile/Context/UserLogonCred/Password"),
                mapped.warnings().stream().map(Violation::field).toList());
    }

    @Test
    void pluginCredentialsComeFromExtAuth() {
        Mapped mapped = map(document(wlanProfile("Ext", "<SSIDConfig><SSID><name>Ext</name></SSID></SSIDConfig>"
                + "<MSM><security><HotspotProfile xmlns=\"http://www.microsoft.com/networking/WLAN/HotspotProfile/v1\">"
                + "<ExtAuth><ExtensionId>{1234}</ExtensionId></ExtAuth>"
                + "<TrustedDomains><TrustedDomain>login.contoso.com</TrustedDomain></TrustedDomains>"
                + "</HotspotProfile></security></MSM>"), ""));

        assertEquals(List.of(), mapped.violations());
        assertEquals(new HotspotProfileRequest.Wispr("PLUGIN", null, null, List.of("login.contoso.com"), null),
                mapped.profiles().get(0).wispr());
    }

    @Test
    void eapTypes18And23And50AreSimAkaAndAkaPrime() {
        assertEquals("EAP_SIM", eapProfile("18").profiles().get(0).authMethod());
        assertEquals("EAP_AKA", eapProfile("23").profiles().get(0).authMethod());
        assertEquals("EAP_AKA_PRIME", eapProfile("50").profiles().get(0).authMethod());
        assertEquals(List.of("WLANProfiles/WLANProfile[1]/EapHostConfig"),
                eapProfile("13").violations().stream().map(Violation::field).toList());
    }

    @Test
    void profilesArePrioritizedInDocumentOrder() {
        String open = "<SSIDConfig><SSID><name>%s</name></SSID></SSIDConfig>"
                + "<MSM><security><authEncryption><authentication>open</authentication></authEncryption></security></MSM>";
        Mapped mapped = map(document(wlanProfile("A", open.formatted("a")) + wlanProfile("B", open.formatted("b")),
                ""));

        assertEquals(List.of(0, 1), mapped.profiles().stream().map(HotspotProfileRequest::priority).toList());
    }

    @Test
    void everyProblemOfTheDocumentIsReportedAtOnce() {
        String wlan = wlanProfile("", "<SSIDConfig><SSID><name>" + "x".repeat(33) + "</name></SSID></SSIDConfig>"
                + "<MSM><security><authEncryption><authentication>open</authentication></authEncryption></security></MSM>")
                + wlanProfile("PSK", "<SSIDConfig><SSID><name>psk</name></SSID></SSIDConfig>"
                        + "<MSM><security><authEncryption><authentication>WPA2PSK</authentication></authEncryption>"
                        + "</security></MSM>")
                + wlanProfile("Hotspot", "<SSIDConfig><SSID><name>h</name></SSID></SSIDConfig><MSM><security>"
                        + "<HotspotProfile xmlns=\"http://www.microsoft.com/networking/WLAN/HotspotProfile/v1\">"
                        + "<BasicAuth><UserName>u</UserName><Password>p</Password></BasicAuth></HotspotProfile>"
                        + "</security></MSM>");
        String plans = "<Plans><Plan xmlns=\"" + PLANS + "\" Name=\"Capped\"><Description PlanType=\"Fixed\"/></Plan>"
                + "<Plan xmlns=\"" + PLANS + "\" Name=\"Odd\"><Description PlanType=\"Prepaid\"/></Plan></Plans>";

        Mapped mapped = map(document(wlan, plans));

        assertEquals(List.of("WLANProfiles/WLANProfile[1].displayName", "WLANProfiles/WLANProfile[1].ssids[0]",
                "WLANProfiles/WLANProfile[2]/MSM/security/authEncryption/authentication",
                "WLANProfiles/WLANProfile[3].wispr.trustedLoginDomains",
                "Plans/Plan[1]/Description/DataLimitInMegabytes", "Plans/Plan[2]/Description/@PlanType"),
                mapped.violations().stream().map(Violation::field).toList());
    }

    @Test
    void unrestrictedAndVariablePlansAndTheirBillingCycles() {
        String plans = "<Plans>"
                + "<Plan xmlns=\"" + PLANS + "\" Name=\"Flat\"><Description PlanType=\"Unrestricted\">"
                + "<BillingCycle StartDate=\"2026-01-15T00:00:00Z\" Duration=\"P1M\"/></Description></Plan>"
                + "<Plan xmlns=\"" + PLANS + "\" Name=\"PerByte\"><Description PlanType=\"Variable\">"
                + "<BillingCycle StartDate=\"2026-01-01T00:00:00Z\" Duration=\"P30D\" Resets=\"false\"/></Description></Plan>"
                + "</Plans>";

        List<PlanRequest> mapped = map(document("", plans)).plans();

        assertEquals(new PlanRequest("Flat", null, true, false,
                new PlanRequest.Validity("MONTHLY", 15, Instant.parse("2026-01-15T00:00:00Z"), null), null, null, null,
                null), mapped.get(0));
        assertEquals(new PlanRequest("PerByte", null, true, true, new PlanRequest.Validity("NONE", null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-31T00:00:00Z")), null, null, null, null),
                mapped.get(1));
        assertNull(mapped.get(0).apn());
    }

    @Test
    void anApnForAPlanTheDocumentDoesNotHaveIsAViolation() {
        String mbn = "<MBNProfiles><DefaultProfile xmlns=\"http://www.microsoft.com/networking/CarrierControl/WWAN/v1\">"
                + "<AssociatedPlan>Missing</AssociatedPlan><Context><AccessString>apn</AccessString></Context>"
                + "</DefaultProfile></MBNProfiles>";
        String plans = "<Plans><Plan xmlns=\"" + PLANS + "\" Name=\"Flat\"><Description PlanType=\"Unrestricted\"/>"
                + "</Plan></Plans>";

        assertEquals(List.of("MBNProfiles/DefaultProfile"),
                map(document("", mbn + plans)).violations().stream().map(Violation::field).toList());
    }

    @Test
    void aDocumentThatIsNotCarrierProvisioningOrHoldsNothingIsRefused() {
        assertEquals(List.of("body"), map("<wap-provisioningdoc/>").violations().stream().map(Violation::field).toList());
        assertEquals(List.of("body"), map(document("", "")).violations().stream().map(Violation::field).toList());
    }

    private static Mapped eapProfile(String type) {
        return map(document(wlanProfile("EAP", "<SSIDConfig><SSID><name>eap</name></SSID></SSIDConfig><MSM><security>"
                + "<authEncryption><authentication>WPA2</authentication><useOneX>true</useOneX></authEncryption>"
                + "<OneX xmlns=\"http://www.microsoft.com/networking/OneX/v1\"><EAPConfig>"
                + "<EapHostConfig xmlns=\"http://www.microsoft.com/provisioning/EapHostConfig\"><EapMethod>"
                + "<Type xmlns=\"http://www.microsoft.com/provisioning/EapCommon\">" + type + "</Type>"
                + "</EapMethod></EapHostConfig></EAPConfig></OneX></security></MSM>"), ""));
    }

    private static String wlanProfile(String name, String body) {
        return "<WLANProfile xmlns=\"" + WLAN + "\"><name>" + name + "</name>" + body + "</WLANProfile>";
    }

    private static String document(String wlanProfiles, String rest) {
        return "<CarrierProvisioning xmlns=\"" + CARRIER + "\">"
                + (wlanProfiles.isEmpty() ? "" : "<WLANProfiles>" + wlanProfiles + "</WLANProfiles>") + rest
                + "</CarrierProvisioning>";
    }

    private static Mapped map(String xml) {
        return CarrierProvisioningMapping.map(SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8),
                SafeXml.Limits.DEFAULT));
    }

    static String sample(String name) {
        try (InputStream in = CarrierProvisioningMappingTest.class.getResourceAsStream("/conformance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
