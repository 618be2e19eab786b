package io.hop.entitlement.check;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.hop.entitlement.device.Devices;
import io.hop.entitlement.device.Devices.ResolvedDevice;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /v1/entitlement-checks}: an operator backend (operator token) or a device (its own device token) asks
 * whether the device may share its connection. The device is named by {@code deviceId} or {@code imsi}; an admin
 * also names the {@code operatorId}. The read-model look-ups run on a worker thread ({@code @Blocking}); a webhook's
 * answer and the group commit complete the response later without holding that thread.
 */
@Path("/v1/entitlement-checks")
public class EntitlementCheckResource {

    private final Devices devices;
    private final EntitlementChecks checks;
    private final Caller caller;

    EntitlementCheckResource(Devices devices, EntitlementChecks checks, Caller caller) {
        this.devices = devices;
        this.checks = checks;
        this.caller = caller;
    }

    /** The request: the device by {@code deviceId} or by {@code imsi}; {@code operatorId} only for admin tokens. */
    public record CheckRequest(String deviceId, String imsi, String operatorId) {
    }

    /** The answer. */
    public record CheckAnswer(String decisionId, String operatorId, String deviceId, String result, String reason,
            String providerType, Instant decidedAt, Help help) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<CheckAnswer> check(CheckRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (request == null) {
            throw ValidationProblem.of("body", "must be a JSON object with deviceId or imsi");
        }
        boolean byId = request.deviceId() != null && !request.deviceId().isBlank();
        boolean byImsi = request.imsi() != null && !request.imsi().isBlank();
        problems.addIf(!byId && !byImsi, "deviceId", "deviceId or imsi is required");
        problems.addIf(byId && byImsi, "imsi", "name the device by deviceId or by imsi, not both");
        problems.addIf(byImsi && !request.imsi().matches("[0-9]{6,15}"), "imsi", "must be 6-15 digits");
        String operatorId = caller.isAdmin() ? request.operatorId() : caller.operatorId().orElse(null);
        problems.addIf(caller.isAdmin() && (operatorId == null || operatorId.isBlank()), "operatorId",
                "is required with an admin token");
        problems.throwIfAny();
        if (operatorId == null) {
            throw ProblemException.forbidden("The token acts for no operator.");
        }
        if (!caller.isAdmin() && !caller.isOperator() && !caller.isDevice()) {
            throw ProblemException.forbidden("The token does not allow this operation.");
        }
        String deviceId = byId ? request.deviceId() : devices.deviceIdByImsi(operatorId, request.imsi());
        caller.requireDevice(deviceId, operatorId);
        ResolvedDevice device = devices.resolve(operatorId, deviceId);
        return checks.checkAndCommit(device).thenApply(decision -> new CheckAnswer(decision.event().decisionId(),
                decision.event().operatorId(), decision.event().deviceId(), decision.event().result(),
                decision.event().reason(), decision.event().providerType(), decision.event().decidedAt(),
                decision.help()));
    }
}
