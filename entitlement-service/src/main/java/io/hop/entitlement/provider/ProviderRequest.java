package io.hop.entitlement.provider;

/**
 * Body of {@code PUT /v1/operators/{operatorId}/entitlement-providers/{name}}.
 *
 * @param type        WEBHOOK, PLAN_ALLOWANCE or ALLOW_ALL
 * @param url         WEBHOOK only: the backend's https URL
 * @param timeoutMs   WEBHOOK only: 100..30000, default 2000
 * @param secret      WEBHOOK only: the HMAC secret shared with the backend (16..256 characters); required when the
 *                    provider is created, kept when a replace leaves it out
 * @param bearerToken WEBHOOK only, optional: sent as {@code Authorization: Bearer}; kept when a replace leaves it
 *                    out, removed with {@code ""}
 */
public record ProviderRequest(String type, String url, Integer timeoutMs, String secret, String bearerToken) {

    @Override
    public String toString() {
        return "ProviderRequest[" + type + ", " + url + ", " + timeoutMs + "]"; // never the secrets
    }
}
