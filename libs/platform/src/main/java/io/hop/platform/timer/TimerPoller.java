package io.hop.platform.timer;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.hop.platform.tx.Transactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fires due timers: one transaction per timer that locks the earliest due row ({@code FOR UPDATE SKIP LOCKED}), runs
 * its handler and deletes the row. Any number of pollers (replicas) may run against one database: a row locked by one
 * is skipped by the others, and a fired row is gone, so each timer fires exactly once; a crash before the commit rolls
 * the firing back and another poller fires it.
 *
 * <p>A handler that throws, or a timer type without a handler, rolls the firing back; the failure is then recorded
 * in a second transaction and the timer is retried after a back-off that doubles per failure.
 *
 * <p>Plain Java: a Quarkus service gets one from {@link TimerPollerService}; tests construct their own.
 */
public final class TimerPoller implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    /** MDC key holding the key of the timer being fired. */
    public static final String MDC_TIMER_KEY = "timerKey";

    /**
     * Tuning.
     *
     * @param pollInterval   pause when no timer is due
     * @param batchSize      timers fired in a row before the next pause
     * @param initialBackoff delay before the first retry of a failed timer; doubles per failure
     * @param maxBackoff     longest retry delay
     */
    public record Options(Duration pollInterval, int batchSize, Duration initialBackoff, Duration maxBackoff) {

        public Options {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(250), 100, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
    }

    /** What {@link #fireNext()} did. */
    public enum Outcome {
        /** No timer was due (or every due one is being fired by another poller). */
        NONE_DUE,
        /** A timer fired and is gone. */
        FIRED,
        /** A timer's handler failed (or was missing); it is retried later. */
        FAILED
    }

    private final DataSource dataSource;
    private final Transactor transactor;
    private final Function<String, TimerHandler> handlers;
    private final Options options;
    private final Clock clock;
    private final Counter fired;
    private final Counter failed;
    private final CountDownLatch stop = new CountDownLatch(1);

    private Thread thread;

    /**
     * @param dataSource must hand out the connection of the {@code transactor}'s current transaction (Agroal with
     *                   JTA, or {@link io.hop.platform.tx.LocalTransactions#dataSource()})
     * @param handlers   the handler of a timer type, or null when there is none
     */
    public TimerPoller(DataSource dataSource, Transactor transactor, Function<String, TimerHandler> handlers,
            Options options, Clock clock, MeterRegistry registry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fired = Counter.builder("hop.timers.fired").description("Timers whose handler succeeded")
                .register(registry);
        this.failed = Counter.builder("hop.timers.failed")
                .description("Timer firings that failed and were scheduled for a retry").register(registry);
    }

    /** Convenience for a fixed set of handlers. */
    public TimerPoller(DataSource dataSource, Transactor transactor, Map<String, TimerHandler> handlers,
            Options options, Clock clock, MeterRegistry registry) {
        this(dataSource, transactor, Map.copyOf(handlers)::get, options, clock, registry);
    }

    /** Starts the polling thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "hop-timer-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling after the timer being fired, if any. */
    @Override
    public void close() {
        stop.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private void loop() {
        while (!stopped()) {
            int handled = 0;
            try {
                handled = fireDue(options.batchSize());
            } catch (RuntimeException e) {
                // e.g. the database is unreachable: try again at the next poll
                LOG.warnf(e, "Timer poll failed");
            }
            if (handled < options.batchSize()) {
                try {
                    stop.await(options.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Fires due timers one by one, at most {@code max}; returns how many were fired or failed. */
    public int fireDue(int max) {
        int handled = 0;
        while (handled < max && !stopped() && fireNext() != Outcome.NONE_DUE) {
            handled++;
        }
        return handled;
    }

    /** Fires the earliest due timer, if any, in a transaction of its own. */
    public Outcome fireNext() {
        AtomicReference<TimerStore.Claimed> current = new AtomicReference<>();
        try {
            Optional<TimerStore.Claimed> done = transactor.requiresNew(() -> {
                Optional<TimerStore.Claimed> claimed;
                try (Connection connection = dataSource.getConnection()) {
                    claimed = TimerStore.claimNextDue(connection, clock.instant());
                }
                if (claimed.isEmpty()) {
                    return claimed;
                }
                TimerStore.Claimed timer = claimed.get();
                current.set(timer);
                TimerHandler handler = handlers.apply(timer.type());
                if (handler == null) {
                    throw new UnknownTimerTypeException(timer.type());
                }
                MDC.put(MDC_TIMER_KEY, timer.key());
                try {
                    handler.onTimer(timer.fired());
                } finally {
                    MDC.remove(MDC_TIMER_KEY);
                }
                try (Connection connection = dataSource.getConnection()) {
                    TimerStore.deleteFired(connection, timer);
                }
                return claimed;
            });
            if (done.isEmpty()) {
                return Outcome.NONE_DUE;
            }
            fired.increment();
            return Outcome.FIRED;
        } catch (RuntimeException e) {
            TimerStore.Claimed timer = current.get();
            if (timer == null) {
                throw e; // failed before a timer was claimed: nothing to retry
            }
            recordFailure(timer, e);
            return Outcome.FAILED;
        }
    }

    private void recordFailure(TimerStore.Claimed timer, RuntimeException error) {
        failed.increment();
        int attempt = timer.failures() + 1;
        Duration delay = backoff(attempt);
        Instant retryAt = clock.instant().plus(delay);
        if (error instanceof UnknownTimerTypeException) {
            LOG.errorf("Timer %s has type %s, for which there is no TimerHandler; retrying in %s", timer.key(),
                    timer.type(), delay);
        } else {
            LOG.warnf(error, "Timer %s (%s) failed on attempt %d; retrying in %s", timer.key(), timer.type(), attempt,
                    delay);
        }
        try {
            transactor.requiresNew(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    TimerStore.recordFailure(connection, timer, retryAt, String.valueOf(error));
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The timer stays due as it was and is simply retried at the next poll.
            LOG.warnf(e, "Could not record the failure of timer %s", timer.key());
        }
    }

    private Duration backoff(int failures) {
        Duration delay = options.initialBackoff();
        for (int i = 1; i < failures && delay.compareTo(options.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : delay;
    }

    /** A due timer whose type has no handler in this service. */
    static final class UnknownTimerTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownTimerTypeException(String type) {
            super("no TimerHandler for timer type " + type);
        }
    }
}
