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
import io.hop.contracts.offload.ConnectionStateChanged;
import io.hop.contracts.offload.OffloadEvents;
import io.hop.platform.messaging.Consumers;
import io.hop.platform.messaging.IncomingEvent;
import io.hop.platform.messaging.InvalidEventException;
import io.hop.platform.tx.DataAccessException;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps the intervals during which each device was on a hotspot, from {@code offload.connections.v1} (each event
 * applied once; a device's events arrive in order, keyed by device): a connection that becomes {@code AUTHORIZED}
 * opens an interval (closing any the device still had open), any other state of it closes its interval. The ingest
 * path attributes a Wi-Fi offload record to the interval containing its {@code periodStart}
 * ({@code io.hop.usage.ingest.HotspotAttribution}).
 */
@ApplicationScoped
public class ConnectionsConsumer {

    /** The state in which the device moves data over the hotspot. */
    static final String AUTHORIZED = "AUTHORIZED";

    private final Consumers consumers;
    private final DataSource dataSource;

    ConnectionsConsumer(Consumers consumers, DataSource dataSource) {
        this.consumers = consumers;
        this.dataSource = dataSource;
    }

    @Incoming(Channels.OFFLOAD_CONNECTIONS)
    @Blocking
    public void onChange(ConsumerRecord<String, String> record) {
        consumers.consume(Channels.OFFLOAD_CONNECTIONS, record, this::apply);
    }

    void apply(IncomingEvent event) {
        if (!event.is(OffloadEvents.CONNECTION_STATE_CHANGED)) {
            throw InvalidEventException.unsupportedType(event);
        }
        ConnectionStateChanged change = event.dataAs(OffloadEvents.CONNECTION_STATE_CHANGED);
        if (change == null || change.operatorId() == null || change.deviceId() == null || change.connectionId() == null
                || change.state() == null || change.changedAt() == null) {
            throw new InvalidEventException("connection change " + event.id()
                    + " lacks operatorId, deviceId, connectionId, state or changedAt");
        }
        try (Connection connection = dataSource.getConnection()) {
            Timestamp at = Timestamp.from(change.changedAt());
            if (AUTHORIZED.equals(change.state())) {
                if (change.ssid() == null) {
                    throw new InvalidEventException("authorized connection " + change.connectionId() + " has no ssid");
                }
                try (PreparedStatement close = connection.prepareStatement("""
                        update usage_device_hotspot set disconnected_at = greatest(connected_at, ?)
                        where operator_id = ? and device_id = ? and disconnected_at is null""")) {
                    close.setTimestamp(1, at);
                    close.setString(2, change.operatorId());
                    close.setString(3, change.deviceId());
                    close.executeUpdate();
                }
                try (PreparedStatement open = connection.prepareStatement("""
                        insert into usage_device_hotspot (operator_id, device_id, connection_id, ssid, bssid,
                            plugin_id, connected_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                    open.setString(1, change.operatorId());
                    open.setString(2, change.deviceId());
                    open.setString(3, change.connectionId());
                    open.setString(4, change.ssid());
                    open.setString(5, change.bssid());
                    open.setString(6, change.pluginId());
                    open.setTimestamp(7, at);
                    open.executeUpdate();
                }
            } else {
                try (PreparedStatement close = connection.prepareStatement("""
                        update usage_device_hotspot set disconnected_at = greatest(connected_at, ?)
                        where operator_id = ? and device_id = ? and connection_id = ? and disconnected_at is null""")) {
                    close.setTimestamp(1, at);
                    close.setString(2, change.operatorId());
                    close.setString(3, change.deviceId());
                    close.setString(4, change.connectionId());
                    close.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
