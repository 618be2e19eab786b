package io.hop.plugins.eapaka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugin.api.PluginOperation.OperationResponse;
import io.hop.plugin.api.PluginOperationException;
import io.hop.plugin.api.PluginOperationException.Violation;
import io.hop.plugins.eapaka.crypto.Aka;
import io.hop.plugins.eapaka.crypto.EapKeys;
import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.plugins.eapaka.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin's operations as plugin-host calls them, on in-memory capabilities. */
class EapAkaPluginTest {

    static final String IMSI = "001010000000001";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    private static final HexFormat HEX = HexFormat.of();

    private EapAkaPlugin plugin;
    private TestContext context;

    @BeforeEach
    void start() {
        context = new TestContext(Map.of("sqn.block-size", "100"), Map.of("subscriber-key", "test secret of 16+ chars"));
        plugin = new EapAkaPlugin();
        plugin.start(context);
        call("subscribers", "{\"subscribers\":[{\"imsi\":\"" + IMSI + "\",\"k\":\"" + K + "\",\"opc\":\"" + OPC
                + "\",\"sqn\":0}]}");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String operation, String body) {
        return (Map<String, Object>) Json.parse(text(raw("acme", operation, body)));
    }

    private OperationResponse raw(String operator, String operation, String body) {
        return plugin.operations().get(operation).handle(operator, "application/json",
                body.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
    }

    private static String text(OperationResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private PluginOperationException refused(String operator, String operation, String body) {
        return assertThrows(PluginOperationException.class, () -> raw(operator, operation, body));
    }

    private static Set<String> fields(PluginOperationException e) {
        return e.violations().stream().map(Violation::field).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstVector(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("vectors")).get(0);
    }

    private static byte[] hex(Map<String, Object> m, String field) {
        return HEX.parseHex((String) m.get(field));
    }

    @Test
    void akaVectorsAreAcceptedByTheCardWithFreshIncreasingSqns() {
        Usim card = new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0);
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            Map<String, Object> v = firstVector(call("vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\"}"));
            Usim.Success ok = assertInstanceOf(Usim.Success.class, card.authenticate(hex(v, "rand"), hex(v, "autn")));
            assertArrayEquals(hex(v, "xres"), ok.res());
            assertArrayEquals(hex(v, "ck"), ok.ck());
            assertArrayEquals(hex(v, "ik"), ok.ik());
            long sqn = ((Number) v.get("sqn")).longValue();
            assertTrue(sqn > previous);
            previous = sqn;
        }
    }

