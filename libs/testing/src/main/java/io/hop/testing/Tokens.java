package io.hop.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens signed with the development key pair (see {@code hop/dev-jwt/README.md}), as the services verify
 * them in local runs and tests: claims {@code operator}, {@code groups}, {@code sub}.
 */
public final class Tokens {

    /** The issuer the services expect unless {@code MP_JWT_VERIFY_ISSUER} says otherwise. */
    public static final String DEV_ISSUER = "https://hop.local/dev";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final PrivateKey KEY = loadKey();

    private Tokens() {
    }

    /** A platform administrator (group {@code admin}), bound to no operator. */
    public static String admin() {
        return sign(Jwt.subject("admin").groups(Set.of("admin")));
    }

    /** An operator backend acting for {@code operatorId} (group {@code operator}). */
    public static String operator(String operatorId) {
        return sign(Jwt.subject("backend-" + operatorId).claim("operator", operatorId).groups(Set.of("operator")));
    }

    /** A device (group {@code device}) of {@code operatorId}; {@code sub} is the device id. */
    public static String device(String operatorId, String deviceId) {
        return sign(Jwt.subject(deviceId).claim("operator", operatorId).groups(Set.of("device")));
    }

    /** An admin token that is well formed but signed by a key no service trusts (a forgery). */
    public static String adminSignedByUntrustedKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.subject("admin").groups(Set.of("admin")).issuer(DEV_ISSUER).expiresIn(LIFETIME)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin token signed with the right key but naming another issuer. */
    public static String adminFromAnotherIssuer() {
        return Jwt.subject("admin").groups(Set.of("admin")).issuer("https://elsewhere.example/").expiresIn(LIFETIME)
                .sign(KEY);
    }

    /** {@code Authorization} header value. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.issuer(DEV_ISSUER).expiresIn(LIFETIME).sign(KEY);
    }

    private static PrivateKey loadKey() {
        try {
            return KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development signing key", e);
        }
    }
}
