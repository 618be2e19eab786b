package io.hop.provisioning.carrier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;

/**
 * {@code POST /v1/operators/{operatorId}/carrier-provisioning}: imports the WLAN profiles and plans of a mobile
 * broadband {@code CarrierProvisioning} document (see {@link CarrierProvisioningMapping}). 201 with the ids created
 * (and warnings, e.g. placeholder credentials); 400 with every violation and nothing stored.
 */
@Path("/v1/operators/{operatorId}/carrier-provisioning")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class CarrierProvisioningResource {

    private final CarrierProvisioningService imports;
    private final Caller caller;

    CarrierProvisioningResource(CarrierProvisioningService imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    @Produces(MediaType.APPLICATION_JSON)
    public Response importDocument(@PathParam("operatorId") String operatorId, byte[] body) {
        caller.requireOperatorCollection(operatorId);
        return Response.status(Response.Status.CREATED).entity(imports.importDocument(operatorId, body)).build();
    }
}
