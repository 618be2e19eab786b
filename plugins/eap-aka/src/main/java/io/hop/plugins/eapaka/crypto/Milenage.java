package io.hop.plugins.eapaka.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MILENAGE algorithm set of 3GPP TS 35.206 (f1, f1*, f2, f3, f4, f5, f5* and OPc from OP), on the JDK's AES
 * (the kernel E_K is AES-128, used here in ECB mode on single blocks), plus the GSM conversion functions c2 and c3 of
 * TS 33.102 that GSM-MILENAGE (TS 55.205) applies to give a SIM's SRES and Kc.
 *
 * <p>An instance holds one subscriber's K and OPc and is not thread-safe (it keeps its cipher); it is cheap to make.
 */
public final class Milenage {

    private static final int R1 = 64;
    private static final int R2 = 0;
    private static final int R3 = 32;
    private static final int R4 = 64;
    private static final int R5 = 96;

    private final byte[] opc;
    private final Cipher aes;

    /**
     * @param k   the subscriber key K (16 bytes)
     * @param opc the operator variant OPc (16 bytes), see {@link #opc(byte[], byte[])}
     */
    public Milenage(byte[] k, byte[] opc) {
        requireLength("K", k, 16);
        requireLength("OPc", opc, 16);
        this.opc = opc.clone();
        this.aes = aes(k);
    }

    /** OPc = OP xor E_K(OP). */
    public static byte[] opc(byte[] k, byte[] op) {
        requireLength("K", k, 16);
        requireLength("OP", op, 16);
        byte[] out = encrypt(aes(k), op);
        xorInto(out, op);
        return out;
    }

    /** The outputs of f1 and f1*: MAC-A (8 bytes) and MAC-S (8 bytes). */
    public record MacPair(byte[] macA, byte[] macS) {
    }

    /** The outputs of f2, f3, f4, f5 and f5* for one RAND. */
    public record Outputs(byte[] res, byte[] ck, byte[] ik, byte[] ak, byte[] akStar) {
    }

    /** f1 and f1*: the network and resynchronisation authentication codes for SQN (6 bytes) and AMF (2 bytes). */
    public MacPair f1(byte[] rand, byte[] sqn, byte[] amf) {
        requireLength("RAND", rand, 16);
        requireLength("SQN", sqn, 6);
        requireLength("AMF", amf, 2);
        byte[] temp = temp(rand);
        byte[] in1 = new byte[16];
        System.arraycopy(sqn, 0, in1, 0, 6);
        System.arraycopy(amf, 0, in1, 6, 2);
        System.arraycopy(sqn, 0, in1, 8, 6);
        System.arraycopy(amf, 0, in1, 14, 2);
        // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, with c1 = 0
        xorInto(in1, opc);
        byte[] block = rotate(in1, R1);
        xorInto(block, temp);
        byte[] out1 = encrypt(aes, block);
        xorInto(out1, opc);
        return new MacPair(slice(out1, 0, 8), slice(out1, 8, 8));
    }

    /** f2 (RES), f3 (CK), f4 (IK), f5 (AK) and f5* (AK for resynchronisation) for one RAND. */
    public Outputs f2345(byte[] rand) {
        requireLength("RAND", rand, 16);
        byte[] temp = temp(rand);
        byte[] out2 = out(temp, R2, 1);
        byte[] out3 = out(temp, R3, 2);
        byte[] out4 = out(temp, R4, 4);
        byte[] out5 = out(temp, R5, 8);
        return new Outputs(slice(out2, 8, 8), out3, out4, slice(out2, 0, 6), slice(out5, 0, 6));
    }

    /** c2 of TS 33.102: SRES = RES[0..3] xor RES[4..7] (for a 64-bit RES). */
    public static byte[] c2(byte[] res) {
        requireLength("RES", res, 8);
        byte[] sres = new byte[4];
        for (int i = 0; i < 4; i++) {
            sres[i] = (byte) (res[i] ^ res[i + 4]);
        }
        return sres;
    }

    /** c3 of TS 33.102: Kc = CK1 xor CK2 xor IK1 xor IK2 (the 64-bit halves of CK and IK). */
    public static byte[] c3(byte[] ck, byte[] ik) {
        requireLength("CK", ck, 16);
        requireLength("IK", ik, 16);
        byte[] kc = new byte[8];
        for (int i = 0; i < 8; i++) {
            kc[i] = (byte) (ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8]);
        }
        return kc;
    }

    private byte[] temp(byte[] rand) {
        byte[] block = rand.clone();
        xorInto(block, opc);
        return encrypt(aes, block);
    }

    /** OUTn = E_K(rot(TEMP xor OPc, r) xor c) xor OPc, where c has only its last byte set. */
    private byte[] out(byte[] temp, int rotateBits, int lastByteOfC) {
        byte[] block = temp.clone();
        xorInto(block, opc);
        block = rotate(block, rotateBits);
        block[15] ^= (byte) lastByteOfC;
        byte[] out = encrypt(aes, block);
        xorInto(out, opc);
        return out;
    }

    /** Cyclic rotation of a 128-bit block towards the most significant bit; MILENAGE's r values are whole bytes. */
    private static byte[] rotate(byte[] block, int bits) {
        int bytes = bits / 8;
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = block[(i + bytes) % 16];
        }
        return out;
    }

    private static Cipher aes(byte[] k) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES", e);
        }
    }

    private static byte[] encrypt(Cipher cipher, byte[] block) {
        try {
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed on one block", e);
        }
    }

    static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= other[i];
        }
    }

    static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    static void requireLength(String name, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes");
        }
    }
}
