package io.hop.pluginhost.identification;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.hop.plugin.api.Network;
import io.hop.plugin.api.ScanContext;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.pluginhost.registry.PluginRegistry;

/**
 * {@code POST /v1/identifications}: which of this host's plugins own which networks of a device's scan. An admin, an
 * operator token of the device's operator, or the device's own token; anything else is not found. Only the plugins
 * serving the scan's operator are asked (a plugin never sees another operator's scans).
 */
@Path("/v1/identifications")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
public class IdentificationResource {

    private final Caller caller;
    private final PluginRegistry registry;

    IdentificationResource(Caller caller, PluginRegistry registry) {
        this.caller = caller;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public IdentificationResponse identify(IdentificationRequest request) {
        if (request != null && request.operatorId() != null && request.deviceId() != null) {
            caller.requireDevice(request.deviceId(), request.operatorId()); // before validation: reveal nothing
        }
        List<Network> networks = Identifications.networksOf(request);
        caller.requireDevice(request.deviceId(), request.operatorId());
        ScanContext scan = new ScanContext(request.operatorId(), request.deviceId(), request.cellularAvailable());
        return Identifications.identify(registry.serving(request.operatorId()), scan, networks);
    }
}
