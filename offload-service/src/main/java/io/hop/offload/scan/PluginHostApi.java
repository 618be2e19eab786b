package io.hop.offload.scan;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The part of plugin-host's HTTP API offload-service calls (the fixed shape of BRIEF / contract). */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface PluginHostApi {

    @POST
    @Path("/identifications")
    PluginHostDtos.IdentificationResponse identify(@HeaderParam("Authorization") String authorization,
            PluginHostDtos.IdentificationRequest request);

    @GET
    @Path("/plugins")
    List<PluginHostDtos.PluginInfo> plugins(@HeaderParam("Authorization") String authorization);
}
