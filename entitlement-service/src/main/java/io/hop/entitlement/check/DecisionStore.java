package io.hop.entitlement.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /**
     * Two multi-row statements for the decisions (one insert from arrays) and their events ({@link Outbox#publishAll}),
     * whatever the batch size.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<EntitlementDecided> decisions) {
        int n = decisions.size();
        Object[] ids = new Object[n];
        Object[] operators = new Object[n];
        Object[] devices = new Object[n];
        Object[] results = new Object[n];
        Object[] reasons = new Object[n];
        Object[] providerTypes = new Object[n];
        Object[] triggers = new Object[n];
        Object[] decidedAt = new Object[n];
        List<Outbox.Keyed<EntitlementDecided>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EntitlementDecided decision = decisions.get(i);
            ids[i] = UUID.fromString(decision.decisionId());
            operators[i] = decision.operatorId();
            devices[i] = decision.deviceId();
            results[i] = decision.result();
            reasons[i] = decision.reason();
            providerTypes[i] = decision.providerType();
            triggers[i] = decision.trigger();
            decidedAt[i] = decision.decidedAt().toString();
            events.add(new Outbox.Keyed<>(decision.deviceId(), decision));
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into entitlement_decision (decision_id, operator_id, device_id, result, reason,
                          provider_type, trigger, decided_at)
                        select id, operator_id, device_id, result, reason, provider_type, trigger, decided_at::timestamptz
                          from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                      ?::text[]) as u(id, operator_id, device_id, result, reason, provider_type, trigger,
                                                      decided_at)""")) {
            insert.setArray(1, connection.createArrayOf("uuid", ids));
            insert.setArray(2, connection.createArrayOf("text", operators));
            insert.setArray(3, connection.createArrayOf("text", devices));
            insert.setArray(4, connection.createArrayOf("text", results));
            insert.setArray(5, connection.createArrayOf("text", reasons));
            insert.setArray(6, connection.createArrayOf("text", providerTypes));
            insert.setArray(7, connection.createArrayOf("text", triggers));
            insert.setArray(8, connection.createArrayOf("text", decidedAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot store " + n + " entitlement decisions", e);
        }
        outbox.publishAll(Channels.ENTITLEMENT_DECISIONS, EntitlementEvents.DECISION_MADE, events);
    }
}
