package io.hop.entitlement.check;

import io.hop.contracts.entitlement.EntitlementDecided.Result;

/**
 * What a provider answered.
 *
 * @param reason       machine-readable, e.g. ENTITLEMENT_PROVIDER_MISSING, BACKEND_TIMEOUT; may be null
 * @param providerType WEBHOOK, PLAN_ALLOWANCE, ALLOW_ALL, or null when no provider applied
 */
public record Outcome(Result result, String reason, String providerType) {

    public static Outcome success(String reason, String providerType) {
        return new Outcome(Result.SUCCESS, reason, providerType);
    }

    public static Outcome failed(String reason, String providerType) {
        return new Outcome(Result.FAILED, reason, providerType);
    }

    public static Outcome unavailable(String reason, String providerType) {
        return new Outcome(Result.UNAVAILABLE, reason, providerType);
    }
}
