package io.hop.offload.profile;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hop.offload.device.DeviceAccess;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /v1/devices/{deviceId}/profiles}: the device's connection profiles (hotspot or not, blocked or not). */
@Path("/v1/devices/{deviceId}/profiles")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProfileResource {

    /** The answer. */
    public record Profiles(String operatorId, String deviceId, List<Profile> profiles) {
    }

    private final DeviceAccess access;
    private final ProfileRepository profiles;

    ProfileResource(DeviceAccess access, ProfileRepository profiles) {
        this.access = access;
        this.profiles = profiles;
    }

    @GET
    public Profiles list(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId) {
        String operator = access.operatorOf(deviceId, operatorId);
        return new Profiles(operator, deviceId, profiles.list(operator, deviceId));
    }
}
