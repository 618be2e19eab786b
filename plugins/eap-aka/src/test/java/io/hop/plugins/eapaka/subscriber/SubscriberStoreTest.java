package io.hop.plugins.eapaka.subscriber;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hop.plugins.eapaka.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SubscriberStoreTest {

    private static final byte[] K = HexFormat.of().parseHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final byte[] OPC = HexFormat.of().parseHex("cd63cb71954a9f4e48a5994e37a02baf");
    private final MemoryStore memory = new MemoryStore();

    private SubscriberStore store(String secret) {
        return new SubscriberStore(op -> memory, new KeySealer(secret), Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void kAndOpcAreStoredSealedNeverInClear() {
        store("a deployment secret 1").put("acme", new Subscriber("001010000000001", K, OPC, new byte[] {(byte) 0x80, 0}, 7));
        String stored = new String(memory.values.get("subscriber:001010000000001"), StandardCharsets.UTF_8);
        assertFalse(stored.contains("465b5ce8"), stored);
        assertFalse(stored.contains("cd63cb71"), stored);
        Subscriber back = store("a deployment secret 1").find("acme", "001010000000001").orElseThrow();
        assertArrayEquals(K, back.k());
        assertArrayEquals(OPC, back.opc());
        assertEquals(7, back.sqn());
    }

    @Test
    void anotherSecretCannotOpenTheKeys() {
        store("a deployment secret 1").put("acme", new Subscriber("001010000000001", K, OPC, new byte[2], 0));
        assertThrows(IllegalArgumentException.class, () -> store("another secret 222").find("acme", "001010000000001"));
    }

    @Test
    void sealedKeysCopiedOntoAnotherSubscriberDoNotOpen() {
        SubscriberStore store = store("a deployment secret 1");
        store.put("acme", new Subscriber("001010000000001", K, OPC, new byte[2], 0));
        memory.values.put("subscriber:001010000000002", memory.values.get("subscriber:001010000000001"));
        assertThrows(IllegalArgumentException.class, () -> store.find("acme", "001010000000002"));
    }

    @Test
    void theSqnFloorIsRaisedButNeverLowered() {
        SubscriberStore store = store("a deployment secret 1");
        store.put("acme", new Subscriber("001010000000001", K, OPC, new byte[2], 100));
        assertEquals(200, store.raiseSqn("acme", "001010000000001", 200).sqn());
        assertEquals(200, store.raiseSqn("acme", "001010000000001", 150).sqn());
        assertEquals(200, store("a deployment secret 1").find("acme", "001010000000001").orElseThrow().sqn());
    }

    @Test
    void aCachedSubscriberCostsNoStoreReadYetAnotherReplicasChangeIsSeenAfterTheEpochCheck() {
        MutableClock clock = new MutableClock();
        KeySealer sealer = new KeySealer("a deployment secret 1");
        SubscriberStore replicaA = new SubscriberStore(op -> memory, sealer, clock, Duration.ofMinutes(10), 1000,
                Duration.ofSeconds(1));
        SubscriberStore replicaB = new SubscriberStore(op -> memory, sealer, clock, Duration.ofMinutes(10), 1000,
                Duration.ofSeconds(1));
        replicaA.put("acme", new Subscriber("001010000000001", K, OPC, new byte[2], 0));
        assertArrayEquals(K, replicaB.find("acme", "001010000000001").orElseThrow().k());

        // B's vectors read nothing while the epoch holds: the record may even vanish from under it
        byte[] record = memory.values.remove("subscriber:001010000000001");
        clock.advance(Duration.ofMinutes(5));
        assertArrayEquals(K, replicaB.find("acme", "001010000000001").orElseThrow().k());
        memory.values.put("subscriber:001010000000001", record);

        byte[] newK = HexFormat.of().parseHex("0396eb317b6d1c36f19c1c84cd6ffd16");
        replicaA.put("acme", new Subscriber("001010000000001", newK, OPC, new byte[2], 0));
        assertArrayEquals(newK, replicaA.find("acme", "001010000000001").orElseThrow().k(), "at once where changed");
        clock.advance(Duration.ofSeconds(1));
        assertArrayEquals(newK, replicaB.find("acme", "001010000000001").orElseThrow().k(),
                "another replica within one epoch check");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
