package io.hop.plugins.eapaka.vectors;

import io.hop.plugin.api.KeyValueStore;
import io.hop.plugins.eapaka.crypto.Aka;

/**
 * Hands out SQNs for one operator from blocks reserved durably with {@link KeyValueStore#addAndGet}: one store round
 * trip per block, none per vector. Every replica and every restart reserves fresh blocks above all earlier ones, so
 * an SQN is never handed out twice (a restart only leaves the rest of its block unused).
 *
 * <p>The SQN is one operator-wide counter (3GPP TS 33.102 Annex C.1.2 allows a global counter): each card therefore
 * sees strictly increasing SQNs from one replica, whatever other subscribers do in between, and its IND (the low five
 * bits) varies as the counter runs. A subscriber whose card is ahead of the counter (provisioned with a high SQN, or
 * resynchronised above it) makes the counter jump past the card's SQN.
 */
public final class SqnAllocator {

    /** The store key of the operator's counter: the end of the highest block ever reserved. */
    public static final String COUNTER_KEY = "sqn-counter";

    private final KeyValueStore store;
    private final int blockSize;
    private long next;
    private long end;

    public SqnAllocator(KeyValueStore store, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive");
        }
        this.store = store;
        this.blockSize = blockSize;
    }

    /** The next SQN, larger than {@code floor} (the card's known SQN). */
    public synchronized long next(long floor) {
        if (next >= end || next <= floor) {
            reserve(floor);
        }
        return next++;
    }

    private void reserve(long floor) {
        long reservedEnd = store.addAndGet(COUNTER_KEY, blockSize);
        long start = Math.max(reservedEnd - blockSize, floor + 1);
        if (start >= reservedEnd) {
            // The card is ahead of every block so far: reserve a range reaching past it. The reservation is
            // (reservedEnd - delta, reservedEnd], ours alone; its part above floor is at least one block long.
            long delta = floor + 1 - reservedEnd + blockSize;
            reservedEnd = store.addAndGet(COUNTER_KEY, delta);
            start = Math.max(reservedEnd - delta, floor + 1);
        }
        if (reservedEnd - 1 > Aka.MAX_SQN) {
            throw new IllegalStateException("the operator's SQN space is exhausted");
        }
        next = start;
        end = reservedEnd;
    }
}
