package io.hop.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The per-operator copy validated by a revision, as plain Java: a "database" of operators' values in a map. */
class RevisionCacheTest {

    final Map<String, String> database = new ConcurrentHashMap<>();
    final RevisionCache<String> cache = new RevisionCache<>(operatorId -> database.getOrDefault(operatorId, "none"));

    @Test
    void aValueIsLoadedOnceAndServedFromMemoryWhileTheRevisionIsUnchanged() {
        database.put("acme", "v1");

        for (int i = 0; i < 100; i++) {
            assertEquals("v1", cache.get("acme", 7));
        }

        assertEquals(1, cache.loads());
    }

    @Test
    void anotherRevisionLoadsAgainAndTheNewValueIsServedFromThen() {
        database.put("acme", "v1");
        assertEquals("v1", cache.get("acme", 7));

        database.put("acme", "v2"); // a change, committed with revision 8 (by this replica or another)
        assertEquals("v2", cache.get("acme", 8));
        assertEquals("v2", cache.get("acme", 8));

        assertEquals(2, cache.loads());
    }

    @Test
    void aRevisionOtherThanTheHeldOneLoadsAgainEvenWhenItIsLower() {
        database.put("acme", "v1");
        cache.get("acme", 8);

        // a revision that was rolled back, or a reader whose statement started before the change: never trust the copy
        database.put("acme", "v0");
        assertEquals("v0", cache.get("acme", 7));
        assertEquals("v0", cache.get("acme", 7));
        assertEquals(2, cache.loads());
    }

    @Test
    void operatorsAreHeldApartAndOneOperatorsChangeKeepsTheOthersCopy() {
        database.put("acme", "acme v1");
        database.put("globex", "globex v1");
        assertEquals("acme v1", cache.get("acme", 1));
        assertEquals("globex v1", cache.get("globex", 1), "the same revision number of another operator");

        database.put("globex", "globex v2");
        assertEquals("globex v2", cache.get("globex", 2));
        assertEquals("acme v1", cache.get("acme", 1));

        assertEquals(3, cache.loads());
    }

    @Test
    void aLoadThatFailsHoldsNothingAndTheNextCallLoadsAgain() {
        Map<String, Integer> calls = new HashMap<>();
        RevisionCache<String> failingOnce = new RevisionCache<>(operatorId -> {
            if (calls.merge(operatorId, 1, Integer::sum) == 1) {
                throw new IllegalStateException("database down");
            }
            return "v1";
        });

        assertThrows(IllegalStateException.class, () -> failingOnce.get("acme", 1));
        assertEquals("v1", failingOnce.get("acme", 1));
        assertEquals("v1", failingOnce.get("acme", 1));
        assertEquals(2, calls.get("acme"));
    }

    @Test
    void concurrentReadersOfOneRevisionAllGetItsValue() throws Exception {
        database.put("acme", "v1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> reads = IntStream.range(0, 400).mapToObj(i -> pool.submit(() -> cache.get("acme", 3)))
                    .toList();
            for (Future<String> read : reads) {
                assertEquals("v1", read.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // each thread that missed at the same time loaded once; then the copy serves everyone
        long loads = cache.loads();
        cache.get("acme", 3);
        assertEquals(loads, cache.loads());
    }
}
