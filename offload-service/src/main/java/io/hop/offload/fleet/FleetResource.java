package io.hop.offload.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.hop.offload.config.OffloadConfig;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /v1/operators/{operatorId}/fleet-learning}: the operator's hotspots with post-connect outcomes in the
 * sliding window, their failure rates and which are demoted (operator or admin token; 403 for another operator).
 */
@Path("/v1/operators/{operatorId}/fleet-learning")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class FleetResource {

    /** The answer. */
    public record FleetView(String operatorId, Duration window, double failureRateThreshold, int minSamples,
            int demotion, List<FleetLearning.HotspotStats> hotspots) {
    }

    private final Caller caller;
    private final FleetService fleet;
    private final OffloadConfig config;

    FleetResource(Caller caller, FleetService fleet, OffloadConfig config) {
        this.caller = caller;
        this.fleet = fleet;
        this.config = config;
    }

    @GET
    public FleetView get(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        FleetLearning.Rules rules = fleet.rules();
        return new FleetView(operatorId, config.fleet().window(), rules.failureRate(), rules.minSamples(),
                rules.demotion(), fleet.fresh(operatorId, Instant.now()).all());
    }
}
