package io.hop.offload.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.hop.offload.device.DeviceAccess;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /v1/devices/{deviceId}/scans}: the networks a device sees → the hotspot candidates ordered by priority.
 * Body {@code {"cellularAvailable": true, "networks": [{"ssid", "bssid", "security", "rssi", "anqp"}]}}
 * ({@code cellularAvailable} defaults to true: fallback-only hotspots are then not offered).
 */
@Path("/v1/devices/{deviceId}/scans")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE })
@Blocking
public class ScanResource {

    /** At most this many networks per scan. */
    public static final int MAX_NETWORKS = 256;
    private static final Pattern BSSID = Pattern.compile("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$");

    /** The request body. */
    public record ScanRequest(Boolean cellularAvailable, List<PluginHostDtos.Network> networks) {
    }

    private final DeviceAccess access;
    private final ScanService scans;

    ScanResource(DeviceAccess access, ScanService scans) {
        this.access = access;
        this.scans = scans;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ScanService.ScanResult scan(@PathParam("deviceId") String deviceId, @QueryParam("operatorId") String operatorId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, ScanRequest body) {
        String operator = access.operatorOf(deviceId, operatorId);
        List<PluginHostDtos.Network> networks = validate(body);
        return scans.scan(operator, deviceId, authorization,
                body.cellularAvailable() == null || body.cellularAvailable(), networks);
    }

    /** Every violated rule named; BSSIDs lower-cased. */
    static List<PluginHostDtos.Network> validate(ScanRequest body) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        if (body == null || body.networks() == null) {
            problems.add("networks", "is required");
            problems.throwIfAny();
        }
        problems.addIf(body.networks().size() > MAX_NETWORKS, "networks", "must have at most " + MAX_NETWORKS + " entries");
        List<PluginHostDtos.Network> networks = new ArrayList<>(body.networks().size());
        for (int i = 0; i < body.networks().size(); i++) {
            PluginHostDtos.Network n = body.networks().get(i);
            String at = "networks[" + i + "]";
            if (n == null) {
                problems.add(at, "must not be null");
                continue;
            }
            problems.addIf(n.ssid() == null || n.ssid().isEmpty() || n.ssid().length() > 32, at + ".ssid",
                    "is required, 1 to 32 characters");
            problems.addIf(n.bssid() == null || !BSSID.matcher(n.bssid()).matches(), at + ".bssid",
                    "is required, as six hex pairs separated by colons (aa:bb:cc:dd:ee:ff)");
            problems.addIf(n.rssi() != null && (n.rssi() < -127 || n.rssi() > 0), at + ".rssi",
                    "must be between -127 and 0 dBm");
            problems.addIf(n.security() != null && n.security().length() > 32, at + ".security",
                    "must have at most 32 characters");
            networks.add(new PluginHostDtos.Network(n.ssid(), ScanEvaluation.normalize(n.bssid()), n.security(),
                    n.rssi(), n.anqp()));
        }
        problems.throwIfAny();
        return networks;
    }
}
