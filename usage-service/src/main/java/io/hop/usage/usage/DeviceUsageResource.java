package io.hop.usage.usage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hop.contracts.provisioning.PlanChanged;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.readmodel.devices.DeviceResolver;
import io.hop.readmodel.devices.EffectiveAssignment;
import io.hop.contracts.provisioning.BillingPeriods;

/**
 * {@code GET /v1/devices/{deviceId}/usage}: the device's plan and usage in the current billing period. A device token
 * reads itself, an operator token its operator's devices (device ids are per operator: the token's operator says
 * whose device is meant, so another operator's device is simply not found: 404); an admin names the operator with
 * {@code ?operatorId=}.
 */
@Path("/v1/devices/{deviceId}/usage")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
public class DeviceUsageResource {

    private final Caller caller;
    private final DeviceResolver resolver;
    private final UsageReader reader;

    DeviceUsageResource(Caller caller, DeviceResolver resolver, UsageReader reader) {
        this.caller = caller;
        this.resolver = resolver;
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DeviceUsage usage(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId)
            throws SQLException {
        String operator = caller.isAdmin() ? operatorId : caller.operatorId().orElse(null);
        if (operator == null) {
            throw ValidationProblem.of("operatorId", "is required for an admin token");
        }
        caller.requireDevice(deviceId, operator);
        EffectiveAssignment assignment = resolver.resolve(operator, deviceId);
        if (assignment.outcome() == EffectiveAssignment.Outcome.UNKNOWN_DEVICE
                && !reader.hasCounters(operator, deviceId)) {
            throw ProblemException.notFound("no device " + deviceId);
        }
        Optional<PlanChanged> plan = assignment.plan();
        BillingPeriods.Period period = BillingPeriods.periodOf(plan.map(PlanChanged::validity).orElse(null),
                Instant.now());
        return reader.usage(operator, deviceId, plan, period);
    }
}
