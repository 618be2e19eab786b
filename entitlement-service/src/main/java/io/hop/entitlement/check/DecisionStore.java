package io.hop.entitlement.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.Channels;
import io.hop.contracts.entitlement.EntitlementDecided;
import io.hop.contracts.entitlement.EntitlementEvents;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.tx.DataAccessException;

/** Stores decisions and publishes them ({@code entitlement.decisions.v1}, key: device id) in the caller's transaction. */
@ApplicationScoped
public class DecisionStore {

    private final DataSource dataSource;
    private final Outbox outbox;

    DecisionStore(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<EntitlementDecided> decisions) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into entitlement_decision (decision_id, operator_id, device_id, result, reason,
                          provider_type, trigger, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (EntitlementDecided decision : decisions) {
                insert.setObject(1, UUID.fromString(decision.decisionId()));
                insert.setString(2, decision.operatorId());
                insert.setString(3, decision.deviceId());
                insert.setString(4, decision.result());
                insert.setString(5, decision.reason());
                insert.setString(6, decision.providerType());
                insert.setString(7, decision.trigger());
                insert.setTimestamp(8, Timestamp.from(decision.decidedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException("cannot store " + decisions.size() + " entitlement decisions", e);
        }
        for (EntitlementDecided decision : decisions) {
            outbox.publish(Channels.ENTITLEMENT_DECISIONS, decision.deviceId(), EntitlementEvents.DECISION_MADE, decision);
        }
    }
}
