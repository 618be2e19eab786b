package io.hop.platform.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an operator needs about the outbox: how many events wait and which are parked, and retrying parked ones (see
 * {@link OutboxRelay} for parking and the equivalent SQL). Plain Java; a CDI bean in a service.
 */
@ApplicationScoped
public class OutboxAdmin {

    /** A parked event: Kafka rejected it {@code attempts} times; the rows of its key wait behind it. */
    public record ParkedEvent(UUID id, String topic, String key, String type, int attempts, String lastError,
            Instant createdAt, Instant parkedAt) {
    }

    /**
     * The outbox at a glance.
     *
     * @param pending      events waiting to be sent (parked ones excluded)
     * @param parked       parked events
     * @param oldestParked the parked event with the lowest sequence number, or null
     */
    public record Status(long pending, long parked, ParkedEvent oldestParked) {
    }

    private final DataSource dataSource;
    private final Runnable afterRetry;

    @Inject
    OutboxAdmin(DataSource dataSource, OutboxRelayService relay) {
        this(dataSource, relay::wake);
    }

    /** @param afterRetry run after parked rows were released (wakes the relay) */
    public OutboxAdmin(DataSource dataSource, Runnable afterRetry) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.afterRetry = Objects.requireNonNull(afterRetry, "afterRetry");
    }

    public Status status() {
        try (Connection connection = dataSource.getConnection()) {
            OutboxStore.Backlog backlog = OutboxStore.backlog(connection, Instant.now());
            List<OutboxStore.Parked> oldest = backlog.parked() == 0 ? List.of() : OutboxStore.parked(connection, 1);
            return new Status(backlog.pending(), backlog.parked(), oldest.isEmpty() ? null : event(oldest.get(0)));
        } catch (SQLException e) {
            throw new IllegalStateException("outbox status: " + e.getMessage(), e);
        }
    }

    /** Parked events in publication order, at most {@code limit}. */
    public List<ParkedEvent> parked(int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return OutboxStore.parked(connection, limit).stream().map(OutboxAdmin::event).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox parked events: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the parked event with CloudEvent id {@code eventId} a fresh set of attempts; the relay sends it at its
     * next pass, then the events of its key that waited. Returns false when no such event is parked.
     */
    public boolean retryParked(UUID eventId) {
        return retry(Objects.requireNonNull(eventId, "eventId")) > 0;
    }

    /** {@link #retryParked(UUID)} for every parked event; returns how many. */
    public int retryAllParked() {
        return retry(null);
    }

    private int retry(UUID eventId) {
        int released;
        try (Connection connection = dataSource.getConnection()) {
            released = OutboxStore.retryParked(connection, eventId);
        } catch (SQLException e) {
            throw new IllegalStateException("outbox retry: " + e.getMessage(), e);
        }
        if (released > 0) {
            afterRetry.run();
        }
        return released;
    }

    private static ParkedEvent event(OutboxStore.Parked row) {
        return new ParkedEvent(row.id(), row.topic(), row.key(), row.type(), row.attempts(), row.lastError(),
                row.createdAt(), row.parkedAt());
    }
}
