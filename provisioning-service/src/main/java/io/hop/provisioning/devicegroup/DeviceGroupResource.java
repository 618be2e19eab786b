package io.hop.provisioning.devicegroup;

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

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.provisioning.entity.EntityVersions;
import io.hop.provisioning.entity.EntityVersions.VersionView;
import io.hop.provisioning.entity.ExpectedVersion;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * An operator's device groups. The representation is the group's state exactly as published
 * ({@link DeviceGroupChanged}); a replace carries the version it read ({@code version}), a stale one answers 409.
 */
@Path("/v1/operators/{operatorId}/device-groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class DeviceGroupResource {

    private final DeviceGroupService groups;
    private final ProvisioningChanges changes;
    private final Caller caller;

    DeviceGroupResource(DeviceGroupService groups, ProvisioningChanges changes, Caller caller) {
        this.groups = groups;
        this.changes = changes;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("operatorId") String operatorId, DeviceGroupRequest request) {
        caller.requireOperatorCollection(operatorId);
        DeviceGroupChanged group = groups.create(operatorId, request);
        URI location = UriBuilder.fromResource(DeviceGroupResource.class).path(group.groupId()).build(operatorId);
        return Response.created(location).entity(group).build();
    }

    @GET
    public List<DeviceGroupChanged> list(@PathParam("operatorId") String operatorId) {
        caller.requireOperatorCollection(operatorId);
        return groups.list(operatorId);
    }

    @GET
    @Path("{groupId}")
    public DeviceGroupChanged get(@PathParam("operatorId") String operatorId, @PathParam("groupId") String groupId) {
        caller.requireOperator(operatorId);
        return groups.find(operatorId, groupId).orElseThrow(() -> notFound(groupId));
    }

    @PUT
    @Path("{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeviceGroupChanged replace(@PathParam("operatorId") String operatorId, @PathParam("groupId") String groupId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, DeviceGroupRequest request) {
        caller.requireOperator(operatorId);
        return groups.replace(operatorId, groupId,
                request == null ? null : request.withVersion(ExpectedVersion.of(ifMatch, request.version())));
    }

    @DELETE
    @Path("{groupId}")
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("groupId") String groupId) {
        caller.requireOperator(operatorId);
        groups.delete(operatorId, groupId);
        return Response.noContent().build();
    }

    @GET
    @Path("{groupId}/versions")
    public List<VersionView> versions(@PathParam("operatorId") String operatorId, @PathParam("groupId") String groupId) {
        caller.requireOperator(operatorId);
        return EntityVersions.list(changes, operatorId, ProvisioningKeys.DEVICE_GROUP, groupId);
    }

    /** A version's state exactly as published; the deletion version has none (410). */
    @GET
    @Path("{groupId}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public String version(@PathParam("operatorId") String operatorId, @PathParam("groupId") String groupId,
            @PathParam("version") long version) {
        caller.requireOperator(operatorId);
        return EntityVersions.state(changes, operatorId, ProvisioningKeys.DEVICE_GROUP, groupId, version);
    }

    private static ProblemException notFound(String groupId) {
        return ProblemException.notFound("no device group '" + groupId + "'");
    }
}
