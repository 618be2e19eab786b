package io.hop.provisioning.carrier;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.problem.Violation;
import io.hop.provisioning.plan.PlanRequest;
import io.hop.provisioning.plan.PlanValidation;
import io.hop.provisioning.profile.HotspotProfileRequest;
import io.hop.provisioning.profile.HotspotProfileValidation;

/**
 * Maps a mobile-broadband {@code CarrierProvisioning} document (already parsed, namespace-aware, by the safe parser)
 * to hotspot profiles and plans, and checks them with the same rules as the API. Plain Java.
 * <ul>
 * <li>{@code WLANProfiles/WLANProfile}: {@code name} is the display name, {@code SSIDConfig/SSID/name} (or
 * {@code hex}) the SSIDs. A {@code HotspotProfile} under {@code MSM/security} makes it {@code WISPR}: {@code BasicAuth}
 * gives STATIC credentials, {@code ExtAuth} PLUGIN ones, {@code TrustedDomains} the trusted login domains. An
 * {@code EapHostConfig} makes it EAP by its method {@code Type}: 18 EAP-SIM, 23 EAP-AKA, 50 EAP-AKA'. Otherwise
 * {@code authentication} {@code open} makes it OPEN. The document is the operator's own, so its profiles are
 * {@code HOME} and {@code PREFERRED_OVER_CELLULAR}; their priority is their order in the document (first = 0).</li>
 * <li>{@code Plans/Plan}: {@code Name}; {@code Description/@PlanType} {@code Fixed} (metered, capped at
 * {@code DataLimitInMegabytes}), {@code Unrestricted} (unmetered, unlimited) or {@code Variable} (metered per byte,
 * no cap unless {@code DataLimitInMegabytes}). A megabyte is 1,000,000 bytes (decimal, as data plans are sold: the
 * 500 MB sample is 500,000,000 bytes). {@code BillingCycle/@Duration} P1M, P7D (P1W) or P1D gives a MONTHLY, WEEKLY
 * or DAILY cycle from {@code @StartDate}; any other duration, or {@code Resets="false"}, one period (NONE) from
 * {@code StartDate} to its end. The {@code MBNProfiles/DefaultProfile} whose {@code AssociatedPlan} names the plan
 * gives its APN ({@code Context/AccessString}, {@code UserLogonCred}).</li>
 * <li>Credentials are taken as given, also the documentation samples' {@code [PLACEHOLDER]}: the samples must import,
 * and a placeholder is an ordinary value to the platform (sealed like any password). Each one is reported as a
 * warning, so that the operator replaces it (PUT).</li>
 * </ul>
 * Violations name the element, e.g. {@code WLANProfiles/WLANProfile[2]/SSIDConfig}, or the field of the mapped
 * entity, e.g. {@code WLANProfiles/WLANProfile[2].ssids[0]}.
 */
public final class CarrierProvisioningMapping {

    public static final String NAMESPACE = "http://www.microsoft.com/networking/CarrierControl/v1";
    public static final String PLACEHOLDER = "[PLACEHOLDER]";
    static final long BYTES_PER_MEGABYTE = 1_000_000L;

    /** What a document holds, or why it cannot be imported. */
    public record Mapped(List<HotspotProfileRequest> profiles, List<PlanRequest> plans, List<Violation> warnings,
            List<Violation> violations) {
    }

    private CarrierProvisioningMapping() {
    }

