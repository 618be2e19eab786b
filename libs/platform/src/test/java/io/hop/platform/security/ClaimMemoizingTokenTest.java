package io.hop.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

class ClaimMemoizingTokenTest {

    /** A token that counts how often each claim is asked of it. */
    static final class CountingToken implements JsonWebToken {
        final Map<String, Integer> asked = new HashMap<>();
        private final Map<String, Object> claims;

        CountingToken(Map<String, Object> claims) {
            this.claims = claims;
        }

        @Override
        public String getName() {
            return (String) claims.get(Claims.sub.name());
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            asked.merge(claimName, 1, Integer::sum);
            return (T) claims.get(claimName);
        }
    }

    @Test
    void aCustomClaimIsAskedOfTheVerifiedTokenOnceHoweverOftenItIsRead() {
        CountingToken verified = new CountingToken(Map.of("sub", "backend", "operator", "op-1"));
        JsonWebToken token = ClaimMemoizingToken.of(verified);

        for (int i = 0; i < 5; i++) {
            assertEquals("op-1", token.getClaim("operator"));
            assertNull(token.getClaim("tenant"));
        }

        assertEquals(1, verified.asked.get("operator"));
        assertEquals(1, verified.asked.get("tenant"));
    }

    @Test
    void standardClaimsAreReadFromTheVerifiedTokenEachTime() {
        CountingToken verified = new CountingToken(Map.of("sub", "backend", "exp", 42L));
        JsonWebToken token = ClaimMemoizingToken.of(verified);

        assertEquals("backend", token.getSubject());
        assertEquals("backend", token.getSubject());

        assertEquals(2, verified.asked.get("sub"));
    }

    @Test
    void aWrappedTokenIsNotWrappedTwiceAndNullStaysNull() {
        JsonWebToken token = ClaimMemoizingToken.of(new CountingToken(Map.of()));

        assertSame(token, ClaimMemoizingToken.of(token));
        assertNull(ClaimMemoizingToken.of(null));
    }

    @Test
    void aRealSmallRyeTokenAnswersAsBeforeWrapping() throws Exception {
        Instant now = Instant.now();
        String raw = Jwt.subject("backend-op-1").claim("operator", "op-1").groups(Set.of("operator"))
                .issuer(DevelopmentKeyGuard.DEVELOPMENT_ISSUER).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5)))
                .sign(KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem"));
        JsonWebToken verified = new DefaultJWTParser(new JWTAuthContextInfo(
                KeyUtils.readPublicKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE),
                DevelopmentKeyGuard.DEVELOPMENT_ISSUER)).parse(raw);

        JsonWebToken token = ClaimMemoizingToken.of(verified);

        assertEquals("op-1", token.getClaim("operator").toString());
        assertEquals((Object) verified.getClaim("operator"), token.getClaim("operator"));
        assertEquals(Set.of("operator"), token.getGroups());
        assertEquals("backend-op-1", token.getSubject());
        assertEquals(verified.getExpirationTime(), token.getExpirationTime());
        assertEquals(raw, token.getRawToken());
        assertEquals(verified.getClaimNames(), token.getClaimNames());
    }
}
