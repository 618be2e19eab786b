package io.hop.provisioning.entity;

import java.time.Instant;
import java.util.List;

import io.hop.platform.problem.ProblemException;
import io.hop.provisioning.version.ProvisioningChanges;
import io.hop.provisioning.version.ProvisioningChanges.StoredVersion;

/**
 * The answers of {@code GET …/{id}/versions} and {@code GET …/{id}/versions/{version}} for any entity type: the
 * versions an operator's entity has had (deleted ones included), and the state of one as it was published.
 */
public final class EntityVersions {

    /** One version in the list: its number, when it was made, and whether it was the entity's deletion. */
    public record VersionView(long version, Instant createdAt, boolean deleted) {
    }

    private EntityVersions() {
    }

    /** @throws ProblemException 404 when the operator never had the entity */
    public static List<VersionView> list(ProvisioningChanges changes, String operatorId, String entityType,
            String id) {
        List<StoredVersion> versions = changes.versions(operatorId, entityType, id);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("no " + entityType + " '" + id + "'");
        }
        return versions.stream().map(v -> new VersionView(v.version(), v.createdAt(), v.deletion())).toList();
    }

    /**
     * The state of version {@code version} as it was published (JSON; sealed secrets stay sealed).
     *
     * @throws ProblemException 404 when there is no such version; 410 when it is the entity's deletion (it has no state)
     */
    public static String state(ProvisioningChanges changes, String operatorId, String entityType, String id,
            long version) {
        StoredVersion stored = changes.version(operatorId, entityType, id, version)
                .orElseThrow(() -> ProblemException.notFound("no version " + version + " of " + entityType + " '" + id
                        + "'"));
        if (stored.deletion()) {
            throw new ProblemException(410, "Gone", "version " + version + " of " + entityType + " '" + id
                    + "' is its deletion and has no state");
        }
        return stored.stateJson();
    }
}
