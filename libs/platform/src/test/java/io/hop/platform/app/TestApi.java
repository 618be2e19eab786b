package io.hop.platform.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.contracts.provisioning.OperatorChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.platform.observability.RequestIds;
import io.hop.platform.outbox.Outbox;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.platform.timer.Timers;
import io.smallrye.common.annotation.NonBlocking;

/** A small REST API standing for a service's, to exercise the platform's wiring (test code only). */
@Path("/v1/test")
@Produces(MediaType.APPLICATION_JSON)
public class TestApi {

    public enum Transport {
        WIFI, BLUETOOTH
    }

    public record Network(@NotBlank String ssid, @Min(1) @Max(100) int priority) {
    }

    public record Widget(@NotBlank @Size(max = 20) String name, @Min(1) @Max(8) int maxUsers,
            @Size(max = 3) List<@Valid Network> networks, Instant validUntil, Transport transport) {
    }

    public record TimerRequest(String key, Instant dueAt, String payload) {
    }

    @Inject
    Outbox outbox;

    @Inject
    Timers timers;

    @Inject
    Caller caller;

    @POST
    @Path("/widgets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull Widget widget) {
        return Response.status(201).entity(widget).build();
    }

    @GET
    @Path("/widgets")
    public List<String> list(@QueryParam("page-size") @DefaultValue("10") @Max(100) int pageSize) {
        return List.of("page of " + pageSize);
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail: password=hunter2");
    }

    @GET
    @Path("/domain-validation")
    public String domainValidation() {
        ValidationProblem.builder()
                .add("maxUsers", "must be between 1 and 8")
                .add("entitlementProvider", "is required when entitlementRequired is true")
                .throwIfAny();
        return "unreachable";
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw new ProblemException(409, "Sharing limit reached", "at most 5 Wi-Fi clients may share this connection");
    }

    @GET
    @Path("/admin-only")
    @RolesAllowed(Roles.ADMIN)
    public String adminOnly() {
        return "ok";
    }

    @GET
    @Path("/operators/{operatorId}")
    public Map<String, String> operator(@PathParam("operatorId") String operatorId) {
        caller.requireOperator(operatorId);
        return Map.of("operatorId", operatorId);
    }

    @GET
    @Path("/operators/{operatorId}/things")
    public List<String> things(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return List.of("thing-1");
    }

    @GET
    @Path("/devices/{deviceId}")
    public Map<String, String> device(@PathParam("deviceId") String deviceId,
            @QueryParam("operator") String operatorOfDevice) {
        caller.requireDevice(deviceId, operatorOfDevice);
        return Map.of("deviceId", deviceId);
    }

    @GET
    @Path("/whoami")
    public Map<String, Object> whoami() {
        return Map.of("admin", caller.isAdmin(), "device", caller.isDevice(),
                "operator", caller.operatorId().orElse("-"), "subject", caller.subject());
    }

    @GET
    @Path("/request-id")
    @Produces(MediaType.TEXT_PLAIN)
    public String requestId() {
        return RequestIds.current();
    }

    @GET
    @Path("/request-id/event-loop")
    @Produces(MediaType.TEXT_PLAIN)
    @NonBlocking
    public String requestIdOnEventLoop() {
        return RequestIds.current();
    }

    @POST
    @Path("/body")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String body(String body) {
        return Integer.toString(body.length());
    }

    @POST
    @Path("/events/operators")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, UUID> publishOperator(OperatorChanged change) {
        return Map.of("id", outbox.publish(PlatformTestResource.CHANNEL, change.operatorId(),
                ProvisioningEvents.OPERATOR_CHANGED, change));
    }

    @POST
    @Path("/events/operators/then-fail")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, UUID> publishOperatorThenFail(OperatorChanged change) {
        outbox.publish(PlatformTestResource.CHANNEL, change.operatorId(), ProvisioningEvents.OPERATOR_CHANGED, change);
        throw new ProblemException(409, "Conflict", "the change was refused after the event was recorded");
    }

    @POST
    @Path("/timers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response schedule(TimerRequest request) {
        timers.schedule(request.key(), TestTimerHandler.TYPE, request.dueAt(), request.payload());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/timers/{key}")
    @Transactional
    public Map<String, Boolean> cancel(@PathParam("key") String key) {
        return Map.of("cancelled", timers.cancel(key));
    }
}
