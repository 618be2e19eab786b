package io.hop.offload.settings;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.hop.offload.device.DeviceAccess;
import io.hop.offload.scan.PluginHosts;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code PUT|GET /v1/devices/{deviceId}/settings}: the device's automatic offload switch. Offload applies only while
 * at least one plugin serves the device's operator: {@code offloadAvailable} says whether one does (learnt from the
 * plugin hosts, cached), {@code offloadActive} whether offload applies now.
 */
@Path("/v1/devices/{deviceId}/settings")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeviceSettingsResource {

    /** The request body. */
    public record SettingsRequest(Boolean offloadEnabled) {
    }

    /** The device's settings and whether offload is available to it. */
    public record Settings(String operatorId, String deviceId, boolean offloadEnabled, boolean offloadAvailable,
            boolean offloadActive, List<String> plugins) {
    }

    private final DeviceAccess access;
    private final SettingsRepository settings;
    private final PluginHosts hosts;

    DeviceSettingsResource(DeviceAccess access, SettingsRepository settings, PluginHosts hosts) {
        this.access = access;
        this.settings = settings;
        this.hosts = hosts;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Settings put(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, SettingsRequest body) {
        String operator = access.operatorOf(deviceId, operatorId);
        ValidationProblem.builder()
                .addIf(body == null || body.offloadEnabled() == null, "offloadEnabled", "is required (true or false)")
                .throwIfAny();
        save(operator, deviceId, body.offloadEnabled());
        return view(operator, deviceId, body.offloadEnabled(), authorization);
    }

    @GET
    public Settings get(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String operator = access.operatorOf(deviceId, operatorId);
        return view(operator, deviceId, settings.offloadEnabled(operator, deviceId), authorization);
    }

    @Transactional
    void save(String operator, String deviceId, boolean enabled) {
        settings.save(operator, deviceId, enabled, Instant.now());
    }

    private Settings view(String operator, String deviceId, boolean enabled, String authorization) {
        Set<String> plugins = hosts.pluginsServing(operator, authorization);
        boolean available = !plugins.isEmpty();
        return new Settings(operator, deviceId, enabled, available, enabled && available,
                plugins.stream().sorted().toList());
    }
}
