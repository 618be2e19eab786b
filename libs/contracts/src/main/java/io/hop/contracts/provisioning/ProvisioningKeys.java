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

    private static final char SEPARATOR = ':';
    private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z]+(-[a-z]+)*");

    private ProvisioningKeys() {
    }

    /** The key of operator {@code operatorId}: {@code operator:<operatorId>}. */
    public static String operator(String operatorId) {
        return of(OPERATOR, operatorId);
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
