package io.hop.pluginhost.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PluginHealthTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final PluginHealth health = new PluginHealth(3, Duration.ofSeconds(30), clock);

    @Test
    void failuresInARowQuarantineThePluginForThePause() {
        health.failure("a");
        health.failure("b");
        assertEquals(PluginHealth.State.ACTIVE, health.snapshot().state());
        health.failure("c");
        assertEquals(PluginHealth.State.QUARANTINED, health.snapshot().state());
        assertEquals(clock.now.plusSeconds(30), health.snapshot().quarantinedUntil());
        assertEquals("c", health.snapshot().lastError());
        assertFalse(health.tryAcquire());
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        health.failure("a");
        health.failure("b");
        health.success();
        health.failure("c");
        health.failure("d");
        assertEquals(PluginHealth.State.ACTIVE, health.snapshot().state());
    }

    @Test
    void afterThePauseOneTrialGoesThroughAndItsSuccessReactivates() {
        quarantine();
        clock.now = clock.now.plusSeconds(30);
        assertEquals(PluginHealth.State.HALF_OPEN, health.snapshot().state());
        assertTrue(health.tryAcquire());
        assertFalse(health.tryAcquire(), "only one trial at a time");
        health.success();
        assertEquals(PluginHealth.State.ACTIVE, health.snapshot().state());
        assertEquals(0, health.snapshot().failures());
        assertTrue(health.tryAcquire());
    }

    @Test
    void aFailedTrialQuarantinesAgainAtOnce() {
        quarantine();
        clock.now = clock.now.plusSeconds(31);
        assertTrue(health.tryAcquire());
        health.failure("still broken");
        assertEquals(PluginHealth.State.QUARANTINED, health.snapshot().state());
        assertEquals(clock.now.plusSeconds(30), health.snapshot().quarantinedUntil());
        assertFalse(health.tryAcquire());
    }

    private void quarantine() {
        for (int i = 0; i < 3; i++) {
            health.failure("x" + i);
        }
    }
}
