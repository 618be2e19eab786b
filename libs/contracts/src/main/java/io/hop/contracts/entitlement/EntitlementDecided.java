package io.hop.contracts.entitlement;

import java.time.Instant;

/**
 * One entitlement decision (event {@link EntitlementEvents#DECISION_MADE} on {@code entitlement.decisions.v1}, key:
 * the device id). entitlement-service publishes every decision it takes, whoever asked.
 *
 * @param decisionId   unique id of the decision
 * @param operatorId   the device's operator
 * @param deviceId     the device the decision is about
 * @param result       {@code SUCCESS}, {@code FAILED} or {@code UNAVAILABLE} ({@link Result})
 * @param reason       machine-readable reason, e.g. {@code ENTITLEMENT_PROVIDER_MISSING}, {@code BACKEND_TIMEOUT},
 *                     {@code TETHERING_ALLOWANCE_EXHAUSTED}; null when the provider gave none
 * @param providerType {@code WEBHOOK}, {@code PLAN_ALLOWANCE}, {@code ALLOW_ALL}, or null when no provider applied
 * @param trigger      why the check ran: {@code API} (an operator backend or device asked), {@code SHARING_START},
 *                     {@code PERIODIC} (EntitlementInterval), {@code USAGE_ALERT}
 * @param decidedAt    when the decision was taken
 */
public record EntitlementDecided(String decisionId, String operatorId, String deviceId, String result, String reason,
        String providerType, String trigger, Instant decidedAt) {

    /** The three answers of an entitlement check. */
    public enum Result {
        SUCCESS, FAILED, UNAVAILABLE
    }
}
