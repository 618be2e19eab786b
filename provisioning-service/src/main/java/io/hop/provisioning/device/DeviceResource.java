package io.hop.provisioning.device;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.hop.contracts.provisioning.DeviceChanged;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.provisioning.entity.EntityVersions;
import io.hop.provisioning.entity.EntityVersions.VersionView;
import io.hop.provisioning.version.ProvisioningChanges;

/** An operator's devices, by the id the operator gives them (the {@code sub} of the device's tokens). */
@Path("/v1/operators/{operatorId}/devices/{deviceId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class DeviceResource {

    private final DeviceService devices;
    private final ProvisioningChanges changes;
    private final Caller caller;

    DeviceResource(DeviceService devices, ProvisioningChanges changes, Caller caller) {
        this.devices = devices;
        this.changes = changes;
        this.caller = caller;
    }

    /** Registers the device (201) or replaces its hardware ids (200). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@PathParam("operatorId") String operatorId, @PathParam("deviceId") String deviceId,
            DeviceRequest request) {
        // Registering is a create under the operator's collection: another operator's token gets 403.
        caller.requireOperatorCollection(operatorId);
        DeviceService.Registered registered = devices.register(operatorId, deviceId, request);
        if (registered.created()) {
            URI location = UriBuilder.fromResource(DeviceResource.class).build(operatorId, deviceId);
            return Response.created(location).entity(registered.device()).build();
        }
        return Response.ok(registered.device()).build();
    }

    @GET
    public DeviceChanged get(@PathParam("operatorId") String operatorId, @PathParam("deviceId") String deviceId) {
        caller.requireOperator(operatorId);
        return devices.find(operatorId, deviceId).orElseThrow(() -> notFound(deviceId));
    }

    @DELETE
    public Response delete(@PathParam("operatorId") String operatorId, @PathParam("deviceId") String deviceId) {
        caller.requireOperator(operatorId);
        devices.delete(operatorId, deviceId);
        return Response.noContent().build();
    }

    @GET
    @Path("versions")
    public List<VersionView> versions(@PathParam("operatorId") String operatorId, @PathParam("deviceId") String deviceId) {
        caller.requireOperator(operatorId);
        return EntityVersions.list(changes, operatorId, ProvisioningKeys.DEVICE,
                ProvisioningKeys.deviceEntityId(operatorId, deviceId));
    }

    /** A version's state exactly as published; the deletion version has none (410). */
    @GET
    @Path("versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public String version(@PathParam("operatorId") String operatorId, @PathParam("deviceId") String deviceId,
            @PathParam("version") long version) {
        caller.requireOperator(operatorId);
        return EntityVersions.state(changes, operatorId, ProvisioningKeys.DEVICE,
                ProvisioningKeys.deviceEntityId(operatorId, deviceId), version);
    }

    private static ProblemException notFound(String deviceId) {
        return ProblemException.notFound("no device '" + deviceId + "'");
    }
}
