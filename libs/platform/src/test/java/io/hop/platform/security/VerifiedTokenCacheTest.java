package io.hop.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** The verified-token cache with real tokens, signed with the development key and verified by SmallRye JWT. */
class VerifiedTokenCacheTest {

    private static final String ISSUER = DevelopmentKeyGuard.DEVELOPMENT_ISSUER;
    private static final PrivateKey SIGNING_KEY = readPrivateKey();

    /** A wall clock and a cache ticker that move together, by hand. */
    static final class FakeTime extends Clock implements Ticker {
        private long nanos = Instant.now().getEpochSecond() * 1_000_000_000L;

        void advance(Duration by) {
            nanos += by.toNanos();
        }

        @Override
        public long read() {
            return nanos;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, nanos);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** SmallRye JWT's verification, judging expiry by the fake clock, counting its calls. */
    static final class CountingVerifier implements VerifiedTokenCache.Verifier {
        final AtomicInteger calls = new AtomicInteger();
        private final DefaultJWTParser parser;
        private final FakeTime time;

        CountingVerifier(FakeTime time) throws Exception {
            this.time = time;
            JWTAuthContextInfo context = new JWTAuthContextInfo(
                    KeyUtils.readPublicKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE), ISSUER);
            context.setClockSkew(0);
            this.parser = new DefaultJWTParser(context);
        }

        @Override
        public JsonWebToken verify(String rawToken) throws ParseException {
            calls.incrementAndGet();
            JsonWebToken token = parser.parse(rawToken);
            if (token.getExpirationTime() <= time.instant().getEpochSecond()) {
                throw new ParseException("expired");
            }
            return token;
        }
    }

    private final FakeTime time = new FakeTime();

    private static String token(String subject, Duration lifetime, Instant now) {
        return Jwt.subject(subject).claim("operator", "op-1").groups(Set.of("operator")).issuer(ISSUER)
                .issuedAt(now).expiresAt(now.plus(lifetime)).sign(SIGNING_KEY);
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() throws Exception {
        CountingVerifier verifier = new CountingVerifier(time);
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), time, time);
        String raw = token("backend-op-1", Duration.ofMinutes(10), time.instant());

        JsonWebToken first = cache.verify(raw, verifier);
        JsonWebToken second = cache.verify(raw, verifier);

        assertSame(first, second);
        assertEquals("backend-op-1", second.getSubject());
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void anExpiredTokenIsNeverAcceptedFromTheCache() throws Exception {
        CountingVerifier verifier = new CountingVerifier(time);
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofHours(1), time, time);
        String raw = token("backend-op-1", Duration.ofSeconds(30), time.instant());
        cache.verify(raw, verifier);

        time.advance(Duration.ofSeconds(30)); // exactly at exp: no longer valid

        assertThrows(ParseException.class, () -> cache.verify(raw, verifier));
        assertEquals(2, verifier.calls.get(), "the cache sent the token to full verification again");
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhenTheCacheHasNotEvictedItYet() throws Exception {
        FakeTime wall = new FakeTime();
        FakeTime cacheTicker = new FakeTime(); // the cache's own time does not move: no eviction by time
        CountingVerifier verifier = new CountingVerifier(wall);
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofHours(1), wall, cacheTicker);
        String raw = token("backend-op-1", Duration.ofSeconds(30), wall.instant());
        cache.verify(raw, verifier);

        wall.advance(Duration.ofSeconds(31));

        assertThrows(ParseException.class, () -> cache.verify(raw, verifier));
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        CountingVerifier verifier = new CountingVerifier(time);
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), time, time);
        String raw = token("backend-op-1", Duration.ofHours(1), time.instant());
        cache.verify(raw, verifier);
        time.advance(Duration.ofMinutes(4));
        cache.verify(raw, verifier);
        assertEquals(1, verifier.calls.get());

        time.advance(Duration.ofMinutes(1).plusSeconds(1));
        cache.verify(raw, verifier);

        assertEquals(2, verifier.calls.get());
    }

    @Test
    void theCacheHoldsAtMostItsMaximumNumberOfTokens() throws Exception {
        CountingVerifier verifier = new CountingVerifier(time);
        VerifiedTokenCache cache = new VerifiedTokenCache(3, Duration.ofMinutes(5), time, time);

        for (int i = 0; i < 20; i++) {
            cache.verify(token("device-" + i, Duration.ofMinutes(10), time.instant()), verifier);
        }

        assertTrue(cache.size() <= 3, "held " + cache.size());
        assertEquals(20, verifier.calls.get());
    }

    @Test
    void aTamperedTokenIsNeverServedFromTheCache() throws Exception {
        CountingVerifier verifier = new CountingVerifier(time);
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Duration.ofMinutes(5), time, time);
        String raw = token("backend-op-1", Duration.ofMinutes(10), time.instant());
        cache.verify(raw, verifier);
        String[] parts = raw.split("\\.");
        // The same signature over claims that make the caller an admin of another operator.
        String elevatedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"op-1\"", "\"op-2\"")
                        .replace("\"operator\"]", "\"admin\"]").getBytes());
        String tamperedClaims = parts[0] + "." + elevatedClaims + "." + parts[2];
        String tamperedSignature = raw.substring(0, raw.length() - 2) + (raw.endsWith("AA") ? "BB" : "AA");

        assertThrows(ParseException.class, () -> cache.verify(tamperedClaims, verifier));
        assertThrows(ParseException.class, () -> cache.verify(tamperedSignature, verifier));
        assertThrows(ParseException.class, () -> cache.verify(tamperedSignature, verifier)); // nor remembered as bad

        assertEquals(4, verifier.calls.get());
        assertEquals("op-1", cache.verify(raw, verifier).getClaim("operator").toString());
        assertEquals(4, verifier.calls.get(), "the genuine token is still served from the cache");
    }

    private static PrivateKey readPrivateKey() {
        try {
            return KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
