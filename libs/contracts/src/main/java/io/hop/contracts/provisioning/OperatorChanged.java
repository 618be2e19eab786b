package io.hop.contracts.provisioning;

import java.time.Instant;

/**
 * The full current state of an operator (event-carried state transfer): consumers replace their copy with it when
 * {@code version} is newer than the one they hold, so redelivered or reordered events change nothing.
 *
 * @param operatorId the operator's id; the Kafka key is {@link ProvisioningKeys#operator(String)}
 * @param name       display name
 * @param status     {@code ACTIVE} or {@code SUSPENDED}
 * @param version    increases by one with every change of the operator
 * @param changedAt  when provisioning-service committed the change
 */
public record OperatorChanged(String operatorId, String name, String status, long version, Instant changedAt) {
}
