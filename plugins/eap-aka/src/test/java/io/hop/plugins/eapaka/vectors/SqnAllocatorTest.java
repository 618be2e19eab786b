package io.hop.plugins.eapaka.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hop.plugins.eapaka.MemoryStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqnAllocatorTest {

    @Test
    void sqnsIncreaseAndCostOneStoreCallPerBlock() {
        MemoryStore store = new MemoryStore();
        SqnAllocator allocator = new SqnAllocator(store, 100);
        long previous = 0;
        // SQN 0 is the card's starting point, never handed out: 999 SQNs fill ten blocks of 100
        for (int i = 0; i < 999; i++) {
            long sqn = allocator.next(0);
            assertTrue(sqn > previous);
            previous = sqn;
        }
        assertEquals(10, store.counterCalls.get());
    }

    @Test
    void aRestartedOrSecondReplicaNeverHandsOutAnSqnAgain() {
        MemoryStore store = new MemoryStore();
        SqnAllocator first = new SqnAllocator(store, 50);
        SqnAllocator second = new SqnAllocator(store, 50);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            assertTrue(seen.add(first.next(0)));
            assertTrue(seen.add(second.next(0)));
        }
        long highest = seen.stream().max(Long::compare).orElseThrow();
        SqnAllocator restarted = new SqnAllocator(store, 50);
        assertTrue(restarted.next(0) > highest);
    }

    @Test
    void aCardAheadOfTheCounterMakesItJumpPastTheCardsSqn() {
        MemoryStore store = new MemoryStore();
        SqnAllocator allocator = new SqnAllocator(store, 10);
        allocator.next(0);
        long sqn = allocator.next(5_000);
        assertTrue(sqn > 5_000);
        assertTrue(allocator.next(5_000) > sqn);
        // others after the jump get SQNs above it too: the counter moved for everyone
        assertTrue(new SqnAllocator(store, 10).next(0) > sqn);
    }
}
