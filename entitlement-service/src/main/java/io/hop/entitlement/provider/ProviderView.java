package io.hop.entitlement.provider;

import java.time.Instant;

/** A provider as the API shows it: whether secrets are set, never their values. */
public record ProviderView(String operatorId, String name, String type, String url, Integer timeoutMs,
        boolean secretSet, boolean bearerTokenSet, long version, Instant updatedAt) {

    static ProviderView of(EntitlementProvider provider) {
        return new ProviderView(provider.operatorId(), provider.name(), provider.type().name(), provider.url(),
                provider.timeout() == null ? null : (int) provider.timeout().toMillis(), provider.sealedSecret() != null,
                provider.sealedBearer() != null, provider.version(), provider.updatedAt());
    }
}
