package io.hop.readmodel.plans;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.hop.contracts.EventType;
import io.hop.contracts.provisioning.PlanChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.tx.Transactor;
import io.hop.readmodel.ConfigurationRevisions;
import io.hop.readmodel.EntityHandler;
import io.hop.readmodel.JsonStateTable;

/**
 * The plans this service knows (table {@code known_plan}), kept from
 * {@link ProvisioningEvents#PLAN_CHANGED} events and {@code plan:<id>} tombstones; only a newer
 * version replaces the held state. Entity type {@value ProvisioningKeys#PLAN} of
 * {@code hop.readmodel.entities}. Every applied change or deletion gives the operator a new configuration revision
 * ({@link ConfigurationRevisions}), in the same transaction.
 */
@ApplicationScoped
public class PlanDirectory implements EntityHandler<PlanChanged> {

    private final JsonStateTable<PlanChanged> table;

    @Inject
    public PlanDirectory(DataSource dataSource, Transactor transactor) {
        this.table = new JsonStateTable<>(dataSource, transactor, "known_plan", eventType(),
                List.of("plan_id"), List.of("plan_id", "operator_id", "version", "changed_at"),
                new ConfigurationRevisions(dataSource, transactor));
    }

    @Override
    public String entityType() {
        return ProvisioningKeys.PLAN;
    }

    @Override
    public EventType<PlanChanged> eventType() {
        return ProvisioningEvents.PLAN_CHANGED;
    }

    /** Upserts when the change's version is newer than the one held, in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(PlanChanged change) {
        Objects.requireNonNull(change, "change");
        return table.upsert("PlanDirectory.apply", change,
                JsonStateTable.required(change.planId(), "planId of a plan change"),
                JsonStateTable.required(change.operatorId(), "operatorId of plan " + change.planId()),
                change.version(), change.changedAt());
    }

    /** Forgets the plan (its tombstone arrived), in the caller's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String planId) {
        return table.delete("PlanDirectory.delete", Objects.requireNonNull(planId, "planId"));
    }

    /** The plan as last applied, if known. */
    public Optional<PlanChanged> find(String planId) {
        return table.find(Objects.requireNonNull(planId, "planId"));
    }

    /** The operator's plans, by id. */
    public List<PlanChanged> listByOperator(String operatorId) {
        return table.listByOperator(operatorId);
    }
}
