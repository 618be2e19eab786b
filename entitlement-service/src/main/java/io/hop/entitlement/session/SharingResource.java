package io.hop.entitlement.session;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.entitlement.device.Devices;
import io.hop.entitlement.device.Devices.ResolvedDevice;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.smallrye.common.annotation.Blocking;

/**
 * A device's internet sharing (contract.md): the device's own token, an operator token of its operator, or admin
 * (naming {@code ?operatorId=}). Another operator's device is 404.
 */
@Path("/v1/devices/{deviceId}/sharing")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SharingResource {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final SharingService sharing;
    private final SharedNetworks networks;
    private final Devices devices;
    private final Caller caller;

    SharingResource(SharingService sharing, SharedNetworks networks, Devices devices, Caller caller) {
        this.sharing = sharing;
        this.networks = networks;
        this.devices = devices;
        this.caller = caller;
    }

    /** Body of a client joining. */
    public record ClientRequest(String clientId, String transport) {
    }

    /** Body of the public-connection report. */
    public record PublicConnectionRequest(Boolean available, String connection) {
    }

    /** Body of turning sharing on (all optional). */
    public record StartBody(java.util.List<String> connections, PublicConnectionRequest publicConnection) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            StartBody body) {
        ResolvedDevice device = device(deviceId, operatorId);
        PublicConnectionRequest pc = body == null ? null : body.publicConnection();
        try {
            SharingSession session = sharing.start(device, new SharingService.StartRequest(
                    body == null ? null : body.connections(), pc == null ? null : pc.available(),
                    pc == null ? null : pc.connection()));
            return Response.ok(view(session)).build();
        } catch (SharingService.StartRefused refused) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", refused.status == 403 ? "Sharing refused" : "Sharing cannot start");
            problem.put("status", refused.status);
            problem.put("detail", refused.getMessage());
            problem.put("reason", refused.reason);
            if (refused.decision != null) {
                problem.put("result", refused.decision.event().result());
                problem.put("decisionId", refused.decision.event().decisionId());
            }
            problem.put("help", refused.help);
            return Response.status(refused.status).type(PROBLEM_JSON).entity(problem).build();
        }
    }

    @DELETE
    public SharingView stop(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId) {
        ResolvedDevice device = device(deviceId, operatorId);
        return view(sharing.stop(device.operatorId(), deviceId, SharingSession.USER_REQUEST));
    }

    @GET
    public SharingView get(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId) {
        ResolvedDevice device = device(deviceId, operatorId);
        return view(sharing.get(device.operatorId(), deviceId));
    }

    @POST
    @Path("/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            ClientRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (request == null) {
            throw ValidationProblem.of("body", "must be a JSON object with clientId and transport");
        }
        problems.addIf(request.clientId() == null || request.clientId().isBlank() || request.clientId().length() > 128,
                "clientId", "is required, at most 128 characters");
        SharingSession.Transport transport = null;
        try {
            transport = SharingSession.Transport.valueOf(String.valueOf(request.transport()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("transport", "must be WIFI or BLUETOOTH");
        }
        problems.throwIfAny();
        ResolvedDevice device = device(deviceId, operatorId);
        SharingSession.Transport chosen = transport;
        return refusable(() -> Response.ok(view(sharing.join(device.operatorId(), deviceId, request.clientId(), chosen)))
                .build());
    }

    @DELETE
    @Path("/clients/{clientId}")
    public Response leave(@PathParam("deviceId") String deviceId, @PathParam("clientId") String clientId,
            @QueryParam("operatorId") String operatorId) {
        ResolvedDevice device = device(deviceId, operatorId);
        return refusable(() -> Response.ok(view(sharing.leave(device.operatorId(), deviceId, clientId))).build());
    }

    @PUT
    @Path("/public-connection")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publicConnection(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            PublicConnectionRequest request) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (request == null) {
            throw ValidationProblem.of("body", "must be a JSON object with available and connection");
        }
        problems.addIf(request.available() == null, "available", "is required (true or false)");
        problems.addIf(request.connection() != null && request.connection().length() > 128, "connection",
                "must be at most 128 characters");
        problems.throwIfAny();
        ResolvedDevice device = device(deviceId, operatorId);
        return refusable(() -> Response.ok(view(sharing.publicConnection(device.operatorId(), deviceId,
                request.available(), request.connection()))).build());
    }

    @PUT
    @Path("/network")
    @Consumes(MediaType.APPLICATION_JSON)
    public SharedNetworks.NetworkView network(@PathParam("deviceId") String deviceId,
            @QueryParam("operatorId") String operatorId, SharedNetworks.NetworkRequest request) {
        SharedNetworks.validate(request);
        ResolvedDevice device = device(deviceId, operatorId);
        return networks.put(device.operatorId(), deviceId, request, sharing.now());
    }

    private SharingView view(SharingSession session) {
        return SharingView.of(session, networks.find(session.operatorId(), session.deviceId()).orElse(null),
                sharing.now());
    }

    private Response refusable(java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (SharingRefused refused) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", refused.status() == 404 ? "Not Found" : "Conflict");
            problem.put("status", refused.status());
            problem.put("detail", refused.getMessage());
            problem.put("reason", refused.reason());
            return Response.status(refused.status()).type(PROBLEM_JSON).entity(problem).build();
        }
    }

    /** The device, if the caller may act for it: 404 otherwise (another operator's device is not revealed). */
    private ResolvedDevice device(String deviceId, String adminOperatorId) {
        String operatorId = caller.isAdmin() ? adminOperatorId : caller.operatorId().orElse(null);
        if (operatorId == null || operatorId.isBlank()) {
            if (caller.isAdmin()) {
                throw ValidationProblem.of("operatorId", "is required (query parameter) with an admin token");
            }
            throw ProblemException.notFound("not found");
        }
        caller.requireDevice(deviceId, operatorId);
        return devices.resolve(operatorId, deviceId);
    }
}
