package io.hop.provisioning.devicegroup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.hop.contracts.provisioning.DeviceGroupChanged;
import io.hop.contracts.provisioning.ProvisioningEvents;
import io.hop.contracts.provisioning.ProvisioningKeys;
import io.hop.platform.json.PlatformJson;
import io.hop.platform.problem.ProblemException;
import io.hop.platform.problem.ValidationProblem;
import io.hop.platform.tx.Transactor;
import io.hop.provisioning.version.ProvisioningChanges;

/**
 * Device groups: each change stores the group's row, its immutable version and its event in one transaction
 * ({@link ProvisioningChanges}), which also raises the operator's configuration epoch, so that every replica rebuilds
 * its view of the operator's device configuration on the next request.
 */
@ApplicationScoped
public class DeviceGroupService {

    private final DataSource dataSource;
    private final Transactor transactor;
    private final ProvisioningChanges changes;
    private final EntityReferences references;
    private final Clock clock = Clock.systemUTC();

    DeviceGroupService(DataSource dataSource, Transactor transactor, ProvisioningChanges changes,
            EntityReferences references) {
        this.dataSource = dataSource;
        this.transactor = transactor;
        this.changes = changes;
        this.references = references;
    }

    @Transactional
    public DeviceGroupChanged create(String operatorId, DeviceGroupRequest request) {
        validate(operatorId, request, false);
        requireOperatorExists(operatorId);
        requireFreePrecedence(operatorId, request.precedence(), null);
        DeviceGroupChanged state = stateOf(operatorId, UUID.randomUUID().toString(), request, 1);
        update("insert into device_group (id, operator_id, precedence, version, state) values (?, ?, ?, ?, cast(? as jsonb))",
                state.groupId(), operatorId, state.precedence(), state.version(), json(state));
        changes.changed(operatorId, ProvisioningKeys.DEVICE_GROUP, state.groupId(), state.version(),
                ProvisioningEvents.DEVICE_GROUP_CHANGED, state, state.changedAt());
        return state;
    }

    /** Replaces group {@code groupId} if it is still at the request's version (otherwise 409, nothing changes). */
    @Transactional
    public DeviceGroupChanged replace(String operatorId, String groupId, DeviceGroupRequest request) {
        validate(operatorId, request, true);
        DeviceGroupChanged current = find(operatorId, groupId).orElseThrow(() -> notFound(groupId));
        if (current.version() != request.version()) {
            throw staleVersion(groupId, current.version(), request.version());
        }
        requireFreePrecedence(operatorId, request.precedence(), groupId);
        DeviceGroupChanged state = stateOf(operatorId, groupId, request, current.version() + 1);
        int updated = update("update device_group set precedence = ?, version = ?, state = cast(? as jsonb) where id = ? and version = ?",
                state.precedence(), state.version(), json(state), groupId, current.version());
        if (updated != 1) {
            throw staleVersion(groupId, -1, request.version());
        }
        changes.changed(operatorId, ProvisioningKeys.DEVICE_GROUP, groupId, state.version(),
                ProvisioningEvents.DEVICE_GROUP_CHANGED, state, state.changedAt());
        return state;
    }

    /** Deletes the group: its row goes, its deletion is stored as its next version and published as a tombstone. */
    @Transactional
    public void delete(String operatorId, String groupId) {
        DeviceGroupChanged current = find(operatorId, groupId).orElseThrow(() -> notFound(groupId));
        if (update("delete from device_group where id = ? and version = ?", groupId, current.version()) != 1) {
            throw staleVersion(groupId, -1, current.version());
        }
        changes.deleted(operatorId, ProvisioningKeys.DEVICE_GROUP, groupId, current.version() + 1, now());
    }

    public Optional<DeviceGroupChanged> find(String operatorId, String groupId) {
        List<DeviceGroupChanged> found = query("select state::text from device_group where id = ? and operator_id = ?",
                groupId, operatorId);
        return found.stream().findFirst();
    }

