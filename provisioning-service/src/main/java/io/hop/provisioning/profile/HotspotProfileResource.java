package io.hop.provisioning.profile;

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
 * An operator's hotspot offload profiles. Replace (PUT) takes the version the client read in the body's
 * {@code version}; a stale one answers 409.
 */
@Path("/v1/operators/{operatorId}/hotspot-profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class HotspotProfileResource {

    private final HotspotProfileService profiles;
    private final ProvisioningChanges changes;
    private final Caller caller;

    HotspotProfileResource(HotspotProfileService profiles, ProvisioningChanges changes, Caller caller) {
        this.profiles = profiles;
        this.changes = changes;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("operatorId") String operatorId, HotspotProfileRequest request) {
        caller.requireOperatorCollection(operatorId);
        HotspotProfileView created = HotspotProfileView.of(profiles.create(operatorId, required(request)));
        URI location = UriBuilder.fromResource(HotspotProfileResource.class).path(created.id()).build(operatorId);
        return Response.created(location).entity(created).build();
    }

    @GET
    public List<HotspotProfileView> list(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return profiles.list(operatorId).stream().map(HotspotProfileView::of).toList();
    }

    @GET
    @Path("{id}")
    public HotspotProfileView get(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        return HotspotProfileView.of(profiles.find(operatorId, id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HotspotProfileView replace(@PathParam("operatorId") String operatorId, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, HotspotProfileRequest request) {
        caller.requireOperator(operatorId);
        HotspotProfileRequest body = required(request);
        return HotspotProfileView.of(
                profiles.replace(operatorId, id, body.withVersion(ExpectedVersion.of(ifMatch, body.version()))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        profiles.delete(operatorId, id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/versions")
    public List<VersionView> versions(@PathParam("operatorId") String operatorId, @PathParam("id") String id) {
        caller.requireOperator(operatorId);
        return EntityVersions.list(changes, operatorId, ProvisioningKeys.HOTSPOT_PROFILE, id);
    }

    /** The state of one version as it was published (the WISPr password stays sealed). */
    @GET
    @Path("{id}/versions/{version}")
    public String version(@PathParam("operatorId") String operatorId, @PathParam("id") String id,
            @PathParam("version") long version) {
        caller.requireOperator(operatorId);
        return EntityVersions.state(changes, operatorId, ProvisioningKeys.HOTSPOT_PROFILE, id, version);
    }

    private static HotspotProfileRequest required(HotspotProfileRequest request) {
        if (request == null) {
            throw ValidationProblem.of("body", "a hotspot profile is required");
        }
        return request;
    }
}
