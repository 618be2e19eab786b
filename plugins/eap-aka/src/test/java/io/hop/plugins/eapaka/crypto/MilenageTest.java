package io.hop.plugins.eapaka.crypto;

import static io.hop.plugins.eapaka.crypto.Conformance.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value of the TS 35.208 test sets 1 to 6, reproduced exactly. */
class MilenageTest {

    static Stream<Map<String, Object>> testSets() {
        return Conformance.list(Conformance.read("milenage-ts35208.json"), "test_sets").stream();
    }

    @ParameterizedTest(name = "test set {index}")
    @MethodSource("testSets")
    void opcFromOpMatchesTheTestSet(Map<String, Object> set) {
        assertEquals(set.get("opc"), hex(Milenage.opc(hex(set, "k"), hex(set, "op"))));
    }

    @ParameterizedTest(name = "test set {index}")
    @MethodSource("testSets")
    void f1AndF1StarMatchTheTestSet(Map<String, Object> set) {
        Milenage milenage = new Milenage(hex(set, "k"), hex(set, "opc"));
        Milenage.MacPair mac = milenage.f1(hex(set, "rand"), hex(set, "sqn"), hex(set, "amf"));
        assertEquals(set.get("f1"), hex(mac.macA()));
        assertEquals(set.get("f1star"), hex(mac.macS()));
    }

    @ParameterizedTest(name = "test set {index}")
    @MethodSource("testSets")
    void f2ToF5StarMatchTheTestSet(Map<String, Object> set) {
        Milenage.Outputs out = new Milenage(hex(set, "k"), hex(set, "opc")).f2345(hex(set, "rand"));
        assertEquals(set.get("f2"), hex(out.res()));
        assertEquals(set.get("f3"), hex(out.ck()));
        assertEquals(set.get("f4"), hex(out.ik()));
        assertEquals(set.get("f5"), hex(out.ak()));
        assertEquals(set.get("f5star"), hex(out.akStar()));
    }

    @ParameterizedTest(name = "test set {index}")
    @MethodSource("testSets")
    void milenageComputedFromOpAloneGivesTheSameOutputs(Map<String, Object> set) {
        byte[] opc = Milenage.opc(hex(set, "k"), hex(set, "op"));
        Milenage.Outputs out = new Milenage(hex(set, "k"), opc).f2345(hex(set, "rand"));
        assertEquals(set.get("f3"), hex(out.ck()));
    }
}
