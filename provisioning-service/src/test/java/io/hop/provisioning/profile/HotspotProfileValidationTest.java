package io.hop.provisioning.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;

class HotspotProfileValidationTest {

    static HotspotProfileRequest open() {
        return new HotspotProfileRequest("Contoso Wi-Fi", List.of("Contoso"), List.of(), List.of(), List.of(), "HOME",
                "OPEN", null, "PREFERRED_OVER_CELLULAR", 10, null);
    }

    static HotspotProfileRequest wispr(HotspotProfileRequest.Wispr wispr) {
        return new HotspotProfileRequest("Contoso Wi-Fi", List.of("Contoso"), List.of(), List.of(), List.of(), "HOME",
                "WISPR", wispr, "FALLBACK_ONLY", 10, null);
    }

    static HotspotProfileRequest.Wispr staticLogin(String loginUrl) {
        return new HotspotProfileRequest.Wispr("STATIC", "user", "secret", List.of("hotspot.contoso.com"), loginUrl);
    }

    @Test
    void aValidOpenProfileHasNoViolation() {
        assertEquals(Map.of(), violations(open(), false));
    }

    @Test
    void aValidWisprProfileWithALoginUrlOnATrustedDomainOrBelowItHasNoViolation() {
        assertEquals(Map.of(), violations(wispr(staticLogin("https://hotspot.contoso.com/login")), false));
        assertEquals(Map.of(), violations(wispr(staticLogin("https://a.hotspot.contoso.com/login")), false));
    }

    @Test
    void everyBrokenMatchingRuleIsReportedWithItsIndex() {
        HotspotProfileRequest profile = new HotspotProfileRequest("X", List.of("", "é".repeat(17), "ok"),
                List.of("wlan.mnc001.mcc001.3gppnetwork.org", "not a realm", "-bad.org"),
                List.of("310410", "3104", "3104100", "31a410"), List.of("5A03BA", "001bc50460", "5A03", "ZZZZZZ"),
                "HOME", "EAP_AKA", null, "PREFERRED_OVER_CELLULAR", 1, null);

        assertEquals(List.of("naiRealms[1]", "naiRealms[2]", "plmnIds[1]", "plmnIds[2]", "plmnIds[3]",
                "roamingConsortiumOis[2]", "roamingConsortiumOis[3]", "ssids[0]", "ssids[1]"),
                violations(profile, false).keySet().stream().sorted().toList());
    }

    @Test
    void anSsidOf32BytesPassesAndOf33BytesDoesNot() {
        HotspotProfileRequest ok = new HotspotProfileRequest("X", List.of("a".repeat(32)), null, null, null, "HOME",
                "OPEN", null, "FALLBACK_ONLY", 0, null);
        HotspotProfileRequest tooLong = new HotspotProfileRequest("X", List.of("a".repeat(31) + "é"), null, null, null,
                "HOME", "OPEN", null, "FALLBACK_ONLY", 0, null);

        assertEquals(Map.of(), violations(ok, false));
        assertTrue(violations(tooLong, false).get("ssids[0]").contains("33"));
    }

    @Test
    void aProfileWithoutAnyMatchingCriterionIsRejected() {
        HotspotProfileRequest profile = new HotspotProfileRequest("X", null, null, null, null, "HOME", "OPEN", null,
                "FALLBACK_ONLY", 0, null);

        assertEquals(List.of("ssids"), List.copyOf(violations(profile, false).keySet()));
    }

    @Test
    void missingAndUnknownEnumerationsNameTheirAllowedValues() {
        HotspotProfileRequest profile = new HotspotProfileRequest(" ", List.of("x"), null, null, null, "VISITOR", null,
                null, "ALWAYS", null, null);

        Map<String, String> violations = violations(profile, false);
        assertEquals(List.of("authMethod", "displayName", "preference", "priority", "relation"),
                violations.keySet().stream().sorted().toList());
        assertTrue(violations.get("relation").contains("HOME"));
        assertTrue(violations.get("preference").contains("FALLBACK_ONLY"));
    }

    @Test
    void priorityIsBetween0And1000() {
        HotspotProfileRequest profile = new HotspotProfileRequest("X", List.of("x"), null, null, null, "HOME", "OPEN",
                null, "FALLBACK_ONLY", -1, null);

        assertTrue(violations(profile, false).containsKey("priority"));
    }

