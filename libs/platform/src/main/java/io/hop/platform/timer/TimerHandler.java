package io.hop.platform.timer;

/**
 * Handles the timers of one type. Implementations are CDI beans; the poller calls {@link #onTimer} in the same
 * transaction that deletes the timer row, so its database work and the firing commit together: exactly once. A
 * handler that throws rolls both back; the timer is retried later with back-off ({@link FiredTimer#attempt()} + 1).
 * A handler may schedule the same key again (a periodic timer): the new schedule survives the firing.
 */
public interface TimerHandler {

    /** The timer type this handler fires; unique per service. */
    String type();

    void onTimer(FiredTimer timer);
}
