package io.hop.readmodel.operators;

import java.time.Instant;

/**
 * An operator as this service knows it from {@code provisioning.changes.v1} (a local read model).
 *
 * @param version the provisioning version of this state; only newer versions replace it
 */
public record KnownOperator(String operatorId, String name, String status, long version, Instant changedAt) {

    /** Whether the operator is active (not suspended). */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
