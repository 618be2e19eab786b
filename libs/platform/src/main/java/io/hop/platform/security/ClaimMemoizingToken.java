package io.hop.platform.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token that resolves each custom claim (such as {@code operator}) once. SmallRye JWT's principal looks a
 * claim name up with {@code Claims.valueOf}, which throws (and fills in a stack trace) for every name that is not a
 * standard claim: on every request that reads the claim, a few percent of an authenticated request's CPU. The
 * verified-token cache holds this wrapper, so a token sent many times pays that once. Standard claims, names and
 * groups go straight to the wrapped token; values are the wrapped token's, unchanged.
 */
final class ClaimMemoizingToken implements JsonWebToken {

    private static final Set<String> STANDARD_CLAIMS = EnumSet.allOf(Claims.class).stream().map(Claims::name)
            .collect(Collectors.toUnmodifiableSet());

    private final JsonWebToken token;
    private final ConcurrentHashMap<String, Optional<Object>> customClaims = new ConcurrentHashMap<>(4);

    private ClaimMemoizingToken(JsonWebToken token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    /** {@code token} wrapped, or as it is when it is null or already wrapped. */
    static JsonWebToken of(JsonWebToken token) {
        return token == null || token instanceof ClaimMemoizingToken ? token : new ClaimMemoizingToken(token);
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        if (claimName == null || STANDARD_CLAIMS.contains(claimName)) {
            return token.getClaim(claimName);
        }
        return (T) customClaims.computeIfAbsent(claimName, name -> Optional.ofNullable(token.getClaim(name)))
                .orElse(null);
    }

    @Override
    public Set<String> getGroups() {
        return token.getGroups();
    }

    @Override
    public long getExpirationTime() {
        return token.getExpirationTime();
    }

    @Override
    public String getSubject() {
        return token.getSubject();
    }

    @Override
    public String getRawToken() {
        return token.getRawToken();
    }

    @Override
    public String toString() {
        return token.toString();
    }
}
