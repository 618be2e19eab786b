package io.hop.provisioning.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.contracts.provisioning.SharingPolicySettings;
import io.hop.platform.problem.ProblemException;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * Sharing policies: each change writes the row, its immutable version and its event in one transaction
 * ({@link ProvisioningChanges}). Settings arrive here validated.
 */
@ApplicationScoped
public class SharingPolicyService {

    private final SharingPolicyRepository policies;
    private final ProvisioningChanges changes;
    private final Clock clock = Clock.systemUTC();

    SharingPolicyService(SharingPolicyRepository policies, ProvisioningChanges changes) {
        this.policies = policies;
        this.changes = changes;
    }

    @Transactional
    public SharingPolicy create(String operatorId, String name, SharingPolicySettings settings) {
        if (!policies.operatorExists(operatorId)) {
            throw ProblemException.notFound("no operator '" + operatorId + "'");
        }
        Instant now = now();
        SharingPolicy policy = new SharingPolicy(UUID.randomUUID().toString(), operatorId, name, 1, settings, now, now);
        policies.insert(policy);
        publish(policy);
        return policy;
    }

    /**
     * Replaces the policy if it is still at {@code expectedVersion}: otherwise 409 and nothing changes. Of two
     * concurrent replaces from one version, the update of the second finds the row changed (409).
     */
    @Transactional
    public SharingPolicy replace(String operatorId, String id, long expectedVersion, String name,
            SharingPolicySettings settings) {
        SharingPolicy current = get(operatorId, id);
        if (current.version() != expectedVersion) {
            throw stale(id, current.version(), expectedVersion);
        }
        SharingPolicy replaced = new SharingPolicy(id, operatorId, name, expectedVersion + 1, settings,
                current.createdAt(), now());
        if (!policies.replace(replaced, expectedVersion)) {
            throw ProblemException.conflict("sharing policy '" + id + "' changed meanwhile; read it again and retry");
        }
        publish(replaced);
        return replaced;
    }

    /**
     * Deletes the policy (when {@code expectedVersion} is given, only if it is still at that version): its deletion
     * becomes its next version and a tombstone is published.
     */
    @Transactional
    public void delete(String operatorId, String id, Long expectedVersion) {
        if (expectedVersion != null) {
            SharingPolicy current = get(operatorId, id);
            if (current.version() != expectedVersion) {
                throw stale(id, current.version(), expectedVersion);
            }
        }
        OptionalLong version = policies.delete(operatorId, id);
        if (version.isEmpty()) {
            throw notFound(id);
        }
        changes.deleted(operatorId, ProvisioningKeys.SHARING_POLICY, id, version.getAsLong() + 1, now());
    }

    public SharingPolicy get(String operatorId, String id) {
        return policies.find(operatorId, id).orElseThrow(() -> notFound(id));
    }

    public List<SharingPolicy> list(String operatorId) {
        return policies.list(operatorId);
    }

    public List<ProvisioningChanges.StoredVersion> versions(String operatorId, String id) {
        List<ProvisioningChanges.StoredVersion> versions = changes.versions(operatorId, ProvisioningKeys.SHARING_POLICY, id);
        if (versions.isEmpty()) {
            throw notFound(id);
        }
        return versions;
    }

    public ProvisioningChanges.StoredVersion version(String operatorId, String id, long version) {
        return changes.version(operatorId, ProvisioningKeys.SHARING_POLICY, id, version)
                .orElseThrow(() -> ProblemException.notFound("sharing policy '" + id + "' has no version " + version));
    }

    private void publish(SharingPolicy policy) {
        changes.changed(policy.operatorId(), ProvisioningKeys.SHARING_POLICY, policy.id(), policy.version(),
                ProvisioningEvents.SHARING_POLICY_CHANGED, policy.toEvent(), policy.updatedAt());
    }

    /** Microseconds: what PostgreSQL stores, so the event and a later read agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no sharing policy '" + id + "'");
    }

    private static ProblemException stale(String id, long current, long expected) {
        return ProblemException.conflict("sharing policy '" + id + "' is at version " + current + ", not " + expected
                + "; read it again and retry");
    }
}
