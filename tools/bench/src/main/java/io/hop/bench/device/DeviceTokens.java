package io.hop.bench.device;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes device tokens for {@code bin/bench device-config}: {@code count} distinct random devices among
 * {@code dev-1 … dev-<devices>}, one line {@code <deviceId> <token>} each, signed with the development key exactly as
 * {@code bin/token device} signs (RS256, issuer {@code https://hop.local/dev}). JDK only, so that it runs with the
 * source launcher ({@code java DeviceTokens.java …}) without a build: {@code bin/token} forks openssl three times per
 * token, too slow for ten thousand.
 *
 * <p>Usage: {@code DeviceTokens <private-key.pem> <operatorId> <devices> <count> <ttlSeconds> <out>}
 */
public final class DeviceTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private DeviceTokens() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: DeviceTokens <private-key.pem> <operatorId> <devices> <count> <ttlSeconds> <out>");
            System.exit(2);
        }
        PrivateKey key = key(Path.of(args[0]));
        String operatorId = args[1];
        int devices = Integer.parseInt(args[2]);
        int count = Math.min(Integer.parseInt(args[3]), devices);
        long ttl = Long.parseLong(args[4]);
        String issuer = System.getenv().getOrDefault("HOP_DEV_ISSUER", "https://hop.local/dev");
        SecureRandom random = new SecureRandom();
        Set<Integer> chosen = new HashSet<>();
        String header = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        Signature signature = Signature.getInstance("SHA256withRSA");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[5])))) {
            while (chosen.size() < count) {
                int n = 1 + random.nextInt(devices);
                if (!chosen.add(n)) {
                    continue;
                }
                String deviceId = "dev-" + n;
                String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + deviceId + "\",\"groups\":[\"device\"],\"iat\":"
                        + now + ",\"exp\":" + (now + ttl) + ",\"jti\":\"" + Long.toHexString(random.nextLong())
                        + "\",\"operator\":\"" + operatorId + "\"}";
                String signingInput = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
                signature.initSign(key);
                signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                out.println(deviceId + " " + signingInput + "." + B64.encodeToString(signature.sign()));
            }
        }
    }

    private static PrivateKey key(Path pem) throws IOException, java.security.GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
