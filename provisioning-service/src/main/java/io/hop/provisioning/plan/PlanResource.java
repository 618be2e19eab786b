package io.hop.provisioning.plan;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.provisioning.entity.EntityVersions;
import io.hop.provisioning.entity.EntityVersions.VersionView;
import io.hop.provisioning.entity.ExpectedVersion;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * An operator's hotspot offload plans. Replace (PUT) takes the version the client read in the body's
 * {@code version}; a stale one answers 409.
 */
@Path("/v1/operators/{operatorId}/plans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class PlanResource {

    private final PlanService plans;
    private final ProvisioningChanges changes;
    private final Caller caller;

    PlanResource(PlanService plans, ProvisioningChanges changes, Caller caller) {
        this.plans = plans;
        this.changes = changes;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("operatorId") String operatorId, PlanRequest request) {
        caller.requireOperatorCollection(operatorId);
        PlanView created = PlanView.of(plans.create(operatorId, required(request)));
        URI location = UriBuilder.fromResource(PlanResource.class).path(created.id()).build(operatorId);
        return Response.created(location).entity(created).build();
    }

    @GET
    public List<PlanView> list(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return plans.list(operatorId).stream().map(PlanView::of).toList();
    }

    @GET
    @Path("{id}")
    public PlanView get(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        return PlanView.of(plans.find(operatorId, id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanView replace(@PathParam("operatorId") String operatorId, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, PlanRequest request) {
        caller.requireOperator(operatorId);
        PlanRequest body = required(request);
        return PlanView.of(plans.replace(operatorId, id, body.withVersion(ExpectedVersion.of(ifMatch, body.version()))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        plans.delete(operatorId, id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/versions")
    public List<VersionView> versions(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        return EntityVersions.list(changes, operatorId, ProvisioningKeys.PLAN, id);
    }

    /** The state of one version as it was published (the APN password stays sealed). */
    @GET
    @Path("{id}/versions/{version}")
    public String version(@PathParam("operatorId") String operatorId, @PathParam("id") String id,
            @PathParam("version") long version) {
        caller.requireOperator(operatorId);
        return EntityVersions.state(changes, operatorId, ProvisioningKeys.PLAN, id, version);
    }

    private static PlanRequest required(PlanRequest request) {
        if (request == null) {
            throw ValidationProblem.of("body", "a plan is required");
        }
        return request;
    }
}
