package io.hop.readmodel.policies;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.JsonStateTable;

/**
 * The sharing policies this service knows (table {@code known_sharing_policy}), kept from
 * {@link ProvisioningEvents#SHARING_POLICY_CHANGED} events and {@code sharing-policy:<id>} tombstones; only a newer
 * version replaces the held state. Entity type {@value ProvisioningKeys#SHARING_POLICY} of
 * {@code hop.readmodel.entities}. Every applied change or deletion gives the operator a new configuration revision
 * ({@link ConfigurationRevisions}), in the same transaction.
 */
@ApplicationScoped
public class SharingPolicyDirectory implements EntityHandler<SharingPolicyChanged> {

    private final JsonStateTable<SharingPolicyChanged> table;

    @Inject
    public SharingPolicyDirectory(DataSource dataSource, Transactor transactor) {
        this.table = new JsonStateTable<>(dataSource, transactor, "known_sharing_policy", eventType(),
                List.of("policy_id"), List.of("policy_id", "operator_id", "version", "changed_at"),
                new ConfigurationRevisions(dataSource, transactor));
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.SHARING_POLICY;
    }

    @Override
    public EventType<SharingPolicyChanged> eventType() {
        return ProvisioningEvents.SHARING_POLICY_CHANGED;
    }

    /** Upserts when the change's version is newer than the one held, in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(SharingPolicyChanged change) {
        Objects.requireNonNull(change, "change");
        return table.upsert("SharingPolicyDirectory.apply", change,
                JsonStateTable.required(change.policyId(), "policyId of a sharing policy change"),
                JsonStateTable.required(change.operatorId(), "operatorId of sharing policy " + change.policyId()),
                change.version(), change.changedAt());
    }

    /** Forgets the policy (its tombstone arrived), in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String policyId) {
        return table.delete("SharingPolicyDirectory.delete", Objects.requireNonNull(policyId, "policyId"));
    }

    /** The policy as last applied, if known. */
    public Optional<SharingPolicyChanged> find(String policyId) {
        return table.find(Objects.requireNonNull(policyId, "policyId"));
    }

    /** The operator's policies, by id. */
    public List<SharingPolicyChanged> listByOperator(String operatorId) {
        return table.listByOperator(operatorId);
    }
}
