package io.hop.plugins.eapaka.crypto;

import static io.hop.plugins.eapaka.crypto.Conformance.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4186 Appendix A, the FIPS 186-2 PRF vectors, and RFC 5448 / RFC 9048 EAP-AKA' cases 1 and 2, exactly. */
class EapKeysTest {

    private static final Map<String, Object> SIM = Conformance.read("eap-sim-rfc4186.json");

    @Test
    void eapSimMasterKeyAndSessionKeysAreThoseOfRfc4186AppendixA() {
        List<Map<String, Object>> triplets = Conformance.list(SIM, "triplets");
        EapKeys.SessionKeys keys = EapKeys.eapSim((String) SIM.get("identity"),
                triplets.stream().map(t -> hex(t, "Kc")).toList(), hex(SIM, "NONCE_MT"), hex(SIM, "version_list"),
                hex(SIM, "selected_version"));
        assertEquals(SIM.get("MK"), hex(keys.mk()));
        assertEquals(SIM.get("K_encr"), hex(keys.kEncr()));
        assertEquals(SIM.get("K_aut"), hex(keys.kAut()));
        assertEquals(SIM.get("MSK"), hex(keys.msk()));
        assertEquals(SIM.get("EMSK"), hex(keys.emsk()));
    }

    @Test
    void fips186PrfExpandsTheRfc4186MasterKeyIntoThePublished160Bytes() {
        assertEquals(SIM.get("FIPS186-2_PRF_output_from_MK_160_bytes"), hex(Fips186Prf.generate(hex(SIM, "MK"), 160)));
    }

    @Test
    void fips186PrfGivesTheGenericTestVector() {
        @SuppressWarnings("unchecked")
        Map<String, Object> generic = (Map<String, Object>) SIM.get("FIPS186-2_PRF_generic_test_vector");
        assertEquals(generic.get("first_40_output_bytes"), hex(Fips186Prf.generate(hex(generic, "XKEY"), 40)));
    }

    @Test
    void eapAkaMasterKeyIsSha1OfIdentityIkCkExpandedByTheSamePrf() throws Exception {
        byte[] ik = new byte[16];
        byte[] ck = new byte[16];
        ik[0] = 1;
        ck[0] = 2;
        EapKeys.SessionKeys keys = EapKeys.eapAka("0001010000000001@wlan", ik, ck);
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        sha1.update("0001010000000001@wlan".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha1.update(ik);
        sha1.update(ck);
        byte[] mk = sha1.digest();
        assertEquals(hex(mk), hex(keys.mk()));
        String prf = hex(Fips186Prf.generate(mk, 160));
        assertEquals(prf.substring(0, 32), hex(keys.kEncr()));
        assertEquals(prf.substring(32, 64), hex(keys.kAut()));
        assertEquals(prf.substring(64, 192), hex(keys.msk()));
        assertEquals(prf.substring(192), hex(keys.emsk()));
    }

    static Stream<Map<String, Object>> primeCases() {
        return Conformance.list(Conformance.read("eap-aka-prime-rfc5448.json"), "cases").stream();
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("primeCases")
    void eapAkaPrimeKdfInputIsThePublishedS(Map<String, Object> c) {
        byte[] sqnXorAk = java.util.Arrays.copyOf(hex(c, "AUTN"), 6);
        assertEquals(c.get("KDF_input_S_hex (FC=0x20|network name|len|SQN^AK|0x0006)"),
                hex(EapKeys.primeKdfInput((String) c.get("Network name"), sqnXorAk)));
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("primeCases")
    void eapAkaPrimeKeysAreThePublishedOnes(Map<String, Object> c) {
        byte[] sqnXorAk = java.util.Arrays.copyOf(hex(c, "AUTN"), 6);
        EapKeys.PrimeKeys prime = EapKeys.ckIkPrime(hex(c, "CK"), hex(c, "IK"), (String) c.get("Network name"),
                sqnXorAk);
        assertEquals(c.get("CK'"), hex(prime.ckPrime()));
        assertEquals(c.get("IK'"), hex(prime.ikPrime()));
        EapKeys.SessionKeys keys = EapKeys.eapAkaPrime((String) c.get("Identity"), prime.ckPrime(), prime.ikPrime());
        assertEquals(c.get("K_encr"), hex(keys.kEncr()));
        assertEquals(c.get("K_aut"), hex(keys.kAut()));
        assertEquals(c.get("K_re"), hex(keys.kRe()));
        assertEquals(c.get("MSK"), hex(keys.msk()));
        assertEquals(c.get("EMSK"), hex(keys.emsk()));
    }
}
