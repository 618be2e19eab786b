package io.hop.plugins.eapaka.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * Authentication vectors of 3GPP TS 33.102 section 6.3 on MILENAGE: the quintuplet (RAND, XRES, CK, IK, AUTN) for
 * a given SQN, the GSM triplet (RAND, SRES, Kc) of GSM-MILENAGE, and the home network's side of resynchronisation
 * (checking an AUTS and recovering the card's SQN).
 */
public final class Aka {

    /** TS 33.102 section 6.3.3: MAC-S is computed with a dummy AMF of all zeros. */
    private static final byte[] RESYNC_AMF = new byte[2];

    private Aka() {
    }

    /** An EAP-AKA / AKA' authentication vector. */
    public record Quintuplet(byte[] rand, byte[] xres, byte[] ck, byte[] ik, byte[] autn, long sqn) {
    }

    /** An EAP-SIM challenge. */
    public record Triplet(byte[] rand, byte[] sres, byte[] kc) {
    }

    /** AUTN = SQN xor AK | AMF | MAC-A. */
    public static Quintuplet quintuplet(byte[] k, byte[] opc, byte[] amf, long sqn, byte[] rand) {
        Milenage milenage = new Milenage(k, opc);
        byte[] sqnBytes = sqnBytes(sqn);
        Milenage.MacPair mac = milenage.f1(rand, sqnBytes, amf);
        Milenage.Outputs out = milenage.f2345(rand);
        byte[] autn = new byte[16];
        for (int i = 0; i < 6; i++) {
            autn[i] = (byte) (sqnBytes[i] ^ out.ak()[i]);
        }
        System.arraycopy(amf, 0, autn, 6, 2);
        System.arraycopy(mac.macA(), 0, autn, 8, 8);
        return new Quintuplet(rand.clone(), out.res(), out.ck(), out.ik(), autn, sqn);
    }

    /** GSM-MILENAGE: SRES = c2(RES), Kc = c3(CK, IK). */
    public static Triplet triplet(byte[] k, byte[] opc, byte[] rand) {
        Milenage.Outputs out = new Milenage(k, opc).f2345(rand);
        return new Triplet(rand.clone(), Milenage.c2(out.res()), Milenage.c3(out.ck(), out.ik()));
    }

    /**
     * Checks a card's AUTS (SQN_MS xor AK* | MAC-S, 14 bytes) for the RAND it was answered to.
     *
     * @return the card's SQN_MS, or empty when MAC-S is wrong (not this subscriber's card, or a forged AUTS)
     */
    public static Optional<Long> resynchronise(byte[] k, byte[] opc, byte[] rand, byte[] auts) {
        Milenage.requireLength("AUTS", auts, 14);
        Milenage milenage = new Milenage(k, opc);
        byte[] akStar = milenage.f2345(rand).akStar();
        byte[] sqnMs = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqnMs[i] = (byte) (auts[i] ^ akStar[i]);
        }
        byte[] macS = milenage.f1(rand, sqnMs, RESYNC_AMF).macS();
        byte[] received = Arrays.copyOfRange(auts, 6, 14);
        if (!java.security.MessageDigest.isEqual(macS, received)) {
            return Optional.empty();
        }
        return Optional.of(sqnValue(sqnMs));
    }

    /** The card's side of resynchronisation, for tests that play the card: AUTS for SQN_MS and RAND. */
    public static byte[] auts(byte[] k, byte[] opc, byte[] rand, long sqnMs) {
        Milenage milenage = new Milenage(k, opc);
        byte[] sqn = sqnBytes(sqnMs);
        byte[] akStar = milenage.f2345(rand).akStar();
        byte[] auts = new byte[14];
        for (int i = 0; i < 6; i++) {
            auts[i] = (byte) (sqn[i] ^ akStar[i]);
        }
        System.arraycopy(milenage.f1(rand, sqn, RESYNC_AMF).macS(), 0, auts, 6, 8);
        return auts;
    }

    /** The largest SQN (48 bits). */
    public static final long MAX_SQN = (1L << 48) - 1;

    public static byte[] sqnBytes(long sqn) {
        if (sqn < 0 || sqn > MAX_SQN) {
            throw new IllegalArgumentException("SQN must fit in 48 bits");
        }
        byte[] out = new byte[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = (byte) sqn;
            sqn >>>= 8;
        }
        return out;
    }

    public static long sqnValue(byte[] sqn) {
        Milenage.requireLength("SQN", sqn, 6);
        long value = 0;
        for (byte b : sqn) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
