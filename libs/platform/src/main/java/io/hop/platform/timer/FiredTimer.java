package io.hop.platform.timer;

import java.time.Instant;

/**
 * A timer that is due, as its handler sees it.
 *
 * @param key     the timer's key (unique per service)
 * @param type    selects the {@link TimerHandler}
 * @param dueAt   when it was due (the handler may run later: polling, back-off, downtime)
 * @param payload what the scheduler stored with it (may be null)
 * @param attempt 1 on the first firing, 2 on the first retry after the handler failed, and so on
 */
public record FiredTimer(String key, String type, Instant dueAt, String payload, int attempt) {
}