    @Test
    void akaPrimeVectorsCarryTheSeparationBitAndCkIkPrimeOfTheNetworkName() {
        Map<String, Object> v = firstVector(call("vectors",
                "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA_PRIME\",\"networkName\":\"WLAN\"}"));
        byte[] autn = hex(v, "autn");
        assertEquals(0x80, autn[6] & 0x80);
        Usim.Success ok = assertInstanceOf(Usim.Success.class,
                new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0).authenticate(hex(v, "rand"), autn));
        EapKeys.PrimeKeys prime = EapKeys.ckIkPrime(ok.ck(), ok.ik(), "WLAN", Arrays.copyOf(autn, 6));
        assertArrayEquals(prime.ckPrime(), hex(v, "ckPrime"));
        assertArrayEquals(prime.ikPrime(), hex(v, "ikPrime"));
        assertFalse(v.containsKey("ck"));
    }

    @Test
    void simTripletsComeWithFreeRadiusControlAttributes() {
        Map<String, Object> answer = call("vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"SIM\"}");
        Usim card = new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0);
        for (int i = 1; i <= 3; i++) {
            byte[] rand = HEX.parseHex(((String) answer.get("control:EAP-Sim-Rand" + i)).substring(2));
            Aka.Triplet t = card.gsm(rand);
            assertEquals("0x" + HEX.formatHex(t.sres()), answer.get("control:EAP-Sim-SRES" + i));
            assertEquals("0x" + HEX.formatHex(t.kc()), answer.get("control:EAP-Sim-KC" + i));
        }
    }

    @Test
    void freeRadiusSimTakesTheImsiFromRlmRestsUserName() {
        Map<String, Object> answer = call("freeradius-sim",
                "{\"User-Name\":{\"type\":\"string\",\"value\":[\"1" + IMSI + "@wlan.mnc001.mcc001.3gppnetwork.org\"]}}");
        assertEquals(9, answer.size());
        assertTrue(((String) answer.get("control:EAP-Sim-KC3")).matches("0x[0-9a-f]{16}"));
        assertEquals(Set.of("User-Name"), fields(refused("acme", "freeradius-sim",
                "{\"User-Name\":{\"value\":[\"0" + IMSI + "@realm\"]}}")));
    }

    @Test
    void aCardAheadOfTheNetworkResynchronisesWithItsAuts() {
        Usim card = new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 1_000_000);
        Map<String, Object> v = firstVector(call("vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\"}"));
        Usim.SyncFailure sync = assertInstanceOf(Usim.SyncFailure.class,
                card.authenticate(hex(v, "rand"), hex(v, "autn")));
        Map<String, Object> answer = call("vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\",\"resync\":{\"rand\":\""
                + v.get("rand") + "\",\"auts\":\"" + HEX.formatHex(sync.auts()) + "\"}}");
        assertEquals(1_000_000, ((Number) answer.get("resynchronisedSqn")).longValue());
        Map<String, Object> fresh = firstVector(answer);
        assertInstanceOf(Usim.Success.class, card.authenticate(hex(fresh, "rand"), hex(fresh, "autn")));
    }

    @Test
    void aThirdResynchronisationInOneAuthenticationIsRefused() {
        Usim card = new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 1_000_000);
        byte[] rand = new byte[16];
        String resync = "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\",\"resync\":{\"rand\":\"" + HEX.formatHex(rand)
                + "\",\"auts\":\"" + HEX.formatHex(Aka.auts(HEX.parseHex(K), HEX.parseHex(OPC), rand, 1_000_000)) + "\"}}";
        call("vectors", resync);
        call("vectors", resync);
        PluginOperationException third = refused("acme", "vectors", resync);
        assertEquals(422, third.status());
        assertEquals(Set.of("resync.auts"), fields(third));
        assertTrue(card.highestSqn() > 0);
    }

    @Test
    void anAutsOfAnotherKeyIsRefusedAndChangesNothing() {
        byte[] rand = new byte[16];
        byte[] auts = Aka.auts(HEX.parseHex("000102030405060708090a0b0c0d0e0f"), HEX.parseHex(OPC), rand, 5_000_000);
        PluginOperationException e = refused("acme", "vectors", "{\"imsi\":\"" + IMSI
                + "\",\"method\":\"AKA\",\"resync\":{\"rand\":\"" + HEX.formatHex(rand) + "\",\"auts\":\""
                + HEX.formatHex(auts) + "\"}}");
        assertEquals(422, e.status());
        long sqn = ((Number) firstVector(call("vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\"}")).get("sqn"))
                .longValue();
        assertTrue(sqn < 5_000_000);
    }

    @Test
    void invalidVectorRequestsNameEveryField() {
        PluginOperationException e = refused("acme", "vectors",
                "{\"imsi\":\"12ab\",\"method\":\"AKA_PRIME\",\"count\":9,\"resync\":{\"rand\":\"00\"}}");
        assertEquals(400, e.status());
        assertEquals(Set.of("imsi", "count", "networkName", "resync.rand", "resync.auts"), fields(e));
        assertEquals(Set.of("method", "imsi"), fields(refused("acme", "vectors", "{\"method\":\"EAP\"}")));
        assertEquals(Set.of("body"), fields(refused("acme", "vectors", "[1,2")));
    }

    @Test
    void invalidSubscribersNameEveryFieldAndNothingIsStored() {
        PluginOperationException e = refused("acme", "subscribers", "{\"subscribers\":[{\"imsi\":\"001010000000009\",\"k\":\""
                + K + "\",\"opc\":\"" + OPC + "\"},{\"imsi\":\"x\",\"k\":\"00\",\"amf\":\"zz\",\"sqn\":-1}]}");
        assertEquals(Set.of("subscribers[1].imsi", "subscribers[1].k", "subscribers[1].opc", "subscribers[1].amf",
                "subscribers[1].sqn"), fields(e));
        assertEquals(404, refused("acme", "vectors", "{\"imsi\":\"001010000000009\",\"method\":\"SIM\"}").status());
    }

    @Test
    void subscribersGivenWithOpGetOpcComputed() {
        call("subscribers", "{\"subscribers\":[{\"imsi\":\"001010000000002\",\"k\":\"" + K
                + "\",\"op\":\"cdc202d5123e20f62b6d676ac72cb318\"}]}");
        Map<String, Object> v = firstVector(call("vectors", "{\"imsi\":\"001010000000002\",\"method\":\"AKA\"}"));
        assertInstanceOf(Usim.Success.class,
                new Usim(HEX.parseHex(K), HEX.parseHex(OPC), 0).authenticate(hex(v, "rand"), hex(v, "autn")));
    }

    @Test
    void anotherOperatorDoesNotSeeTheSubscriber() {
        assertEquals(404, refused("globex", "vectors", "{\"imsi\":\"" + IMSI + "\",\"method\":\"AKA\"}").status());
        assertTrue(context.stores.get("globex").values.isEmpty());
    }

    @Test
    void withoutItsSecretThePluginRefusesEveryOperation() {
        EapAkaPlugin unkeyed = new EapAkaPlugin();
        unkeyed.start(new TestContext(Map.of(), Map.of()));
        PluginOperationException e = assertThrows(PluginOperationException.class, () -> unkeyed.operations()
                .get("vectors").handle("acme", "application/json", new byte[0]));
        assertEquals(503, e.status());
    }
}
