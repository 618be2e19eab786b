package io.hop.contracts.provisioning;

import io.hop.contracts.EventType;

/** Events on {@code provisioning.changes.v1}, keyed by entity ({@link ProvisioningKeys}: {@code <type>:<id>}). */
public final class ProvisioningEvents {

    public static final EventType<OperatorChanged> OPERATOR_CHANGED =
            EventType.of("provisioning.operator-changed.v1", OperatorChanged.class);

    private ProvisioningEvents() {
    }
}
