package io.hop.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.hop.testing.Tokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The fast verifier against SmallRye's own, token by token: whatever the fast one accepts, SmallRye accepts with the
 * same claims; what SmallRye refuses, the fast one never accepts. Tokens are built by hand (header and claims as
 * JSON, signed with the JDK) so that hostile shapes can be made.
 */
class RsaJwsVerifierTest {

    private static final String ISSUER = DevelopmentKeyGuard.DEVELOPMENT_ISSUER;
    private static final PrivateKey KEY = key();
    private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private static PrivateKey key() {
        try {
            return KeyUtils.readPrivateKey("hop/dev-jwt/private-key.pem");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The services' configuration: the development key, its issuer, groups at {@code groups}, a 60 s clock skew. */
    private static JWTAuthContextInfo context() throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(
                KeyUtils.readPublicKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE), ISSUER);
        context.setGroupsPath("groups");
        return context;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String b64(String json) {
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sign(String header, String claims, String jdkAlgorithm, PrivateKey key) throws Exception {
        String input = b64(header) + "." + b64(claims);
        Signature signature = Signature.getInstance(jdkAlgorithm);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    private static String sign(String header, String claims) throws Exception {
        return sign(header, claims, "SHA256withRSA", KEY);
    }

    /** Claims of a device token, valid for ten more minutes, with {@code extra} (JSON members) appended. */
    private static String deviceClaims(String extra) {
        long now = now();
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"dev-7\",\"operator\":\"op-1\",\"groups\":[\"device\"],\"iat\":"
                + (now - 60) + ",\"exp\":" + (now + 600) + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String claims(String members) {
        return "{" + members + "}";
    }

    /**
     * Holds both verifiers to the same answer for {@code token}: returns true when the fast verifier accepted it
     * (SmallRye then accepted it too, with equal claims, type and principal answers).
     */
    private static boolean sameAnswer(String token, JWTAuthContextInfo context) throws Exception {
        JwtClaims smallRyeClaims = null;
        String smallRyeType = null;
        JsonWebToken smallRye = null;
        try {
            var jwtContext = new DefaultJWTTokenParser().parse(token, context);
            smallRyeClaims = jwtContext.getJwtClaims();
            smallRyeType = jwtContext.getJoseObjects().get(0).getHeader("typ");
            smallRye = new DefaultJWTParser(context).parse(token);
        } catch (ParseException | ClassCastException refused) {
            // SmallRye refuses: the fast verifier must not accept
        }
        RsaJwsVerifier fast = RsaJwsVerifier.forContext(context, Clock.systemUTC()).orElseThrow();
        RsaJwsVerifier.Verified verified = fast.verify(token);
        if (verified == null) {
            return false;
        }
        assertNotNull(smallRyeClaims, "the fast verifier accepted a token SmallRye refuses: " + token);
        assertEquals(smallRyeClaims.getClaimsMap(), verified.claims().getClaimsMap());
        assertEquals(smallRyeType, verified.type());
        JsonWebToken principal = new HopJwtPrincipals.Principal(verified.type(), verified.claims());
        assertEquals(smallRye.getClaimNames(), principal.getClaimNames());
        for (String name : smallRye.getClaimNames()) {
            assertEquals((Object) smallRye.getClaim(name), principal.getClaim(name), name);
        }
        assertEquals(smallRye.getGroups(), principal.getGroups());
        assertEquals(smallRye.getName(), principal.getName());
        return true;
    }

    private static void acceptedByBoth(String token) throws Exception {
        assertTrue(sameAnswer(token, context()), "the fast verifier should accept " + token);
    }

    private static void refusedByBoth(String token) throws Exception {
        refusedByBoth(token, context());
    }

    private static void refusedByBoth(String token, JWTAuthContextInfo context) throws Exception {
        assertTrue(!sameAnswer(token, context), "accepted: " + token);
        try {
            new DefaultJWTTokenParser().parse(token, context);
        } catch (ParseException | ClassCastException expected) {
            return;
        }
        throw new AssertionError("SmallRye accepts " + token);
    }

    @Test
    void thePlatformsOwnTokensTakeTheFastPathWithSmallRyesClaims() throws Exception {
        acceptedByBoth(Tokens.device("op-1", "dev-1"));
        acceptedByBoth(Tokens.operator("op-1"));
        acceptedByBoth(Tokens.admin());
        acceptedByBoth(sign(RS256, deviceClaims("")));
    }

    @Test
    void claimsOfEveryJsonTypeComeOutAsSmallRyesDo() throws Exception {
        acceptedByBoth(sign(RS256, deviceClaims("\"n\":42,\"neg\":-7,\"d\":1.5,\"e\":1.0E3,\"t\":true,\"f\":false,"
                + "\"nil\":null,\"list\":[1,\"a\",[2,3],{\"x\":null}],\"obj\":{\"k\":{\"deep\":[true]}},"
                + "\"u\":\"caf\\u00e9 \\\"q\\\" \\n\",\"aud\":[\"a\",\"b\"],\"jti\":\"id-1\",\"nbf\":" + (now() - 10))));
        acceptedByBoth(sign("{\"alg\":\"RS256\"}", deviceClaims("")));
        acceptedByBoth(sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"any-key-id\"}", deviceClaims("")));
    }

    @Test
    void subjectAndGroupsAreCompletedAsSmallRyeDoes() throws Exception {
        long now = now();
        String times = "\"iss\":\"" + ISSUER + "\",\"iat\":" + now + ",\"exp\":" + (now + 600);
        acceptedByBoth(sign(RS256, claims(times + ",\"upn\":\"someone\",\"groups\":[\"operator\"]")));
        acceptedByBoth(sign(RS256, claims(times + ",\"preferred_username\":\"someone\"")));
        acceptedByBoth(sign(RS256, claims(times + ",\"sub\":null,\"upn\":\"someone\"")));
        acceptedByBoth(sign(RS256, claims(times + ",\"sub\":\"s\",\"groups\":\"a b c\"")));
        acceptedByBoth(sign(RS256, claims(times + ",\"sub\":\"s\",\"groups\":{\"not\":\"a list\"}")));
        refusedByBoth(sign(RS256, claims(times + ",\"groups\":[\"admin\"]"))); // no named principal

        JWTAuthContextInfo paths = context();
        paths.setGroupsPath("roles");
        paths.setSubjectPath("user");
        paths.setDefaultGroupsClaim("device");
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"user\":\"u-1\",\"roles\":[\"admin\",\"x\"]")), paths));
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"user\":\"u-1\",\"roles\":\"admin x\"")), paths));
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"user\":\"u-1\",\"roles\":[1,2]")), paths));
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"user\":7,\"upn\":\"p\"")), paths));

        JWTAuthContextInfo noPath = context();
        noPath.setGroupsPath(null);
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"sub\":\"s\",\"groups\":[\"a\",\"b\"]")), noPath));
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"sub\":\"s\",\"groups\":\"a b\"")), noPath));
        assertTrue(sameAnswer(sign(RS256, claims(times + ",\"sub\":\"s\"")), noPath));
        refusedByBoth(sign(RS256, claims(times + ",\"sub\":\"s\",\"groups\":{\"a\":1}")), noPath);
    }

    @Test
    void tamperedForeignAndUnsignedTokensAreNeverAccepted() throws Exception {
        String token = sign(RS256, deviceClaims(""));
        String[] parts = token.split("\\.");
        String otherClaims = b64(deviceClaims("").replace("op-1", "op-2"));
        refusedByBoth(parts[0] + "." + otherClaims + "." + parts[2]);
        refusedByBoth(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
        refusedByBoth(parts[0] + "." + parts[1] + ".");
        refusedByBoth(b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        refusedByBoth(parts[0] + "." + parts[1]);
        refusedByBoth(token + "." + parts[2] + "." + parts[2]);
        refusedByBoth("not a token");
        refusedByBoth("");

        var pair = KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        refusedByBoth(sign(RS256, deviceClaims(""), "SHA256withRSA", pair.generateKeyPair().getPrivate()));
        refusedByBoth(Tokens.adminSignedByUntrustedKey());
        refusedByBoth(Tokens.adminFromAnotherIssuer());
    }

    @Test
    void algorithmConfusionAndOtherAlgorithmsAreRefused() throws Exception {
        PublicKey publicKey = KeyUtils.readPublicKey(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE);
        String input = b64("{\"alg\":\"HS256\"}") + "." + b64(deviceClaims(""));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"));
        refusedByBoth(input + "." + b64(hmac.doFinal(input.getBytes(StandardCharsets.US_ASCII))));
        // RS384 is a good signature, but the configuration permits RS256 only
        refusedByBoth(sign("{\"alg\":\"RS384\"}", deviceClaims(""), "SHA384withRSA", KEY));
        // ... and when it permits RS384 too, both accept it
        JWTAuthContextInfo both = context();
        both.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384));
        assertTrue(sameAnswer(sign("{\"alg\":\"RS384\"}", deviceClaims(""), "SHA384withRSA", KEY), both));
        refusedByBoth(sign("{\"alg\":\"RS256\"}", deviceClaims(""), "SHA384withRSA", KEY));
    }

    @Test
    void timeClaimsAreCheckedWithTheConfiguredClockSkew() throws Exception {
        long now = now();
        String named = "\"iss\":\"" + ISSUER + "\",\"sub\":\"s\",\"iat\":" + (now - 200);
        refusedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now - 120))));
        acceptedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now - 20)))); // within the 60 s skew
        refusedByBoth(sign(RS256, claims(named)));
        refusedByBoth(sign(RS256, claims(named + ",\"exp\":\"" + (now + 600) + "\"")));
        refusedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now + 600) + ",\"nbf\":" + (now + 300))));
        acceptedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now + 600) + ",\"nbf\":" + (now + 20))));
        acceptedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now + 600.75))));

        String unnamed = "\"iss\":\"" + ISSUER + "\",\"sub\":\"s\"";
        refusedByBoth(sign(RS256, claims(unnamed + ",\"exp\":" + (now + 600)))); // no iat
        refusedByBoth(sign(RS256, claims(unnamed + ",\"exp\":" + (now + 600) + ",\"iat\":" + (now + 900))));
        refusedByBoth(sign(RS256, claims(unnamed + ",\"exp\":" + (now + 600) + ",\"iat\":\"yesterday\"")));

        JWTAuthContextInfo noTimeToLive = context();
        noTimeToLive.setMaxTimeToLiveSecs(0L);
        assertTrue(sameAnswer(sign(RS256, claims(unnamed + ",\"exp\":" + (now + 600))), noTimeToLive));

        JWTAuthContextInfo shortLived = context();
        shortLived.setMaxTimeToLiveSecs(300L);
        assertTrue(sameAnswer(sign(RS256, claims(unnamed + ",\"iat\":" + now + ",\"exp\":" + (now + 200))), shortLived));
        refusedByBoth(sign(RS256, claims(unnamed + ",\"iat\":" + now + ",\"exp\":" + (now + 400))), shortLived);

        JWTAuthContextInfo young = context();
        young.setTokenAge(100L);
        assertTrue(sameAnswer(sign(RS256, claims(unnamed + ",\"iat\":" + (now - 10) + ",\"exp\":" + (now + 600))), young));
        refusedByBoth(sign(RS256, claims(unnamed + ",\"iat\":" + (now - 300) + ",\"exp\":" + (now + 600))), young);

        JWTAuthContextInfo noSkew = context();
        noSkew.setExpGracePeriodSecs(0);
        noSkew.setClockSkew(0);
        refusedByBoth(sign(RS256, claims(named + ",\"exp\":" + (now - 20))), noSkew);
        assertTrue(sameAnswer(sign(RS256, claims(named + ",\"exp\":" + (now + 20))), noSkew));
    }

    @Test
    void issuerAudienceAndRequiredClaimsAreEnforced() throws Exception {
        long now = now();
        String times = "\"sub\":\"s\",\"iat\":" + now + ",\"exp\":" + (now + 600);
        refusedByBoth(sign(RS256, claims(times)));
        refusedByBoth(sign(RS256, claims(times + ",\"iss\":\"https://elsewhere\"")));
        refusedByBoth(sign(RS256, claims(times + ",\"iss\":[\"" + ISSUER + "\"]")));
        refusedByBoth(sign(RS256, deviceClaims("\"jti\":7")));
        refusedByBoth(sign(RS256, deviceClaims("").replace("\"dev-7\"", "7")));

        JWTAuthContextInfo audience = context();
        audience.setExpectedAudience(Set.of("hop", "other"));
        assertTrue(sameAnswer(sign(RS256, deviceClaims("\"aud\":\"hop\"")), audience));
        assertTrue(sameAnswer(sign(RS256, deviceClaims("\"aud\":[\"x\",\"other\"]")), audience));
        refusedByBoth(sign(RS256, deviceClaims("\"aud\":\"elsewhere\"")), audience);
        refusedByBoth(sign(RS256, deviceClaims("\"aud\":[\"x\"]")), audience);
        refusedByBoth(sign(RS256, deviceClaims("")), audience);

        JWTAuthContextInfo required = context();
        required.setRequiredClaims(Set.of("operator", "jti"));
        assertTrue(sameAnswer(sign(RS256, deviceClaims("\"jti\":\"j\"")), required));
        refusedByBoth(sign(RS256, deviceClaims("")), required);
    }

    @Test
    void hostileHeadersAndPayloadsAreLeftToSmallRye() throws Exception {
        RsaJwsVerifier fast = RsaJwsVerifier.forContext(context(), Clock.systemUTC()).orElseThrow();
        String crit = sign("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}", deviceClaims(""));
        String duplicate = sign(RS256, deviceClaims("\"operator\":\"op-2\""));
        String duplicateHeader = sign("{\"alg\":\"none\",\"alg\":\"RS256\"}", deviceClaims(""));
        String array = sign(RS256, "[" + deviceClaims("") + "]");
        String trailing = sign(RS256, deviceClaims("") + "{}");
        String huge = sign(RS256, deviceClaims("\"n\":123456789012345678901234567890"));
        String nested = sign("{\"alg\":\"RS256\",\"cty\":\"JWT\"}", deviceClaims(""));
        String roles = sign(RS256, deviceClaims("\"roleMappings\":{\"device\":\"admin\"}"));
        for (String token : List.of(crit, duplicate, duplicateHeader, array, trailing, huge, nested, roles)) {
            assertNull(fast.verify(token), token);
            sameAnswer(token, context());
        }
        refusedByBoth(crit);
        refusedByBoth(duplicate);
        refusedByBoth(array);
    }

    @Test
    void configurationsItDoesNotCoverLeaveEveryTokenToSmallRye() throws Exception {
        JWTAuthContextInfo secret = new JWTAuthContextInfo(
                KeyUtils.createSecretKeyFromSecret("0123456789abcdef0123456789abcdef"), ISSUER);
        JWTAuthContextInfo keyId = context();
        keyId.setTokenKeyId("k1");
        JWTAuthContextInfo encrypted = context();
        encrypted.setDecryptionKeyLocation("somewhere.pem");
        JWTAuthContextInfo jwks = new JWTAuthContextInfo("https://idp.example/jwks", ISSUER);
        JWTAuthContextInfo nested = context();
        nested.setGroupsPath("realm/roles");
        JWTAuthContextInfo es256 = context();
        es256.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.ES256));
        for (JWTAuthContextInfo context : List.of(secret, keyId, encrypted, jwks, nested, es256)) {
            assertEquals(Optional.empty(), RsaJwsVerifier.forContext(context, Clock.systemUTC(), l -> Optional.empty()));
        }

        JWTAuthContextInfo located = new JWTAuthContextInfo();
        located.setPublicKeyLocation(DevelopmentKeyGuard.DEVELOPMENT_KEY_RESOURCE);
        located.setIssuedBy(ISSUER);
        located.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.RS256));
        RsaJwsVerifier fromLocation = RsaJwsVerifier.forContext(located, Clock.systemUTC()).orElseThrow();
        assertNotNull(fromLocation.verify(Tokens.device("op-1", "dev-1")));
    }

    @Test
    void theServicesPrincipalsComeFromTheFastPathAndStillRefuseWhatSmallRyeRefuses() throws Exception {
        JWTAuthContextInfo context = context();
        HopJwtPrincipals principals = new HopJwtPrincipals(context, Clock.systemUTC());
        assertTrue(principals.hasFastPath());
        JsonWebToken token = principals.parse(Tokens.device("op-1", "dev-9"), context);
        assertEquals("op-1", token.getClaim("operator").toString());
        assertEquals(Set.of("device"), token.getGroups());
        assertEquals("dev-9", token.getName());
        assertTrue(token.getClaimNames().contains("raw_token"));
        assertThrows(ParseException.class, () -> principals.parse(Tokens.adminFromAnotherIssuer(), context));
        assertThrows(ParseException.class, () -> principals.parse(Tokens.adminSignedByUntrustedKey(), context));
    }
}
