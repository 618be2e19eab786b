package io.hop.contracts.provisioning;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Kafka keys of {@code provisioning.changes.v1}: {@code <type>:<id>}, e.g. {@code operator:acme}.
 * <p>
 * The topic is compacted: Kafka keeps only the last record of each key. A key must therefore name exactly one entity,
 * or a policy and a plan with the same id (or two entities keyed by their operator) would erase each other. A
 * deletion is a tombstone: a record with this key and a null value.
 */
public final class ProvisioningKeys {

    /** Entity type of operators ({@link OperatorChanged}). */
    public static final String OPERATOR = "operator";
    /** Entity type of sharing policies ({@link SharingPolicyChanged}). */
    public static final String SHARING_POLICY = "sharing-policy";
    /** Entity type of hotspot offload profiles ({@link HotspotProfileChanged}). */
    public static final String HOTSPOT_PROFILE = "hotspot-profile";
    /** Entity type of plans ({@link PlanChanged}). */
    public static final String PLAN = "plan";
    /** Entity type of device groups ({@link DeviceGroupChanged}). */
    public static final String DEVICE_GROUP = "device-group";
    /** Entity type of devices ({@link DeviceChanged}). */
    public static final String DEVICE = "device";

    private static final char SEPARATOR = ':';
    private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z]+(-[a-z]+)*");

    private ProvisioningKeys() {
    }

    /** The key of operator {@code operatorId}: {@code operator:<operatorId>}. */
    public static String operator(String operatorId) {
        return of(OPERATOR, operatorId);
    }

    /** {@code sharing-policy:<policyId>} (policy ids are unique across operators). */
    public static String sharingPolicy(String policyId) {
        return of(SHARING_POLICY, policyId);
    }

    /** {@code hotspot-profile:<profileId>}. */
    public static String hotspotProfile(String profileId) {
        return of(HOTSPOT_PROFILE, profileId);
    }

    /** {@code plan:<planId>}. */
    public static String plan(String planId) {
        return of(PLAN, planId);
    }

    /** {@code device-group:<groupId>}. */
    public static String deviceGroup(String groupId) {
        return of(DEVICE_GROUP, groupId);
    }

    /**
     * {@code device:<operatorId>:<deviceId>}: device ids are chosen by operators and unique only within one, so the key
     * (and the id a read model's {@code delete} receives) is {@link #deviceEntityId}.
     */
    public static String device(String operatorId, String deviceId) {
        return of(DEVICE, deviceEntityId(operatorId, deviceId));
    }

    /** The entity id of a device within its type: {@code <operatorId>:<deviceId>}. */
    public static String deviceEntityId(String operatorId, String deviceId) {
        return Objects.requireNonNull(operatorId, "operatorId") + SEPARATOR + Objects.requireNonNull(deviceId, "deviceId");
    }

    /** The key of entity {@code id} of {@code entityType} (lower-case words joined by '-', e.g. {@code hotspot-profile}). */
    public static String of(String entityType, String id) {
        return new Key(entityType, id).toString();
    }

    /**
     * Reads a key of the topic.
     *
     * @throws IllegalArgumentException when it is not {@code <type>:<id>} with a valid type and a non-empty id
     */
    public static Key parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("provisioning key is missing (expected <type>:<id>)");
        }
        int separator = key.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("provisioning key '" + key + "' is not <type>:<id>");
        }
        return new Key(key.substring(0, separator), key.substring(separator + 1));
    }

    /**
     * One entity of provisioning.
     *
     * @param entityType e.g. {@value #OPERATOR}
     * @param id         the entity's id within its type (may itself contain ':')
     */
    public record Key(String entityType, String id) {

        public Key {
            if (entityType == null || !ENTITY_TYPE.matcher(entityType).matches()) {
                throw new IllegalArgumentException("provisioning entity type must be lower-case words joined by '-': "
                        + entityType);
            }
            Objects.requireNonNull(id, "id");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("provisioning key of type '" + entityType + "' has an empty id");
            }
        }

        /** The Kafka key: {@code <type>:<id>}. */
        @Override
        public String toString() {
            return entityType + SEPARATOR + id;
        }
    }
}