    /** The operator's groups in the order they are tried (ascending precedence). */
    public List<DeviceGroupChanged> list(String operatorId) {
        return query("select state::text from device_group where operator_id = ? order by precedence", operatorId);
    }

    private void validate(String operatorId, DeviceGroupRequest request, boolean replace) {
        ValidationProblem.Builder problems = ValidationProblem.builder();
        DeviceGroupValidation.validate(request, replace, problems);
        if (request != null) {
            // Until this transaction ends, no policy, profile or plan of the operator can be deleted under the group.
            changes.lockAssignments(operatorId);
            reference(operatorId, ProvisioningKeys.SHARING_POLICY, request.sharingPolicyId(), "sharingPolicyId",
                    "sharing policy", problems);
            List<String> profiles = request.hotspotProfileIds() == null ? List.of() : request.hotspotProfileIds();
            if (profiles.size() <= DeviceGroupValidation.MAX_ENTRIES) {
                for (int i = 0; i < profiles.size(); i++) {
                    reference(operatorId, ProvisioningKeys.HOTSPOT_PROFILE, profiles.get(i), "hotspotProfileIds[" + i + "]",
                            "hotspot profile", problems);
                }
            }
            reference(operatorId, ProvisioningKeys.PLAN, request.planId(), "planId", "plan", problems);
        }
        problems.throwIfAny();
    }

    private void reference(String operatorId, String type, String id, String field, String what,
            ValidationProblem.Builder problems) {
        if (id != null && !id.isBlank() && id.length() <= DeviceGroupValidation.MAX_TEXT
                && !references.exists(operatorId, type, id)) {
            problems.add(field, "no " + what + " '" + id + "' of this operator");
        }
    }

    private void requireOperatorExists(String operatorId) {
        if (query("select null from operator where id = ?", operatorId).isEmpty()) {
            throw ProblemException.notFound("no operator '" + operatorId + "'");
        }
    }

    /** A friendly 409 for a taken precedence; the unique constraint settles a race (also 409). */
    private void requireFreePrecedence(String operatorId, int precedence, String exceptGroupId) {
        transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "select id from device_group where operator_id = ? and precedence = ?")) {
                select.setString(1, operatorId);
                select.setInt(2, precedence);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(exceptGroupId)) {
                        throw ProblemException.conflict("precedence " + precedence + " is taken by device group '"
                                + rs.getString(1) + "'; each group of an operator has its own precedence");
                    }
                }
            }
            return null;
        });
    }

    private DeviceGroupChanged stateOf(String operatorId, String groupId, DeviceGroupRequest request, long version) {
        return new DeviceGroupChanged(operatorId, groupId, request.name().trim(), request.precedence(),
                DeviceGroupValidation.toMatch(request.match()), blankToNull(request.sharingPolicyId()),
                request.hotspotProfileIds(), blankToNull(request.planId()), version, now());
    }

    private Instant now() {
        // Microseconds: what PostgreSQL stores, so the event and a later read agree.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String json(DeviceGroupChanged state) {
        try {
            return PlatformJson.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize device group " + state.groupId(), e);
        }
    }

    private int update(String sql, Object... parameters) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** The group states the query's first column holds (or one null per row for existence checks). */
    private List<DeviceGroupChanged> query(String sql, String... parameters) {
        return transactor.required(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                List<DeviceGroupChanged> groups = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String json = rs.getString(1);
                        groups.add(json == null ? null : read(json));
                    }
                }
                return groups;
            }
        });
    }

    private static DeviceGroupChanged read(String json) {
        try {
            return PlatformJson.mapper().readValue(json, DeviceGroupChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored device group is not readable: " + e.getMessage(), e);
        }
    }

    private static ProblemException notFound(String groupId) {
        return ProblemException.notFound("no device group '" + groupId + "'");
    }

    private static ProblemException staleVersion(String groupId, long current, long expected) {
        return ProblemException.conflict("device group '" + groupId + "' is "
                + (current > 0 ? "at version " + current : "changed") + ", not " + expected + "; read it again and retry");
    }
}
