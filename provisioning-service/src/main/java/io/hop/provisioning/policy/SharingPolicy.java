package io.hop.provisioning.policy;

import java.time.Instant;

import io.hop.contracts.provisioning.SharingPolicyChanged;
import io.hop.contracts.provisioning.SharingPolicySettings;

/** A sharing policy as stored now. */
public record SharingPolicy(String id, String operatorId, String name, long version, SharingPolicySettings settings,
        Instant createdAt, Instant updatedAt) {

    /** The event (and stored version) announcing this state. */
    SharingPolicyChanged toEvent() {
        return new SharingPolicyChanged(operatorId, id, name, settings, version, updatedAt);
    }
}
