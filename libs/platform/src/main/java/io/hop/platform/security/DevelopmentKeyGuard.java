package io.hop.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service that would trust the development key pair, unless
 * {@code hop.security.allow-development-key=true}. The development private key is in the repository, so a service
 * trusting it accepts tokens anyone can mint. The platform's defaults point at it (so that local runs work without
 * setup); the dev and test profiles allow it, every other profile (prod) fails closed until the deployment sets
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} and {@code MP_JWT_VERIFY_ISSUER} to its identity provider, or explicitly
 * allows the development key (bin/platform, docker-compose, the local overlay, system-tests).
 */
@ApplicationScoped
public class DevelopmentKeyGuard {

    /** Where the platform jar bundles the development public key, and its issuer. */
    public static final String DEVELOPMENT_KEY_RESOURCE = "hop/dev-jwt/public-key.pem";
    public static final String DEVELOPMENT_ISSUER = "https://hop.local/dev";
    public static final String ALLOW_PROPERTY = "hop.security.allow-development-key";

    // Ahead of the other start-up work (Flyway, consumers, relay): nothing should run with a key anyone can use.
    void onStart(@Observes @Priority(1) StartupEvent event, SecurityConfig security, Config config) {
        if (security.allowDevelopmentKey()) {
            return;
        }
        List<String> reasons = reasonsToRefuse(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey", String.class),
                config.getOptionalValue("mp.jwt.verify.issuer", String.class),
                DevelopmentKeyGuard::readLocalKey);
        if (!reasons.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the service would trust the DEVELOPMENT key pair, whose "
                    + "private key is public (" + String.join("; ", reasons) + "). Set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "and MP_JWT_VERIFY_ISSUER to your identity provider, or set " + ALLOW_PROPERTY
                    + "=true (HOP_SECURITY_ALLOW_DEVELOPMENT_KEY=true) for a local run.");
        }
    }

    /**
     * Why this verification configuration trusts the development key; empty when it does not.
     *
     * @param readKey reads a key location that is a class-path resource or a local file (empty when it cannot)
     */
    public static List<String> reasonsToRefuse(Optional<String> keyLocation, Optional<String> inlineKey,
            Optional<String> issuer, Function<String, Optional<String>> readKey) {
        List<String> reasons = new ArrayList<>();
        String developmentKey = keyBody(readKey.apply(DEVELOPMENT_KEY_RESOURCE)
                .orElseThrow(() -> new IllegalStateException(DEVELOPMENT_KEY_RESOURCE + " is missing from the class path")));
        keyLocation.map(String::trim).filter(l -> !l.isEmpty()).ifPresent(location -> {
            if (location.contains("dev-jwt")) {
                reasons.add("mp.jwt.verify.publickey.location is " + location);
            } else if (readKey.apply(location).map(DevelopmentKeyGuard::keyBody)
                    .filter(body -> body.contains(developmentKey)).isPresent()) {
                reasons.add("mp.jwt.verify.publickey.location " + location + " holds the development key");
            }
        });
        inlineKey.map(DevelopmentKeyGuard::keyBody).filter(body -> body.contains(developmentKey))
                .ifPresent(body -> reasons.add("mp.jwt.verify.publickey is the development key"));
        issuer.map(String::trim).filter(DEVELOPMENT_ISSUER::equals)
                .ifPresent(i -> reasons.add("mp.jwt.verify.issuer is " + DEVELOPMENT_ISSUER));
        return reasons;
    }

    /** A PEM's base64 body (no armour lines, no whitespace), to compare keys however they are wrapped. */
    static String keyBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** The content of a class-path resource or local file named as SmallRye JWT accepts it; empty for URLs. */
    static Optional<String> readLocalKey(String location) {
        String name = location.trim();
        try {
            if (name.startsWith("file:")) {
                return read(Path.of(java.net.URI.create(name)));
            }
            if (name.contains("://")) {
                return Optional.empty(); // a JWKS endpoint: not fetched here
            }
            String resource = name.startsWith("classpath:") ? name.substring("classpath:".length()) : name;
            resource = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader == null ? DevelopmentKeyGuard.class.getClassLoader() : loader)
                    .getResourceAsStream(resource)) {
                if (in != null) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return read(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return Optional.empty(); // not a path we can read: SmallRye reports it itself
        }
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }
}
