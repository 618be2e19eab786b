package io.hop.platform.security;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.jwt.Claims;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.KeyProvider;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Verifies the common shape of bearer token — a compact JWS signed with RS256, RS384 or RS512 by the one configured
 * RSA public key — with the JDK's {@link Signature} and Jackson, applying the checks SmallRye JWT applies under the
 * same {@link JWTAuthContextInfo}, and yields the same claims. It exists because SmallRye's jose4j parses JSON with a
 * lexer that allocates a 32 KiB buffer per document, and Base64 with an 8 KiB one: about 90 KiB of garbage for every
 * token verified, which is every request of a device (one device, one token: the verified-token cache rarely holds
 * it) and most of the garbage those requests make.
 *
 * <p>
 * It never refuses a token: {@link #verify} answers the verified token or {@code null}, and {@code null} sends the
 * token to SmallRye's own verification, which accepts or refuses it with its own error. So it can only ever accept a
 * subset of what SmallRye accepts, and it answers {@code null} for anything outside that well-understood subset:
 * another algorithm, any header beyond {@code alg}, {@code typ} and {@code kid} ({@code crit}, {@code cty},
 * {@code b64}, {@code jku}…), Base64 or JSON that is not strictly valid, duplicate names, numbers beyond 64 bits, a
 * claim of the wrong type, a {@code roleMappings} claim, and any token that fails a check. It is off
 * ({@link #forContext} is empty) for a configuration it does not cover: decryption, secret keys, JWK sets or
 * certificates, a key at a URL, a required key id, certificate thumbprints, nested claim paths.
 *
 * <p>
 * The checks, as SmallRye 4.6 configures jose4j: signature with the configured key (at least 2048 bits unless key
 * validation is relaxed), algorithm among {@code mp.jwt.verify.publickey.algorithm}; {@code exp} required and not
 * passed (with {@code mp.jwt.verify.clock.skew}); {@code nbf} reached; {@code exp} not before {@code iat} nor
 * {@code nbf}; {@code iss} equal to {@code mp.jwt.verify.issuer} when set; {@code aud} among
 * {@code mp.jwt.verify.audiences} when set; {@code iat} required (unless {@code smallrye.jwt.time-to-live} is zero or
 * less), {@code exp - iat} within {@code smallrye.jwt.time-to-live} and {@code iat} within
 * {@code mp.jwt.verify.token.age} when set; the required claims; {@code iss}, {@code sub} and {@code jti} strings when
 * present; then SmallRye's own steps ({@code PrincipalUtils.setClaims}): {@code raw_token}, the subject and groups
 * paths and defaults, a named principal. {@code RsaJwsVerifierTest} holds both verifiers to the same answers over
 * valid and hostile tokens.
 */
public final class RsaJwsVerifier {

    private static final Logger LOG = Logger.getLogger(RsaJwsVerifier.class);

    /** jose4j's {@code KeyValidationSupport}: RSA keys shorter than this are refused unless validation is relaxed. */
    static final int MIN_RSA_KEY_BITS = 2048;

    private static final Set<String> HEADERS = Set.of("alg", "typ", "kid");
    private static final String ROLE_MAPPINGS = "roleMappings";
    private static final Map<SignatureAlgorithm, String> JDK_ALGORITHMS = new EnumMap<>(Map.of(
            SignatureAlgorithm.RS256, "SHA256withRSA",
            SignatureAlgorithm.RS384, "SHA384withRSA",
            SignatureAlgorithm.RS512, "SHA512withRSA"));

    private static final ObjectReader JSON_OBJECT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(new TypeReference<Map<String, Object>>() {
            });

    /** A token this verifier accepted: its {@code typ} header (null when absent) and its claims, as SmallRye's. */
    public record Verified(String type, JwtClaims claims) {
    }

    private final RSAPublicKey key;
    private final Map<String, String> algorithms; // JWS alg -> JDK signature algorithm, those permitted here
    private final String issuer;
    private final Set<String> audiences;
    private final Long maxTimeToLiveSecs;
    private final Long tokenAgeSecs;
    private final boolean issuedAtRequired;
    private final Set<String> requiredClaims;
    private final int skewSecs;
    private final String subjectClaim;
    private final String defaultSubject;
    private final String groupsClaim;
    private final String defaultGroup;
    private final String groupsSeparator;
    private final boolean requireNamedPrincipal;
    private final Clock clock;

    private RsaJwsVerifier(RSAPublicKey key, Map<String, String> algorithms, JWTAuthContextInfo context, Clock clock) {
        this.key = key;
        this.algorithms = algorithms;
        this.issuer = context.getIssuedBy();
        this.audiences = context.getExpectedAudience() == null ? null : Set.copyOf(context.getExpectedAudience());
        this.maxTimeToLiveSecs = context.getMaxTimeToLiveSecs();
        this.tokenAgeSecs = context.getTokenAge();
        // SmallRye 4.6: iat is required unless the time to live is set to zero or less and no token age is set
        this.issuedAtRequired = maxTimeToLiveSecs == null || maxTimeToLiveSecs > 0 || tokenAgeSecs != null;
        this.requiredClaims = context.getRequiredClaims() == null ? null : Set.copyOf(context.getRequiredClaims());
        this.skewSecs = context.getExpGracePeriodSecs() > 0 ? context.getExpGracePeriodSecs()
                : Math.max(0, context.getClockSkew());
        this.subjectClaim = claimName(context.getSubjectPath());
        this.defaultSubject = context.getDefaultSubjectClaim();
        this.groupsClaim = claimName(context.getGroupsPath());
        this.defaultGroup = context.getDefaultGroupsClaim();
        this.groupsSeparator = context.getGroupsSeparator();
        this.requireNamedPrincipal = context.isRequireNamedPrincipal();
        this.clock = clock;
    }

    /** The verifier for this configuration, or empty when it is one SmallRye alone verifies (logged once, why). */
    public static Optional<RsaJwsVerifier> forContext(JWTAuthContextInfo context, Clock clock) {
        return forContext(context, clock, DevelopmentKeyGuard::readLocalKey);
    }

    static Optional<RsaJwsVerifier> forContext(JWTAuthContextInfo context, Clock clock,
            Function<String, Optional<String>> readLocalKey) {
        String unsupported = unsupported(context);
        RSAPublicKey key = null;
        if (unsupported == null) {
            key = rsaKey(context, readLocalKey);
            if (key == null) {
                unsupported = "the verification key is not one local PEM RSA public key";
            } else if (key.getModulus().bitLength() < MIN_RSA_KEY_BITS && !context.isRelaxVerificationKeyValidation()) {
                unsupported = "the verification key is shorter than " + MIN_RSA_KEY_BITS + " bits";
            }
        }
        Map<String, String> algorithms = new HashMap<>();
        if (unsupported == null && context.getSignatureAlgorithm() != null) {
            for (SignatureAlgorithm algorithm : context.getSignatureAlgorithm()) {
                String jdk = JDK_ALGORITHMS.get(algorithm);
                if (jdk != null) {
                    algorithms.put(algorithm.getAlgorithm(), jdk);
                }
            }
            if (algorithms.isEmpty()) {
                unsupported = "no permitted signature algorithm is RS256, RS384 or RS512";
            }
        }
        if (unsupported != null) {
            LOG.infof("Bearer tokens are verified by SmallRye JWT alone: %s", unsupported);
            return Optional.empty();
        }
        return Optional.of(new RsaJwsVerifier(key, Map.copyOf(algorithms), context, clock));
    }

    private static String unsupported(JWTAuthContextInfo context) {
        if (context.getDecryptionKeyLocation() != null || context.getDecryptionKeyContent() != null
                || context.getPrivateDecryptionKey() != null || context.getSecretDecryptionKey() != null) {
            return "tokens are encrypted";
        }
        if (context.getSecretVerificationKey() != null || context.getSecretKeyContent() != null) {
            return "tokens are verified with a secret key";
        }
        if (context.getKeyProvider() != null && context.getKeyProvider() != KeyProvider.DEFAULT) {
            return "the key provider is " + context.getKeyProvider();
        }
        if (context.getKeyFormat() != null && context.getKeyFormat() != KeyFormat.ANY
                && context.getKeyFormat() != KeyFormat.PEM_KEY) {
            return "the key format is " + context.getKeyFormat();
        }
        if (context.isVerifyCertificateThumbprint()) {
            return "certificate thumbprints are verified";
        }
        if (context.getTokenKeyId() != null) {
            return "a key id is required";
        }
        if (isNested(context.getSubjectPath()) || isNested(context.getGroupsPath())) {
            return "a claim path is nested";
        }
        return null;
    }

    private static boolean isNested(String path) {
        return path != null && path.indexOf('/') > 0;
    }

    private static String claimName(String path) {
        return path == null ? null : path.replace("\"", "");
    }

    private static RSAPublicKey rsaKey(JWTAuthContextInfo context, Function<String, Optional<String>> readLocalKey) {
        PublicKey key = context.getPublicVerificationKey();
        if (key == null) {
            String content = context.getPublicKeyContent(); // SmallRye's order: the content, else the location
            if (content == null && context.getPublicKeyLocation() != null) {
                content = readLocalKey.apply(context.getPublicKeyLocation()).orElse(null);
            }
            if (content == null || !content.contains("-----BEGIN PUBLIC KEY-----")) {
                return null;
            }
            try {
                key = KeyUtils.decodePublicKey(content);
            } catch (GeneralSecurityException | RuntimeException e) {
                return null;
            }
        }
        return key instanceof RSAPublicKey rsa ? rsa : null;
    }

    /** The verified token, or {@code null}: not verified here (SmallRye then verifies it, and accepts or refuses). */
    public Verified verify(String token) {
        try {
            return verifyOrNull(token);
        } catch (RuntimeException | GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private Verified verifyOrNull(String token) throws GeneralSecurityException, IOException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            return null; // not three non-empty parts: a JWE, or not a token
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        Map<String, Object> header = json(base64.decode(token.substring(0, first)));
        if (!HEADERS.containsAll(header.keySet()) || !(header.get("alg") instanceof String alg)
                || !isNullOrString(header.get("typ")) || !isNullOrString(header.get("kid"))) {
            return null;
        }
        String jdkAlgorithm = algorithms.get(alg);
        if (jdkAlgorithm == null) {
            return null;
        }
        Signature signature = Signature.getInstance(jdkAlgorithm);
        signature.initVerify(key);
        signature.update(token.substring(0, second).getBytes(StandardCharsets.US_ASCII));
        if (!signature.verify(base64.decode(token.substring(second + 1)))) {
            return null;
        }
        Map<String, Object> claims = json(base64.decode(token.substring(first + 1, second)));
        if (!hasOnlyPlainValues(claims) || !claimsAreValid(claims)) {
            return null;
        }
        return postProcessed(token, (String) header.get("typ"), claims);
    }

    private boolean claimsAreValid(Map<String, Object> claims) {
        Object exp = claims.get(Claims.exp.name());
        Object iat = claims.get(Claims.iat.name());
        Object nbf = claims.get(Claims.nbf.name());
        if (!(exp instanceof Number) || !isNullOrNumber(iat) || !isNullOrNumber(nbf)) {
            return false;
        }
        long now = clock.millis() / 1000;
        long expSecs = ((Number) exp).longValue();
        if (now - skewSecs >= expSecs) {
            return false;
        }
        if (iat != null && expSecs < ((Number) iat).longValue()) {
            return false;
        }
        if (nbf != null && (expSecs < ((Number) nbf).longValue() || now + skewSecs < ((Number) nbf).longValue())) {
            return false;
        }
        if (issuedAtRequired) {
            if (iat == null) {
                return false;
            }
            long iatSecs = ((Number) iat).longValue();
            if ((maxTimeToLiveSecs != null && expSecs - iatSecs > maxTimeToLiveSecs)
                    || (tokenAgeSecs != null && now - iatSecs > tokenAgeSecs)) {
                return false;
            }
        }
        Object iss = claims.get(Claims.iss.name());
        if (!isNullOrString(iss) || (issuer != null && !issuer.equals(iss))) {
            return false;
        }
        if (!isNullOrString(claims.get(Claims.sub.name())) || !isNullOrString(claims.get(Claims.jti.name()))) {
            return false;
        }
        if (audiences != null && !hasExpectedAudience(claims.get(Claims.aud.name()))) {
            return false;
        }
        return (requiredClaims == null || claims.keySet().containsAll(requiredClaims))
                && !claims.containsKey(ROLE_MAPPINGS);
    }

    private boolean hasExpectedAudience(Object aud) {
        if (aud instanceof String single) {
            return audiences.contains(single);
        }
        if (!(aud instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        boolean found = false;
        for (Object each : list) {
            if (!(each instanceof String name)) {
                return false;
            }
            found |= audiences.contains(name);
        }
        return found;
    }

    /** SmallRye's steps after jose4j's: the raw token, the subject, a named principal, the groups. */
    private Verified postProcessed(String token, String type, Map<String, Object> claims) {
        claims.put(Claims.raw_token.name(), token);
        if (claims.get(Claims.sub.name()) == null) {
            Object subject = subjectClaim == null ? null : claims.get(subjectClaim);
            claims.put(Claims.sub.name(), subject instanceof String ? subject : defaultSubject);
        }
        if (requireNamedPrincipal && claims.get(Claims.sub.name()) == null && claims.get(Claims.upn.name()) == null
                && claims.get(Claims.preferred_username.name()) == null) {
            return null;
        }
        List<String> groups;
        if (groupsClaim == null) {
            Object value = claims.get(Claims.groups.name());
            if (value instanceof String names) {
                groups = splitGroups(names);
            } else if (value == null || value instanceof List) {
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                groups = list;
            } else {
                return null; // SmallRye fails on it (a class cast)
            }
        } else {
            groups = groupsAtPath(claims.get(groupsClaim));
        }
        if (groups == null && defaultGroup != null) {
            groups = Collections.singletonList(defaultGroup);
        }
        if (groups != null) {
            claims.put(Claims.groups.name(), groups);
        }
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        return new Verified(type, jwtClaims);
    }

    /** The groups named by the groups path: a list of strings, or one string of names; else none. */
    private List<String> groupsAtPath(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(RsaJwsVerifier::isNullOrString)) {
            return Arrays.asList(list.toArray(new String[0]));
        }
        if (value instanceof String names) {
            return splitGroups(names);
        }
        return null;
    }

    /** One string of group names, split as SmallRye splits it ({@code smallrye.jwt.groups-separator}, a regex). */
    private List<String> splitGroups(String names) {
        return Arrays.asList(names.split(groupsSeparator));
    }

    private static Map<String, Object> json(byte[] utf8) throws IOException {
        Map<String, Object> value = JSON_OBJECT.readValue(new String(utf8, StandardCharsets.UTF_8));
        if (value == null) {
            throw new IOException("not a JSON object");
        }
        return value;
    }

    /** Strings, booleans, nulls, 64-bit integers, doubles, and lists and objects of them: what jose4j's parser makes. */
    private static boolean hasOnlyPlainValues(Object value) {
        if (value instanceof Map<?, ?> map) {
            for (Object each : map.values()) {
                if (!hasOnlyPlainValues(each)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object each : list) {
                if (!hasOnlyPlainValues(each)) {
                    return false;
                }
            }
            return true;
        }
        return !(value instanceof BigInteger || value instanceof BigDecimal);
    }

    private static boolean isNullOrString(Object value) {
        return value == null || value instanceof String;
    }

    private static boolean isNullOrNumber(Object value) {
        return value == null || value instanceof Number;
    }
}
