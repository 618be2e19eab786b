package io.hop.platform.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code hop.security.*}: token verification, the verified-token cache and the development-key guard. */
@ConfigMapping(prefix = "hop.security")
public interface SecurityConfig {

    /**
     * Whether the service may start while it trusts the development key pair ({@code hop/dev-jwt/public-key.pem},
     * issuer {@code https://hop.local/dev}). False unless set: outside the dev and test profiles a service that would
     * trust it refuses to start ({@link DevelopmentKeyGuard}). Local runs (bin/platform, docker-compose, the local
     * overlay, system-tests) set it explicitly.
     */
    @WithDefault("false")
    boolean allowDevelopmentKey();

    /**
     * Whether bearer tokens of the usual shape (RS256/384/512 with one local PEM key) are verified by
     * {@link RsaJwsVerifier}, with SmallRye's checks but without jose4j's garbage; whatever it does not accept,
     * SmallRye verifies. Off: SmallRye verifies every token.
     */
    @WithDefault("true")
    boolean fastVerification();

    TokenCache tokenCache();

    /** {@code hop.security.token-cache.*}: see {@link VerifiedTokenCache}. */
    interface TokenCache {

        /** Off: every request verifies its token's signature and claims again. */
        @WithDefault("true")
        boolean enabled();

        /** Most tokens kept at once (a typical token and its claims take about 3 KiB); beyond it the least used go. */
        @WithDefault("4096")
        int maxEntries();

        /**
         * Longest time one verification is reused, however late the token expires: bounds how long a token keeps
         * passing after its key has been withdrawn from the verification key set.
         */
        @WithDefault("5m")
        Duration maxAge();
    }
}
