package io.hop.contracts.entitlement;

import io.hop.contracts.EventType;

/** Events on {@code entitlement.decisions.v1}, keyed by device id. */
public final class EntitlementEvents {

    public static final EventType<EntitlementDecided> DECISION_MADE =
            EventType.of("entitlement.decision-made.v1", EntitlementDecided.class);

    private EntitlementEvents() {
    }
}