    @Test
    void wisprNeedsItsSettingsAndOtherMethodsMustNotHaveThem() {
        assertEquals(List.of("wispr"), List.copyOf(violations(wispr(null), false).keySet()));
        HotspotProfileRequest eap = new HotspotProfileRequest("X", List.of("x"), null, null, null, "HOME", "EAP_SIM",
                staticLogin(null), "FALLBACK_ONLY", 1, null);
        assertEquals(List.of("wispr"), List.copyOf(violations(eap, false).keySet()));
    }

    @Test
    void staticCredentialsNeedAUsernameAndAPasswordUnlessOneIsAlreadySet() {
        HotspotProfileRequest.Wispr noCredentials = new HotspotProfileRequest.Wispr("STATIC", null, null,
                List.of("hotspot.contoso.com"), null);

        assertEquals(List.of("wispr.password", "wispr.username"),
                violations(wispr(noCredentials), false).keySet().stream().sorted().toList());
        assertEquals(List.of("wispr.username"), List.copyOf(violations(wispr(noCredentials), true).keySet()));
    }

    @Test
    void pluginCredentialsCarryNoUsernameOrPassword() {
        HotspotProfileRequest.Wispr plugin = new HotspotProfileRequest.Wispr("PLUGIN", null, null,
                List.of("hotspot.contoso.com"), null);
        HotspotProfileRequest.Wispr pluginWithPassword = new HotspotProfileRequest.Wispr("PLUGIN", "u", "p",
                List.of("hotspot.contoso.com"), null);

        assertEquals(Map.of(), violations(wispr(plugin), false));
        assertEquals(List.of("wispr.password", "wispr.username"),
                violations(wispr(pluginWithPassword), false).keySet().stream().sorted().toList());
    }

    @Test
    void wisprNeedsTrustedLoginDomainsInDomainSyntaxAndKnownCredentials() {
        HotspotProfileRequest.Wispr w = new HotspotProfileRequest.Wispr("SHARED", null, null, List.of("not a domain"),
                null);
        HotspotProfileRequest.Wispr none = new HotspotProfileRequest.Wispr("PLUGIN", null, null, List.of(), null);

        assertEquals(List.of("wispr.credentials", "wispr.trustedLoginDomains[0]"),
                violations(wispr(w), false).keySet().stream().sorted().toList());
        assertEquals(List.of("wispr.trustedLoginDomains"), List.copyOf(violations(wispr(none), false).keySet()));
    }

    @Test
    void aLoginUrlMustBeHttpsOnATrustedDomain() {
        List<String> trusted = List.of("hotspot.contoso.com");

        assertNull(HotspotProfileValidation.loginUrlProblem("https://HOTSPOT.contoso.com:8443/x", trusted));
        assertTrue(HotspotProfileValidation.loginUrlProblem("http://hotspot.contoso.com/x", trusted).contains("https"));
        assertTrue(HotspotProfileValidation.loginUrlProblem("https://evil.com/x", trusted).contains("trusted"));
        assertTrue(HotspotProfileValidation.loginUrlProblem("https://evilhotspot.contoso.com.evil.com/", trusted)
                .contains("trusted"));
        assertTrue(HotspotProfileValidation.loginUrlProblem("https://xhotspot.contoso.com/", trusted)
                .contains("trusted"));
        assertTrue(HotspotProfileValidation.loginUrlProblem("https:// bad", trusted) != null);
    }

    @Test
    void theFieldsOfAProfileInsideADocumentCarryItsPrefix() {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        HotspotProfileValidation.validate(wispr(null), false, "wlanProfiles[1].", problems);

        assertEquals(List.of("wlanProfiles[1].wispr"), problems.violations().stream().map(Violation::field).toList());
    }

    @Test
    void theWisprSettingsNeverShowTheirPassword() {
        assertTrue(!staticLogin(null).toString().contains("secret"));
    }

    private static Map<String, String> violations(HotspotProfileRequest profile, boolean passwordAlreadySet) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        HotspotProfileValidation.validate(profile, passwordAlreadySet, "", problems);
        return problems.violations().stream().collect(Collectors.toMap(Violation::field, Violation::message));
    }
}
