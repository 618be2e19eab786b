package io.hop.provisioning.device;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.hop.platform.problem.ProblemException;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/devices/{deviceId}/config}: a device asks for its effective configuration with its own token (the
 * operator is the token's {@code operator} claim). Another device's configuration is 404; operator and admin tokens
 * are refused (403): this is the devices' endpoint, operators read devices under their operator. It answers from the
 * event loop (a {@link Uni}): the device's row is read with the reactive client, without a worker thread.
 */
@Path("/v1/devices/{deviceId}/config")
@RolesAllowed(Roles.DEVICE)
public class DeviceConfigResource {

    private final DeviceConfigService configs;
    private final Caller caller;

    DeviceConfigResource(DeviceConfigService configs, Caller caller) {
        this.configs = configs;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<byte[]>> config(@PathParam("deviceId") String deviceId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String operatorId = caller.operatorId()
                .orElseThrow(() -> ProblemException.notFound("the device token names no operator"));
        caller.requireDevice(deviceId, operatorId);
        return configs.config(operatorId, deviceId, ifNoneMatch).map(DeviceConfigResource::response);
    }

    private static RestResponse<byte[]> response(DeviceConfigService.DeviceConfig config) {
        if (config.json() == null) {
            return RestResponse.ResponseBuilder.<byte[]>notModified().header(HttpHeaders.ETAG, config.etag()).build();
        }
        // Typed (RestResponse<byte[]>), so the byte writer is chosen once at build time, not looked up per request.
        return RestResponse.ResponseBuilder.ok(config.json(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, config.etag()).header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
    }
}