    public static Mapped map(Document document) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        List<Violation> warnings = new ArrayList<>();
        Element root = document.getDocumentElement();
        if (!"CarrierProvisioning".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            problems.add("body", "must be a CarrierProvisioning document (namespace " + NAMESPACE + ")");
            return new Mapped(List.of(), List.of(), List.of(), problems.violations());
        }
        List<HotspotProfileRequest> profiles = new ArrayList<>();
        List<Element> wlanProfiles = child(root, "WLANProfiles").map(w -> children(w, "WLANProfile")).orElse(List.of());
        for (int i = 0; i < wlanProfiles.size(); i++) {
            String at = "WLANProfiles/WLANProfile[" + (i + 1) + "]";
            profile(wlanProfiles.get(i), i, at, problems, warnings).ifPresent(profile -> {
                HotspotProfileValidation.validate(profile, false, at + ".", problems);
                profiles.add(profile);
            });
        }
        Map<String, Element> apns = apnsByPlan(root);
        List<PlanRequest> plans = new ArrayList<>();
        List<Element> planElements = child(root, "Plans").map(p -> children(p, "Plan")).orElse(List.of());
        for (int i = 0; i < planElements.size(); i++) {
            String at = "Plans/Plan[" + (i + 1) + "]";
            Element plan = planElements.get(i);
            PlanRequest mapped = plan(plan, apns.remove(plan.getAttribute("Name")), at, problems, warnings);
            if (mapped != null) {
                PlanValidation.validate(mapped, at + ".", problems);
                plans.add(mapped);
            }
        }
        apns.keySet().forEach(name -> problems.add("MBNProfiles/DefaultProfile",
                "AssociatedPlan '" + name + "' names no Plan of the document"));
        problems.addIf(wlanProfiles.isEmpty() && planElements.isEmpty(), "body",
                "holds neither WLANProfiles/WLANProfile nor Plans/Plan: nothing to import");
        return new Mapped(profiles, plans, List.copyOf(warnings), problems.violations());
    }

    private static Optional<HotspotProfileRequest> profile(Element wlan, int index, String at,
            ValidationProblem.Builder problems, List<Violation> warnings) {
        String name = text(wlan, "name").orElse(null);
        List<String> ssids = new ArrayList<>();
        for (Element ssid : child(wlan, "SSIDConfig").map(c -> children(c, "SSID")).orElse(List.of())) {
            Optional<String> ssidName = text(ssid, "name");
            Optional<String> hex = text(ssid, "hex");
            if (ssidName.isPresent()) {
                ssids.add(ssidName.get());
            } else if (hex.isPresent()) {
                try {
                    ssids.add(new String(HexFormat.of().parseHex(hex.get()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    problems.add(at + "/SSIDConfig/SSID/hex", "must be hex digits");
                }
            } else {
                problems.add(at + "/SSIDConfig/SSID", "needs a name or hex");
            }
        }
        Optional<Element> security = child(wlan, "MSM").flatMap(msm -> child(msm, "security"));
        Optional<Element> hotspot = security.flatMap(s -> child(s, "HotspotProfile"));
        Optional<Element> eap = descendant(wlan, "EapHostConfig");
        String authMethod;
        HotspotProfileRequest.Wispr wispr = null;
        if (hotspot.isPresent()) {
            authMethod = "WISPR";
            wispr = wispr(hotspot.get(), at + "/MSM/security/HotspotProfile", problems, warnings);
            if (wispr == null) {
                return Optional.empty();
            }
        } else if (eap.isPresent()) {
            String type = descendant(eap.get(), "EapMethod").flatMap(m -> text(m, "Type")).orElse("");
            authMethod = switch (type) {
                case "18" -> "EAP_SIM";
                case "23" -> "EAP_AKA";
                case "50" -> "EAP_AKA_PRIME";
                default -> null;
            };
            if (authMethod == null) {
                problems.add(at + "/EapHostConfig", "EAP method Type '" + type
                        + "' is not supported: 18 (EAP-SIM), 23 (EAP-AKA) or 50 (EAP-AKA')");
                return Optional.empty();
            }
        } else {
            String authentication = security.flatMap(s -> child(s, "authEncryption"))
                    .flatMap(a -> text(a, "authentication")).orElse("");
            if (!"open".equalsIgnoreCase(authentication)) {
                problems.add(at + "/MSM/security/authEncryption/authentication", "'" + authentication
                        + "' is not supported: open, a WISPr HotspotProfile, or EAP-SIM/AKA/AKA' (EapHostConfig)");
                return Optional.empty();
            }
            authMethod = "OPEN";
        }
        return Optional.of(new HotspotProfileRequest(name, ssids, List.of(), List.of(), List.of(), "HOME", authMethod,
                wispr, "PREFERRED_OVER_CELLULAR", index, null));
    }

    private static HotspotProfileRequest.Wispr wispr(Element hotspot, String at, ValidationProblem.Builder problems,
            List<Violation> warnings) {
        List<String> trusted = child(hotspot, "TrustedDomains").map(t -> children(t, "TrustedDomain")).orElse(List.of())
                .stream().map(CarrierProvisioningMapping::text).toList();
        Optional<Element> basic = child(hotspot, "BasicAuth");
        if (basic.isPresent()) {
            String username = text(basic.get(), "UserName").orElse(null);
            String password = text(basic.get(), "Password").orElse(null);
            warnIfPlaceholder(username, at + "/BasicAuth/UserName", warnings);
            warnIfPlaceholder(password, at + "/BasicAuth/Password", warnings);
            return new HotspotProfileRequest.Wispr("STATIC", username, password, trusted, null);
        }
        if (child(hotspot, "ExtAuth").isPresent()) {
            return new HotspotProfileRequest.Wispr("PLUGIN", null, null, trusted, null);
        }
        problems.add(at, "needs BasicAuth (static credentials) or ExtAuth (credentials from a plugin)");
        return null;
    }

    private static PlanRequest plan(Element plan, Element mbnProfile, String at, ValidationProblem.Builder problems,
            List<Violation> warnings) {
        String name = plan.getAttribute("Name");
        Optional<Element> description = child(plan, "Description");
        String type = description.map(d -> d.getAttribute("PlanType")).orElse("");
        Long megabytes = null;
        Optional<String> limit = description.flatMap(d -> text(d, "DataLimitInMegabytes"));
        if (limit.isPresent()) {
            try {
                megabytes = Long.parseLong(limit.get());
            } catch (NumberFormatException e) {
                problems.add(at + "/Description/DataLimitInMegabytes", "must be a whole number of megabytes");
                return null;
            }
        }
        Boolean unlimited;
        boolean metered;
        switch (type) {
            case "Fixed" -> {
                unlimited = null;
                metered = true;
                if (megabytes == null) {
                    problems.add(at + "/Description/DataLimitInMegabytes", "is required for a Fixed plan");
                    return null;
                }
            }
            case "Unrestricted" -> {
                unlimited = true;
                metered = false;
                megabytes = null; // no cap, whatever the document says
            }
            case "Variable" -> {
                unlimited = megabytes == null ? Boolean.TRUE : null;
                metered = true;
            }
            default -> {
                problems.add(at + "/Description/@PlanType", "must be Fixed, Unrestricted or Variable (is '" + type + "')");
                return null;
            }
        }
        Long bytes = megabytes == null ? null : megabytes * BYTES_PER_MEGABYTE;
        PlanRequest.Validity validity = description.flatMap(d -> child(d, "BillingCycle"))
                .map(cycle -> validity(cycle, at + "/Description/BillingCycle", problems)).orElse(null);
        return new PlanRequest(name.isEmpty() ? null : name, bytes, unlimited, metered, validity, null, null,
                apn(mbnProfile, warnings), null);
    }

    private static PlanRequest.Validity validity(Element cycle, String at, ValidationProblem.Builder problems) {
        Instant start;
        Period period;
        try {
            start = OffsetDateTime.parse(cycle.getAttribute("StartDate")).toInstant();
        } catch (DateTimeException e) {
            try {
                start = java.time.LocalDateTime.parse(cycle.getAttribute("StartDate")).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException again) {
                problems.add(at + "/@StartDate", "must be a date and time, e.g. 2026-01-15T00:00:00Z");
                return null;
            }
        }
        try {
            period = Period.parse(cycle.getAttribute("Duration"));
        } catch (DateTimeException e) {
            problems.add(at + "/@Duration", "must be a duration in days, weeks, months or years, e.g. P1M");
            return null;
        }
        boolean resets = !"false".equals(cycle.getAttribute("Resets"));
        OffsetDateTime startUtc = start.atOffset(ZoneOffset.UTC);
        if (resets && period.equals(Period.ofMonths(1))) {
            return new PlanRequest.Validity("MONTHLY", Math.min(startUtc.getDayOfMonth(), 28), start, null);
        }
        if (resets && period.equals(Period.ofDays(7))) {
            return new PlanRequest.Validity("WEEKLY", startUtc.getDayOfWeek().getValue(), start, null);
        }
        if (resets && period.equals(Period.ofDays(1))) {
            return new PlanRequest.Validity("DAILY", null, start, null);
        }
        return new PlanRequest.Validity("NONE", null, start, startUtc.plus(period).toInstant());
    }

    private static PlanRequest.Apn apn(Element mbnProfile, List<Violation> warnings) {
        if (mbnProfile == null) {
            return null;
        }
        Optional<Element> context = child(mbnProfile, "Context");
        String accessString = context.flatMap(c -> text(c, "AccessString")).orElse(null);
        Optional<Element> logon = context.flatMap(c -> child(c, "UserLogonCred"));
        String username = logon.flatMap(l -> text(l, "UserName")).orElse(null);
        String password = logon.flatMap(l -> text(l, "Password")).orElse(null);
        warnIfPlaceholder(username, "MBNProfiles/DefaultProfile/Context/UserLogonCred/UserName", warnings);
        warnIfPlaceholder(password, "MBNProfiles/DefaultProfile/Context/UserLogonCred/Password", warnings);
        return new PlanRequest.Apn(accessString, null, username, password);
    }

    /** The {@code MBNProfiles/DefaultProfile} elements by the plan they name in {@code AssociatedPlan}. */
    private static Map<String, Element> apnsByPlan(Element root) {
        Map<String, Element> byPlan = new LinkedHashMap<>();
        for (Element profile : child(root, "MBNProfiles").map(m -> children(m, "DefaultProfile")).orElse(List.of())) {
            text(profile, "AssociatedPlan").ifPresent(plan -> byPlan.putIfAbsent(plan, profile));
        }
        return byPlan;
    }

    private static void warnIfPlaceholder(String value, String field, List<Violation> warnings) {
        if (PLACEHOLDER.equals(value)) {
            warnings.add(new Violation(field, "is the placeholder " + PLACEHOLDER
                    + ": imported as given; replace it with the real value"));
        }
    }

    // Children are matched by local name: the WLAN, WWAN, Plans and HotspotProfile parts each come in their own
    // namespace (and versions of it); the root's namespace says which document this is.

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String localName) {
        return children(parent, localName).stream().findFirst();
    }

    private static Optional<Element> descendant(Element parent, String localName) {
        NodeList all = parent.getElementsByTagNameNS("*", localName);
        return all.getLength() == 0 ? Optional.empty() : Optional.of((Element) all.item(0));
    }

    /** The trimmed text of the first child {@code localName}, if it has any. */
    private static Optional<String> text(Element parent, String localName) {
        return child(parent, localName).map(CarrierProvisioningMapping::text).filter(t -> !t.isEmpty());
    }

    private static String text(Element element) {
        return element.getTextContent().trim();
    }
}
