package io.hop.provisioning.profile;

import static io.hop.provisioning.entity.Rules.eachOf;
import static io.hop.provisioning.entity.Rules.isBlank;
import static io.hop.provisioning.entity.Rules.oneOf;
import static io.hop.provisioning.entity.Rules.requiredText;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.hop.platform.problem.ValidationProblem;

/**
 * The rules of a hotspot offload profile (plain Java). Each violated rule is added to the builder with its field
 * (prefixed, e.g. {@code wlanProfiles[0].}, when the profile is part of a larger document), so that all are reported
 * at once.
 */
public final class HotspotProfileValidation {

    public static final Set<String> RELATIONS = Set.of("HOME", "ROAMING_PARTNER");
    public static final Set<String> AUTH_METHODS = Set.of("OPEN", "WISPR", "EAP_SIM", "EAP_AKA", "EAP_AKA_PRIME");
    public static final Set<String> CREDENTIALS = Set.of("STATIC", "PLUGIN");
    public static final Set<String> PREFERENCES = Set.of("PREFERRED_OVER_CELLULAR", "FALLBACK_ONLY");
    public static final int MAX_PRIORITY = 1000;
    public static final int MAX_DISPLAY_NAME = 100;

    /** A DNS name: labels of letters, digits and inner '-', at most 63 characters each, joined by '.'. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    /** MCC (3 digits) + MNC (2 or 3 digits). */
    private static final Pattern PLMN_ID = Pattern.compile("[0-9]{3}[0-9]{2,3}");
    /** 3 or 5 octets in hex. */
    private static final Pattern OI = Pattern.compile("[0-9A-Fa-f]{6}|[0-9A-Fa-f]{10}");

    private HotspotProfileValidation() {
    }

    /**
     * Adds every violated rule of {@code profile} to {@code problems}.
     *
     * @param passwordAlreadySet whether the profile being replaced has a static WISPr password (then a PUT may omit it)
     * @param prefix             put before each field name ("" for a profile on its own)
     */
    public static void validate(HotspotProfileRequest profile, boolean passwordAlreadySet, String prefix,
            ValidationProblem.Builder problems) {
        requiredText(profile.displayName(), MAX_DISPLAY_NAME, prefix + "displayName", problems);
        eachOf(profile.ssids(), prefix + "ssids", problems, ssid -> {
            int bytes = ssid.getBytes(StandardCharsets.UTF_8).length;
            return bytes >= 1 && bytes <= 32 ? null : "must be 1 to 32 bytes in UTF-8 (is " + bytes + ")";
        });
        eachOf(profile.naiRealms(), prefix + "naiRealms", problems,
                realm -> isDomain(realm) ? null : "must be a realm in domain syntax, e.g. wlan.mnc001.mcc001.3gppnetwork.org");
        eachOf(profile.plmnIds(), prefix + "plmnIds", problems, plmn -> PLMN_ID.matcher(plmn).matches() ? null
                : "must be an MCC of 3 digits followed by an MNC of 2 or 3 digits, e.g. 310410");
        eachOf(profile.roamingConsortiumOis(), prefix + "roamingConsortiumOis", problems,
                oi -> OI.matcher(oi).matches() ? null : "must be 3 or 5 octets in hex, e.g. 5A03BA");
        problems.addIf(profile.ssids().isEmpty() && profile.naiRealms().isEmpty() && profile.plmnIds().isEmpty()
                && profile.roamingConsortiumOis().isEmpty(), prefix + "ssids",
                "at least one of ssids, naiRealms, plmnIds or roamingConsortiumOis is required");
        oneOf(profile.relation(), RELATIONS, prefix + "relation", problems);
        oneOf(profile.authMethod(), AUTH_METHODS, prefix + "authMethod", problems);
        oneOf(profile.preference(), PREFERENCES, prefix + "preference", problems);
        if (profile.priority() == null) {
            problems.add(prefix + "priority", "is required");
        } else if (profile.priority() < 0 || profile.priority() > MAX_PRIORITY) {
            problems.add(prefix + "priority", "must be between 0 and " + MAX_PRIORITY);
        }
        if ("WISPR".equals(profile.authMethod())) {
            if (profile.wispr() == null) {
                problems.add(prefix + "wispr", "is required when authMethod is WISPR");
            } else {
                validateWispr(profile.wispr(), passwordAlreadySet, prefix + "wispr.", problems);
            }
        } else if (profile.wispr() != null) {
            problems.add(prefix + "wispr", "is allowed only when authMethod is WISPR");
        }
    }

    private static void validateWispr(HotspotProfileRequest.Wispr wispr, boolean passwordAlreadySet, String prefix,
            ValidationProblem.Builder problems) {
        oneOf(wispr.credentials(), CREDENTIALS, prefix + "credentials", problems);
        if ("STATIC".equals(wispr.credentials())) {
            problems.addIf(isBlank(wispr.username()), prefix + "username", "is required for STATIC credentials");
            problems.addIf(wispr.password() == null ? !passwordAlreadySet : wispr.password().isEmpty(),
                    prefix + "password", "is required for STATIC credentials");
        } else if ("PLUGIN".equals(wispr.credentials())) {
            problems.addIf(wispr.username() != null, prefix + "username",
                    "must be absent for PLUGIN credentials (a plugin generates them)");
            problems.addIf(wispr.password() != null, prefix + "password",
                    "must be absent for PLUGIN credentials (a plugin generates them)");
        }
        if (wispr.trustedLoginDomains().isEmpty()) {
            problems.add(prefix + "trustedLoginDomains", "at least one is required for WISPR");
        }
        eachOf(wispr.trustedLoginDomains(), prefix + "trustedLoginDomains", problems,
                domain -> isDomain(domain) ? null : "must be a domain name, e.g. hotspot.example.com");
        if (wispr.loginUrl() != null) {
            String problem = loginUrlProblem(wispr.loginUrl(), wispr.trustedLoginDomains());
            problems.addIf(problem != null, prefix + "loginUrl", problem);
        }
    }

    /** Why {@code url} is not an HTTPS URL on one of {@code trusted} (the domain itself or below it); null if it is. */
    static String loginUrlProblem(String url, List<String> trusted) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be a URL";
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return "must be an https URL";
        }
        String host = uri.getHost();
        if (host == null) {
            return "must name a host";
        }
        String lowerHost = host.toLowerCase(Locale.ROOT);
        boolean onTrusted = trusted.stream().filter(d -> d != null).map(d -> d.toLowerCase(Locale.ROOT))
                .anyMatch(d -> lowerHost.equals(d) || lowerHost.endsWith("." + d));
        return onTrusted ? null : "must be on one of the trusted login domains " + trusted;
    }

    static boolean isDomain(String value) {
        return value != null && DOMAIN.matcher(value).matches();
    }
}
