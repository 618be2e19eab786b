package io.hop.plugins.eapaka.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.MemoryStore;
import io.hop.plugins.eapaka.crypto.Usim;
import io.hop.plugins.eapaka.subscriber.KeySealer;
import io.hop.plugins.eapaka.subscriber.Subscriber;
import io.hop.plugins.eapaka.subscriber.SubscriberStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hostapd's eap_sim_db lines, answered as hlr_auc_gw answers them. */
class EapSimDbOperationTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] K = HEX.parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OPC = HEX.parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    private EapSimDbOperation operation;

    @BeforeEach
    void setUp() {
        MemoryStore memory = new MemoryStore();
        SubscriberStore subscribers = new SubscriberStore(op -> memory, new KeySealer("test secret of 16+ chars"),
                Clock.systemUTC(), Duration.ofSeconds(30));
        subscribers.put("acme", new Subscriber("001010000000001", K, OPC, new byte[2], 0));
        operation = new EapSimDbOperation(new VectorService(op -> memory, subscribers, 100, Clock.systemUTC(),
                Duration.ofSeconds(60)));
    }

    @Test
    void simReqAuthGetsMaxChalTripletsAsKcSresRand() {
        String answer = operation.answer("acme", "SIM-REQ-AUTH 001010000000001 2");
        assertTrue(answer.matches("SIM-RESP-AUTH 001010000000001( [0-9a-f]{16}:[0-9a-f]{8}:[0-9a-f]{32}){2}"), answer);
        assertTrue(operation.answer("acme", "SIM-REQ-AUTH 001010000000001 9").split(" ").length == 5);
    }

    @Test
    void akaReqAuthGetsRandAutnIkCkResThatTheCardAccepts() {
        String[] parts = operation.answer("acme", "AKA-REQ-AUTH 001010000000001").split(" ");
        assertEquals(7, parts.length);
        assertEquals("AKA-RESP-AUTH", parts[0]);
        Usim.Success ok = assertInstanceOf(Usim.Success.class,
                new Usim(K, OPC, 0).authenticate(HEX.parseHex(parts[2]), HEX.parseHex(parts[3])));
        assertEquals(parts[4], HEX.formatHex(ok.ik()));
        assertEquals(parts[5], HEX.formatHex(ok.ck()));
        assertEquals(parts[6], HEX.formatHex(ok.res()));
        assertEquals(0x80, HEX.parseHex(parts[3])[6] & 0x80, "AMF separation bit, for EAP-AKA'");
    }

    @Test
    void akaAutsIsAnsweredWithNothingAndTheNextVectorIsFreshForTheCard() {
        Usim card = new Usim(K, OPC, 70_000);
        String[] first = operation.answer("acme", "AKA-REQ-AUTH 001010000000001").split(" ");
        Usim.SyncFailure sync = assertInstanceOf(Usim.SyncFailure.class,
                card.authenticate(HEX.parseHex(first[2]), HEX.parseHex(first[3])));
        assertEquals("", operation.answer("acme", "AKA-AUTS 001010000000001 " + HEX.formatHex(sync.auts()) + " "
                + first[2]));
        String[] second = operation.answer("acme", "AKA-REQ-AUTH 001010000000001").split(" ");
        assertInstanceOf(Usim.Success.class, card.authenticate(HEX.parseHex(second[2]), HEX.parseHex(second[3])));
    }

    @Test
    void anUnknownImsiGetsFailure() {
        assertEquals("SIM-RESP-AUTH 999990000000001 FAILURE", operation.answer("acme", "SIM-REQ-AUTH 999990000000001 3"));
        assertEquals("AKA-RESP-AUTH 999990000000001 FAILURE", operation.answer("acme", "AKA-REQ-AUTH 999990000000001"));
        assertEquals("", operation.answer("acme", "NONSENSE"));
    }
}
