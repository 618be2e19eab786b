package io.hop.provisioning.device;

import jakarta.enterprise.context.ApplicationScoped;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.DeviceMatching;
import io.hop.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * A device's effective configuration: the hot path of a million devices per operator. One indexed query (the device
 * by its primary key, joined with its operator's configuration epoch), then the operator's in-memory snapshot at that
 * epoch ({@link DeviceConfigSnapshots}), the group by {@link DeviceMatching}, and pre-serialized bytes. The query
 * goes through the reactive client ({@link DeviceConfigDatabase}) outside any transaction: a read that changes
 * nothing needs neither a transaction nor a worker thread.
 */
@ApplicationScoped
public class DeviceConfigService {

    /** The device's configuration document and its version ({@code <deviceVersion>.<configEpoch>}). */
    public record DeviceConfig(String version, byte[] json) {

        /** The strong entity tag of the version. */
        public String etag() {
            return '"' + version + '"';
        }
    }

    private static final String SELECT = """
            select o.config_epoch, d.version, d.imsi, d.iccid, d.provider_id, d.provider_name
              from operator o
              left join device d on d.operator_id = o.id and d.device_id = $1
             where o.id = $2""";

    private final SqlClient database;
    private final DeviceConfigSnapshots snapshots;

    DeviceConfigService(DeviceConfigDatabase database, DeviceConfigSnapshots snapshots) {
        this.database = database.client();
        this.snapshots = snapshots;
    }

    /**
     * The configuration of device {@code deviceId} of operator {@code operatorId}. The device's row is read without
     * blocking the calling event loop; only a snapshot older than the device's epoch (once per configuration change
     * and replica) is rebuilt on a worker thread.
     *
     * @param ifNoneMatch the request's {@code If-None-Match}, or null; when it names the current version, the
     *                    result has no document ({@code json} null: answer 304)
     * @return the configuration, or a failure with a {@link ProblemException} 404 when the device is not registered
     *         or matches no device group
     */
    public Uni<DeviceConfig> config(String operatorId, String deviceId, String ifNoneMatch) {
        return Uni.createFrom()
                .completionStage(() -> database.preparedQuery(SELECT).execute(Tuple.of(deviceId, operatorId))
                        .toCompletionStage())
                .onFailure().transform(e -> new IllegalStateException("cannot read device " + deviceId, e))
                .flatMap(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    Row row = it.hasNext() ? it.next() : null;
                    if (row == null || row.getLong(1) == null) {
                        throw notRegistered(deviceId);
                    }
                    long epoch = row.getLong(0);
                    long deviceVersion = row.getLong(1);
                    DeviceMatching.HardwareIds ids = new DeviceMatching.HardwareIds(row.getString(2),
                            row.getString(3), row.getString(4), row.getString(5));
                    OperatorConfigSnapshot current = snapshots.ifAtLeast(operatorId, epoch);
                    if (current != null) {
                        return Uni.createFrom().item(configOf(current, deviceId, deviceVersion, ids, ifNoneMatch));
                    }
                    return Uni.createFrom().item(() -> configOf(snapshots.atLeast(operatorId, epoch), deviceId,
                            deviceVersion, ids, ifNoneMatch)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }

    private static DeviceConfig configOf(OperatorConfigSnapshot snapshot, String deviceId, long deviceVersion,
            DeviceMatching.HardwareIds ids, String ifNoneMatch) {
        DeviceGroupChanged group = snapshot.resolve(ids);
        if (group == null) {
            throw new ProblemException(404, "No matching device group", "device '" + deviceId
                    + "' is registered but matches none of its operator's device groups, so it has no configuration; "
                    + "the operator must add a group that matches its IMSI, ICCID or provider");
        }
        String version = deviceVersion + "." + snapshot.epoch();
        if (ifNoneMatch != null && matches(ifNoneMatch, version)) {
            return new DeviceConfig(version, null);
        }
        return new DeviceConfig(version, snapshot.document(deviceId, version, group));
    }

    /** Whether an {@code If-None-Match} value ({@code *} or a list of tags, weak or strong) names {@code version}. */
    static boolean matches(String ifNoneMatch, String version) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() == version.length() + 2 && t.charAt(0) == '"' && t.endsWith("\"")
                    && t.regionMatches(1, version, 0, version.length())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException notRegistered(String deviceId) {
        return ProblemException.notFound("device '" + deviceId + "' is not registered");
    }
}
