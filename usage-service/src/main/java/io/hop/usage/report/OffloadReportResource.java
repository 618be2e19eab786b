package io.hop.usage.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.security.Caller;
import io.hop.platform.security.Roles;
import io.hop.usage.ingest.HotspotKey;

/**
 * {@code GET /v1/operators/{operatorId}/offload-report?from&to}: the bytes the operator's devices moved over Wi-Fi
 * offload against cellular (and tethered clients), in total and per hotspot (the hotspot each Wi-Fi offload record's
 * device was connected to, from {@code offload.connections.v1}; bytes of records no connection covers are
 * {@code unattributedWifiOffloadBytes}). From the operators' hourly statistics: {@code from} and {@code to} are taken
 * to the hour ({@code from} down, {@code to} up), by the records' {@code periodStart}. Operator token of that
 * operator or admin; any other is a 403.
 */
@Path("/v1/operators/{operatorId}/offload-report")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
public class OffloadReportResource {

    static final Duration MAX_SPAN = Duration.ofDays(400);

    /** The report. {@code offloadShare}: Wi-Fi offload bytes / (Wi-Fi offload + cellular), null when both are 0. */
    public record OffloadReport(String operatorId, Instant from, Instant to, long cellularBytes,
            long wifiOffloadBytes, long tetheredBytes, Double offloadShare, long unattributedWifiOffloadBytes,
            List<Hotspot> hotspots) {
    }

    /** One hotspot's Wi-Fi offload bytes. */
    public record Hotspot(String ssid, String bssid, long bytesUp, long bytesDown, long bytesTotal) {
    }

    private final DataSource dataSource;
    private final Caller caller;

    OffloadReportResource(DataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public OffloadReport report(@PathParam("operatorId") String operatorId, @QueryParam("from") String fromText,
            @QueryParam("to") String toText) throws SQLException {
        caller.requireOperatorCollection(operatorId);
        ValidationProblem.Builder problems = ValidationProblem.builder();
        Instant from = instant(problems, "from", fromText);
        Instant to = instant(problems, "to", toText);
        if (from != null && to != null) {
            problems.addIf(!from.isBefore(to), "to", "must be after from");
            problems.addIf(Duration.between(from, to).compareTo(MAX_SPAN) > 0, "to",
                    "must be at most " + MAX_SPAN.toDays() + " days after from");
        }
        problems.throwIfAny();
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS).equals(to) ? to
                : to.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        long cellular = 0;
        long wifi = 0;
        long tethered = 0;
        long unattributed = 0;
        List<Hotspot> hotspots = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection
                .prepareStatement("""
                        select network_interface, hotspot, sum(bytes_up), sum(bytes_down) from usage_operator_hourly
                        where operator_id = ? and hour >= ? and hour < ?
                        group by network_interface, hotspot
                        order by sum(bytes_up + bytes_down) desc, hotspot""")) {
            statement.setString(1, operatorId);
            statement.setTimestamp(2, Timestamp.from(start));
            statement.setTimestamp(3, Timestamp.from(end));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long up = rows.getLong(3);
                    long down = rows.getLong(4);
                    switch (rows.getString(1)) {
                        case "CELLULAR" -> cellular += up + down;
                        case "TETHERED_CLIENT" -> tethered += up + down;
                        default -> {
                            wifi += up + down;
                            String hotspot = rows.getString(2);
                            if (hotspot.isEmpty()) {
                                unattributed += up + down;
                            } else {
                                hotspots.add(new Hotspot(HotspotKey.ssid(hotspot), HotspotKey.bssid(hotspot), up,
                                        down, up + down));
                            }
                        }
                    }
                }
            }
        }
        Double share = wifi + cellular == 0 ? null : Math.round(wifi * 10000.0 / (wifi + cellular)) / 10000.0;
        return new OffloadReport(operatorId, start, end, cellular, wifi, tethered, share, unattributed, hotspots);
    }

    private static Instant instant(ValidationProblem.Builder problems, String field, String text) {
        if (text == null || text.isBlank()) {
            problems.add(field, "is required: an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            return null;
        }
    }
}
