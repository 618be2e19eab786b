package io.hop.entitlement.provider;

import java.time.Duration;
import java.time.Instant;

/**
 * An operator's entitlement provider as stored. Secrets are sealed ({@code SecretBox}); {@link #toString()} never
 * shows them.
 *
 * @param name         what a sharing policy's {@code entitlementProvider} names
 * @param url          the WEBHOOK endpoint, else null
 * @param timeout      the WEBHOOK call's timeout, else null
 * @param sealedSecret the WEBHOOK's HMAC secret, sealed; else null
 * @param sealedBearer the WEBHOOK's optional bearer credential, sealed; else null
 */
public record EntitlementProvider(String operatorId, String name, ProviderType type, String url, Duration timeout,
        String sealedSecret, String sealedBearer, long version, Instant updatedAt) {

    @Override
    public String toString() {
        return "EntitlementProvider[" + operatorId + "/" + name + ", " + type + ", " + url + ", v" + version + "]";
    }
}
