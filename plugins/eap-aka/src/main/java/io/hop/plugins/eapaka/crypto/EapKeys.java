package io.hop.plugins.eapaka.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key derivation of EAP-SIM (RFC 4186 section 7), EAP-AKA (RFC 4187 section 7) and EAP-AKA' (RFC 5448 / RFC 9048
 * section 3.3 and 3.4, with TS 33.402 Annex A.2 for CK' and IK').
 */
public final class EapKeys {

    private EapKeys() {
    }

    /**
     * The session keys of EAP-SIM or EAP-AKA. {@code kRe} is null for them (only EAP-AKA' has K_re).
     *
     * @param mk the master key (20 bytes for EAP-SIM/AKA; for EAP-AKA' the whole 208-byte PRF' output)
     */
    public record SessionKeys(byte[] mk, byte[] kEncr, byte[] kAut, byte[] kRe, byte[] msk, byte[] emsk) {
    }

    /** CK' and IK' of EAP-AKA'. */
    public record PrimeKeys(byte[] ckPrime, byte[] ikPrime) {
    }

    /** RFC 4186: MK = SHA1(Identity|n*Kc|NONCE_MT|Version List|Selected Version), expanded by the FIPS 186-2 PRF. */
    public static SessionKeys eapSim(String identity, List<byte[]> kcs, byte[] nonceMt, byte[] versionList,
            byte[] selectedVersion) {
        MessageDigest sha1 = sha1();
        sha1.update(identity.getBytes(StandardCharsets.UTF_8));
        for (byte[] kc : kcs) {
            sha1.update(kc);
        }
        sha1.update(nonceMt);
        sha1.update(versionList);
        sha1.update(selectedVersion);
        return expand(sha1.digest());
    }

    /** RFC 4187: MK = SHA1(Identity|IK|CK), expanded by the FIPS 186-2 PRF. */
    public static SessionKeys eapAka(String identity, byte[] ik, byte[] ck) {
        MessageDigest sha1 = sha1();
        sha1.update(identity.getBytes(StandardCharsets.UTF_8));
        sha1.update(ik);
        sha1.update(ck);
        return expand(sha1.digest());
    }

    /**
     * MSK and EMSK of a fast re-authentication of EAP-SIM or EAP-AKA: XKEY' = SHA1(Identity|counter|NONCE_S|MK),
     * expanded by the same PRF (RFC 4186 section 7, RFC 4187 section 7). K_encr and K_aut stay those of the full
     * authentication; the returned record carries only MSK and EMSK.
     */
    public static SessionKeys reauthentication(String identity, int counter, byte[] nonceS, byte[] mk) {
        MessageDigest sha1 = sha1();
        sha1.update(identity.getBytes(StandardCharsets.UTF_8));
        sha1.update(new byte[] {(byte) (counter >>> 8), (byte) counter});
        sha1.update(nonceS);
        sha1.update(mk);
        byte[] out = Fips186Prf.generate(sha1.digest(), 160);
        return new SessionKeys(null, null, null, null, Milenage.slice(out, 0, 64), Milenage.slice(out, 64, 64));
    }

    private static SessionKeys expand(byte[] mk) {
        byte[] out = Fips186Prf.generate(mk, 160);
        return new SessionKeys(mk, Milenage.slice(out, 0, 16), Milenage.slice(out, 16, 16), null,
                Milenage.slice(out, 32, 64), Milenage.slice(out, 96, 64));
    }

    /**
     * The key derivation input S of TS 33.402 Annex A.2: FC 0x20 | network name | its length (2 bytes) | SQN xor AK
     * | 0x0006.
     *
     * @param sqnXorAk the first six bytes of AUTN
     */
    public static byte[] primeKdfInput(String networkName, byte[] sqnXorAk) {
        Milenage.requireLength("SQN xor AK", sqnXorAk, 6);
        byte[] name = networkName.getBytes(StandardCharsets.UTF_8);
        byte[] s = new byte[1 + name.length + 2 + 6 + 2];
        s[0] = 0x20;
        System.arraycopy(name, 0, s, 1, name.length);
        s[1 + name.length] = (byte) (name.length >>> 8);
        s[2 + name.length] = (byte) name.length;
        System.arraycopy(sqnXorAk, 0, s, 3 + name.length, 6);
        s[9 + name.length] = 0x00;
        s[10 + name.length] = 0x06;
        return s;
    }

    /** CK'|IK' = HMAC-SHA-256(CK|IK, S) (TS 33.402 Annex A.2; RFC 5448 section 3.3). */
    public static PrimeKeys ckIkPrime(byte[] ck, byte[] ik, String networkName, byte[] sqnXorAk) {
        byte[] key = new byte[32];
        System.arraycopy(ck, 0, key, 0, 16);
        System.arraycopy(ik, 0, key, 16, 16);
        byte[] out = hmacSha256(key, primeKdfInput(networkName, sqnXorAk));
        return new PrimeKeys(Milenage.slice(out, 0, 16), Milenage.slice(out, 16, 16));
    }

    /**
     * EAP-AKA' keys (RFC 5448 section 3.3): MK = PRF'(IK'|CK', "EAP-AKA'"|Identity), 1664 bits split into K_encr (128),
     * K_aut (256), K_re (256), MSK (512) and EMSK (512).
     */
    public static SessionKeys eapAkaPrime(String identity, byte[] ckPrime, byte[] ikPrime) {
        byte[] key = new byte[32];
        System.arraycopy(ikPrime, 0, key, 0, 16);
        System.arraycopy(ckPrime, 0, key, 16, 16);
        byte[] label = "EAP-AKA'".getBytes(StandardCharsets.US_ASCII);
        byte[] id = identity.getBytes(StandardCharsets.UTF_8);
        byte[] s = new byte[label.length + id.length];
        System.arraycopy(label, 0, s, 0, label.length);
        System.arraycopy(id, 0, s, label.length, id.length);
        byte[] mk = prfPrime(key, s, 208);
        return new SessionKeys(mk, Milenage.slice(mk, 0, 16), Milenage.slice(mk, 16, 32), Milenage.slice(mk, 48, 32),
                Milenage.slice(mk, 80, 64), Milenage.slice(mk, 144, 64));
    }

    /** PRF'(K,S) = T1|T2|..., T1 = HMAC-SHA-256(K, S|0x01), Tn = HMAC-SHA-256(K, Tn-1|S|n) (RFC 5448 section 3.4). */
    public static byte[] prfPrime(byte[] key, byte[] s, int length) {
        Mac mac = mac(key);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        for (int n = 1, pos = 0; pos < length; n++) {
            mac.update(previous);
            mac.update(s);
            mac.update((byte) n);
            previous = mac.doFinal();
            int take = Math.min(previous.length, length - pos);
            System.arraycopy(previous, 0, out, pos, take);
            pos += take;
        }
        return out;
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA-256", e);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
