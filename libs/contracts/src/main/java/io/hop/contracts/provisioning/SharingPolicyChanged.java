package io.hop.contracts.provisioning;

import java.time.Instant;

/**
 * The full state of a sharing policy at {@code version} (key {@link ProvisioningKeys#sharingPolicy(String)}).
 *
 * @param operatorId the owning operator
 * @param policyId   the policy's id (unique across operators)
 * @param name       display name
 * @param settings   the validated settings
 * @param version    increases by one with every change of the policy
 * @param changedAt  when provisioning-service committed the change
 */
public record SharingPolicyChanged(String operatorId, String policyId, String name, SharingPolicySettings settings,
        long version, Instant changedAt) {
}
