package io.hop.plugins.eapaka.vectors;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most two resynchronisations per authentication. Neither the JSON callers nor hostapd's protocol name an
 * authentication, so one is taken to be the resynchronisations of one IMSI within {@code window}: a card that asks a
 * third time within it is refused (its AUTS is not applied), which ends a loop between a broken card and the
 * network. The count is kept per replica.
 */
final class ResyncLimiter {

    static final int MAX_PER_AUTHENTICATION = 2;

    private final Clock clock;
    private final long windowMillis;
    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();

    ResyncLimiter(Clock clock, Duration window) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
    }

    /** Records a resynchronisation of {@code key} and says whether it is allowed. */
    boolean tryAcquire(String key) {
        long now = clock.millis();
        if (recent.size() > 100_000) {
            recent.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - windowMillis);
        }
        Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
                times.pollFirst();
            }
            if (times.size() >= MAX_PER_AUTHENTICATION) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
