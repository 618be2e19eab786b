package io.hop.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens that passed verification, so that a client sending the same token again is not verified again (an
 * RSA signature check and a JSON parse cost more than the rest of a typical request, and operator backends send one
 * token for many requests).
 *
 * <ul>
 * <li>The key is the raw token, the whole string: a token that differs in any character (a tampered signature or
 * claim) is a different key and goes through full verification, which rejects it.</li>
 * <li>Only verified tokens are stored; a failed verification is never remembered either way.</li>
 * <li>An entry lives until the token's {@code exp} or {@code maxAge} after verification, whichever is earlier; a hit
 * is checked against {@code exp} again, so an expired token is never accepted from the cache, whatever the
 * eviction timing. Tokens without {@code exp} and tokens longer than {@value #MAX_TOKEN_CHARS} characters are not
 * cached.</li>
 * <li>At most {@code maxEntries} tokens (Caffeine's size-based eviction).</li>
 * </ul>
 * Verification with clock skew ({@code mp.jwt.verify.clock.skew}) may accept a token shortly after its {@code exp};
 * the cache does not: such a token is verified on every request until the verifier refuses it.
 */
public final class VerifiedTokenCache {

    /** Longer tokens are verified on every request, so that the cache's memory stays bounded by its entry count. */
    public static final int MAX_TOKEN_CHARS = 4096;

    /** What verifies a token when it is not in the cache (SmallRye JWT's parser in a service). */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String rawToken) throws ParseException;
    }

    private final Cache<String, JsonWebToken> cache;
    private final Clock clock;

    /**
     * @param clock  wall clock, compared with the tokens' {@code exp}
     * @param ticker the cache's time source (nanoseconds); {@link Ticker#systemTicker()} outside tests
     */
    public VerifiedTokenCache(int maxEntries, Duration maxAge, Clock clock, Ticker ticker) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, not " + maxAge);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        long maxAgeNanos = maxAge.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Eviction work on the calling thread: no pool thread per service, and the bound holds promptly.
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, JsonWebToken>() {
                    @Override
                    public long expireAfterCreate(String key, JsonWebToken token, long currentTime) {
                        long untilExpiry = TimeUnit.MILLISECONDS.toNanos(
                                TimeUnit.SECONDS.toMillis(token.getExpirationTime()) - clock.millis());
                        return Math.max(0, Math.min(maxAgeNanos, untilExpiry));
                    }

                    @Override
                    public long expireAfterUpdate(String key, JsonWebToken token, long currentTime,
                            long currentDuration) {
                        return expireAfterCreate(key, token, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, JsonWebToken token, long currentTime,
                            long currentDuration) {
                        return currentDuration; // reading does not extend a verification's life
                    }
                })
                .build();
    }

    /** The verified token for {@code rawToken}: from the cache while it is live there, else from {@code verifier}. */
    public JsonWebToken verify(String rawToken, Verifier verifier) throws ParseException {
        JsonWebToken cached = cache.getIfPresent(rawToken);
        if (cached != null) {
            if (isLive(cached)) {
                return cached;
            }
            cache.invalidate(rawToken);
        }
        JsonWebToken verified = verifier.verify(rawToken);
        if (verified != null && rawToken.length() <= MAX_TOKEN_CHARS && verified.getExpirationTime() > 0
                && isLive(verified)) {
            cache.put(rawToken, verified);
        }
        return verified;
    }

    /** Number of tokens held (after pending evictions). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public void clear() {
        cache.invalidateAll();
    }

    private boolean isLive(JsonWebToken token) {
        return TimeUnit.SECONDS.toMillis(token.getExpirationTime()) > clock.millis();
    }
}
