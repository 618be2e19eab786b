package io.hop.provisioning.devicegroup;

import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.platform.problem.ProblemException;
import io.hop.provisioning.version.ProvisioningChanges.StoredVersion;

/** Answers {@code GET …/{id}/versions/{version}}: the stored JSON as it was published, byte for byte. */
public final class StoredState {

    private StoredState() {
    }

    /** 200 with the version's state; 404 when there is no such version or it is the deletion. */
    public static Response response(Optional<StoredVersion> stored, String what, long version) {
        StoredVersion found = stored.orElseThrow(() -> ProblemException.notFound(what + " has no version " + version));
        if (found.deletion()) {
            throw ProblemException.notFound("version " + version + " of " + what + " is its deletion; it has no state");
        }
        return Response.ok(found.stateJson(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
