package io.hop.provisioning.plan;

import static io.hop.provisioning.entity.Rules.oneOf;
import static io.hop.provisioning.entity.Rules.requiredText;

import java.util.Set;
import java.util.regex.Pattern;

import io.hop.platform.problem.ValidationProblem;

/** The rules of a plan (plain Java): every violated one is added to the builder, with its (prefixed) field. */
public final class PlanValidation {

    public static final Set<String> BILLING_CYCLES = Set.of("MONTHLY", "WEEKLY", "DAILY", "NONE");
    public static final Set<String> PDP_TYPES = Set.of("IPV4", "IPV6", "IPV4V6");
    public static final int MAX_NAME = 100;
    /** The sharing policy's {@code MaxUsers} range ends at 8: a plan cannot allow more. */
    public static final int MAX_SHARING_DEVICES = 8;
    /** 3GPP TS 23.003: an APN network identifier is at most 63 octets of labels (letters, digits, '-') joined by '.'. */
    private static final Pattern APN = Pattern.compile(
            "(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private PlanValidation() {
    }

    /**
     * Adds every violated rule of {@code plan} to {@code problems}.
     *
     * @param prefix put before each field name ("" for a plan on its own)
     */
    public static void validate(PlanRequest plan, String prefix, ValidationProblem.Builder problems) {
        requiredText(plan.name(), MAX_NAME, prefix + "name", problems);
        boolean unlimited = Boolean.TRUE.equals(plan.unlimited());
        if (unlimited) {
            problems.addIf(plan.dataLimitBytes() != null, prefix + "dataLimitBytes", "must be absent when unlimited");
        } else if (plan.dataLimitBytes() == null) {
            problems.add(prefix + "dataLimitBytes", "is required unless unlimited is true");
        } else if (plan.dataLimitBytes() <= 0) {
            problems.add(prefix + "dataLimitBytes", "must be positive");
        }
        problems.addIf(plan.metered() == null, prefix + "metered", "is required (true or false)");
        if (plan.tetheringAllowanceBytes() != null) {
            if (plan.tetheringAllowanceBytes() < 0) {
                problems.add(prefix + "tetheringAllowanceBytes", "must not be negative");
            } else if (!unlimited && plan.dataLimitBytes() != null && plan.dataLimitBytes() > 0
                    && plan.tetheringAllowanceBytes() > plan.dataLimitBytes()) {
                problems.add(prefix + "tetheringAllowanceBytes", "must not exceed dataLimitBytes");
            }
        }
        if (plan.maxSharingDevices() != null
                && (plan.maxSharingDevices() < 1 || plan.maxSharingDevices() > MAX_SHARING_DEVICES)) {
            problems.add(prefix + "maxSharingDevices", "must be between 1 and " + MAX_SHARING_DEVICES);
        }
        if (plan.validity() != null) {
            validateValidity(plan.validity(), prefix + "validity.", problems);
        }
        if (plan.apn() != null) {
            validateApn(plan.apn(), prefix + "apn.", problems);
        }
    }

    private static void validateValidity(PlanRequest.Validity validity, String prefix,
            ValidationProblem.Builder problems) {
        oneOf(validity.billingCycle(), BILLING_CYCLES, prefix + "billingCycle", problems);
        String cycle = validity.billingCycle();
        Integer day = validity.billingDay();
        if ("MONTHLY".equals(cycle)) {
            problems.addIf(day == null || day < 1 || day > 28, prefix + "billingDay",
                    "is required for MONTHLY and must be between 1 and 28");
        } else if ("WEEKLY".equals(cycle)) {
            problems.addIf(day == null || day < 1 || day > 7, prefix + "billingDay",
                    "is required for WEEKLY and must be between 1 (Monday) and 7 (Sunday)");
        } else if (cycle != null) {
            problems.addIf(day != null, prefix + "billingDay", "must be absent unless billingCycle is MONTHLY or WEEKLY");
        }
        problems.addIf(validity.validFrom() != null && validity.validUntil() != null
                && !validity.validUntil().isAfter(validity.validFrom()), prefix + "validUntil",
                "must be after validFrom");
    }

    private static void validateApn(PlanRequest.Apn apn, String prefix, ValidationProblem.Builder problems) {
        if (apn.accessPointName() == null || apn.accessPointName().isBlank()) {
            problems.add(prefix + "accessPointName", "is required");
        } else if (!APN.matcher(apn.accessPointName()).matches()) {
            problems.add(prefix + "accessPointName",
                    "must be at most 63 characters of labels (letters, digits, '-') joined by '.', e.g. internet.contoso.com");
        }
        if (apn.pdpType() != null) {
            oneOf(apn.pdpType(), PDP_TYPES, prefix + "pdpType", problems);
        }
        problems.addIf(apn.password() != null && apn.username() == null, prefix + "username",
                "is required with a password");
    }
}
