package io.hop.plugins.eapaka.crypto;

import java.security.MessageDigest;

/**
 * The card's side of AKA (TS 33.102 section 6.3.3), for device simulators and tests: it checks AUTN's MAC-A, accepts
 * an SQN only if it is larger than every SQN it accepted before (the simplest freshness rule of Annex C), and answers
 * RES, CK and IK, or an AUTS when the SQN is stale. It also runs GSM-MILENAGE for EAP-SIM.
 */
public final class Usim {

    private final byte[] k;
    private final byte[] opc;
    private long highestSqn;

    public Usim(byte[] k, byte[] opc, long sqn) {
        this.k = k.clone();
        this.opc = opc.clone();
        this.highestSqn = sqn;
    }

    /** The card's answer to an AKA challenge. */
    public sealed interface Answer permits Success, SyncFailure, MacFailure {
    }

    public record Success(byte[] res, byte[] ck, byte[] ik) implements Answer {
    }

    public record SyncFailure(byte[] auts) implements Answer {
    }

    public record MacFailure() implements Answer {
    }

    public synchronized Answer authenticate(byte[] rand, byte[] autn) {
        Milenage milenage = new Milenage(k, opc);
        Milenage.Outputs out = milenage.f2345(rand);
        byte[] sqn = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqn[i] = (byte) (autn[i] ^ out.ak()[i]);
        }
        byte[] amf = {autn[6], autn[7]};
        byte[] expectedMac = milenage.f1(rand, sqn, amf).macA();
        byte[] mac = java.util.Arrays.copyOfRange(autn, 8, 16);
        if (!MessageDigest.isEqual(expectedMac, mac)) {
            return new MacFailure();
        }
        long value = Aka.sqnValue(sqn);
        if (value <= highestSqn) {
            return new SyncFailure(Aka.auts(k, opc, rand, highestSqn));
        }
        highestSqn = value;
        return new Success(out.res(), out.ck(), out.ik());
    }

    /** GSM-MILENAGE: SRES and Kc for a RAND. */
    public Aka.Triplet gsm(byte[] rand) {
        return Aka.triplet(k, opc, rand);
    }

    public synchronized long highestSqn() {
        return highestSqn;
    }
}
