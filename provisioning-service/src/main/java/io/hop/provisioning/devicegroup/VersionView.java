package io.hop.provisioning.devicegroup;

import java.time.Instant;

import io.hop.provisioning.version.ProvisioningChanges.StoredVersion;

/** One entry of {@code GET …/{id}/versions}: a version and whether it is the entity's deletion. */
public record VersionView(long version, Instant createdAt, boolean deleted) {

    public static VersionView of(StoredVersion stored) {
        return new VersionView(stored.version(), stored.createdAt(), stored.deletion());
    }
}
