package io.hop.offload.decision;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hop.offload.config.OffloadConfig;
import io.hop.offload.device.DeviceAccess;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /v1/devices/{deviceId}/decisions[?scanId=&limit=]}: why each network of the device's recent scans was
 * selected or rejected, newest first (operator or device token).
 */
@Path("/v1/devices/{deviceId}/decisions")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DecisionResource {

    /** The answer. */
    public record Decisions(String operatorId, String deviceId, List<DecisionLog.Entry> decisions) {
    }

    private final DeviceAccess access;
    private final DecisionLog log;
    private final OffloadConfig config;

    DecisionResource(DeviceAccess access, DecisionLog log, OffloadConfig config) {
        this.access = access;
        this.log = log;
        this.config = config;
    }

    @GET
    public Decisions list(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            @QueryParam("scanId") String scanId, @QueryParam("limit") Integer limit) {
        String operator = access.operatorOf(deviceId, operatorId);
        int max = config.decisions().maxEntries();
        UUID scan = null;
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (scanId != null) {
            try {
                scan = UUID.fromString(scanId);
            } catch (IllegalArgumentException e) {
                problems.add("scanId", "must be a UUID");
            }
        }
        problems.addIf(limit != null && (limit < 1 || limit > max), "limit", "must be between 1 and " + max);
        problems.throwIfAny();
        return new Decisions(operator, deviceId, log.list(operator, deviceId, scan, limit == null ? max : limit));
    }
}
