package io.hop.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The service's {@link JWTParser}: SmallRye JWT's own, with a {@link VerifiedTokenCache} in front of
 * {@link #parse(String)}, the method Quarkus' bearer-token authentication calls for every request, whose tokens read
 * custom claims without an exception ({@link HopJwtPrincipals}) and, in the usual configuration, are verified without
 * jose4j's garbage ({@link RsaJwsVerifier}). Everything else
 * (verification with explicit keys, decryption, parsing with another context) goes to SmallRye's parser unchanged.
 * {@code hop.security.token-cache.enabled=false} turns the cache off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final JWTParser delegate;
    private final JWTAuthContextInfo context;
    private final HopJwtPrincipals principals;
    private final VerifiedTokenCache cache;

    @Inject
    CachingJwtParser(DefaultJWTParser delegate, JWTAuthContextInfo context, SecurityConfig config) {
        this.delegate = delegate;
        this.context = context;
        this.principals = config.fastVerification() ? new HopJwtPrincipals(context, Clock.systemUTC())
                : new HopJwtPrincipals();
        SecurityConfig.TokenCache settings = config.tokenCache();
        this.cache = settings.enabled()
                ? new VerifiedTokenCache(settings.maxEntries(), settings.maxAge(), Clock.systemUTC(),
                        Ticker.systemTicker())
                : null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return cache == null ? principals.parse(token, context)
                : cache.verify(token, raw -> principals.parse(raw, context));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo otherContext) throws ParseException {
        return delegate.parse(token, otherContext);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
