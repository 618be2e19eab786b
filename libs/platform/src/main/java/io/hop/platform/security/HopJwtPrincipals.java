package io.hop.platform.security;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's principal factory, verifying exactly as {@code DefaultJWTCallerPrincipalFactory} does, whose tokens
 * look a claim name up without an exception. SmallRye's principal resolves every claim name with
 * {@code Claims.valueOf}, which throws (and fills in a stack trace) for each name that is not a standard claim, such as
 * {@code operator} and {@code device}: on every request, since every request reads them, and on a path where most
 * tokens miss the verified-token cache (one device, one token) that was a few percent of a request's CPU.
 */
public final class HopJwtPrincipals extends JWTCallerPrincipalFactory {

    private static final Set<String> STANDARD_CLAIMS = EnumSet.allOf(Claims.class).stream().map(Claims::name)
            .collect(Collectors.toUnmodifiableSet());

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();
    private final JWTAuthContextInfo fastContext;
    private final RsaJwsVerifier fast;

    /** Verification by SmallRye alone. */
    public HopJwtPrincipals() {
        this.fastContext = null;
        this.fast = null;
    }

    /**
     * Tokens parsed with {@code context} (the service's) go to {@link RsaJwsVerifier} first when it covers the
     * configuration; whatever it does not accept, SmallRye verifies.
     */
    public HopJwtPrincipals(JWTAuthContextInfo context, Clock clock) {
        this.fastContext = context;
        this.fast = RsaJwsVerifier.forContext(context, clock).orElse(null);
    }

    /** Whether tokens of the service's context take {@link RsaJwsVerifier} first. */
    public boolean hasFastPath() {
        return fast != null;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (fast != null && authContextInfo == fastContext) {
            RsaJwsVerifier.Verified verified = fast.verify(token);
            if (verified != null) {
                return new Principal(verified.type(), verified.claims());
            }
        }
        JwtContext context = parser.parse(token, authContextInfo);
        String type = context.getJoseObjects().get(0).getHeader("typ");
        return new Principal(type, context.getJwtClaims());
    }

    /** SmallRye's principal, unchanged but for the claim-name lookup. */
    static final class Principal extends DefaultJWTCallerPrincipal {

        Principal(String type, JwtClaims claims) {
            super(type, claims);
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD_CLAIMS.contains(claimName) ? Claims.valueOf(claimName) : Claims.UNKNOWN;
        }
    }
}
