package io.hop.usage.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.hop.contracts.Channels;
import io.hop.contracts.sharing.SharingEvents;
import io.hop.contracts.sharing.SharingSessionChanged;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps which clients joined which sharing (tethering) session and when they left, from {@code sharing.sessions.v1}
 * (each event applied once, in order per device), for the per-device tethered clients report.
 */
@ApplicationScoped
public class SharingSessionsConsumer {

    private final Consumers consumers;
    private final DataSource dataSource;

    SharingSessionsConsumer(Consumers consumers, DataSource dataSource) {
        this.consumers = consumers;
        this.dataSource = dataSource;
    }

    @Incoming(Channels.SHARING_SESSIONS)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.SHARING_SESSIONS, record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!event.is(SharingEvents.SESSION_CHANGED)) {
            throw InvalidEventException.unsupportedType(event);
        }
        SharingSessionChanged change = event.dataAs(SharingEvents.SESSION_CHANGED);
        if (change == null || change.operatorId() == null || change.deviceId() == null || change.sessionId() == null
                || change.change() == null || change.changedAt() == null) {
            throw new InvalidEventException("sharing change " + event.id()
                    + " lacks operatorId, deviceId, sessionId, change or changedAt");
        }
        Timestamp at = Timestamp.from(change.changedAt());
        try (Connection connection = dataSource.getConnection()) {
            switch (change.change()) {
                case "CLIENT_JOINED" -> {
                    requireClient(change, event);
                    try (PreparedStatement statement = connection.prepareStatement("""
                            insert into usage_sharing_client (operator_id, device_id, session_id, client_id, transport,
                                joined_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                        statement.setString(1, change.operatorId());
                        statement.setString(2, change.deviceId());
                        statement.setString(3, change.sessionId());
                        statement.setString(4, change.clientId());
                        statement.setString(5, change.transport());
                        statement.setTimestamp(6, at);
                        statement.executeUpdate();
                    }
                }
                case "CLIENT_LEFT" -> {
                    requireClient(change, event);
                    close(connection, change, at, true);
                }
                case "STOPPED" -> close(connection, change, at, false);
                default -> {
                    // STARTED, PUBLIC_CONNECTION_CHANGED: nothing about clients
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static void requireClient(SharingSessionChanged change, IncomingEvent event) {
        if (change.clientId() == null || change.clientId().isBlank()) {
            throw new InvalidEventException(change.change() + " event " + event.id() + " has no clientId");
        }
    }

    private static void close(Connection connection, SharingSessionChanged change, Timestamp at, boolean oneClient)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                update usage_sharing_client set left_at = greatest(joined_at, ?)
                where operator_id = ? and device_id = ? and session_id = ? and left_at is null"""
                + (oneClient ? " and client_id = ?" : ""))) {
            statement.setTimestamp(1, at);
            statement.setString(2, change.operatorId());
            statement.setString(3, change.deviceId());
            statement.setString(4, change.sessionId());
            if (oneClient) {
                statement.setString(5, change.clientId());
            }
            statement.executeUpdate();
        }
    }
}
