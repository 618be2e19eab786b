package io.hop.offload.connection;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.hop.offload.device.DeviceAccess;
import io.hop.offload.profile.Profile;
import io.hop.offload.profile.ProfileRepository;
import io.hop.offload.settings.SettingsRepository;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

/** {@code POST /v1/devices/{deviceId}/connections} ({@code {"ssid": "...", "bssid": "..."}}): a manual connection. */
@Path("/v1/devices/{deviceId}/connections")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ManualConnectionResource {

    /** A manual connection. */
    public record ManualConnectionRequest(String ssid, String bssid) {
    }

    private final DeviceAccess access;
    private final ConnectionRepository connections;
    private final ConnectionService service;
    private final ProfileRepository profiles;
    private final SettingsRepository settings;

    ManualConnectionResource(DeviceAccess access, ConnectionRepository connections, ConnectionService service,
            ProfileRepository profiles, SettingsRepository settings) {
        this.access = access;
        this.connections = connections;
        this.service = service;
        this.profiles = profiles;
        this.settings = settings;
    }

    /**
     * A manual connection: a hotspot connection (the owning plugin's work, blocked until authorized) when offload is
     * enabled and a scan identified the network as a hotspot (the device has a hotspot profile for it); otherwise a
     * plain Wi-Fi connection with no plugin work and no blocking.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response manual(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            ManualConnectionRequest body) {
        String operator = access.operatorOf(deviceId, operatorId);
        ValidationProblem.builder()
                .addIf(body == null || body.ssid() == null || body.ssid().isEmpty() || body.ssid().length() > 32, "ssid",
                        "is required, 1 to 32 characters")
                .addIf(body != null && body.bssid() != null
                        && !body.bssid().matches("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$"), "bssid",
                        "must be six hex pairs separated by colons (aa:bb:cc:dd:ee:ff)")
                .throwIfAny();
        String bssid = body.bssid() == null ? null : body.bssid().toLowerCase(java.util.Locale.ROOT);
        ConnectionRow started = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Profile> hotspot = settings.offloadEnabled(operator, deviceId)
                    ? profiles.find(operator, deviceId, body.ssid()).filter(Profile::hotspot)
                    : Optional.empty();
            return service.start(new ConnectionService.Target(operator, deviceId, body.ssid(),
                    bssid != null ? bssid : hotspot.map(Profile::bssid).orElse(null),
                    hotspot.map(Profile::pluginId).orElse(null), hotspot.map(Profile::authMethod).orElse(null)), true);
        });
        return Response.created(URI.create("/v1/connections/" + started.connectionId()))
                .entity(ConnectionView.of(started, connections.transitions(started.connectionId()), Instant.now()))
                .build();
    }

}
