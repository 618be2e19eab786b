package io.hop.platform.crypto;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.hop.platform.security.SecurityConfig;
import io.smallrye.config.ConfigMapping;

/**
 * The service's {@link SecretBox}, keyed by {@code hop.secrets.key} (base64 of 32 bytes; {@code HOP_SECRETS_KEY}).
 * Like the development key pair ({@link io.hop.platform.security.DevelopmentKeyGuard}), a development key is in the
 * repository: it is used when no key is set only where {@code hop.security.allow-development-key} is true (the dev and
 * test profiles, local runs); anywhere else a missing key, or the development key itself, refuses to build the box, so
 * that a deployment never seals secrets with a key anyone can read.
 */
@ApplicationScoped
public class SecretBoxes {

    /** The development key (base64). Public: it protects nothing. */
    public static final String DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3JldC0wMDE=";

    /** {@code hop.secrets.*}. */
    @ConfigMapping(prefix = "hop.secrets")
    public interface Config {

        /** Base64 of the 32-byte AES key that seals stored secrets. */
        Optional<String> key();
    }

    @Produces
    @Singleton // SecretBox is final (not proxyable) and immutable
    SecretBox secretBox(Config config, SecurityConfig security) {
        return SecretBox.ofBase64Key(keyOf(config.key(), security.allowDevelopmentKey()));
    }

    /** The key to use, or why there is none. */
    static String keyOf(Optional<String> configured, boolean allowDevelopmentKey) {
        Optional<String> key = configured.map(String::trim).filter(k -> !k.isEmpty());
        if (key.isEmpty()) {
            if (allowDevelopmentKey) {
                return DEVELOPMENT_KEY;
            }
            throw new IllegalStateException("Refusing to seal secrets: hop.secrets.key (HOP_SECRETS_KEY) is not set. "
                    + "Set it to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
        }
        if (key.get().equals(DEVELOPMENT_KEY) && !allowDevelopmentKey) {
            throw new IllegalStateException("Refusing to seal secrets with the DEVELOPMENT key, which is public: set "
                    + "hop.secrets.key (HOP_SECRETS_KEY) to a key of your own.");
        }
        return key.get();
    }
}
