package io.hop.usage.ingest;

import java.util.Optional;

import io.hop.contracts.provisioning.PlanChanged;

/** A device's plan, as this service knows it; empty when it has none (or is unknown). */
@FunctionalInterface
public interface PlanLookup {

    Optional<PlanChanged> planOf(String operatorId, String deviceId);
}
