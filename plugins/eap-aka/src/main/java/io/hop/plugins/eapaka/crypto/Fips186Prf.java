package io.hop.plugins.eapaka.crypto;

/**
 * The pseudo-random function of FIPS 186-2 change notice 1 (Appendix 3.1 with XSEED = 0), as EAP-SIM (RFC 4186
 * section 7) and EAP-AKA (RFC 4187 section 7) use it to expand the master key into their session keys.
 *
 * <p>Its G function is SHA-1's compression function applied to one 512-bit block (XVAL padded with zeros) without
 * SHA-1's message padding. No JDK API exposes that function, so the compression is written out here; it is the
 * SHA-1 round function of FIPS 180, nothing else.
 */
public final class Fips186Prf {

    private static final int[] H0 = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};

    private Fips186Prf() {
    }

    /**
     * @param xkey   the seed (e.g. the 20-byte MK); at most 64 bytes
     * @param length the number of output bytes, a multiple of 40
     */
    public static byte[] generate(byte[] xkey, int length) {
        if (xkey.length > 64) {
            throw new IllegalArgumentException("XKEY must be at most 64 bytes");
        }
        if (length <= 0 || length % 40 != 0) {
            throw new IllegalArgumentException("the output length must be a positive multiple of 40 bytes");
        }
        byte[] key = new byte[64];
        System.arraycopy(xkey, 0, key, 0, xkey.length);
        byte[] out = new byte[length];
        for (int pos = 0; pos < length; pos += 20) {
            // w_i = G(t, XVAL) with XVAL = XKEY (XSEED_j = 0)
            int[] state = H0.clone();
            compress(state, key);
            for (int w = 0; w < 5; w++) {
                putInt(out, pos + 4 * w, state[w]);
            }
            // XKEY = (1 + XKEY + w_i) mod 2^160
            int carry = 1;
            for (int k = 19; k >= 0; k--) {
                carry += (key[k] & 0xff) + (out[pos + k] & 0xff);
                key[k] = (byte) carry;
                carry >>>= 8;
            }
        }
        return out;
    }

    /** SHA-1's compression of one 64-byte block into the five-word state (FIPS 180-4 section 6.1.2, step 1 to 4). */
    static void compress(int[] state, byte[] block) {
        int[] w = new int[80];
        for (int t = 0; t < 16; t++) {
            w[t] = ((block[4 * t] & 0xff) << 24) | ((block[4 * t + 1] & 0xff) << 16)
                    | ((block[4 * t + 2] & 0xff) << 8) | (block[4 * t + 3] & 0xff);
        }
        for (int t = 16; t < 80; t++) {
            w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        for (int t = 0; t < 80; t++) {
            int f;
            int k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }

    private static void putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }
}
