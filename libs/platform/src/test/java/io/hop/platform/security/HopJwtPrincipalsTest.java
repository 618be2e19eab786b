package io.hop.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

class HopJwtPrincipalsTest {

    private final HopJwtPrincipals principals = new HopJwtPrincipals();

    private static JWTAuthContextInfo developmentContext() throws Exception {
        return new JWTAuthContextInfo(KeyUtils.readPublicKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE),
                DevelopmentKeyGuard.DEVELOPMENT_ISSUER);
    }

    private static JwtClaimsBuilder deviceClaims(Instant expiresAt) {
        return Jwt.subject("device-7").claim("operator", "op-1").claim("device", "dev-7").groups(Set.of("device"))
                .issuer(DevelopmentKeyGuard.DEVELOPMENT_ISSUER).issuedAt(expiresAt.minus(Duration.ofMinutes(10)))
                .expiresAt(expiresAt);
    }

    private static String sign(JwtClaimsBuilder claims) throws Exception {
        return claims.sign(KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem"));
    }

    @Test
    void aTokenAnswersEveryClaimAsSmallRyesOwnPrincipalDoes() throws Exception {
        String raw = sign(deviceClaims(Instant.now().plus(Duration.ofMinutes(5))));
        JsonWebToken smallRye = new DefaultJWTParser(developmentContext()).parse(raw);

        JsonWebToken token = principals.parse(raw, developmentContext());

        assertEquals("op-1", token.getClaim("operator").toString());
        assertEquals((Object) smallRye.getClaim("operator"), token.getClaim("operator"));
        assertEquals((Object) smallRye.getClaim("device"), token.getClaim("device"));
        assertNull(token.getClaim("tenant"));
        assertEquals(smallRye.getClaimNames(), token.getClaimNames());
        for (String name : smallRye.getClaimNames()) {
            assertEquals((Object) smallRye.getClaim(name), token.getClaim(name), name);
        }
        assertEquals(Set.of("device"), token.getGroups());
        assertEquals("device-7", token.getSubject());
        assertEquals(smallRye.getExpirationTime(), token.getExpirationTime());
        assertEquals((Object) smallRye.getClaim(Claims.iat.name()), token.getClaim(Claims.iat.name()));
        assertEquals(raw, token.getRawToken());
    }

    @Test
    void verificationIsSmallRyesOwnTamperedExpiredAndForeignTokensAreRefused() throws Exception {
        String raw = sign(deviceClaims(Instant.now().plus(Duration.ofMinutes(5))));
        String[] parts = raw.split("\\.");
        String otherClaims = sign(deviceClaims(Instant.now().plus(Duration.ofMinutes(5))).claim("operator", "op-2"))
                .split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];
        String expired = sign(deviceClaims(Instant.now().minus(Duration.ofMinutes(5))));
        String foreignIssuer = sign(deviceClaims(Instant.now().plus(Duration.ofMinutes(5))).issuer("https://elsewhere"));

        assertThrows(ParseException.class, () -> principals.parse(tampered, developmentContext()));
        assertThrows(ParseException.class, () -> principals.parse(expired, developmentContext()));
        assertThrows(ParseException.class, () -> principals.parse(foreignIssuer, developmentContext()));
    }
}
