package io.hop.platform.timer;

import java.sql.Connection;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.platform.tx.Transactor;

/**
 * Durable timers: scheduled in the caller's transaction, fired once across replicas and restarts by the
 * {@link TimerPoller}, which calls the {@link TimerHandler} of the timer's type.
 */
@ApplicationScoped
public class Timers {

    private final DataSource dataSource;
    private final Transactor transactor;

    @Inject
    public Timers(DataSource dataSource, Transactor transactor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.transactor = Objects.requireNonNull(transactor, "transactor");
    }

    /**
     * Schedules (or reschedules: upsert by key, which also resets the attempt count) in the caller's transaction.
     *
     * @param key     unique per service, e.g. {@code post-connect:<connectionId>}
     * @param type    the {@link TimerHandler#type()} that fires it
     * @param payload stored with the timer and handed to the handler (may be null)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String key, String type, Instant dueAt, String payload) {
        requireText(key, "key");
        requireText(type, "type");
        Objects.requireNonNull(dueAt, "dueAt");
        transactor.requireActive("Timers.schedule");
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                TimerStore.schedule(connection, key, type, dueAt, payload);
            }
            return null;
        });
    }

    /** Cancels in the caller's transaction; false if there was no such timer (never scheduled, fired or cancelled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancel(String key) {
        requireText(key, "key");
        transactor.requireActive("Timers.cancel");
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return TimerStore.cancel(connection, key);
            }
        });
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
